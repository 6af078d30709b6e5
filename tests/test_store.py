"""The store: a private SQLite file, seeded once, whose users' words survive re-seeding."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import Conflict, StoreError
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.query import Criteria, EventFilter, Scope
from sco_cal.service import CalendarService
from sco_cal.store import seeding
from sco_cal.store.mapping import EVENT_COLUMNS, SOURCE_COLUMNS
from sco_cal.store.schema import EventRow, SourceRow
from sco_cal.store.seed_file import load_seed
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.store.version import SCHEMA_VERSION
from sco_cal.store.writer import load_event
from sco_cal.wiring import build_service
from tests.support.privileges import run_bound

ALL = EventFilter(scope=Scope.ALL)


@pytest.fixture
def sqlite_service(db_path: Path) -> CalendarService:
    service, _ = build_service(db=str(db_path), today=date(2026, 11, 23))
    return service


def test_first_use_creates_a_private_seeded_file(
    sqlite_service: CalendarService, db_path: Path
) -> None:
    service = sqlite_service
    assert stat.S_IMODE(db_path.stat().st_mode) == 0o600
    assert stat.S_IMODE(db_path.parent.stat().st_mode) == 0o700
    events = service.events.find(ALL)
    assert len(events) == len([e for e in load_seed().events if e.event.kind != "signing"])
    assert len(events) > 50
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)


def test_empty_store_has_no_events(fresh_db: str) -> None:
    service, _ = build_service(db=fresh_db, today=date(2026, 11, 23), seed=False)
    assert service.events.find(ALL) == []
    assert service.database.is_ready()


def test_reseeding_keeps_every_user_change(service: CalendarService, store: Store) -> None:
    target = "sco-defence-ministers-23"
    service.records.annotate(target, "Minister attends; briefing due on the 20th")
    service.records.change_status(
        target, "confirmed", note="date confirmed by MoD", source="cable 123"
    )
    service.records.edit(target, {"cities": "Moscou", "summary": "our own summary"})
    service.records.tag(target, ["priority"], [])
    before = service.events.get(target)

    # A new release of the seed data changes fields the user edited and some they did not.
    seed = load_seed()
    items = []
    for item in seed.events:
        if item.event.id == target:
            window = parse_date_phrase("premier semestre 2026")
            item = replace(
                item,
                event=replace(
                    item.event,
                    status=ConfirmationState.PROPOSED,
                    window=window,
                    title_en="23rd SCO Defence Ministers' Meeting",
                    cities=("Saint Petersburg",),
                ),
            )
        items.append(item)
    report = store.write(
        lambda s: seeding.apply_seed(
            session=s, seed=replace(seed, events=tuple(items)), now=datetime.now(UTC)
        )
    )

    after = service.events.get(target)
    assert after.status is ConfirmationState.CONFIRMED
    assert after.cities == ("Moscow",)
    assert after.summary == "our own summary"
    assert after.tags == ("priority",)
    assert [a.text for a in after.live_annotations] == [a.text for a in before.live_annotations]
    # Fields the user left alone follow the seed.
    assert after.title_en == "23rd SCO Defence Ministers' Meeting"
    assert (after.window.start, after.window.end) == (date(2026, 1, 1), date(2026, 6, 30))
    assert set(report.updated[target]) >= {"title_en", "end_date", "precision", "date_text"}
    assert set(report.kept[target]) == {"status", "cities"}
    assert report.added == []


def test_reseeding_twice_changes_nothing(service: CalendarService) -> None:
    first = service.database.reseed()
    assert first.added == [] and first.updated == {}
    assert first.unchanged == len(load_seed().events)


def test_a_crash_mid_seed_leaves_the_store_as_it_was(
    fresh_db: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = fresh_db
    calls = 0
    real_add = seeding._add

    def failing_add(*args: object) -> None:
        nonlocal calls
        calls += 1
        if calls == 20:
            raise RuntimeError("power cut")
        real_add(*args)  # type: ignore[arg-type]

    monkeypatch.setattr(seeding, "_add", failing_add)
    with pytest.raises(RuntimeError):
        build_service(db=db, today=date(2026, 11, 23))
    untouched = Store(resolve_target(db))
    # Not even the schema: creating and seeding a store is one transaction.
    assert untouched.reader.schema_version() == 0
    untouched.close()
    monkeypatch.setattr(seeding, "_add", real_add)
    service, _ = build_service(db=db, today=date(2026, 11, 23))
    assert len(service.events.find(ALL)) > 50


def test_stale_version_is_refused_without_writing(service: CalendarService) -> None:
    event = service.events.get("sco-transport-ministers-13")
    service.records.edit(event.id, {"summary": "first"}, expected_version=event.version)
    with pytest.raises(Conflict):
        service.records.edit(event.id, {"summary": "second"}, expected_version=event.version)
    assert service.events.get(event.id).summary == "first"


def test_newer_schema_is_refused(sqlite_service: CalendarService, db_path: Path) -> None:
    sqlite_service.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")
    with pytest.raises(StoreError, match="newer"):
        build_service(db=str(db_path), today=date(2026, 11, 23))


def test_read_path_columns_are_the_tables_columns() -> None:
    table_columns = set(EventRow.__table__.columns.keys())  # type: ignore[attr-defined]
    derived = {"created_at", "search_text", "span_days", "agenda_day"}
    assert set(EVENT_COLUMNS) == table_columns - derived
    assert set(SOURCE_COLUMNS) <= set(SourceRow.__table__.columns.keys())  # type: ignore[attr-defined]


def test_lean_reader_and_orm_read_the_same_events(service: CalendarService, store: Store) -> None:
    service.records.annotate("sco-summer-games-2026", "Note with «quotes» and accents: énergie")
    service.records.tag("sco-summer-games-2026", ["sport"], [])
    lean = {e.id: e for e in service.events.find(replace(ALL, kinds=()), details=True)}
    with store.session() as session:
        for event_id, event in lean.items():
            orm = load_event(session=session, event_id=event_id)
            assert replace(orm, updated_at=None) == replace(event, updated_at=None)


FILTERS = [
    Criteria(),
    Criteria(scope="all"),
    Criteria(scope="past"),
    Criteria(country=("Kirghizistan",)),
    Criteria(country=("kz", "RU"), scope="all"),
    Criteria(city=("Bichkek",), scope="all"),
    Criteria(status=("held",), scope="all"),
    Criteria(status=("provisional", "proposed")),
    Criteria(theme=("security",), scope="all"),
    Criteria(kind=("signing",), scope="all"),
    Criteria(org=("OTSC",), scope="all"),
    Criteria(date_from="2025-11", date_to="2025-12"),
    Criteria(date_from="H2 2026"),
    Criteria(follow_up=True),
    Criteria(search="energie"),
    Criteria(search="bichkek sommet", scope="all"),
    Criteria(search="100%_"),
    Criteria(series=("defence-ministers",), scope="all"),
]


@pytest.mark.parametrize("criteria", FILTERS, ids=lambda c: repr(c)[9:60])
def test_sql_filters_mean_what_the_domain_filter_means(
    service: CalendarService, store: Store, criteria: Criteria
) -> None:
    today = date(2026, 11, 23)
    flt = criteria.resolve(today)
    everything = store.reader.events(
        EventFilter(scope=Scope.ALL), today, details=True
    ) + store.reader.events(
        EventFilter(scope=Scope.ALL, kinds=(Kind.SIGNING,)), today, details=True
    )
    expected = sorted(e.id for e in everything if flt.matches(e, today))
    got = sorted(e.id for e in service.events.find(flt))
    assert got == expected


def test_unwritable_database_gives_a_store_error(
    sqlite_service: CalendarService, db_path: Path, isolated_env: Path
) -> None:
    sqlite_service.close()
    copy = db_path.parent / "ro.db"
    shutil.copy(db_path, copy)
    copy.chmod(0o400)
    result = run_bound(
        isolated_env, "annotate", "sco-summer-games-2026", "cannot land", "--db", str(copy)
    )
    assert result.returncode == 5, result.stderr
    assert result.stderr.startswith("sco-cal: error: the database is read-only")
    reread, _ = build_service(db=str(copy), today=date(2026, 11, 23), ensure=False)
    assert reread.events.get("sco-summer-games-2026").annotation_count == 0
    reread.close()

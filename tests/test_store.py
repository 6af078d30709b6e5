"""The store: a private SQLite file, seeded once, whose users' words survive re-seeding."""

from __future__ import annotations

import shutil
import sqlite3
import stat
from dataclasses import replace
from datetime import UTC, date, datetime
from pathlib import Path

import pytest
from sqlalchemy import text
from sqlmodel import Session, col, select

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import Conflict, InvalidInput, StoreError
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.query import Criteria, EventFilter, Scope
from sco_cal.service import CalendarService
from sco_cal.store import reader as reader_module
from sco_cal.store import seeding
from sco_cal.store.mapping import (
    ANNOTATION_COLUMNS,
    EVENT_COLUMNS,
    EVENT_ROW_COLUMNS,
    SOURCE_COLUMNS,
    annotation_from_row,
    event_from_row,
    event_row,
    source_from_row,
)
from sco_cal.store.reader import sqlite_row
from sco_cal.store.schema import (
    AnnotationRow,
    EventRow,
    HistoryChangeRow,
    HistoryRow,
    ReminderRow,
    SourceRow,
    TagRow,
)
from sco_cal.store.seed_file import load_seed
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.store.version import SCHEMA_VERSION
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
            tx=s, seed=replace(seed, events=tuple(items)), now=datetime.now(UTC)
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


@pytest.mark.parametrize(
    "changes",
    [
        {"series": "Not A Slug"},
        {"series": "a\x1b[2Jb"},
        {"start_date": date(1899, 12, 31)},
        {"end_date": date(2201, 1, 1)},
    ],
    ids=["series-words", "series-escape", "start-before-1900", "end-after-2200"],
)
def test_the_writer_itself_refuses_what_the_store_does_not_keep(
    service: CalendarService, store: Store, changes: dict[str, object]
) -> None:
    from sco_cal.store.writer import update_event

    before = service.events.get("sco-transport-ministers-13")
    now = datetime(2026, 11, 23, tzinfo=UTC)
    with pytest.raises(InvalidInput):
        store.write(
            lambda tx: update_event(tx=tx, event_id=before.id, changes=changes, author="t", now=now)
        )
    after = service.events.get(before.id)
    assert (after.version, after.series, after.window) == (
        before.version,
        before.series,
        before.window,
    )


@pytest.mark.parametrize(
    "bad",
    [{"id": "Has Spaces"}, {"series": "a\x1b]0;x\x07"}],
    ids=["id", "series"],
)
def test_a_new_event_must_have_slugs_whoever_writes_it(
    service: CalendarService, store: Store, bad: dict[str, str]
) -> None:
    from sco_cal.store.writer import insert_event

    event = replace(service.events.get("sco-transport-ministers-13"), **{"id": "talks-2027"} | bad)
    now = datetime(2026, 11, 23, tzinfo=UTC)
    before = store.reader.count()
    with pytest.raises(InvalidInput, match="slug"):
        store.write(lambda tx: insert_event(tx=tx, event=event, author="t", now=now))
    assert store.reader.count() == before


def test_a_write_to_a_file_that_is_not_a_database_says_so(tmp_path: Path) -> None:
    from sco_cal.store.sqlite import sqlite_writes

    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: bread, milk.\n" * 50)
    writes = sqlite_writes(notes)
    with pytest.raises(StoreError, match="is not an SQLite database"), writes.transaction():
        pass
    writes.close()
    assert notes.read_text() == "Shopping: bread, milk.\n" * 50


def test_a_write_to_a_damaged_store_says_so(sqlite_service: CalendarService, db_path: Path) -> None:
    from sco_cal.store.sqlite import sqlite_writes

    sqlite_service.close()
    with sqlite3.connect(db_path) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
        size = conn.execute("PRAGMA page_size").fetchone()[0]
    data = db_path.read_bytes()
    # Every page but the first (which names the tables) overwritten, as a failing disk might.
    db_path.write_bytes(data[:size] + b"\x5a" * (len(data) - size))
    writes = sqlite_writes(db_path)
    with pytest.raises(StoreError, match="is damaged .*sco-cal db check"):
        with writes.transaction() as tx:
            tx.fetch("SELECT id FROM event WHERE id = :id", {"id": "sco-summer-games-2026"})
    writes.close()


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


def test_an_events_row_is_what_the_store_holds(service: CalendarService, store: Store) -> None:
    """The row an import writes for a new event (`event_row`, by position) holds, column
    by column, what the store holds for it, however it was written (seeded, changed)."""
    table_columns = set(EventRow.__table__.columns.keys())  # type: ignore[attr-defined]
    stamps = {"created_at", "updated_at", "deleted_at", "search_text"}
    assert set(EVENT_ROW_COLUMNS) == table_columns - stamps
    service.records.postpone("sco-summer-games-2026", "5 octobre 2027", note="moved")
    service.records.postpone("sco-defence-ministers-23", "sine die")
    events = service.events.find(replace(ALL, kinds=()))
    assert len(events) > 20
    assert any(e.sine_die for e in events) and any(e.cities for e in events)
    sql = text(f"SELECT {', '.join(EVENT_ROW_COLUMNS)} FROM event WHERE id = :id")
    with store.engine.connect() as conn:
        for event in events:
            expected = event_row(event)
            if conn.dialect.name == "sqlite":  # dates as ISO text, as SQLite holds them
                expected = tuple(sqlite_row(expected))
            assert tuple(conn.execute(sql, {"id": event.id}).one()) == expected


def test_lean_writes_and_reads_agree_with_the_orm(service: CalendarService, store: Store) -> None:
    """The lean path writes rows the SQLModel tables read back as the same values (times
    in SQLAlchemy's own text form on SQLite), and reads what the tables hold."""
    target = "sco-summer-games-2026"
    note = service.records.annotate(target, "Note with «quotes» and accents: énergie")
    service.records.annotate(target, "A second note, deleted")
    service.records.unannotate(target, note.id + 1)
    service.records.tag(target, ["sport"], [])
    service.records.postpone(target, "5 octobre 2027", note="moved")
    (reminder,) = service.reminders.add(target, ["14d"])
    service.reminders.snooze(reminder.id, "3d")
    lean = {e.id: e for e in service.events.find(replace(ALL, kinds=()), details=True)}
    with Session(store.engine) as session:
        for event_id, event in lean.items():
            orm = orm_event(session, event_id)
            assert orm == replace(event, annotations=orm.annotations, tags=orm.tags)
            assert orm.annotations == event.live_annotations
            assert orm.tags == event.tags
        full = service.events.get(target)
        rows = session.exec(
            select(HistoryRow).where(HistoryRow.event_id == target).order_by(col(HistoryRow.id))
        ).all()
        assert [(r.action, r.note, r.source, r.at.replace(tzinfo=UTC)) for r in rows] == [
            (h.action, h.note, h.source, h.at) for h in full.history
        ]
        for r, h in zip(rows, full.history, strict=True):
            changes = session.exec(
                select(HistoryChangeRow)
                .where(HistoryChangeRow.history_id == r.id)
                .order_by(col(HistoryChangeRow.id))
            ).all()
            assert [(c.field, c.old, c.new) for c in changes] == [
                (c.field, c.old, c.new) for c in h.changes
            ]
        # One action, one entry: the postponement lists its state and its dates together.
        (moved,) = [h for h in full.history if h.action == "status"]
        assert {"status", "start_date", "end_date"} <= {c.field for c in moved.changes}
        stored = session.get(ReminderRow, reminder.id)
        assert stored is not None and stored.snoozed_until == full.reminders[0].snoozed_until
        assert stored.created_at.replace(tzinfo=UTC) == full.reminders[0].created_at
        deleted = session.get(AnnotationRow, note.id + 1)
        assert deleted is not None and deleted.deleted_at is not None


def orm_event(session: Session, event_id: str) -> Event:
    """An event, its sources, live notes and tags as the SQLModel tables read them."""
    row = session.get(EventRow, event_id)
    assert row is not None
    sources = session.exec(
        select(SourceRow).where(SourceRow.event_id == event_id).order_by(col(SourceRow.id))
    ).all()
    notes = session.exec(
        select(AnnotationRow)
        .where(AnnotationRow.event_id == event_id, col(AnnotationRow.deleted_at).is_(None))
        .order_by(col(AnnotationRow.created_at), col(AnnotationRow.id))
    ).all()
    tags = session.exec(
        select(TagRow.tag).where(TagRow.event_id == event_id).order_by(col(TagRow.tag))
    ).all()
    annotations = tuple(annotation_from_row(_values(n, ANNOTATION_COLUMNS)) for n in notes)
    return replace(
        event_from_row(_values(row, EVENT_COLUMNS), len(annotations)),
        sources=tuple(source_from_row(_values(s, SOURCE_COLUMNS)) for s in sources),
        annotations=annotations,
        tags=tuple(tags),
    )


def _values(row: object, columns: tuple[str, ...]) -> tuple[object, ...]:
    return tuple(getattr(row, c) for c in columns)


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


@pytest.mark.parametrize("criteria", FILTERS[:3], ids=lambda c: repr(c)[9:60])
def test_details_of_many_events_are_each_events_own(
    service: CalendarService, store: Store, criteria: Criteria, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Details read for every event a filter picks at once (more events than one query
    names by id) are those read for each event alone: same sources, notes, tags, order."""
    target = "sco-summer-games-2026"
    service.records.annotate(target, "First note")
    service.records.annotate(target, "Second note")
    deleted = service.records.annotate(target, "A note deleted since")
    service.records.unannotate(target, deleted.id)
    service.records.tag(target, ["sport", "athletes"], [])
    monkeypatch.setattr(reader_module, "_CHUNK", 3)  # the seeded store then counts as many
    today = date(2026, 11, 23)
    together = store.reader.events(criteria.resolve(today), today, details=True)
    assert len(together) > 3
    assert any(e.sources for e in together)
    if criteria.scope == "all":
        assert target in {e.id for e in together}
    for event in together:
        alone = store.reader.event(event.id, everything=False)
        assert (event.sources, event.annotations, event.tags) == (
            alone.sources,
            alone.annotations,
            alone.tags,
        )


def test_an_excerpt_is_the_newest_part_of_the_whole_event(service: CalendarService) -> None:
    """What a screen reads of an event with many notes: its newest notes (a deleted one
    among them) and history entries, in the order of the whole, and how many in all."""
    target = "sco-summer-games-2026"
    notes = [service.records.annotate(target, f"note {i}") for i in range(6)]
    service.records.unannotate(target, notes[-2].id)
    whole = service.events.get(target)
    assert len(whole.annotations) == 6 and len(whole.history) > 7

    excerpt = service.events.excerpt(target, 3)
    assert excerpt.annotations == 6 and excerpt.history == len(whole.history)
    assert excerpt.event.annotations == whole.annotations[-3:]
    assert excerpt.event.annotations[1].deleted_at is not None
    assert excerpt.event.history == whole.history[-3:]
    assert replace(excerpt.event, annotations=(), history=()) == replace(
        whole, annotations=(), history=()
    )
    roomy = service.events.excerpt(target, 100)
    assert roomy.event == whole
    assert (roomy.annotations, roomy.history) == (6, len(whole.history))


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

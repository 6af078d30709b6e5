"""iCalendar import: files from Outlook, Google, Thunderbird and khal, and broken ones."""

from __future__ import annotations

import json
from collections.abc import Iterator
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.interchange.importer import read_ics
from sco_cal.interchange.incoming import ReadOptions
from sco_cal.service import CalendarService
from sco_cal.store.imports import import_parsed
from sco_cal.store.seed_file import load_seed
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target

# Every event of the seed calendar, signings included.
SEEDED = len(load_seed().events)

FIXTURES = Path(__file__).parent / "fixtures" / "ics"
EVERYTHING = EventFilter(scope=Scope.ALL, kinds=tuple(Kind))
TODAY = date(2026, 11, 23)


@pytest.fixture
def empty_store(empty: CalendarService, tmp_path: Path) -> Iterator[Store]:
    store = Store(resolve_target(str(tmp_path / "empty.db")))
    yield store
    store.close()


def exported_file(service: CalendarService, path: Path) -> Path:
    path.write_bytes(service.calendars.export_ics(EVERYTHING))
    return path


def provisional(service: CalendarService) -> Event:
    return next(e for e in service.events.find(EVERYTHING) if e.status.value == "provisional")


def what_people_see(event: Event) -> dict[str, Any]:
    """Window, state, place, titles and the rest of what an export must carry."""
    return {
        "window": event.window,
        "status": event.status,
        "country": event.country,
        "cities": event.cities,
        "title": event.title,
        "title_en": event.title_en,
        "organisation": event.organisation,
        "kind": event.kind,
        "theme": event.theme,
        "series": event.series,
        "number": event.number,
        "summary": event.summary,
        "start_time": event.start_time,
        "timezone": event.timezone,
        "tags": event.tags,
        "sources": [(s.document, s.excerpt, s.document_date) for s in event.sources],
    }


def test_round_trip_into_an_empty_store_reproduces_every_event(
    service: CalendarService, empty: CalendarService, tmp_path: Path
) -> None:
    one = service.events.find(EVERYTHING)[0]
    service.records.edit(one.id, {"time": "18:45", "timezone": "Asia/Tashkent"})
    service.records.tag(one.id, ["briefing"], [])
    report = empty.calendars.import_file(exported_file(service, tmp_path / "all.ics"))
    originals = {e.id: e for e in service.events.find(EVERYTHING, details=True)}
    copies = {e.id: e for e in empty.events.find(EVERYTHING, details=True)}
    assert sorted(report.added) == sorted(originals) and len(originals) == SEEDED
    for event_id, original in originals.items():
        assert what_people_see(copies[event_id]) == what_people_see(original), event_id
        assert copies[event_id].origin == "import:all.ics"


def test_a_second_import_changes_nothing(
    service: CalendarService, empty: CalendarService, tmp_path: Path
) -> None:
    file = exported_file(service, tmp_path / "all.ics")
    empty.calendars.import_file(file)
    changes = len(empty.events.log(limit=None))
    again = empty.calendars.import_file(file)
    assert (again.added, again.updated, again.skipped) == ([], {}, [])
    assert len(again.unchanged) == SEEDED
    assert len(empty.events.find(EVERYTHING)) == SEEDED
    assert len(empty.events.log(limit=None)) == changes


def test_importing_a_store_s_own_export_back_changes_nothing(
    service: CalendarService, tmp_path: Path
) -> None:
    report = service.calendars.import_file(exported_file(service, tmp_path / "mine.ics"))
    assert len(report.unchanged) == SEEDED and not report.added and not report.skipped


def test_a_newer_export_updates_with_history(
    service: CalendarService, empty: CalendarService, tmp_path: Path
) -> None:
    empty.calendars.import_file(exported_file(service, tmp_path / "desk.ics"))
    event = provisional(service)
    service.records.postpone(event.id, "mars 2027")
    report = empty.calendars.import_file(exported_file(service, tmp_path / "desk.ics"))
    assert report.updated == {
        event.id: ["date_text", "end_date", "precision", "start_date", "status"]
    }
    moved = empty.events.get(event.id)
    assert (moved.window.start, moved.window.end, moved.status.value) == (
        date(2027, 3, 1),
        date(2027, 3, 31),
        "postponed",
    )
    imported = [h for h in moved.history if h.action == "import"]
    # One import is one history entry, listing each field it changed.
    assert len(imported) == 1 and set(imported[0].fields) == set(report.updated[event.id])
    assert {h.source for h in imported} == {"import:desk.ics"}
    assert {h.author for h in imported} == {"tester"}


def test_a_person_s_edit_is_kept_and_reported(
    service: CalendarService, empty: CalendarService, tmp_path: Path
) -> None:
    empty.calendars.import_file(exported_file(service, tmp_path / "desk.ics"))
    event = provisional(service)
    empty.records.change_status(event.id, "cancelled", note="heard by phone")
    service.records.edit(event.id, {"title_en": "A better title"})
    service.records.change_status(event.id, "held")
    report = empty.calendars.import_file(exported_file(service, tmp_path / "desk.ics"))
    kept = empty.events.get(event.id)
    assert kept.status.value == "cancelled"  # the person's word stands
    assert kept.title_en == "A better title"  # what nobody touched follows the file
    assert report.updated == {event.id: ["title_en"]}
    (skipped,) = report.skipped
    assert skipped.what.startswith(event.id)
    assert "status changed by tester" in skipped.reason and "not overwritten" in skipped.reason


def test_events_not_created_by_an_import_are_never_overwritten(
    service: CalendarService, tmp_path: Path
) -> None:
    file = exported_file(service, tmp_path / "mine.ics")
    event = service.events.find(EVERYTHING)[0]
    service.records.edit(event.id, {"title_en": "Edited here"})
    report = service.calendars.import_file(file)
    assert service.events.get(event.id).title_en == "Edited here"
    (skipped,) = report.skipped
    assert "added by the seed data, not by an import" in skipped.reason
    assert "title_en" in skipped.reason


def fixture_cases() -> list[Any]:
    return [
        pytest.param(path, id=path.stem)
        for path in sorted(FIXTURES.glob("*.ics"))
        if path.with_suffix(".expected.json").exists()
    ]


@pytest.mark.parametrize("path", fixture_cases())
def test_real_world_files_import_what_they_can(cli: Any, path: Path) -> None:
    """Each file of the corpus: the events it holds that can be read come in, each one
    left out is reported with its line, UID and reason, and --strict refuses the file
    at its first fault (writing nothing) or imports the same."""
    expected = json.loads(path.with_suffix(".expected.json").read_text(encoding="utf-8"))
    before = cli.json("list", "--all")
    if "error" in expected:  # not a calendar at all: refused either way
        for mode in ([], ["--strict"]):
            result = cli("import", str(path), *expected["args"], *mode, "--format", "json")
            assert (result.exit_code, result.stdout) == (2, "")
            assert result.stderr == f"sco-cal: error: {expected['error']}\n"
        assert cli.json("list", "--all") == before
        return
    if "strict" in expected:
        strict = cli("import", str(path), *expected["args"], "--strict", "--format", "json")
        assert (strict.exit_code, strict.stdout) == (2, "")
        assert strict.stderr == f"sco-cal: error: {expected['strict']}\n"
        assert cli.json("list", "--all") == before  # nothing written
    result = cli("import", str(path), *expected["args"], "--format", "json")
    assert result.exit_code == 0, result.output
    report = json.loads(result.stdout)
    counts = {key: len(report[key]) for key in ("added", "updated", "unchanged", "skipped")}
    assert counts == expected["report"]
    assert sorted(a["id"] for a in report["added"]) == sorted(expected["events"])
    skipped = [{k: s[k] for k in ("line", "uid", "reason")} for s in report["skipped"]]
    assert skipped == expected.get("skipped", [])
    for event_id, fields in expected["events"].items():
        shown = cli.json("show", event_id)
        assert {k: shown[k] for k in fields} == fields, event_id
        assert shown["origin"] == f"import:{path.name}"
    again = json.loads(cli("import", str(path), *expected["args"], "--format", "json").stdout)
    assert len(again["unchanged"]) == len(expected["events"]) and not again["added"]
    if "strict" not in expected:
        strict = cli("import", str(path), *expected["args"], "--strict", "--format", "json")
        assert strict.exit_code == 0, strict.output


def test_a_broken_line_costs_its_event_only(cli: Any) -> None:
    broken = FIXTURES / "broken_line.ics"
    result = cli("import", str(broken), "--format", "table")
    assert result.exit_code == 0
    assert "added 1, updated 0, unchanged 0, skipped 1" in result.stdout
    assert "line 16" in result.stdout and "THIS LINE HAS NO COLON" in result.stdout
    assert "damaged-1@desk.example.org" in result.stdout
    strict = cli("import", str(broken), "--strict")
    assert strict.exit_code == 2
    assert "line 16" in strict.stderr and "THIS LINE HAS NO COLON" in strict.stderr


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"", "is empty"),
        (b"\x00\x01\x02\xff\xfe" * 40, "is not a text file"),
        (bytes(range(1, 256)) * 4, "not UTF-8 text"),
        (b"BEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\n", "line 1: BEGIN:VEVENT outside a VCALENDAR"),
        (b"SUMMARY:hello\r\nDTSTART:20270101\r\n", "is not an iCalendar file"),
    ],
    ids=["empty", "binary", "not-utf8", "no-vcalendar", "no-calendar"],
)
def test_what_is_not_a_calendar_is_refused_in_one_line_and_writes_nothing(
    cli: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    before = cli.json("log", "--limit", "1000")
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    for mode in ([], ["--strict"]):
        result = cli("import", str(path), *mode)
        assert result.exit_code == 2
        assert result.stderr.count("\n") == 1
        assert result.stderr.startswith("sco-cal: error: bad.ics")
        assert message in result.stderr
    assert cli.json("log", "--limit", "1000") == before


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\n",
            "line 3: BEGIN:VEVENT is never closed",
        ),
        (
            b"BEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\nEND:VTODO\r\nEND:VCALENDAR\r\n",
            "line 3: END:VTODO where END:VEVENT was expected",
        ),
    ],
    ids=["unclosed", "mismatched"],
)
def test_a_broken_event_is_reported_or_refuses_a_strict_import(
    cli: Any, tmp_path: Path, content: bytes, message: str
) -> None:
    before = cli.json("log", "--limit", "1000")
    path = tmp_path / "bad.ics"
    path.write_bytes(content)
    strict = cli("import", str(path), "--strict")
    assert strict.exit_code == 2 and strict.stderr.count("\n") == 1
    assert f"bad.ics {message}" in strict.stderr
    lenient = cli("import", str(path), "--org", "SCO", "--format", "json")
    assert lenient.exit_code == 0
    (skipped,) = json.loads(lenient.stdout)["skipped"]
    assert message.partition(": ")[2] in skipped["reason"]
    assert cli.json("log", "--limit", "1000") == before


def test_a_file_that_names_no_organisation_asks_for_org(cli: Any) -> None:
    result = cli("import", str(FIXTURES / "outlook.ics"))
    assert result.exit_code == 2
    assert "2 events name no organisation" in result.stderr and "--org" in result.stderr


def test_dry_run_reports_and_writes_nothing(cli: Any) -> None:
    result = cli("import", str(FIXTURES / "thunderbird.ics"), "--dry-run", "--format", "table")
    assert result.exit_code == 0
    assert "added 1" in result.stdout and "dry run: nothing was written" in result.stdout
    assert "CSTO Permanent Council" in result.stdout
    assert cli("show", "ics-51134d6772").exit_code == 3


def test_recurring_events_expand_over_the_next_two_years_by_default(cli: Any) -> None:
    report = json.loads(cli("import", str(FIXTURES / "recurring.ics"), "--format", "json").stdout)
    ids = [a["id"] for a in report["added"]]
    assert report["expanded"] == {"from": "2026-11-23", "to": "2028-11-23"}
    assert sum(i.startswith("ics-21d3b66652-") for i in ids) == 5  # six weeks less one EXDATE
    assert sum(i.startswith("ics-3ba1253e52-") for i in ids) == 24  # Dec 2026 .. Nov 2028
    assert "ics-21d3b66652-20261209" not in ids  # the excluded date


def test_a_series_with_no_occurrence_in_range_is_reported(cli: Any) -> None:
    result = cli(
        "import",
        str(FIXTURES / "recurring.ics"),
        "--from",
        "2030-01-01",
        "--to",
        "2030-01-10",
        "--format",
        "json",
    )
    report = json.loads(result.stdout)
    assert report["added"] == []
    assert [s["reason"] for s in report["skipped"]] == [
        "recurring, with no occurrence between 2030-01-01 and 2030-01-10"
    ] * 2


def test_a_duplicated_uid_is_skipped_with_the_reason(cli: Any, tmp_path: Path) -> None:
    text = (FIXTURES / "allday.ics").read_text(encoding="utf-8")
    first_event = text[text.index("BEGIN:VEVENT") : text.index("END:VEVENT") + len("END:VEVENT\n")]
    doubled = tmp_path / "doubled.ics"
    doubled.write_text(
        text.replace("END:VCALENDAR", first_event + "END:VCALENDAR"), encoding="utf-8"
    )
    report = json.loads(cli("import", str(doubled), "--format", "json").stdout)
    assert len(report["added"]) == 3
    assert report["skipped"] == [
        {
            "what": "line 29 'SCO Day reception'",
            "reason": "same UID as the event on line 4",
            "line": 29,
            "uid": "K3N9QW0ZPD7H2Y5GJ1RT4UVX8M6BA0CE",
        }
    ]


def test_a_file_is_told_from_its_content_whatever_its_name(cli: Any, tmp_path: Path) -> None:
    renamed = tmp_path / "calendar.txt"
    renamed.write_bytes((FIXTURES / "thunderbird.ics").read_bytes())
    assert json.loads(cli("import", str(renamed), "--format", "json").stdout)["format"] == "ics"


def test_a_missing_file_is_invalid_input(cli: Any, tmp_path: Path) -> None:
    result = cli("import", str(tmp_path / "nowhere.ics"))
    assert result.exit_code == 2 and "cannot read" in result.stderr


VALID = [(FIXTURES / name).read_bytes() for name in ("outlook.ics", "recurring.ics", "google.ics")]


@st.composite
def mutated(draw: st.DrawFn) -> bytes:
    """A valid file with a few lines deleted, doubled, swapped, cut or overwritten."""
    lines = draw(st.sampled_from(VALID)).split(b"\r\n")
    for _ in range(draw(st.integers(1, 4))):
        i = draw(st.integers(0, len(lines) - 1))
        how = draw(st.sampled_from(["delete", "double", "swap", "cut", "text", "bytes"]))
        if how == "delete":
            del lines[i]
        elif how == "double":
            lines.insert(i, lines[i])
        elif how == "swap":
            j = draw(st.integers(0, len(lines) - 1))
            lines[i], lines[j] = lines[j], lines[i]
        elif how == "cut":
            lines[i] = lines[i][: draw(st.integers(0, max(0, len(lines[i]) - 1)))]
        elif how == "text":
            lines[i] = draw(st.text(max_size=40)).encode("utf-8", "surrogatepass")
        else:
            lines[i] = draw(st.binary(max_size=20))
        if not lines:
            break
    return b"\r\n".join(lines)


@settings(
    max_examples=300,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    st.one_of(
        mutated(),
        st.text(max_size=300).map(lambda t: t.encode("utf-8", "surrogatepass")),
        st.binary(max_size=300),
        st.text(alphabet="BEGIN:VCALENDAREVTDSTZ;=0123456789\r\n ", max_size=300).map(str.encode),
    ),
    st.booleans(),
)
def test_any_input_gives_a_report_or_one_clean_error(
    empty_store: Store, data: bytes, strict: bool
) -> None:
    opts = ReadOptions(name="fuzz.ics", today=TODAY, organisation="SCO", strict=strict)
    try:
        parsed = read_ics(data, opts)
    except InvalidInput as exc:
        assert str(exc).startswith("fuzz.ics") and "\n" not in str(exc).strip()
        return
    report = import_parsed(
        empty_store, parsed, name="fuzz.ics", author="tester", now=datetime.now(UTC), dry_run=True
    )
    assert len(report.added) + len(report.unchanged) == len(parsed.items)

"""Fuzzy windows in calendar programs: a marker on the first day, not a year of entries.

Checked in the real khal and calcurse: imported into each, a day view of any day of
2026 shows a window coarser than a month only on the day it opens.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.service import CalendarService
from sco_cal.wiring import build_service
from tests.support.databases import copy_sqlite
from tests.test_ics_export import khal, khal_config
from tests.test_ics_import import what_people_see

EVERYTHING = EventFilter(scope=Scope.ALL, kinds=tuple(Kind))
COARSE = {"quarter", "half", "season", "year"}
YEAR = [date(2026, 1, 1) + timedelta(days=i) for i in range(365)]


def is_coarse(event: Event) -> bool:
    return event.window.precision.value in COARSE or event.window.open_ended


def vevents(data: bytes) -> dict[str, Any]:
    return {
        str(e["UID"]).removesuffix("@sco-cal"): e for e in Calendar.from_ical(data).walk("VEVENT")
    }


def test_the_seed_has_windows_of_every_kind(service: CalendarService) -> None:
    events = service.events.find(EVERYTHING)
    assert sum(is_coarse(e) for e in events) >= 9
    assert any(e.window.precision.value == "month" for e in events)
    assert any(e.window.open_ended for e in events)


def test_by_default_a_coarse_window_is_one_marker_on_its_first_day(
    service: CalendarService,
) -> None:
    shown = vevents(service.calendars.export_ics(EVERYTHING))
    for event in service.events.find(EVERYTHING):
        vevent = shown[event.id]
        start, end = vevent["DTSTART"].dt, vevent["DTEND"].dt
        assert start == event.window.start, event.id
        if is_coarse(event):
            assert end == start + timedelta(days=1), event.id
            assert str(vevent["TRANSP"]) == "TRANSPARENT"
            w = event.window
            assert str(vevent["X-SCO-CAL-WINDOW"]) == f"{w.start.isoformat()}/{w.end.isoformat()}"
            assert str(vevent["SUMMARY"]).endswith(f"[{format_window(w, 'en')}]")
            assert f"({w.start} .. {w.end})" in str(vevent["DESCRIPTION"])
        else:
            assert end == event.window.end + timedelta(days=1), event.id  # a month stays a span
            assert "X-SCO-CAL-WINDOW" not in vevent and "TRANSP" not in vevent


def test_skip_leaves_coarse_windows_out(service: CalendarService) -> None:
    shown = vevents(service.calendars.export_ics(EVERYTHING, fuzzy="skip"))
    events = service.events.find(EVERYTHING)
    assert set(shown) == {e.id for e in events if not is_coarse(e)}
    assert len(shown) < len(events)


@pytest.mark.parametrize("mode", ["marker", "span", "skip"])
def test_every_mode_comes_back_with_its_window_and_precision(
    service: CalendarService, empty: CalendarService, tmp_path: Path, mode: str
) -> None:
    file = tmp_path / f"{mode}.ics"
    file.write_bytes(service.calendars.export_ics(EVERYTHING, fuzzy=mode))
    report = empty.calendars.import_file(file)
    originals = {e.id: e for e in service.events.find(EVERYTHING, details=True)}
    copies = {e.id: e for e in empty.events.find(EVERYTHING, details=True)}
    expected = {i for i, e in originals.items() if mode != "skip" or not is_coarse(e)}
    assert set(report.added) == set(copies) == expected
    for event_id in expected:
        assert what_people_see(copies[event_id]) == what_people_see(originals[event_id])
    again = service.calendars.import_file(file)  # the store's own export: nothing to change
    assert len(again.unchanged) == len(expected) and not again.updated


def test_a_marker_moved_in_a_calendar_program_is_a_new_date(
    service: CalendarService, empty: CalendarService, tmp_path: Path
) -> None:
    event = next(e for e in service.events.find(EVERYTHING) if e.window.precision.value == "year")
    data = service.calendars.export_ics(EVERYTHING).decode("utf-8")
    day = f"{event.window.start:%Y%m%d}"
    block = data[data.index(f"UID:{event.id}@sco-cal") - 2000 :]
    block = block[block.rindex("BEGIN:VEVENT", 0, 2000) :]
    block = block[: block.index("END:VEVENT")]
    moved = block.replace(f"DTSTART;VALUE=DATE:{day}", "DTSTART;VALUE=DATE:20260915").replace(
        f"DTEND;VALUE=DATE:{(event.window.start + timedelta(days=1)):%Y%m%d}",
        "DTEND;VALUE=DATE:20260916",
    )
    assert moved != block
    file = tmp_path / "moved.ics"
    file.write_text(data.replace(block, moved), encoding="utf-8")
    empty.calendars.import_file(file)
    copy = empty.events.get(event.id)
    assert (copy.window.start, copy.window.end) == (date(2026, 9, 15), date(2026, 9, 15))
    assert copy.window.precision.value == "day"


def test_fuzzy_is_for_the_ics_format(cli: Any) -> None:
    result = cli("export", "--fuzzy", "skip", "--format", "json")
    assert result.exit_code == 2 and "--fuzzy" in result.stderr
    assert cli("export", "--fuzzy", "blurry").exit_code == 2


def test_a_feed_takes_fuzzy_too(cli: Any, tmp_path: Path) -> None:
    assert cli("export", "--feed", str(tmp_path), "--fuzzy", "skip").exit_code == 0
    everything = vevents(cli("export", "--fuzzy", "span").stdout_bytes)
    fed = vevents((tmp_path / "sco-cal.ics").read_bytes())
    assert 0 < len(fed) < len(everything)


def violations(days: dict[date, list[str]], events: list[Event]) -> list[tuple[date, str]]:
    """(day, title) for each coarse window shown on a day other than its first."""
    coarse = {f"{e.title_en} [{format_window(e.window, 'en')}]": e for e in events if is_coarse(e)}
    return [
        (day, title)
        for day, titles in days.items()
        for title in titles
        if title in coarse and day != coarse[title].window.start
    ]


def khal_days(service: CalendarService, tmp_path: Path, mode: str) -> dict[date, list[str]]:
    file = tmp_path / f"{mode}.ics"
    file.write_bytes(service.calendars.export_ics(EVERYTHING, fuzzy=mode))
    config = khal_config(tmp_path / f"khal-{mode}")
    khal(config, "import", "--batch", "-a", "sco", str(file))
    listed = khal(
        config, "list", "--day-format", "DAY {date}", "--format", "{title}", "2026-01-01", "365d"
    )
    return _by_day(listed, re.compile(r"DAY (\d{4}-\d{2}-\d{2})$"), lambda line: line)


def calcurse_days(service: CalendarService, tmp_path: Path, mode: str) -> dict[date, list[str]]:
    exe = shutil.which("calcurse")
    if exe is None:
        pytest.skip("calcurse is not installed (apt-get install calcurse)")
    file = tmp_path / f"{mode}.ics"
    file.write_bytes(service.calendars.export_ics(EVERYTHING, fuzzy=mode))
    data, conf = tmp_path / f"calcurse-{mode}", tmp_path / f"calcurse-conf-{mode}"
    data.mkdir()
    conf.mkdir()
    base = [exe, "-D", str(data), "-C", str(conf)]
    env = {"TZ": "UTC", "HOME": str(tmp_path), "PATH": "/usr/bin:/bin"}
    run = subprocess.run([*base, "-i", str(file)], capture_output=True, text=True, env=env)
    assert run.returncode == 0 and "0 skipped" in run.stdout, run.stdout + run.stderr
    query = [*base, "--input-datefmt", "4", "--output-datefmt", "%Y-%m-%d", "-Q"]
    listed = subprocess.run(
        [*query, "--from", "2026-01-01", "--days", "365"],
        capture_output=True,
        text=True,
        env=env,
        check=True,
        timeout=120,
    ).stdout
    return _by_day(listed, re.compile(r"(\d{4}-\d{2}-\d{2}):$"), lambda line: line[3:])


def _by_day(listed: str, heading: re.Pattern[str], title: Any) -> dict[date, list[str]]:
    days: dict[date, list[str]] = {}
    current: list[str] | None = None
    for line in listed.splitlines():
        found = heading.match(line)
        if found:
            current = days.setdefault(date.fromisoformat(found.group(1)), [])
        elif line.strip() and current is not None:
            current.append(title(line))
    return days


@pytest.mark.parametrize("db", ["sqlite"], indirect=True)  # the same file from either engine
@pytest.mark.parametrize("days_in", [khal_days, calcurse_days], ids=["khal", "calcurse"])
def test_no_day_of_2026_shows_a_year_long_entry(
    service: CalendarService, tmp_path: Path, days_in: Any
) -> None:
    events = service.events.find(EVERYTHING)
    spans = days_in(service, tmp_path, "span")
    # The test can tell: spread over their days, coarse windows fill every day of 2026.
    assert len(violations(spans, events)) > 365
    assert all(len(spans.get(day, [])) >= 7 for day in YEAR)
    markers = days_in(service, tmp_path, "marker")
    assert violations(markers, events) == []
    shown = {title for titles in markers.values() for title in titles}
    first_days = [e for e in events if is_coarse(e) and e.window.start.year == 2026]
    assert first_days and all(
        f"{e.title_en} [{format_window(e.window, 'en')}]" in markers[e.window.start]
        for e in first_days
    )
    assert len(shown) >= len(first_days)


@pytest.mark.parametrize("mode", ["marker", "span", "skip"])
def test_the_file_is_the_same_from_either_engine(
    service: CalendarService, seeded_sqlite: Path, tmp_path: Path, mode: str
) -> None:
    """What a calendar program shows depends only on the file: the same bytes from
    PostgreSQL as from SQLite (the times of the export and of seeding each store aside),
    so the programs themselves are run on one engine below."""
    copy_sqlite(seeded_sqlite, tmp_path / "other.db")
    other, _ = build_service(db=str(tmp_path / "other.db"), today=date(2026, 11, 23))
    try:
        assert _stampless(service.calendars.export_ics(EVERYTHING, fuzzy=mode)) == _stampless(
            other.calendars.export_ics(EVERYTHING, fuzzy=mode)
        )
    finally:
        other.close()


def _stampless(data: bytes) -> list[bytes]:
    stamps = (b"DTSTAMP:", b"LAST-MODIFIED:", b"CREATED:")
    return [line for line in data.splitlines() if not line.startswith(stamps)]

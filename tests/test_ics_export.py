"""iCalendar export: what Outlook, Thunderbird and khal receive from sco-cal."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path
from typing import Any

import pytest
from icalendar import Calendar

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.service import CalendarService
from sco_cal.store.seed_file import load_seed
from tests.support.env import subprocess_env
from tests.support.modules import loaded_after

# Every event of the seed calendar, signings included.
SEEDED = len(load_seed().events)

EVERYTHING = EventFilter(scope=Scope.ALL, kinds=tuple(Kind))
STATUS = {
    "proposed": "TENTATIVE",
    "provisional": "TENTATIVE",
    "postponed": "TENTATIVE",
    "confirmed": "CONFIRMED",
    "held": "CONFIRMED",
    "cancelled": "CANCELLED",
}


def exported(service: CalendarService, **options: Any) -> dict[str, Any]:
    """The export parsed back by icalendar: VEVENTs by their UID."""
    cal = Calendar.from_ical(service.calendars.export_ics(EVERYTHING, **options))
    return {str(e["UID"]): e for e in cal.walk("VEVENT")}


def first(service: CalendarService, test: Any) -> Event:
    return next(e for e in service.events.find(EVERYTHING, details=True) if test(e))


def upcoming_day(service: CalendarService) -> Event:
    """A provisional event moved to one exact day ahead of the fixed today."""
    event = first(service, lambda e: e.status is ConfirmationState.PROVISIONAL)
    return service.records.reschedule(event.id, "2027-02-10")


def test_one_vevent_per_event_with_a_uid_from_its_id(service: CalendarService) -> None:
    events = service.events.find(EVERYTHING)
    data = service.calendars.export_ics(EVERYTHING)
    cal = Calendar.from_ical(data)
    assert str(cal["VERSION"]) == "2.0" and "sco-cal" in str(cal["PRODID"])
    assert {str(e["UID"]) for e in cal.walk("VEVENT")} == {f"{e.id}@sco-cal" for e in events}
    assert len(cal.walk("VEVENT")) == len(events) == SEEDED


def test_a_re_export_gives_the_same_uids_and_the_same_bytes(service: CalendarService) -> None:
    assert service.calendars.export_ics(EVERYTHING) == service.calendars.export_ics(EVERYTHING)


def test_states_map_to_rfc5545_status(service: CalendarService) -> None:
    vevents = exported(service)
    events = service.events.find(EVERYTHING)
    assert {e.status.value for e in events} >= {"provisional", "confirmed", "held"}
    for event in events:
        vevent = vevents[f"{event.id}@sco-cal"]
        assert str(vevent["STATUS"]) == STATUS[event.status.value], event.id


def test_a_fuzzy_window_spans_its_days_labelled_in_the_summary_when_asked(
    service: CalendarService,
) -> None:
    event = first(service, lambda e: e.window.precision.value == "half")
    vevent = exported(service, fuzzy="span")[f"{event.id}@sco-cal"]
    assert vevent["DTSTART"].dt == event.window.start
    assert vevent["DTSTART"].params.get("VALUE") == "DATE"
    assert vevent["DTEND"].dt == event.window.end + timedelta(days=1)  # exclusive
    assert str(vevent["SUMMARY"]).endswith(f"[{format_window(event.window, 'en')}]")
    assert event.window.text in str(vevent["DESCRIPTION"])


def test_an_exact_day_has_no_label_and_a_one_day_span(service: CalendarService) -> None:
    event = first(service, lambda e: e.window.precision.value == "day" and not e.start_time)
    vevent = exported(service)[f"{event.id}@sco-cal"]
    assert str(vevent["SUMMARY"]) == event.title_en
    assert vevent["DTEND"].dt - vevent["DTSTART"].dt == timedelta(days=1)


def test_the_summary_and_place_follow_the_language(service: CalendarService) -> None:
    event = first(service, lambda e: e.country == "KG" and e.cities)
    vevent = exported(service, lang="fr")[f"{event.id}@sco-cal"]
    assert str(vevent["SUMMARY"]).startswith(event.title)
    assert str(vevent["LOCATION"]) == f"{event.cities[0]}, Kirghizistan"
    assert str(exported(service)[f"{event.id}@sco-cal"]["LOCATION"]).endswith(", Kyrgyzstan")


def test_a_timed_event_carries_its_time_zone(service: CalendarService) -> None:
    event = upcoming_day(service)
    service.records.edit(event.id, {"time": "10:30", "timezone": "Asia/Bishkek"})
    cal = Calendar.from_ical(service.calendars.export_ics(EVERYTHING))
    vevent = next(e for e in cal.walk("VEVENT") if str(e["UID"]) == f"{event.id}@sco-cal")
    start = vevent["DTSTART"].dt
    assert vevent["DTSTART"].params["TZID"] == "Asia/Bishkek"
    assert (start.date(), start.hour, start.minute) == (event.window.start, 10, 30)
    assert start.utcoffset() == timedelta(hours=6)
    assert "Asia/Bishkek" in {str(tz["TZID"]) for tz in cal.walk("VTIMEZONE")}


def test_a_postponed_event_shows_its_new_window(service: CalendarService) -> None:
    event = first(service, lambda e: e.status is ConfirmationState.PROVISIONAL)
    service.records.postpone(event.id, "mars 2027")
    vevent = exported(service)[f"{event.id}@sco-cal"]
    assert vevent["DTSTART"].dt == date(2027, 3, 1)
    assert vevent["DTEND"].dt == date(2027, 4, 1)
    assert str(vevent["STATUS"]) == "TENTATIVE"
    assert str(vevent["X-SCO-CAL-STATUS"]) == "postponed"


def test_categories_hold_organisation_theme_and_tags(service: CalendarService) -> None:
    event = first(service, lambda e: e.theme is not None)
    service.records.tag(event.id, ["briefing"], [])
    vevent = exported(service)[f"{event.id}@sco-cal"]
    assert [str(c) for c in vevent["CATEGORIES"].cats] == [
        event.organisation,
        event.theme,
        "briefing",
    ]


def test_sequence_and_last_modified_grow_when_the_event_changes(
    service: CalendarService,
) -> None:
    event = first(service, lambda e: e.status is ConfirmationState.PROVISIONAL)
    before = exported(service)[f"{event.id}@sco-cal"]
    service.records.change_status(event.id, "confirmed")
    after = exported(service)[f"{event.id}@sco-cal"]
    assert int(after["SEQUENCE"]) == int(before["SEQUENCE"]) + 1
    changed = service.events.get(event.id).updated_at
    assert changed is not None
    assert after["LAST-MODIFIED"].dt.replace(microsecond=0) == changed.replace(microsecond=0)
    assert str(after["STATUS"]) == "CONFIRMED"


def test_the_description_cites_sources_and_notes_only_when_asked(
    service: CalendarService,
) -> None:
    event = first(service, lambda e: bool(e.sources))
    service.records.annotate(event.id, "Minister attends; briefing due on the 20th")
    plain = str(exported(service)[f"{event.id}@sco-cal"]["DESCRIPTION"])
    noted = str(exported(service, with_notes=True)[f"{event.id}@sco-cal"]["DESCRIPTION"])
    assert event.sources[0].document in plain and event.sources[0].excerpt in plain
    assert "briefing due on the 20th" not in plain
    assert "tester: Minister attends; briefing due on the 20th" in noted


def test_pending_reminders_become_alarms_only_when_asked(service: CalendarService) -> None:
    event = upcoming_day(service)
    service.reminders.add(event.id, ["14d"])
    assert not exported(service)[f"{event.id}@sco-cal"].walk("VALARM")
    (alarm,) = exported(service, with_alarms=True)[f"{event.id}@sco-cal"].walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    # 09:00 on the day fourteen days before the start.
    assert alarm["TRIGGER"].dt == timedelta(days=-14, hours=9)


def test_export_takes_the_filters_of_list(cli: Any, tmp_path: Path) -> None:
    out = tmp_path / "kg.ics"
    result = cli("export", "--country", "Kirghizstan", "-o", str(out))
    assert result.exit_code == 0, result.output
    countries = {
        str(e["X-SCO-CAL-COUNTRY"]) for e in Calendar.from_ical(out.read_bytes()).walk("VEVENT")
    }
    assert countries == {"KG"}
    count = len(Calendar.from_ical(out.read_bytes()).walk("VEVENT"))
    assert f"wrote {count} events to {out}" in result.stderr
    listed = cli.json("list", "--country", "kg", "--all")
    assert count == len(listed)


def test_export_covers_the_past_unless_told_otherwise(cli: Any) -> None:
    everything = Calendar.from_ical(cli("export").stdout_bytes).walk("VEVENT")
    coming = Calendar.from_ical(cli("export", "--from", "today").stdout_bytes).walk("VEVENT")
    assert len(everything) == len(cli.json("list", "--all"))
    assert 0 < len(coming) < len(everything)


def test_export_as_json_or_csv(cli: Any) -> None:
    result = cli("export", "--format", "json", "--country", "kg")
    assert result.exit_code == 0
    assert {r["country"] for r in json.loads(result.stdout)} == {"KG"}
    csv_lines = cli("export", "--format", "csv", "--country", "kg").stdout.splitlines()
    assert csv_lines[0].startswith("id,start,end")


def test_feed_is_written_and_replaced_atomically(cli: Any, tmp_path: Path) -> None:
    feed = tmp_path / "feed"
    feed.mkdir()
    assert cli("export", "--feed", str(feed), "--kind", "summit").exit_code == 0
    first_feed = (feed / "sco-cal.ics").read_bytes()
    assert cli("export", "--feed", str(feed)).exit_code == 0
    second_feed = (feed / "sco-cal.ics").read_bytes()
    assert len(Calendar.from_ical(second_feed).walk("VEVENT")) > len(
        Calendar.from_ical(first_feed).walk("VEVENT")
    )
    assert [p.name for p in feed.iterdir()] == ["sco-cal.ics"]  # no temporary file left
    umask = os.umask(0)
    os.umask(umask)
    assert (feed / "sco-cal.ics").stat().st_mode & 0o777 == 0o666 & ~umask


def test_feed_needs_a_directory_and_the_ics_format(cli: Any, tmp_path: Path) -> None:
    missing = cli("export", "--feed", str(tmp_path / "nowhere"))
    assert missing.exit_code == 2
    assert "is not a directory" in missing.stderr
    as_json = cli("export", "--feed", str(tmp_path), "--format", "json")
    assert as_json.exit_code == 2
    assert "--format ics" in as_json.stderr


def test_listing_never_imports_icalendar(isolated_env: Path, tmp_path: Path) -> None:
    db = tmp_path / "lean.db"
    env = subprocess_env(isolated_env)
    run = (
        "from sco_cal.cli import app\n"
        "try:\n    app([{args}], standalone_mode=False)\nexcept SystemExit:\n    pass"
    )
    loaded_after(run.format(args=f"'init', '--db', '{db}'"), env)
    modules = loaded_after(run.format(args=f"'list', '--db', '{db}', '--format', 'table'"), env)
    assert "sco_cal.cli.interchange" in modules
    assert not {"icalendar", "recurring_ical_events", "x_wr_timezone"} & {
        m.split(".")[0] for m in modules
    }


def khal_config(root: Path) -> Path:
    (root / "calendar").mkdir(parents=True)
    config = root / "khal.conf"
    config.write_text(
        f"""[calendars]
[[sco]]
path = {root / "calendar"}
type = calendar

[locale]
timeformat = %H:%M
dateformat = %Y-%m-%d
longdateformat = %Y-%m-%d
datetimeformat = %Y-%m-%d %H:%M
longdatetimeformat = %Y-%m-%d %H:%M
default_timezone = UTC
local_timezone = UTC

[sqlite]
path = {root / "khal.db"}
""",
        encoding="utf-8",
    )
    return config


def khal(config: Path, *args: str) -> str:
    pytest.importorskip("khal", reason="khal is not installed (pip install -e '.[test]')")
    exe = Path(sys.executable).with_name("khal")
    command = [str(exe)] if exe.exists() else [sys.executable, "-m", "khal"]
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCO_CAL_")}
    env["XDG_CONFIG_HOME"] = env["XDG_DATA_HOME"] = str(config.parent)
    run = subprocess.run(
        [*command, "-c", str(config), *args],
        capture_output=True,
        text=True,
        env=env,
        check=False,
        timeout=120,
    )
    assert run.returncode == 0, run.stdout + run.stderr
    return run.stdout


def test_khal_imports_the_export_and_lists_it_back(
    service: CalendarService, tmp_path: Path
) -> None:
    event = upcoming_day(service)
    service.records.edit(event.id, {"time": "10:30", "timezone": "Asia/Bishkek"})
    exported_file = tmp_path / "sco-cal.ics"
    exported_file.write_bytes(service.calendars.export_ics(EVERYTHING))
    config = khal_config(tmp_path / "khal")
    khal(config, "import", "--batch", "-a", "sco", str(exported_file))

    start, end = date(2026, 1, 1), date(2027, 12, 31)
    listed = khal(
        config, "list", "--format", "{start-date}|{title}", start.isoformat(), end.isoformat()
    )
    seen = {tuple(line.split("|", 1)) for line in listed.splitlines() if "|" in line}
    wanted = [e for e in service.events.find(EVERYTHING) if e.window.overlaps(start, end)]
    assert len(wanted) > 10
    for e in wanted:
        assert (
            e.window.start.isoformat(),
            e.title_en if e.window.is_exact else f"{e.title_en} [{format_window(e.window, 'en')}]",
        ) in seen, e.id
    # The timed event shows at its hour, converted to khal's zone (UTC): 10:30 in Bishkek.
    timed = khal(
        config, "list", "--format", "{start}|{title}", event.window.start.isoformat(), "1d"
    )
    assert f"{event.window.start.isoformat()} 04:30|{event.title_en}" in timed


def test_a_khal_calendar_file_comes_back_to_the_same_event(
    service: CalendarService, tmp_path: Path
) -> None:
    exported_file = tmp_path / "sco-cal.ics"
    exported_file.write_bytes(service.calendars.export_ics(EVERYTHING))
    config = khal_config(tmp_path / "khal")
    khal(config, "import", "--batch", "-a", "sco", str(exported_file))
    event = first(service, lambda e: e.cities == ("Bishkek",))
    stored = tmp_path / "khal" / "calendar" / f"{event.id}@sco-cal.ics"
    report = service.calendars.import_file(stored)
    assert report.unchanged == [event.id] and not report.added


@pytest.fixture(autouse=True)
def _no_real_khal_config(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """khal must never read the person's own calendars while these tests run."""
    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "xdg-config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(tmp_path / "xdg-data"))

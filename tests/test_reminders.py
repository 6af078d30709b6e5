"""Reminders: lead times read from what people type, known days and fuzzy windows, expiry,
delivery exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sco_cal.domain.durations import Duration, Unit, format_duration, parse_duration
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import ReminderMode
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.reminders import EXPIRY_DAYS, parse_reminder_spec, snooze_until
from sco_cal.store.reminders import insert_reminder
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.wiring import build_service
from tests.support.cli import Cli, due_json
from tests.support.env import subprocess_env

FIXTURES = Path(__file__).parent / "fixtures"
OCTOBER = "test-october-meeting"
DAY = "test-day-meeting"
DEFAULTS = """
[reminders]
defaults = [
  {status = ["provisional"], org = ["SCO"], before = ["30d", "7d"]},
  {follow_up = true},
]
"""


@pytest.fixture
def october(cli: Cli) -> str:
    """A provisional SCO meeting "in October 2026": a fuzzy window."""
    result = cli(
        "add", "Test meeting", "--date", "En octobre 2026", "--org", "SCO", "--id", OCTOBER
    )
    assert result.exit_code == 0, result.stderr
    return OCTOBER


@pytest.fixture
def on_a_day(cli: Cli) -> str:
    """A provisional SCO meeting on 1 October 2026: a known day."""
    result = cli("add", "Day meeting", "--date", "2026-10-01", "--org", "SCO", "--id", DAY)
    assert result.exit_code == 0, result.stderr
    return DAY


def count_rows(db: str, table: str) -> int:
    store = Store(resolve_target(db))
    try:
        return int(store.reader.scalar(f"SELECT count(*) FROM {table}"))
    finally:
        store.close()


@pytest.mark.parametrize(
    ("typed", "lead", "canonical"),
    [
        ("14d", Duration(14, Unit.DAY), "14d"),
        ("2w", Duration(2, Unit.WEEK), "2w"),
        ("1d", Duration(1, Unit.DAY), "1d"),
        ("3 days", Duration(3, Unit.DAY), "3d"),
        ("2 weeks", Duration(2, Unit.WEEK), "2w"),
        ("1 day", Duration(1, Unit.DAY), "1d"),
        ("3 jours", Duration(3, Unit.DAY), "3d"),
        ("2 semaines", Duration(2, Unit.WEEK), "2w"),
        ("1 mois", Duration(1, Unit.MONTH), "1mo"),
        ("1 month", Duration(1, Unit.MONTH), "1mo"),
        ("3 months", Duration(3, Unit.MONTH), "3mo"),
        ("un mois", Duration(1, Unit.MONTH), "1mo"),
        ("une semaine", Duration(1, Unit.WEEK), "1w"),
        ("a week", Duration(1, Unit.WEEK), "1w"),
        (" 10D ", Duration(10, Unit.DAY), "10d"),
        ("0d", Duration(0, Unit.DAY), "0d"),
    ],
)
def test_lead_times_in_days_weeks_or_months_in_both_languages(
    typed: str, lead: Duration, canonical: str
) -> None:
    spec = parse_reminder_spec(typed, today=date(2026, 11, 23))
    assert (spec.lead, spec.text, spec.mode) == (lead, canonical, ReminderMode.BEFORE)
    assert parse_duration(canonical) == lead, "the stored form reads back"


@pytest.mark.parametrize(
    ("lead", "start", "due"),
    [
        ("1 mois", date(2026, 3, 31), date(2026, 2, 28)),  # a calendar month, not 30 days
        ("1 mois", date(2028, 3, 31), date(2028, 2, 29)),
        ("2w", date(2026, 3, 1), date(2026, 2, 15)),
        ("3d", date(2026, 1, 2), date(2025, 12, 30)),
    ],
)
def test_a_lead_time_counts_back_in_calendar_terms(lead: str, start: date, due: date) -> None:
    duration = parse_duration(lead)
    assert duration is not None and duration.before(start) == due


@pytest.mark.parametrize(
    ("typed", "english", "french"),
    [
        ("1mo", "1 month", "1 mois"),
        ("3mo", "3 months", "3 mois"),
        ("2w", "2 weeks", "2 semaines"),
        ("1w", "1 week", "1 semaine"),
        ("14d", "14 days", "14 jours"),
        ("1d", "1 day", "1 jour"),
    ],
)
def test_lead_times_in_words_in_both_languages(typed: str, english: str, french: str) -> None:
    lead = parse_duration(typed)
    assert lead is not None
    assert (format_duration(lead, "en"), format_duration(lead, "fr")) == (english, french)
    assert parse_duration(english) == parse_duration(french) == lead


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("2026-09-01", date(2026, 9, 1)),
        ("début septembre 2026", date(2026, 9, 1)),
        ("15 septembre", date(2026, 9, 15)),  # the next 15 September from today
        ("15 février", date(2027, 2, 15)),  # ... which may be next year's
        ("demain", date(2026, 3, 2)),
        ("lundi prochain", date(2026, 3, 2)),
        ("dans 3 jours", date(2026, 3, 4)),
    ],
)
def test_a_date_phrase_names_the_day(typed: str, due: date) -> None:
    spec = parse_reminder_spec(typed, today=date(2026, 3, 1))
    assert (spec.lead, spec.mode, spec.on) == (None, ReminderMode.ON, due)


@pytest.mark.parametrize("typed", ["soon", "", "14x", "99999 days", "11 years", "-3 years"])
def test_unreadable_specs_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_reminder_spec(typed, today=date(2026, 3, 1))


def test_when_dated_goes_with_a_lead_time_only() -> None:
    with pytest.raises(InvalidInput, match="lead time"):
        parse_reminder_spec("2026-09-01", today=date(2026, 3, 1), when_dated=True)
    spec = parse_reminder_spec("2 semaines", today=date(2026, 3, 1), when_dated=True)
    assert spec.mode is ReminderMode.WHEN_DATED


def test_snoozing_is_counted_from_today_and_must_move_forward() -> None:
    today = date(2026, 9, 17)
    assert snooze_until("3d", today=today) == date(2026, 9, 20)
    assert snooze_until("1w", today=today) == date(2026, 9, 24)
    assert snooze_until("1 mois", today=today) == date(2026, 10, 17)
    assert snooze_until("1er octobre 2026", today=today) == date(2026, 10, 1)
    assert snooze_until("vendredi", today=today) == date(2026, 9, 18)
    for typed in ("0d", "2026-09-17", "2026-01-01"):
        with pytest.raises(InvalidInput):
            snooze_until(typed, today=today)


def test_a_lead_time_on_a_fuzzy_window_is_refused_with_the_ways_out(cli: Cli, october: str) -> None:
    refused = cli("remind", "add", october, "--before", "7d", today="2026-08-01")
    assert refused.exit_code == 2
    assert refused.stderr.startswith("sco-cal: error: ") and refused.stderr.count("\n") == 1
    assert "no known day yet (Oct 2026)" in refused.stderr
    assert "--on DATE" in refused.stderr and "--when-dated" in refused.stderr
    assert cli.json("remind", "list") == []


def test_when_dated_waits_for_a_known_day_then_counts(cli: Cli, october: str) -> None:
    added = cli("remind", "add", october, "--before", "1 mois", "--when-dated", today="2026-08-01")
    assert added.exit_code == 0, added.stderr
    assert "1 month before its known day, once it has one" in added.stderr
    (waiting,) = cli.json("remind", "list", october, today="2026-08-01")
    assert (waiting["due"], waiting["state"], waiting["mode"]) == (
        None,
        "waiting for a date",
        "when-dated",
    )
    assert waiting["lead"] == "1 month before"
    # The old misfire: counted from 1 October, it would fall due on 1 September.
    assert due_json(cli, "2026-09-01", "--dry-run") == []
    assert due_json(cli, "2026-10-20", "--dry-run") == []
    # A bulletin (or a person) gives the day: the lead time starts to count.
    assert cli("reschedule", october, "2026-10-28", today="2026-09-01").exit_code == 0
    (dated,) = cli.json("remind", "list", october, today="2026-09-01")
    assert (dated["due"], dated["state"]) == ("2026-09-28", "pending")
    assert due_json(cli, "2026-09-27", "--dry-run") == []
    (fired,) = due_json(cli, "2026-09-28")
    assert fired["event_id"] == october and fired["imprecise"] is False


def test_on_a_day_works_on_any_window(cli: Cli, october: str) -> None:
    added = cli("remind", "add", october, "--on", "lundi prochain", today="2026-08-01")
    assert added.exit_code == 0, added.stderr
    (listed,) = cli.json("remind", "list", today="2026-08-01")
    assert (listed["due"], listed["mode"], listed["lead"]) == ("2026-08-03", "on", None)
    (fired,) = due_json(cli, "2026-08-03")
    assert "date imprecise: Oct 2026" in fired["text"]


def test_a_moment_already_past_is_refused_unless_allowed(cli: Cli, on_a_day: str) -> None:
    late = cli("remind", "add", on_a_day, "--before", "2w", today="2026-09-25")
    assert late.exit_code == 2 and "would fall due on 2026-09-17, which has passed" in late.stderr
    past_day = cli("remind", "add", on_a_day, "--on", "2026-09-01", today="2026-09-25")
    assert past_day.exit_code == 2 and "--allow-past" in past_day.stderr
    assert cli.json("remind", "list") == []
    allowed = cli("remind", "add", on_a_day, "--before", "2w", "--allow-past", today="2026-09-25")
    assert allowed.exit_code == 0, allowed.stderr
    (fired,) = due_json(cli, "2026-09-25")
    assert fired["due"] == "2026-09-17"
    backwards = cli("remind", "add", on_a_day, "--before", "-3d", today="2026-09-25")
    assert backwards.exit_code == 2 and "has passed" in backwards.stderr
    today_is_fine = cli("remind", "add", on_a_day, "--before", "6d", today="2026-09-25")
    assert today_is_fine.exit_code == 0, "due today is not in the past"


def test_reminders_on_meetings_long_over_expire_instead_of_firing(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "14d", "--before", "1d", today="2026-08-01")
    cli("remind", "add", on_a_day, "--on", "2026-10-05", today="2026-08-01")
    # Nobody ran `remind due` in time: a week after the meeting they still come.
    assert len(due_json(cli, "2026-10-08", "--dry-run")) == 3
    # Past that, they expire: listed as such, never printed as due; a reminder set for a
    # day after the meeting has its own week.
    assert [d["spec"] for d in due_json(cli, "2026-10-09", "--dry-run")] == ["2026-10-05"]
    states = {r["spec"]: r["state"] for r in cli.json("remind", "list", today="2026-10-09")}
    assert states == {"14d": "expired", "1d": "expired", "2026-10-05": "pending"}
    assert [d["spec"] for d in due_json(cli, "2026-10-12", "--dry-run")] == ["2026-10-05"]
    assert due_json(cli, "2026-10-13", "--dry-run") == []
    text = cli("remind", "list", "--format", "table", today="2026-10-13")
    assert text.stdout.count("expired") == 3


def test_fuzzy_window_reminds_from_its_first_day_when_it_was_set_so(cli: Cli, october: str) -> None:
    """A lead time stored before known days were required (an upgraded store) keeps
    counting from the window's first day, as it did when it was set."""
    store = Store(resolve_target(cli.db))
    store.write(
        lambda s: insert_reminder(
            session=s,
            event_id=october,
            due=date(2026, 9, 17),
            spec="14d",
            author="tester",
            now=datetime.now(UTC),
        )
    )
    store.close()
    (listed,) = cli.json("remind", "list", october, today="2026-08-01")
    assert (listed["due"], listed["spec"], listed["state"]) == ("2026-09-17", "14d", "pending")
    assert cli("remind", "due", today="2026-09-16").exit_code == 1  # not yet
    result = cli("remind", "due", "--format", "text", today="2026-09-17")
    assert result.exit_code == 0, result.stderr
    assert "date imprecise: Oct 2026" in result.stdout
    assert "the window opens in 14 days" in result.stdout
    assert f"[{october}]" in result.stdout


def test_due_prints_once_and_dry_run_marks_nothing(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "14d", today="2026-08-01")
    for _ in range(2):
        (item,) = due_json(cli, "2026-09-20", "--dry-run")
        assert item["event_id"] == on_a_day and item["imprecise"] is False
    (item,) = due_json(cli, "2026-09-20")
    assert item["reminder_id"] is not None and item["due"] == "2026-09-17"
    assert "1 Oct 2026" in item["text"] and "in 11 days" in item["text"]
    again = cli("remind", "due", today="2026-09-21")
    assert (again.exit_code, again.stdout) == (1, "")
    (listed,) = cli.json("remind", "list", today="2026-09-21")
    assert listed["state"] == "delivered"


def test_several_reminders_per_event_and_exact_windows(cli: Cli) -> None:
    target = "csto-collective-security-council-2026-moscow"  # 11 November 2026, exact
    result = cli("remind", "add", target, "--before", "2w", "--before", "1d", today="2026-10-01")
    assert result.exit_code == 0, result.stderr
    dues = [r["due"] for r in cli.json("remind", "list", target, today="2026-10-01")]
    assert dues == ["2026-10-28", "2026-11-10"]
    (item,) = due_json(cli, "2026-10-28")
    assert item["imprecise"] is False and "date imprecise" not in item["text"]
    assert "11 Nov 2026" in item["text"] and "in 14 days" in item["text"]
    duplicate = cli(
        "remind", "add", target, "--before", "3d", "--before", "14d", today="2026-10-01"
    )
    assert duplicate.exit_code == 2 and "already has a reminder due 2026-10-28" in duplicate.stderr
    assert len(cli.json("remind", "list", target)) == 2, "all or nothing"


def test_a_relative_reminder_follows_its_event_a_dated_one_stays(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "14d", "--before", "2026-09-01", today="2026-08-01")
    assert cli("reschedule", on_a_day, "2026-11-01", today="2026-08-01").exit_code == 0
    dues = {r["spec"]: r["due"] for r in cli.json("remind", "list", on_a_day, today="2026-08-01")}
    assert dues == {"14d": "2026-10-18", "2026-09-01": "2026-09-01"}
    assert [d["spec"] for d in due_json(cli, "2026-09-17", "--dry-run")] == ["2026-09-01"]


def test_a_reminder_waits_while_its_meeting_is_postponed_sine_die(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "7d", today="2026-08-01")
    assert cli("postpone", on_a_day, "sine die", today="2026-09-01").exit_code == 0
    (listed,) = cli.json("remind", "list", today="2026-09-24")
    assert (listed["due"], listed["state"]) == (None, "waiting for a date")
    assert due_json(cli, "2026-09-24", "--dry-run") == []
    assert cli("postpone", on_a_day, "2026-12-10", today="2026-09-24").exit_code == 0
    (again,) = cli.json("remind", "list", today="2026-09-24")
    assert (again["due"], again["state"]) == ("2026-12-03", "pending")


def test_unreadable_spec_stores_nothing(cli: Cli, on_a_day: str) -> None:
    result = cli(
        "remind", "add", on_a_day, "--before", "7d", "--before", "whenever", today="2026-08-01"
    )
    assert result.exit_code == 2 and "whenever" in result.stderr
    assert cli.json("remind", "list") == []


def test_remove_and_history(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "14d", today="2026-08-01")
    (reminder,) = cli.json("remind", "list")
    assert cli("remind", "rm", str(reminder["id"])).exit_code == 0
    assert cli.json("remind", "list") == []
    missing = cli("remind", "rm", str(reminder["id"]))
    assert missing.exit_code == 3 and f"no reminder #{reminder['id']}" in missing.stderr
    actions = [h["action"] for h in cli.json("history", on_a_day)]
    assert actions == ["created", "remind", "unremind"]


def test_snooze_brings_a_delivered_reminder_back_later(cli: Cli, on_a_day: str) -> None:
    cli("remind", "add", on_a_day, "--before", "14d", today="2026-08-01")
    (reminder,) = due_json(cli, "2026-09-17")
    snoozed = cli("remind", "snooze", str(reminder["reminder_id"]), "3d", today="2026-09-17")
    assert snoozed.exit_code == 0 and "snoozed until 2026-09-20" in snoozed.stderr
    (listed,) = cli.json("remind", "list", today="2026-09-17")
    assert listed["state"] == "snoozed until 2026-09-20"
    assert due_json(cli, "2026-09-19") == []
    (again,) = due_json(cli, "2026-09-20")
    assert again["reminder_id"] == reminder["reminder_id"]
    assert due_json(cli, "2026-09-21") == []
    bad = cli("remind", "snooze", str(reminder["reminder_id"]), "0d", today="2026-09-21")
    assert bad.exit_code == 2


def test_default_reminders_apply_without_stored_copies(
    cli: Cli, on_a_day: str, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    early = [d for d in due_json(cli, "2026-09-10", "--dry-run") if d["event_id"] == on_a_day]
    assert [(d["due"], d["spec"], d["reminder_id"]) for d in early] == [("2026-09-01", "30d", None)]
    assert early[0]["rule"] == "org=SCO status=provisional 30d"

    later = [d for d in due_json(cli, "2026-09-24") if d["event_id"] == on_a_day]
    assert [(d["due"], d["spec"]) for d in later] == [("2026-09-01", "30d"), ("2026-09-24", "7d")]
    assert not [d for d in due_json(cli, "2026-09-25") if d["event_id"] == on_a_day]
    assert cli.json("remind", "list") == []
    assert count_rows(cli.db, "reminder") == 0
    assert count_rows(cli.db, "reminder_delivery") > 0


def test_default_lead_times_wait_for_a_known_day(
    cli: Cli, october: str, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    for today in ("2026-09-01", "2026-09-24", "2026-10-15"):
        assert not [d for d in due_json(cli, today, "--dry-run") if d["event_id"] == october]
    assert cli("reschedule", october, "2026-10-20", today="2026-10-01").exit_code == 0
    due = [d for d in due_json(cli, "2026-10-13", "--dry-run") if d["event_id"] == october]
    assert [(d["due"], d["spec"]) for d in due] == [("2026-09-20", "30d"), ("2026-10-13", "7d")]


def test_default_follow_up_reminder_once_per_event_within_a_week(
    cli: Cli, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    csto = "csto-collective-security-council-2026-moscow"  # 11 November 2026
    (due,) = [d for d in due_json(cli, "2026-11-14") if d["rule"] == "follow-up"]
    assert (due["event_id"], due["due"]) == (csto, "2026-11-12")
    assert "no outcome is recorded" in due["text"]
    assert not [d for d in due_json(cli, "2026-11-15") if d["rule"] == "follow-up"]


def test_default_follow_up_reminders_about_meetings_long_over_expire(
    cli: Cli, isolated_env: Path
) -> None:
    """The README's defaults on the seeded store: 17 meetings need follow-up, the newest
    ended 12 days ago; not one of them is printed as a reminder any more."""
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    assert len(cli.json("list", "--follow-up")) == 17
    assert due_json(cli, "2026-11-23", "--dry-run") == []


@pytest.mark.parametrize(
    ("config", "complaint"),
    [
        ('[reminders]\ndefaults = "30d"\n', "list of tables"),
        ('[reminders]\ndefaults = [{before = ["soon"]}]\n', "not a number of days"),
        ('[reminders]\ndefaults = [{status = ["bogus"], before = ["7d"]}]\n', "unknown state"),
        ('[reminders]\ndefaults = [{follow_up = true, before = ["7d"]}]\n', "either before"),
        ("[reminders]\ndefaults = [{}]\n", "either before"),
        ('[reminders]\ndefaults = [{before = "7d", when = "x"}]\n', "unknown keys: when"),
        ('[reminders]\ndefault = [{before = ["7d"]}]\n', "unknown keys: default"),
        ('[reminders]\ndefaults = [{before = ["7d"]}, {before = ["1d"]}]\n', "same name"),
        ("[digest]\ndays = -1\n", "[digest] days"),
    ],
)
def test_bad_configuration_is_one_clear_error(
    cli: Cli, isolated_env: Path, config: str, complaint: str
) -> None:
    (isolated_env / "config.toml").write_text(config, encoding="utf-8")
    result = cli("remind", "list")
    assert result.exit_code == 2
    assert complaint in result.stderr and "config.toml" in result.stderr
    assert result.stderr.count("\n") == 1


def test_notify_when_notify_send_is_missing(
    cli: Cli, october: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli("remind", "add", october, "--on", "2026-09-17", today="2026-08-01")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("remind", "due", "--notify", "--format", "text", today="2026-09-17")
    assert result.exit_code == 0
    assert "desktop notifications are unavailable" in result.stderr
    assert "date imprecise: Oct 2026" in result.stdout


def test_notify_calls_notify_send(
    cli: Cli, october: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli("remind", "add", october, "--on", "2026-09-17", today="2026-08-01")
    bin_dir, calls = tmp_path / "bin", tmp_path / "calls.txt"
    bin_dir.mkdir()
    fake = bin_dir / "notify-send"
    fake.write_text(f'#!/bin/sh\nprintf "%s\\n" "$@" >> {calls}\n', encoding="utf-8")
    fake.chmod(0o755)
    monkeypatch.setenv("PATH", f"{bin_dir}:/usr/bin:/bin")
    result = cli("remind", "due", "--notify", today="2026-09-17")
    assert result.exit_code == 0 and "unavailable" not in result.stderr
    sent = calls.read_text(encoding="utf-8")
    assert "Test meeting" in sent and "date imprecise: Oct 2026" in sent


DELIVERY_EVENTS = 40
PER_EVENT = 8


@pytest.mark.slow
def test_two_concurrent_runs_deliver_each_reminder_exactly_once(
    db: str, isolated_env: Path
) -> None:
    """Two `sco-cal remind due` processes started together, over stored and default ones."""
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    # Three days after the CSTO summit: its default follow-up reminder is due, while those
    # of the meetings that ended long before have expired.
    today = date(2026, 11, 14)
    service, _ = build_service(db=db, today=today)
    events = [e.id for e in service.events.find(EventFilter(scope=Scope.ALL))][:DELIVERY_EVENTS]
    assert len(events) == DELIVERY_EVENTS

    def add_many(session: object) -> None:
        for event_id in events:
            for k in range(PER_EVENT):
                # Due within the last week, so that none has expired.
                insert_reminder(
                    session=session,  # type: ignore[arg-type]
                    event_id=event_id,
                    due=today - timedelta(days=k),
                    spec=f"note {k}",
                    mode=ReminderMode.ON,
                    author="tester",
                    now=datetime.now(UTC),
                )

    store = Store(resolve_target(db))
    store.write(add_many)
    store.close()
    follow_ups = {
        e.id
        for e in service.events.find(EventFilter(scope=Scope.ALL, follow_up=True))
        if (today - e.window.end).days <= EXPIRY_DAYS + 1
    }
    assert follow_ups == {"csto-collective-security-council-2026-moscow"}
    service.close()
    exe = Path(sys.executable).with_name("sco-cal")
    argv = [str(exe), "remind", "due", "--db", db, "--today", today.isoformat(), "--format", "json"]
    env = subprocess_env(isolated_env)
    runs = [subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)]
    runs.append(subprocess.Popen(argv, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env))
    printed = []
    for run in runs:
        out, err = run.communicate(timeout=120)
        assert run.returncode in (0, 1), err
        printed += json.loads(out) if run.returncode == 0 else []
    stored = [p["reminder_id"] for p in printed if p["reminder_id"] is not None]
    defaults = [(p["event_id"], p["rule"], p["due"]) for p in printed if p["rule"] is not None]
    assert len(stored) == len(set(stored)) == DELIVERY_EVENTS * PER_EVENT
    assert defaults and len(defaults) == len(set(defaults))
    assert {d[0] for d in defaults if d[1] == "follow-up"} == follow_ups
    late = subprocess.run(argv, capture_output=True, text=True, env=env, check=False)
    assert (late.returncode, late.stdout) == (1, "")

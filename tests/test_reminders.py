"""Reminders: lead times read from what people type, fuzzy windows, delivery exactly once."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

import pytest

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.reminders import parse_reminder_spec, snooze_until
from sco_cal.store.reminders import insert_reminder
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.wiring import build_service
from tests.support.cli import Cli, due_json
from tests.support.env import subprocess_env

FIXTURES = Path(__file__).parent / "fixtures"
OCTOBER = "test-october-meeting"
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


def count_rows(db: str, table: str) -> int:
    store = Store(resolve_target(db))
    try:
        return int(store.reader.scalar(f"SELECT count(*) FROM {table}"))
    finally:
        store.close()


@pytest.mark.parametrize(
    ("typed", "days", "canonical"),
    [
        ("14d", 14, "14d"),
        ("2w", 14, "2w"),
        ("1d", 1, "1d"),
        ("3 days", 3, "3d"),
        ("2 weeks", 14, "2w"),
        ("1 day", 1, "1d"),
        ("3 jours", 3, "3d"),
        ("2 semaines", 14, "2w"),
        (" 10D ", 10, "10d"),
        ("0d", 0, "0d"),
    ],
)
def test_lead_times_in_days_or_weeks(typed: str, days: int, canonical: str) -> None:
    spec = parse_reminder_spec(typed, today=date(2026, 11, 23))
    assert (spec.days_before, spec.text) == (days, canonical)
    assert spec.due_for(date(2026, 10, 1)) == date(2026, 10, 1) - timedelta(days=days)


@pytest.mark.parametrize(
    ("typed", "due"),
    [
        ("2026-09-01", date(2026, 9, 1)),
        ("début septembre 2026", date(2026, 9, 1)),
        ("15 septembre", date(2026, 9, 15)),  # the year defaults to today's
        ("demain", date(2026, 3, 2)),
    ],
)
def test_a_date_phrase_names_the_day(typed: str, due: date) -> None:
    spec = parse_reminder_spec(typed, today=date(2026, 3, 1))
    assert spec.days_before is None
    assert spec.due_for(date(2030, 1, 1)) == due


@pytest.mark.parametrize("typed", ["soon", "", "14x", "99999 days", "-3d"])
def test_unreadable_specs_are_refused(typed: str) -> None:
    with pytest.raises(InvalidInput):
        parse_reminder_spec(typed, today=date(2026, 3, 1))


def test_snoozing_is_counted_from_today_and_must_move_forward() -> None:
    today = date(2026, 9, 17)
    assert snooze_until("3d", today=today) == date(2026, 9, 20)
    assert snooze_until("1w", today=today) == date(2026, 9, 24)
    assert snooze_until("1er octobre 2026", today=today) == date(2026, 10, 1)
    for typed in ("0d", "2026-09-17", "2026-01-01"):
        with pytest.raises(InvalidInput):
            snooze_until(typed, today=today)


def test_fuzzy_window_reminds_from_its_first_day(cli: Cli, october: str) -> None:
    added = cli("remind", "add", october, "--before", "14d", today="2026-08-01")
    assert added.exit_code == 0, added.stderr
    assert "due 2026-09-17" in added.stderr and "date imprecise" in added.stderr
    (listed,) = cli.json("remind", "list", october, today="2026-08-01")
    assert (listed["due"], listed["spec"], listed["state"]) == ("2026-09-17", "14d", "pending")

    assert cli("remind", "due", today="2026-09-16").exit_code == 1  # not yet
    result = cli("remind", "due", "--format", "text", today="2026-09-17")
    assert result.exit_code == 0, result.stderr
    assert "date imprecise: Oct 2026" in result.stdout
    assert "the window opens in 14 days" in result.stdout
    assert f"[{october}]" in result.stdout


def test_due_prints_once_and_dry_run_marks_nothing(cli: Cli, october: str) -> None:
    cli("remind", "add", october, "--before", "14d", today="2026-08-01")
    for _ in range(2):
        (item,) = due_json(cli, "2026-09-20", "--dry-run")
        assert item["event_id"] == october and item["imprecise"] is True
    (item,) = due_json(cli, "2026-09-20")
    assert item["reminder_id"] is not None and item["due"] == "2026-09-17"
    assert "date imprecise: Oct 2026" in item["text"]
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


def test_a_relative_reminder_follows_its_event_a_dated_one_stays(cli: Cli, october: str) -> None:
    cli("remind", "add", october, "--before", "14d", "--before", "2026-09-01", today="2026-08-01")
    assert cli("reschedule", october, "novembre 2026", today="2026-08-01").exit_code == 0
    dues = {r["spec"]: r["due"] for r in cli.json("remind", "list", october, today="2026-08-01")}
    assert dues == {"14d": "2026-10-18", "2026-09-01": "2026-09-01"}
    assert [d["spec"] for d in due_json(cli, "2026-09-17", "--dry-run")] == ["2026-09-01"]


def test_unreadable_spec_stores_nothing(cli: Cli, october: str) -> None:
    result = cli("remind", "add", october, "--before", "7d", "--before", "whenever")
    assert result.exit_code == 2 and "whenever" in result.stderr
    assert cli.json("remind", "list") == []


def test_remove_and_history(cli: Cli, october: str) -> None:
    cli("remind", "add", october, "--before", "14d", today="2026-08-01")
    (reminder,) = cli.json("remind", "list")
    assert cli("remind", "rm", str(reminder["id"])).exit_code == 0
    assert cli.json("remind", "list") == []
    missing = cli("remind", "rm", str(reminder["id"]))
    assert missing.exit_code == 3 and f"no reminder #{reminder['id']}" in missing.stderr
    actions = [h["action"] for h in cli.json("history", october)]
    assert actions == ["created", "remind", "unremind"]


def test_snooze_brings_a_delivered_reminder_back_later(cli: Cli, october: str) -> None:
    cli("remind", "add", october, "--before", "14d", today="2026-08-01")
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
    cli: Cli, october: str, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    early = [d for d in due_json(cli, "2026-09-10", "--dry-run") if d["event_id"] == october]
    assert [(d["due"], d["spec"], d["reminder_id"]) for d in early] == [("2026-09-01", "30d", None)]
    assert early[0]["rule"] == "org=SCO status=provisional 30d"

    later = [d for d in due_json(cli, "2026-09-24") if d["event_id"] == october]
    assert [(d["due"], d["spec"]) for d in later] == [("2026-09-01", "30d"), ("2026-09-24", "7d")]
    assert not [d for d in due_json(cli, "2026-09-25") if d["event_id"] == october]
    assert cli.json("remind", "list") == []
    assert count_rows(cli.db, "reminder") == 0
    assert count_rows(cli.db, "reminder_delivery") > 0


def test_default_follow_up_reminder_once_per_event(cli: Cli, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text(DEFAULTS, encoding="utf-8")
    follow_ups = {r["id"] for r in cli.json("list", "--follow-up")}
    due = [d for d in due_json(cli, "2026-11-23") if d["rule"] == "follow-up"]
    assert {d["event_id"] for d in due} == follow_ups
    anti_drug = next(d for d in due if d["event_id"] == "sco-anti-drug-heads-16")
    assert "date imprecise: Oct 2025" in anti_drug["text"]
    assert "no outcome is recorded" in anti_drug["text"]
    assert not [d for d in due_json(cli, "2026-11-24") if d["rule"] == "follow-up"]


def test_no_default_reminders_for_meetings_long_past(cli: Cli, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text(
        '[reminders]\ndefaults = [{org = ["SCO"], before = ["7d"]}]\n', encoding="utf-8"
    )
    due = due_json(cli, "2026-11-23", "--dry-run")
    assert due, "the SCO meetings of 2026 are still ahead or under way"
    events = {r["id"]: r for r in cli.json("list", "--all")}
    assert all(events[d["event_id"]]["end"] >= "2026-11-23" for d in due)


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
    cli("remind", "add", october, "--before", "14d", today="2026-08-01")
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = cli("remind", "due", "--notify", "--format", "text", today="2026-09-17")
    assert result.exit_code == 0
    assert "desktop notifications are unavailable" in result.stderr
    assert "date imprecise: Oct 2026" in result.stdout


def test_notify_calls_notify_send(
    cli: Cli, october: str, monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    cli("remind", "add", october, "--before", "14d", today="2026-08-01")
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
    service, _ = build_service(db=db, today=date(2026, 11, 23))
    events = [e.id for e in service.events.find(EventFilter(scope=Scope.ALL))][:DELIVERY_EVENTS]
    assert len(events) == DELIVERY_EVENTS

    def add_many(session: object) -> None:
        for i, event_id in enumerate(events):
            for k in range(PER_EVENT):
                insert_reminder(
                    session=session,  # type: ignore[arg-type]
                    event_id=event_id,
                    due=date(2026, 1, 1) + timedelta(days=i + 40 * k),
                    spec=f"note {k}",
                    author="tester",
                    now=datetime.now(UTC),
                )

    store = Store(resolve_target(db))
    store.write(add_many)
    store.close()
    follow_ups = {e.id for e in service.events.find(EventFilter(scope=Scope.ALL, follow_up=True))}
    service.close()
    exe = Path(sys.executable).with_name("sco-cal")
    argv = [str(exe), "remind", "due", "--db", db, "--today", "2026-11-23", "--format", "json"]
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

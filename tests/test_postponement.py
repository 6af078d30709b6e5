"""Postponing and rescheduling against today: a new window must not have ended already,
"sine die" records a postponement with no new date, and every postponed meeting comes
back as needing follow-up once its new window (or its delay) has passed."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.support.cli import Cli

DEFENCE = "sco-defence-ministers-23"  # provisional, "2026"
MONDAY = "2026-11-23"


def follow_up_ids(cli: Cli, today: str) -> set[str]:
    return {e["id"] for e in cli.json("list", "--follow-up", today=today)}


@pytest.mark.parametrize("command", ["postpone", "reschedule"])
def test_a_new_window_already_over_is_refused_unless_allowed(cli: Cli, command: str) -> None:
    before = cli.json("show", DEFENCE, today=MONDAY)
    refused = cli(command, DEFENCE, "12 novembre 2026", today=MONDAY)
    assert refused.exit_code == 2
    assert refused.stderr.startswith("sco-cal: error: the new date (12 Nov 2026) ended before")
    assert "--allow-past" in refused.stderr and refused.stderr.count("\n") == 1
    after = cli.json("show", DEFENCE, today=MONDAY)
    assert (after["status"], after["start"], after["version"]) == (
        before["status"],
        before["start"],
        before["version"],
    )
    allowed = cli(command, DEFENCE, "12 novembre 2026", "--allow-past", today=MONDAY)
    assert allowed.exit_code == 0, allowed.stderr
    assert cli.json("show", DEFENCE, today=MONDAY)["start"] == "2026-11-12"


def test_a_window_that_is_still_under_way_is_accepted(cli: Cli) -> None:
    moved = cli("postpone", DEFENCE, "novembre 2026", today=MONDAY)
    assert moved.exit_code == 0, moved.stderr


def test_a_postponed_meeting_needs_follow_up_once_its_new_window_has_passed(cli: Cli) -> None:
    assert cli("postpone", DEFENCE, "2026-12-05", today=MONDAY).exit_code == 0
    assert DEFENCE not in follow_up_ids(cli, "2026-12-05")
    assert DEFENCE in follow_up_ids(cli, "2026-12-06")
    shown = cli.json("show", DEFENCE, today="2026-12-06")
    assert (shown["status"], shown["needs_follow_up"]) == ("postponed", True)
    # Recording the outcome closes the loop.
    assert cli("held", DEFENCE, today="2026-12-06").exit_code == 0
    assert DEFENCE not in follow_up_ids(cli, "2026-12-06")


@pytest.mark.parametrize(
    "args", [("postpone", DEFENCE, "sine die"), ("status", DEFENCE, "reporté sine die")]
)
def test_sine_die_needs_follow_up_after_sixty_days(cli: Cli, args: tuple[str, ...]) -> None:
    done = cli(*args, today=MONDAY)
    assert done.exit_code == 0, done.stderr
    assert "follow-up from 2027-01-22" in done.stderr + done.stdout
    shown = cli.json("show", DEFENCE, today=MONDAY)
    assert shown["status"] == "postponed"
    assert shown["sine_die"] == {"since": MONDAY, "follow_up_from": "2027-01-22"}
    # Its old window ("2026") ends on 31 December: that no longer counts.
    assert DEFENCE in {e["id"] for e in cli.json("list", today="2027-01-05")}
    assert DEFENCE not in follow_up_ids(cli, "2027-01-21")
    assert DEFENCE in follow_up_ids(cli, "2027-01-22")
    again = cli("postpone", DEFENCE, "sine die", today=MONDAY)
    assert again.exit_code == 2 and "already postponed sine die" in again.stderr


def test_the_sine_die_delay_comes_from_the_configuration(cli: Cli, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text("[follow_up]\nsine_die_days = 10\n", "utf-8")
    assert cli("postpone", DEFENCE, "sans date", today=MONDAY).exit_code == 0
    assert cli.json("show", DEFENCE, today=MONDAY)["sine_die"]["follow_up_from"] == "2026-12-03"
    assert DEFENCE not in follow_up_ids(cli, "2026-12-02")
    assert DEFENCE in follow_up_ids(cli, "2026-12-03")


def test_a_bad_sine_die_delay_is_a_one_line_error(cli: Cli, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text("[follow_up]\nsine_die_days = -1\n", "utf-8")
    refused = cli("list", today=MONDAY)
    assert refused.exit_code == 2
    assert "[follow_up] sine_die_days must be a whole number" in refused.stderr
    assert refused.stderr.count("\n") == 1


def test_a_new_date_ends_the_sine_die(cli: Cli) -> None:
    assert cli("postpone", DEFENCE, "sine die", today=MONDAY).exit_code == 0
    moved = cli("reschedule", DEFENCE, "le 15 mars 2027", today="2026-12-01")
    assert moved.exit_code == 0, moved.stderr
    shown = cli.json("show", DEFENCE, today="2026-12-01")
    assert (shown["sine_die"], shown["start"], shown["status"]) == (
        None,
        "2027-03-15",
        "postponed",
    )
    assert DEFENCE in follow_up_ids(cli, "2027-03-16")

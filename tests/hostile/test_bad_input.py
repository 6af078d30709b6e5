"""Ordinary bad input gets its documented code (2 for input) and one line, never 70:
dates outside the years sco-cal keeps, huge numbers, text that is not UTF-8, a broken
configuration, a search too big to run, a date range that ends before it starts."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused, store_content
from tests.support.cli import Cli
from tests.support.env import subprocess_env

EVENT = "sco-summer-games-2026"
HUGE = "99999999999999999999999"


@pytest.mark.parametrize("day", ["9999-12-31", "0001-01-01", "1899-12-31", "2201-01-01"])
@pytest.mark.parametrize(
    "args", [["digest"], ["clashes"], ["list"], ["remind", "due"]], ids=" ".join
)
def test_today_outside_the_years_kept_is_refused(db_path: Path, day: str, args: list[str]) -> None:
    assert_refused(Cli(str(db_path))(*args, today=day), 2, "1900-2200")


@pytest.mark.parametrize("day", ["1900-01-01", "2200-12-31", "2028-02-29"])
def test_the_first_and_last_years_work(db_path: Path, day: str) -> None:
    cli = Cli(str(db_path))
    for args in (["digest", "--no-mark"], ["clashes"], ["list"]):
        result = cli(*args, today=day)
        assert result.exit_code == 0, (args, result.stderr)


def _ics(day: str) -> str:
    return (
        "BEGIN:VCALENDAR\nVERSION:2.0\nPRODID:-//test//EN\nBEGIN:VEVENT\n"
        f"SUMMARY:Far away\nDTSTART;VALUE=DATE:{day}\nDTSTAMP:20261101T120000Z\n"
        "UID:far-away-1\nCATEGORIES:OCS\nEND:VEVENT\nEND:VCALENDAR\n"
    )


@pytest.mark.parametrize("day", ["99991231", "00010101", "18991231"])
def test_an_imported_date_outside_the_years_kept_is_refused(
    cli: Cli, tmp_path: Path, day: str
) -> None:
    assert cli("list").exit_code == 0
    before = store_content(cli.db)
    calendar = tmp_path / "far.ics"
    calendar.write_text(_ics(day))
    # An import takes what it can: the event is left out and reported, with the reason.
    lenient = cli("import", str(calendar), "--format", "json")
    assert lenient.exit_code == 0, lenient.stderr
    report = json.loads(lenient.stdout)
    assert report["added"] == [] and len(report["skipped"]) == 1
    assert "1900-2200" in report["skipped"][0]["reason"]
    assert report["skipped"][0]["uid"] == "far-away-1"
    # All or nothing: the whole file is refused in one line.
    assert_refused(cli("import", str(calendar), "--strict"), 2, "1900-2200")
    assert store_content(cli.db) == before
    assert cli("export").exit_code == 0  # a cron feed goes on


@pytest.mark.parametrize("phrase", ["9999-12-31", "31/12/9999", "0001-01-01", "Q1 2201"])
def test_a_typed_date_outside_the_years_kept_is_refused(cli: Cli, phrase: str) -> None:
    assert_refused(cli("add", "Talks", "--date", phrase, "--org", "SCO"), 2)
    assert_refused(cli("reschedule", EVENT, phrase), 2)
    assert_refused(cli("remind", "add", EVENT, "--before", phrase), 2)


@pytest.mark.parametrize("phrase", ["demain", "next week", "dans 2 semaines", "l'année prochaine"])
def test_an_everyday_date_past_the_last_year_kept_is_refused(cli: Cli, phrase: str) -> None:
    assert cli("list").exit_code == 0
    before = store_content(cli.db)
    for args in (
        ["add", "Talks", "--date", phrase, "--org", "SCO"],
        ["reschedule", EVENT, phrase],
        ["postpone", EVENT, phrase],
        ["remind", "add", EVENT, "--on", phrase],
        ["list", "--from", phrase],
    ):
        assert_refused(cli(*args, today="2200-12-31"), 2, "1900-2200")
    assert store_content(cli.db) == before


@pytest.mark.parametrize("since", ["hier", "lundi dernier", "1850-W10", "0001-01-01T00:00"])
def test_a_digest_since_before_the_first_year_kept_is_refused(cli: Cli, since: str) -> None:
    assert_refused(cli("digest", "--since", since, today="1900-01-01"), 2, "1900-2200")


@pytest.mark.parametrize(
    "args",
    [
        ["unannotate", EVENT, HUGE],
        ["remind", "rm", HUGE],
        ["remind", "snooze", HUGE, "3d"],
        ["edit", EVENT, f"number={HUGE}"],
        ["add", "Talks", "--date", "2027-03-01", "--org", "SCO", "--number", HUGE],
        ["list", "--limit", HUGE],
        ["log", "--limit", HUGE],
        ["digest", "--limit", HUGE],
        ["digest", "--days", HUGE],
        ["remind", "add", EVENT, "--before", f"{HUGE}d"],
        ["remind", "snooze", "1", f"{HUGE}d"],
    ],
    ids=lambda a: " ".join(a[:2]),
)
def test_a_huge_number_is_refused(cli: Cli, args: list[str]) -> None:
    assert cli("list").exit_code == 0
    before = store_content(cli.db)
    assert_refused(cli(*args), 2)
    assert store_content(cli.db) == before


BAD_UTF8 = "caf\udce9"  # what Python makes of the Latin-1 byte 0xE9 in an argument


@pytest.mark.parametrize(
    "args",
    [
        ["annotate", EVENT, BAD_UTF8],
        ["add", BAD_UTF8, "--date", "2027-03-01", "--org", "SCO"],
        ["list", BAD_UTF8],
        ["edit", EVENT, f"summary={BAD_UTF8}"],
        ["tag", EVENT, f"+{BAD_UTF8}"],
        ["confirm", EVENT, "--note", BAD_UTF8],
        ["show", BAD_UTF8],
    ],
    ids=lambda a: a[0],
)
def test_an_argument_that_is_not_utf8_is_refused(cli: Cli, args: list[str]) -> None:
    assert cli("list").exit_code == 0
    before = store_content(cli.db)
    line = assert_refused(cli(*args), 2, "UTF-8")
    assert "\udce9" not in line
    assert store_content(cli.db) == before


def test_real_bytes_that_are_not_utf8_are_refused(isolated_env: Path, db_path: Path) -> None:
    env = subprocess_env(isolated_env, SCO_CAL_TODAY="2026-11-23")
    base = [sys.executable.encode(), b"-m", b"sco_cal"]
    argv = [*base, b"annotate", EVENT.encode(), b"caf\xe9", b"--db", str(db_path).encode()]
    done = subprocess.run(argv, capture_output=True, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count(b"\n") == 1 and b"UTF-8" in done.stderr
    piped = [*base, b"annotate", EVENT.encode(), b"-", b"--db", str(db_path).encode()]
    done = subprocess.run(piped, input=b"note \xff\xfe", capture_output=True, env=env, timeout=60)
    assert done.returncode == 2, done.stderr
    assert done.stderr.count(b"\n") == 1 and b"UTF-8" in done.stderr


CONFIGS = {
    "views is a number": "views = 3\n",
    "a view is a number": "[views]\nkz = 3\n",
    "a limit is a word": '[views.kz]\nlimit = "abc"\n',
    "a limit is negative": "[views.kz]\nlimit = -4\n",
    "a sort is unknown": '[views.kz]\nsort = "size"\n',
    "a list of numbers": "[views.kz]\norg = [1, 2]\n",
    "lang is a number": "lang = 5\n",
    "author is a table": "[author]\nname = 1\n",
    "keymap is a list": 'keymap = ["a"]\n',
    "digest is a list": "digest = [1]\n",
    "reminders is a number": "reminders = 5\n",
    "deeply nested": "a = " + "[" * 5000 + "]" * 5000 + "\n",
    "not UTF-8": b"author = 'caf\xe9'\n",
}


@pytest.mark.parametrize("name", list(CONFIGS))
def test_a_broken_configuration_is_one_line(db_path: Path, isolated_env: Path, name: str) -> None:
    text = CONFIGS[name]
    config = isolated_env / "config.toml"
    config.write_bytes(text if isinstance(text, bytes) else text.encode())
    args = (
        ["list", "@kz"]
        if "view" in name or "limit" in name or "sort" in name or "list of" in name
        else ["list"]
    )
    assert_refused(Cli(str(db_path))(*args), 2, "config.toml")


@pytest.mark.parametrize(
    "words",
    [
        [f"w{n}" for n in range(2000)],
        ["x" * 100_000],
        ["%" * 60_000],
    ],
    ids=["2000 words", "one long word", "wildcards"],
)
def test_a_search_too_big_is_an_input_error(cli: Cli, words: list[str]) -> None:
    assert_refused(cli("list", *words), 2, "search")


@pytest.mark.parametrize(
    "phrase",
    [
        "du 13 novembre au 30 octobre 2025",
        "13 November - 30 October 2025",
        "du 30 octobre 2025 au 13 octobre 2025",
        "de novembre à octobre 2025",
    ],
)
def test_a_date_range_that_ends_before_it_starts_is_refused(cli: Cli, phrase: str) -> None:
    assert_refused(cli("add", "Talks", "--date", phrase, "--org", "SCO"), 2, "before it starts")
    assert_refused(cli("list", "--from", phrase), 2, "before it starts")


@pytest.mark.parametrize(
    "phrase, start, end",
    [
        ("28 décembre - 3 janvier 2026", "2025-12-28", "2026-01-03"),
        ("d'octobre à mars 2026", "2025-10-01", "2026-03-31"),
    ],
)
def test_a_range_across_new_year_is_still_read(cli: Cli, phrase: str, start: str, end: str) -> None:
    added = cli.json("add", "Talks", "--date", phrase, "--org", "SCO")
    assert (added["start"], added["end"]) == (start, end)


@pytest.mark.parametrize("args", [["list"], ["clashes"], ["export"]], ids=" ".join)
def test_from_after_to_is_refused(cli: Cli, args: list[str]) -> None:
    assert_refused(cli(*args, "--from", "2027-01-01", "--to", "2026-01-01"), 2, "after")

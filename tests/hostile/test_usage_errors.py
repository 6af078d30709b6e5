"""Typer's own usage errors are one line too: `sco-cal: error: ...`, exit 2."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused
from tests.support.cli import Cli
from tests.support.env import subprocess_env

USAGE_ERRORS = [
    (["list", "--bogus"], "--bogus"),
    (["list", "--limit", "many"], "many"),
    (["list", "--limit", "0"], "0"),
    (["list", "--sort", "nonsense"], "nonsense"),
    (["list", "--format", "pdf"], "pdf"),
    (["show"], "ID"),
    (["annotate", "sco-summer-games-2026"], "TEXT"),
    (["add", "Talks"], "--date"),
    (["unannotate", "sco-summer-games-2026", "first"], "first"),
    (["remind", "rm", "x"], "x"),
    (["remind", "bogus"], "bogus"),
    (["db", "bogus"], "bogus"),
    (["bogus"], "bogus"),
    (["digest", "--days", "-1"], "-1"),
    (["export", "--format", "xml"], "xml"),
]


@pytest.mark.parametrize(
    "args, named", USAGE_ERRORS, ids=lambda v: " ".join(v) if isinstance(v, list) else v
)
def test_a_usage_error_is_one_line(db_path: Path, args: list[str], named: str) -> None:
    line = assert_refused(Cli(str(db_path))(*args), 2, named)
    assert "╭" not in line and "Usage:" not in line
    assert f"sco-cal {args[0]}" in line or args[0] == "bogus"  # where to read more


def test_the_installed_command_says_it_in_one_line_too(isolated_env: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "sco_cal", "list", "--bogus"],
        capture_output=True,
        text=True,
        env=subprocess_env(isolated_env),
        timeout=60,
    )
    assert done.returncode == 2
    assert done.stderr.count("\n") == 1 and done.stderr.startswith("sco-cal: error: ")


def test_help_is_still_help(db_path: Path) -> None:
    result = Cli(str(db_path))("list", "--help")
    assert result.exit_code == 0 and "--follow-up" in result.stdout
    bare = Cli(str(db_path)).runner.invoke(__import__("sco_cal.cli", fromlist=["app"]).app, ["db"])
    assert "backup" in bare.stdout + bare.stderr  # a group alone lists its commands

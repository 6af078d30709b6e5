"""A command that reads and writes in one go is never refused for someone else's write:
only an explicit `--expect-version` may be (exit 4)."""

from __future__ import annotations

import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused
from tests.support.cli import Cli
from tests.support.env import subprocess_env

EVENT = "sco-summer-games-2026"
WRITERS = 8
ROUNDS = 10

# Each writer runs the real CLI in one process, ROUNDS times, and prints each exit code.
WRITER = """
import sys
from sco_cal.cli import app
db, writer, rounds = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
for n in range(rounds):
    if (writer + n) % 3 == 0:
        args = ["edit", "EVENT_ID", f"summary=writer {writer} round {n}"]
    else:
        args = ["status", "EVENT_ID", "confirmed" if (writer + n) % 2 else "provisional"]
    try:
        app([*args, "--db", db, "--today", "2026-11-23", "-F", "table"], standalone_mode=False)
        code = 0
    except SystemExit as exc:
        code = exc.code
    print("CODE", args[0], code, flush=True)
""".replace("EVENT_ID", EVENT)


@pytest.mark.slow
def test_concurrent_plain_writes_are_retried_never_refused(db: str, isolated_env: Path) -> None:
    cli = Cli(db)
    assert cli("show", EVENT).exit_code == 0
    runs = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db, str(n), str(ROUNDS)],
            env=subprocess_env(isolated_env),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(WRITERS)
    ]
    codes: Counter[tuple[str, int]] = Counter()
    for run in runs:
        out, err = run.communicate(timeout=600)
        assert run.returncode == 0, err
        for line in out.splitlines():
            _, command, code = line.split()
            codes[(command, int(code))] += 1
        # The only refusal a plain status may meet: the event is already in that state.
        assert all(
            "is already" in line for line in err.splitlines() if line.startswith("sco-cal")
        ), err
    assert sum(codes.values()) == WRITERS * ROUNDS
    assert {code for _, code in codes} <= {0, 2}, codes
    assert codes[("edit", 0)] == sum(n for (c, _), n in codes.items() if c == "edit")
    # A status write that found its state already set by another writer records nothing.
    history = cli.json("history", EVENT)
    recorded = [h for h in history if h["action"] == "status"]
    assert 1 <= len(recorded) <= codes[("status", 0)]
    assert cli.json("show", EVENT)["status"] == recorded[-1]["new"]


def test_an_explicit_expected_version_is_still_refused(cli: Cli) -> None:
    version = cli.json("show", EVENT)["version"]
    assert cli("edit", EVENT, "summary=first", "--expect-version", str(version)).exit_code == 0
    stale = cli("edit", EVENT, "summary=second", "--expect-version", str(version))
    assert_refused(stale, 4, "changed by someone else")
    assert cli.json("show", EVENT)["summary"] == "first"

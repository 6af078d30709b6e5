"""A command that reads and writes in one go is never refused for someone else's write:
only an explicit `--expect-version` may be (exit 4)."""

from __future__ import annotations

import sqlite3
import subprocess
import sys
import threading
import time
from collections import Counter
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sco_cal.domain.event import Annotation
from sco_cal.service import CalendarService
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


@contextmanager
def colleague_holding(db: str, event_id: str) -> Iterator[None]:
    """Another writer's transaction on the event, open until the block ends: on
    PostgreSQL it holds the event's row, on SQLite the whole store."""
    if "://" in db:
        import psycopg

        with psycopg.connect(db.replace("postgresql+psycopg://", "postgresql://")) as conn:
            conn.execute("SELECT 1 FROM event WHERE id = %s FOR UPDATE", (event_id,))
            yield
            conn.commit()
    else:
        conn = sqlite3.connect(db, isolation_level=None)
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            conn.execute("COMMIT")
            conn.close()


def test_a_writer_that_waits_its_turn_is_stamped_after_the_change_it_waited_for(
    db: str, service: CalendarService
) -> None:
    """Stamped before its wait, a note would sort before the change it was built on in
    the event's history; it is stamped once the event is its own."""
    written: list[Annotation] = []
    failed: list[Any] = []

    def annotate() -> None:
        try:
            written.append(service.records.annotate(EVENT, "written after waiting"))
        except Exception as exc:  # reported below: a thread's exception is otherwise lost
            failed.append(exc)

    writer = threading.Thread(target=annotate)
    with colleague_holding(db, EVENT):
        writer.start()
        time.sleep(0.6)
        assert writer.is_alive() and not written  # it waits its turn
        released = datetime.now(UTC)
    writer.join(timeout=30)
    assert not failed and len(written) == 1
    assert written[0].created_at >= released
    assert service.events.history(EVENT)[-1].at >= released

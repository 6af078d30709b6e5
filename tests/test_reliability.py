"""Concurrent writers lose nothing; a killed seed leaves the store as it was."""

from __future__ import annotations

import json
import os
import signal
import sqlite3
import subprocess
import sys
import time
from datetime import date
from pathlib import Path

import pytest

from sco_cal.domain.query import EventFilter, Scope
from sco_cal.wiring import build_service
from tests.support.env import subprocess_env

pytestmark = pytest.mark.slow

WRITER = """
import sys
from datetime import date
from sco_cal.wiring import build_service
service, _ = build_service(db=sys.argv[1], today=date(2026, 11, 23))
targets = ["sco-defence-ministers-23", "sco-summer-games-2026", "sco-transport-ministers-13"]
for i in range(int(sys.argv[3])):
    service.records.annotate(targets[i % 3], f"writer {sys.argv[2]} note {i}")
"""

READER = """
import sys, time
from datetime import date
from sco_cal.wiring import build_service
from sco_cal.domain.query import EventFilter, Scope
service, _ = build_service(db=sys.argv[1], today=date(2026, 11, 23))
deadline = time.monotonic() + 120
lists = 0
while time.monotonic() < deadline:
    service.events.find(EventFilter(scope=Scope.ALL, annotated=True), details=True)
    lists += 1
    if lists > 5 and open(sys.argv[2]).read() == "done":
        break
print(lists)
"""


def test_four_writers_and_a_reader_lose_nothing(
    db: str, tmp_path: Path, isolated_env: Path
) -> None:
    service, _ = build_service(db=db, today=date(2026, 11, 23))
    service.close()
    env = subprocess_env(isolated_env)
    flag = tmp_path / "flag"
    flag.write_text("running")
    reader = subprocess.Popen(
        [sys.executable, "-c", READER, db, str(flag)],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    writers = [
        subprocess.Popen(
            [sys.executable, "-c", WRITER, db, str(n), "250"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for n in range(4)
    ]
    results = [w.communicate(timeout=300) + (w.returncode,) for w in writers]
    flag.write_text("done")
    out, err = reader.communicate(timeout=300)
    for _out, werr, code in results:
        assert code == 0, werr
        assert "locked" not in werr
    assert reader.returncode == 0, err
    assert int(out) > 5  # it really listed while the writers wrote
    texts = {
        a.text
        for e in service.events.find(EventFilter(scope=Scope.ALL, annotated=True), details=True)
        for a in e.annotations
    }
    assert texts == {f"writer {n} note {i}" for n in range(4) for i in range(250)}


def big_seed(path: Path, count: int) -> Path:
    lines = ['[[document]]\nfile = "big.txt"\ntitle = "Synthetic"\ndate = 2026-01-01\n']
    for i in range(count):
        lines.append(
            f'[[event]]\nid = "bulk-{i:05d}"\norganisation = "SCO"\nkind = "meeting"\n'
            f'title = "Réunion {i}"\ntitle_en = "Meeting {i}"\ncountry = "KZ"\n'
            f'cities = ["Astana"]\ndate = "{1 + i % 28} mars 2026"\nstatus = "provisional"\n'
            f'[[event.source]]\ndocument = "big.txt"\nexcerpt = "Réunion {i}"\n'
        )
    path.write_text("\n".join(lines), encoding="utf-8")
    return path


def wait_until_writing(db: str, proc: subprocess.Popen[bytes]) -> None:
    """Return once `proc` has held its write transaction open for a while: killed then,
    it dies midway through its writes, however fast or slow the machine."""
    held_since: float | None = None
    deadline = time.monotonic() + 180
    while time.monotonic() < deadline:
        assert proc.poll() is None, "the seed finished before it could be interrupted"
        if _someone_writing(db):
            held_since = held_since or time.monotonic()
            if time.monotonic() - held_since > 0.2:
                return
        else:
            held_since = None
        time.sleep(0.01)
    raise AssertionError("the seed never started writing")


def _someone_writing(db: str) -> bool:
    if not db.startswith("postgresql"):
        conn = sqlite3.connect(db, timeout=0, isolation_level=None)
        try:
            conn.execute("BEGIN IMMEDIATE")
            conn.execute("ROLLBACK")
            return False
        except sqlite3.OperationalError:
            return True  # the write lock is taken
        finally:
            conn.close()
    import psycopg

    with psycopg.connect(db.replace("postgresql+psycopg://", "postgresql://")) as pg:
        row = pg.execute(
            "SELECT count(*) FROM pg_stat_activity WHERE datname = current_database() "
            "AND pid <> pg_backend_pid() AND backend_xid IS NOT NULL"
        ).fetchone()
    return bool(row and row[0])


def test_killing_a_seed_midway_leaves_the_store_as_it_was(
    db: str, tmp_path: Path, isolated_env: Path
) -> None:
    service, _ = build_service(db=db, today=date(2026, 11, 23))
    service.records.annotate("sco-summer-games-2026", "written before the crash")
    before = {e.id: e.version for e in service.events.find(EventFilter(scope=Scope.ALL))}
    service.close()
    seed_file = big_seed(tmp_path / "big.toml", 20000)
    env = subprocess_env(isolated_env)
    proc = subprocess.Popen(
        [sys.executable, "-m", "sco_cal", "seed", "--file", str(seed_file), "--db", db],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    wait_until_writing(db, proc)
    os.kill(proc.pid, signal.SIGKILL)
    proc.wait()

    after, _ = build_service(db=db, today=date(2026, 11, 23))
    assert {e.id: e.version for e in after.events.find(EventFilter(scope=Scope.ALL))} == before
    assert after.events.get("sco-summer-games-2026").annotation_count == 1
    check = subprocess.run(
        [sys.executable, "-m", "sco_cal", "db", "check", "--db", db, "--format", "json"],
        env=env,
        capture_output=True,
        text=True,
    )
    assert check.returncode == 0, check.stdout + check.stderr
    assert all(c["ok"] for c in json.loads(check.stdout))

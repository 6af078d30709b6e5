"""Imports that must not run away: endless recurrences, huge files, inputs that never end.

Each case runs the installed `sco-cal` in a child process with a memory ceiling and a
generous time-out: the time-out only keeps a regression from hanging the suite, the
assertions are on what the person sees (exit code, one line, nothing written).
"""

from __future__ import annotations

import json
import os
import resource
import subprocess
import sys
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from tests.support.databases import copy_sqlite
from tests.support.env import TODAY, subprocess_env

MEMORY_CEILING = 2 << 30  # a run-away expansion grew by ~18 MB/s: it would hit this
HANG_GUARD = 120  # seconds; a correct run takes one or two
# 158 bytes with --org: a rule that, unchecked, yields a start every second for two years.
SECONDLY = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:tick@example.org\r\n"
    b"DTSTART:20261123T000000Z\r\nRRULE:FREQ=SECONDLY\r\nSUMMARY:Tick\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)
ONE_EVENT = (
    b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:one@example.org\r\n"
    b"DTSTART;VALUE=DATE:20270310\r\nSUMMARY:SCO senior officials\r\n"
    b"END:VEVENT\r\nEND:VCALENDAR\r\n"
)


def _limited() -> None:
    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_CEILING, MEMORY_CEILING))


def sco_cal(home: Path, db: Path, *args: str) -> subprocess.CompletedProcess[str]:
    exe = Path(sys.executable).with_name("sco-cal")
    return subprocess.run(
        [str(exe), *args, "--db", str(db), "--today", TODAY],
        capture_output=True,
        text=True,
        env=subprocess_env(home),
        timeout=HANG_GUARD,
        preexec_fn=_limited,
        check=False,
    )


@pytest.fixture
def run(
    isolated_env: Path, tmp_path: Path, seeded_sqlite: Path
) -> Callable[..., subprocess.CompletedProcess[str]]:
    """`sco-cal ARGS` on a seeded store of the test's own (copied: seeding is not what
    these cases are about, and took each child a second)."""
    db = tmp_path / "store.db"
    copy_sqlite(seeded_sqlite, db)
    return lambda *args: sco_cal(isolated_env, db, *args)


def event_count(run: Callable[..., subprocess.CompletedProcess[str]]) -> int:
    listed = run("list", "--all", "--format", "json")
    assert listed.returncode == 0, listed.stderr
    return len(json.loads(listed.stdout))


def one_line_error(result: subprocess.CompletedProcess[str], code: int, *words: str) -> None:
    assert result.returncode == code, result.stdout + result.stderr
    assert result.stderr.count("\n") == 1 and result.stderr.startswith("sco-cal: error: ")
    assert "Traceback" not in result.stderr
    for word in words:
        assert word in result.stderr
    assert result.stdout == ""


def test_a_secondly_rule_is_cut_off_while_it_expands(run: Any, tmp_path: Path) -> None:
    ticking = tmp_path / "tick.ics"
    ticking.write_bytes(SECONDLY)
    assert len(SECONDLY) < 200
    before = event_count(run)
    result = run("import", str(ticking), "--org", "SCO", "--format", "json")
    assert result.returncode == 0, result.stderr
    (skipped,) = json.loads(result.stdout)["skipped"]
    assert "repeats more than 5000 times" in skipped["reason"]
    assert skipped["line"] == 3 and skipped["uid"] == "tick@example.org"
    assert event_count(run) == before  # not 5,000 ticks: the series is left out whole


def test_a_secondly_rule_refuses_a_strict_import(run: Any, tmp_path: Path) -> None:
    ticking = tmp_path / "tick.ics"
    ticking.write_bytes(SECONDLY)
    before = event_count(run)
    result = run("import", str(ticking), "--org", "SCO", "--strict")
    one_line_error(result, 2, "tick.ics line 3", "repeats more than 5000 times")
    assert event_count(run) == before


def test_a_file_over_the_size_limit_is_refused_unread(run: Any, tmp_path: Path) -> None:
    huge = tmp_path / "huge.ics"
    with huge.open("wb") as out:  # sparse: 51 MB that take no room and no time to make
        out.write(ONE_EVENT)
        out.truncate(51_000_000)
    before = event_count(run)
    one_line_error(run("import", str(huge), "--org", "SCO"), 2, "huge.ics", "50 MB", "--max-size")
    assert event_count(run) == before


def test_max_size_raises_and_lowers_the_limit(run: Any, tmp_path: Path) -> None:
    small = tmp_path / "small.ics"
    small.write_bytes(ONE_EVENT)
    refused = run("import", str(small), "--org", "SCO", "--max-size", "100")
    one_line_error(refused, 2, "small.ics", "100 bytes")
    taken = run("import", str(small), "--org", "SCO", "--max-size", "1KB", "--format", "json")
    assert taken.returncode == 0, taken.stderr
    assert len(json.loads(taken.stdout)["added"]) == 1


@pytest.mark.parametrize("size", ["abc", "-5", "0", "12 parsecs", "9" * 40])
def test_a_bad_max_size_is_invalid_input(run: Any, tmp_path: Path, size: str) -> None:
    small = tmp_path / "small.ics"
    small.write_bytes(ONE_EVENT)
    one_line_error(run("import", str(small), "--org", "SCO", "--max-size", size), 2, "--max-size")


@pytest.mark.parametrize("device", ["/dev/zero", "/dev/urandom"])
def test_a_device_that_never_ends_is_refused(run: Any, device: str) -> None:
    if not Path(device).exists():
        pytest.skip(f"{device} does not exist here")
    before = event_count(run)
    one_line_error(run("import", device, "--org", "SCO"), 2, device, "not a regular file")
    assert event_count(run) == before


def test_a_directory_is_refused(run: Any, tmp_path: Path) -> None:
    one_line_error(run("import", str(tmp_path), "--org", "SCO"), 2, "is a directory")


def test_a_pipe_is_read_up_to_the_limit_and_no_further(run: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "endless.ics"
    os.mkfifo(fifo)
    stop = threading.Event()

    def write_forever() -> None:
        try:
            with fifo.open("wb") as out:
                out.write(b"BEGIN:VCALENDAR\r\n")
                while not stop.is_set():
                    out.write(b"X-FILLER:" + b"z" * 1000 + b"\r\n")
        except (BrokenPipeError, OSError):
            pass  # the reader stopped reading: what this test wants

    writer = threading.Thread(target=write_forever, daemon=True)
    writer.start()
    try:
        result = run("import", str(fifo), "--org", "SCO", "--max-size", "2MB")
    finally:
        stop.set()
    one_line_error(result, 2, "endless.ics", "larger than the 2 MB limit")
    writer.join(timeout=10)


def test_a_pipe_with_a_calendar_in_it_is_imported(run: Any, tmp_path: Path) -> None:
    fifo = tmp_path / "piped.ics"
    os.mkfifo(fifo)

    def write_once() -> None:
        with fifo.open("wb") as out:
            out.write(ONE_EVENT)

    writer = threading.Thread(target=write_once, daemon=True)
    writer.start()
    result = run("import", str(fifo), "--org", "SCO", "--format", "json")
    writer.join(timeout=10)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["added"]) == 1

"""Backups hold everything: private from their first byte, never left half-written."""

from __future__ import annotations

import os
import shutil
import signal
import sqlite3
import stat
import subprocess
import sys
import time
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused
from tests.support.cli import Cli
from tests.support.env import subprocess_env


def _needs_tools(db: str) -> None:
    if "://" in db and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")


@pytest.fixture
def open_umask() -> object:
    """The most common umask, under which a careless file would be world-readable."""
    old = os.umask(0o022)
    yield
    os.umask(old)


def test_a_backup_is_private(cli: Cli, tmp_path: Path, open_umask: object) -> None:
    _needs_tools(cli.db)
    backup = tmp_path / "backups" / "store.bak"
    assert cli("db", "backup", str(backup)).exit_code == 0
    assert stat.S_IMODE(backup.stat().st_mode) == 0o600
    assert stat.S_IMODE(backup.parent.stat().st_mode) == 0o700  # a folder made for it


def test_the_copy_saved_before_a_restore_is_private(
    cli: Cli, tmp_path: Path, isolated_env: Path, open_umask: object
) -> None:
    _needs_tools(cli.db)
    backup = tmp_path / "store.bak"
    assert cli("db", "backup", str(backup)).exit_code == 0
    restored = cli("db", "restore", str(backup))
    assert restored.exit_code == 0, restored.stderr
    saved = Path(restored.stderr.rsplit(" saved as ", 1)[1].strip())
    assert saved.exists() and stat.S_IMODE(saved.stat().st_mode) == 0o600


def test_a_backup_into_a_path_under_a_file_is_one_line(cli: Cli, tmp_path: Path) -> None:
    _needs_tools(cli.db)
    blocker = tmp_path / "a-file"
    blocker.write_text("not a folder\n")
    assert_refused(cli("db", "backup", str(blocker / "store.bak")), 2, "a-file")


def _big_store(path: Path, megabytes: int) -> None:
    """A seeded store made big with notes, so that copying it takes a while."""
    assert Cli(str(path))("annotate", "sco-summer-games-2026", "small").exit_code == 0
    with sqlite3.connect(path) as conn:
        conn.executemany(
            "INSERT INTO annotation (event_id, text, author, created_at) "
            "VALUES ('sco-summer-games-2026', ?, 'tester', '2026-11-23 10:00:00')",
            [(os.urandom(512 * 1024).hex(),) for _ in range(megabytes)],
        )


def _files_open_in(pid: int, directory: Path) -> list[str]:
    found = []
    for fd in Path(f"/proc/{pid}/fd").iterdir():
        try:
            target = os.readlink(fd)
        except OSError:
            continue
        if target.startswith(f"{directory}/"):
            found.append(target)
    return found


def test_a_backup_killed_midway_leaves_nothing_and_showed_nothing(
    db_path: Path, tmp_path: Path, isolated_env: Path, open_umask: object
) -> None:
    _big_store(db_path, 64)
    out = tmp_path / "out"
    out.mkdir()
    proc = subprocess.Popen(
        [sys.executable, "-m", "sco_cal", "db", "backup", str(out / "store.bak")]
        + ["--db", str(db_path)],
        env=subprocess_env(isolated_env),
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    seen: dict[str, int] = {}
    deadline = time.monotonic() + 60
    try:
        while not _files_open_in(proc.pid, out):  # it is writing the copy now
            assert proc.poll() is None, "the backup ended before it could be interrupted"
            assert time.monotonic() < deadline
        for entry in out.iterdir():
            seen[entry.name] = stat.S_IMODE(entry.lstat().st_mode)
    finally:
        os.kill(proc.pid, signal.SIGKILL)
        proc.wait()
    assert all(mode == 0o600 for mode in seen.values()), seen
    assert list(out.iterdir()) == []

"""Another person on the same machine: none of the files sco-cal writes can be read by
them, and no password shows in the command lines they can list during backup/restore.

CI runs as root, so these tests create a throw-away Unix user, act as it with
`runuser`, and remove it afterwards.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import tempfile
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from tests.support.cli import Cli
from tests.support.env import subprocess_env

FIXTURES = Path(__file__).parent.parent / "fixtures"
pytestmark = pytest.mark.skipif(
    os.geteuid() != 0 or not (shutil.which("useradd") and shutil.which("runuser")),
    reason="needs root (to create a second Unix user) and useradd/runuser; CI runs as root",
)


@pytest.fixture
def stranger() -> Iterator[str]:
    """A Unix user created for this test only, removed afterwards."""
    name = f"scocal-{uuid.uuid4().hex[:8]}"
    subprocess.run(
        ["useradd", "--system", "--no-create-home", "--shell", "/usr/sbin/nologin", name],
        check=True,
        capture_output=True,
    )
    try:
        yield name
    finally:
        subprocess.run(["userdel", name], check=False, capture_output=True)


@pytest.fixture
def shared() -> Iterator[Path]:
    """A folder anyone may enter and list (0755), as a shared home or project folder is:
    only the modes of the files sco-cal writes keep their content private."""
    folder = Path(tempfile.mkdtemp(prefix="sco-cal-shared-", dir="/tmp"))
    folder.chmod(0o755)
    yield folder
    shutil.rmtree(folder, ignore_errors=True)


def _as(user: str, *argv: str, **kwargs: object) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        ["runuser", "-u", user, "--", *argv], capture_output=True, text=True, **kwargs
    )  # type: ignore[call-overload]


def _everything_written(db: str, shared: Path) -> None:
    """Every kind of file sco-cal writes, into the shared folder."""
    cli = Cli(db)
    assert cli("annotate", "sco-summer-games-2026", "Minister attends; confidential").exit_code == 0
    assert cli("db", "backup", str(shared / "backup.db")).exit_code == 0
    restored = cli("db", "restore", str(shared / "backup.db"))
    assert restored.exit_code == 0, restored.stderr
    assert cli("export", "-o", str(shared / "desk.ics"), "--with-notes").exit_code == 0
    assert cli("export", "-F", "csv", "-o", str(shared / "desk.csv"), "--with-notes").exit_code == 0


@pytest.mark.parametrize(
    "engine", ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]
)
def test_no_file_sco_cal_writes_is_readable_by_another_user(
    engine: str,
    shared: Path,
    stranger: str,
    isolated_env: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    old_umask = os.umask(0o022)  # the usual umask, under which a careless file is world-readable
    try:
        monkeypatch.setenv("SCO_CAL_DATA_DIR", str(shared / "data"))
        if engine == "sqlite":
            db = str(shared / "sco-cal.db")
            old = shared / "old.db"  # a store left by sco-cal 0.1: upgraded, copied beside
            shutil.copyfile(FIXTURES / "store-v1.db", old)
            old.chmod(0o600)
            assert Cli(str(old))("list").exit_code == 0
            _everything_written(db, shared)
        else:
            server = os.environ.get("SCO_CAL_TEST_POSTGRES_URL")
            if not server or shutil.which("pg_dump") is None:
                pytest.skip("needs SCO_CAL_TEST_POSTGRES_URL and pg_dump")
            from tests.support.databases import postgres_database

            databases = postgres_database(server)
            try:
                _everything_written(next(databases), shared)
            finally:
                databases.close()
    finally:
        os.umask(old_umask)
    written = [p for p in shared.rglob("*") if p.is_file()]
    assert len(written) >= 4, written
    for path in written:
        attempt = _as(stranger, "cat", str(path))
        assert attempt.returncode != 0, f"{stranger} could read {path}"
        assert "confidential" not in attempt.stdout


# What another user lists, as often as it can: every process's command line. (The
# environment, where the password travels, the kernel shows to its owner only.)
WATCHER = r"""
while [ ! -e "$1" ]; do
  ps -eww -o args=
done
"""


@pytest.mark.postgres
def test_no_password_shows_in_ps_during_backup_and_restore(
    pg_db: str, stranger: str, shared: Path, isolated_env: Path
) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    password = pg_db.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    cli = Cli(pg_db)
    assert cli("list").exit_code == 0
    engine = create_engine(pg_db)
    with engine.begin() as conn:  # enough rows that the tools run for a while
        conn.execute(
            text(
                "INSERT INTO annotation (event_id, text, author, created_at) "
                "SELECT 'sco-summer-games-2026', repeat('note ', 200), 'tester', now() "
                "FROM generate_series(1, 20000)"
            )
        )
    engine.dispose()
    stop = shared / "stop"
    listing = isolated_env / "ps.txt"  # a file, not a pipe, which would fill and stall ps
    watcher = subprocess.Popen(
        ["runuser", "-u", stranger, "--", "env", "-i", "PATH=/usr/bin:/bin"]
        + ["sh", "-c", WATCHER, "watcher", str(stop)],
        stdout=listing.open("w"),
        stderr=subprocess.DEVNULL,
    )
    # The URL reaches sco-cal through the environment, as the README advises: a password
    # typed in `--db` is on sco-cal's own command line, which no program can hide.
    env = subprocess_env(isolated_env, SCO_CAL_DB=pg_db)
    run = [sys.executable, "-m", "sco_cal"]
    try:
        # A process of root's with a marker in its arguments: the watcher must see it,
        # or it could not have seen a password either.
        subprocess.run(["sh", "-c", "sleep 1", "canary-a1b2c3"], check=True)
        for args in (
            ["db", "backup", str(shared / "pg.dump")],
            ["db", "restore", str(shared / "pg.dump")],
        ):
            done = subprocess.run([*run, *args], env=env, capture_output=True, text=True)
            assert done.returncode == 0, done.stderr
    finally:
        stop.touch()
        watcher.wait(timeout=60)
    seen = listing.read_text(errors="replace")
    assert "canary-a1b2c3" in seen
    assert "pg_dump" in seen and ("pg_restore" in seen or "psql" in seen)
    # Other tests running beside this one pass URLs in `--db` on purpose; what must not
    # leak is on the lines of this store and of the PostgreSQL tools.
    database = pg_db.rsplit("/", 1)[1]
    ours = [
        line
        for line in seen.splitlines()
        if database in line or any(tool in line for tool in ("pg_dump", "pg_restore", "psql"))
    ]
    assert ours
    assert not [line for line in ours if f":{password}@" in line or "password=" in line]

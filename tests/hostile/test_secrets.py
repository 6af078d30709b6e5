"""No password in any output, error or command line that other users can see."""

from __future__ import annotations

import os
import shutil
import stat
from pathlib import Path

import pytest

from tests.hostile.support import assert_refused
from tests.support.cli import Cli


@pytest.mark.parametrize(
    "url",
    [
        "postgresql://desk:hunter2@db.example.org/scocal",
        "postgresql+psycopg://desk:hunter2@db.example.org:5433/scocal?sslmode=require",
        "postgresql://desk@db.example.org/scocal?password=hunter2",
        "postgresql://desk@db.example.org/scocal?sslmode=require&password=hunter2",
        "postgresql://desk:se@cret@db.example.org/scocal",
        "postgresql://desk:se%40cret@db.example.org/scocal",
    ],
)
def test_db_path_shows_no_password(url: str) -> None:
    result = Cli(url)("db", "path")
    assert result.exit_code == 0, result.stderr
    shown = result.stdout.strip()
    for piece in ("hunter2", "se@cret", "cret", "se%40"):
        assert piece not in shown, shown
    assert "db.example.org" in shown and "desk" in shown


@pytest.mark.postgres
def test_a_wrong_password_with_an_at_sign_is_not_echoed(postgres_server: str) -> None:
    # Unencoded, the '@' used to cut the password in two and the rest was read as a host.
    host_and_db = postgres_server.split("@", 1)[1]
    result = Cli(f"postgresql://scocal:wr@ng@{host_and_db}")("list")
    line = assert_refused(result, 5)
    assert "wr@ng" not in line and "ng@" not in line
    assert "password authentication failed" in line


def _spy(directory: Path, tool: str, log: Path) -> None:
    """A `tool` first on PATH that records its command line and runs the real one."""
    real = shutil.which(tool)
    assert real is not None
    script = directory / tool
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> "{log}"\nenv >> "{log}.env"\nexec "{real}" "$@"\n'
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)


@pytest.mark.postgres
def test_pg_dump_and_pg_restore_get_no_password_on_their_command_line(
    pg_db: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    spies = tmp_path / "bin"
    spies.mkdir()
    log = tmp_path / "argv.log"
    for tool in ("pg_dump", "pg_restore", "psql"):
        _spy(spies, tool, log)
    monkeypatch.setenv("PATH", f"{spies}{os.pathsep}{os.environ['PATH']}")
    password = pg_db.split("://", 1)[1].split("@", 1)[0].split(":", 1)[1]
    cli = Cli(pg_db)
    assert cli("annotate", "sco-summer-games-2026", "before the backup").exit_code == 0
    backup = tmp_path / "store.dump"
    assert cli("db", "backup", str(backup)).exit_code == 0
    assert cli("annotate", "sco-summer-games-2026", "after the backup").exit_code == 0
    restored = cli("db", "restore", str(backup))
    assert restored.exit_code == 0, restored.stderr
    assert [a["text"] for a in cli.json("annotations", "sco-summer-games-2026")] == [
        "before the backup"
    ]
    command_lines = log.read_text()
    assert command_lines.count("\n") >= 4  # backup, the dump before restoring, restore
    assert f":{password}@" not in command_lines and "password=" not in command_lines
    assert f"PGPASSWORD={password}" in (tmp_path / "argv.log.env").read_text()
    for output in (restored.stdout, restored.stderr):
        assert f":{password}@" not in output

"""`db check`, `db backup` and `db restore` on both engines."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from tests.support.cli import Cli


def test_check_passes_on_a_fresh_store(cli: Cli) -> None:
    checks = cli.json("db", "check")
    assert checks and all(c["ok"] for c in checks)
    assert {c["check"] for c in checks} >= {"schema version", "orphan annotation rows"}


def test_backup_then_restore_brings_back_the_notes(cli: Cli, tmp_path: Path) -> None:
    if "://" in cli.db and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    target = "sco-summer-games-2026"
    assert cli("annotate", target, "kept in the backup").exit_code == 0
    backup = tmp_path / "backups" / "store.bak"
    result = cli("db", "backup", str(backup))
    assert result.exit_code == 0, result.stderr
    assert backup.exists()
    assert cli("annotate", target, "written after the backup").exit_code == 0
    again = cli("db", "backup", str(backup))
    assert again.exit_code == 2 and "exists already" in again.stderr

    restored = cli("db", "restore", str(backup))
    assert restored.exit_code == 0, restored.stderr
    assert [a["text"] for a in cli.json("annotations", target)] == ["kept in the backup"]
    assert all(c["ok"] for c in cli.json("db", "check"))


def test_restore_refuses_what_is_not_a_store(db_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(db_path))
    junk = tmp_path / "junk.db"
    junk.write_bytes(b"not a database at all" * 100)
    result = cli("db", "restore", str(junk))
    assert result.exit_code == 2 and "not a sco-cal database" in result.stderr
    assert cli.json("list", "--all")  # the store is untouched


def test_check_reports_orphans(db_path: Path) -> None:
    cli = Cli(str(db_path))
    assert cli("annotate", "sco-summer-games-2026", "note").exit_code == 0
    with sqlite3.connect(db_path) as conn:  # damage it the way a foreign-key-less tool could
        conn.execute("PRAGMA foreign_keys = OFF")
        conn.execute("UPDATE annotation SET event_id = 'gone'")
    result = cli("db", "check", "--format", "json")
    assert result.exit_code == 1
    failed = [c["check"] for c in __import__("json").loads(result.stdout) if not c["ok"]]
    assert "orphan annotation rows" in failed


def test_author_can_be_the_database_role(db: str, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text('author = "@database"\n', encoding="utf-8")
    cli = Cli(db)
    result = cli("annotate", "sco-summer-games-2026", "who wrote this?")
    if "://" not in db:
        assert result.exit_code == 2 and "needs a PostgreSQL database" in result.stderr
        return
    assert result.exit_code == 0, result.stderr
    role = db.split("://", 1)[1].split(":", 1)[0]
    assert cli.json("annotations", "sco-summer-games-2026")[0]["author"] == role

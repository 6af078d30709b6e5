"""Paths are paths (`?`, `#`, `%XX` included), and a restore checks its file whole before
the live store is touched."""

from __future__ import annotations

import os
import shutil
import sqlite3
import stat
from collections.abc import Callable
from pathlib import Path

import pytest

from sco_cal.store.version import SCHEMA_VERSION
from tests.hostile.support import assert_refused, store_content
from tests.support.cli import Cli

FIXTURES = Path(__file__).parent.parent / "fixtures"
ODD_NAMES = ["desk?mode=memory.db", "desk#2.db", "desk%41.db", "desk%3Fx.db", "my desk.db"]


@pytest.mark.parametrize("name", ODD_NAMES)
@pytest.mark.parametrize("form", ["path", "url"])
def test_a_store_path_is_taken_literally(tmp_path: Path, name: str, form: str) -> None:
    folder = tmp_path / "stores"
    folder.mkdir()
    store = folder / name
    cli = Cli(str(store) if form == "path" else f"sqlite:///{store}")
    assert cli("annotate", "sco-summer-games-2026", "kept here").exit_code == 0
    assert stat.S_IMODE(store.stat().st_mode) == 0o600
    assert {p.name for p in folder.iterdir()} <= {name, f"{name}-wal", f"{name}-shm"}
    assert [a["text"] for a in Cli(str(store)).json("annotations", "sco-summer-games-2026")] == [
        "kept here"
    ]


def _backup_of(cli: Cli, path: Path) -> Path:
    result = cli("db", "backup", str(path))
    assert result.exit_code == 0, result.stderr
    return path


def _needs_tools(db: str) -> None:
    if "://" in db and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")


@pytest.mark.parametrize("name", ODD_NAMES)
def test_a_restore_reads_the_file_it_was_given(cli: Cli, tmp_path: Path, name: str) -> None:
    _needs_tools(cli.db)
    assert cli("annotate", "sco-summer-games-2026", "in the backup").exit_code == 0
    folder = tmp_path / "backups"
    folder.mkdir()
    good = _backup_of(cli, folder / name)
    # What a URI reading of the name would open instead: it must not be the one restored.
    decoy = folder / name.split("?")[0].split("#")[0]
    if decoy != good:
        decoy.write_bytes(b"junk")
    assert cli("annotate", "sco-summer-games-2026", "after the backup").exit_code == 0
    restored = cli("db", "restore", str(good))
    assert restored.exit_code == 0, restored.stderr
    notes = [a["text"] for a in cli.json("annotations", "sco-summer-games-2026")]
    assert notes == ["in the backup"]


def test_a_decoy_beside_a_junk_file_is_not_what_is_checked(cli: Cli, tmp_path: Path) -> None:
    _needs_tools(cli.db)
    folder = tmp_path / "backups"
    folder.mkdir()
    _backup_of(cli, folder / "desk")  # a sound backup named like the start of the junk's name
    junk = folder / "desk?x=1"
    junk.write_bytes(b"definitely not a backup" * 100)
    before = store_content(cli.db)
    assert_refused(cli("db", "restore", str(junk)), 2, "desk?x=1")
    assert store_content(cli.db) == before


# Candidates that are SQLite files, and even say they are sco-cal stores, but are not.
def _only_meta(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', ?)", (str(SCHEMA_VERSION),))


def _old_meta_only(path: Path) -> None:
    with sqlite3.connect(path) as conn:
        conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT)")
        conn.execute("INSERT INTO meta VALUES ('schema_version', '1')")


def _empty_sqlite(path: Path) -> None:
    sqlite3.connect(path).close()
    path.write_bytes(b"")


def _missing_column(path: Path) -> None:
    shutil.copyfile(FIXTURES / "store-v1.db", path)
    with sqlite3.connect(path) as conn:
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SCHEMA_VERSION),)
        )


def _newer(path: Path) -> None:
    shutil.copyfile(FIXTURES / "store-v1.db", path)
    with sqlite3.connect(path) as conn:
        conn.execute("UPDATE meta SET value = '99' WHERE key = 'schema_version'")


def _damaged(path: Path) -> None:
    shutil.copyfile(FIXTURES / "store-v1.db", path)
    data = bytearray(path.read_bytes())
    data[len(data) // 2 : len(data) // 2 + 2000] = os.urandom(2000)
    path.write_bytes(bytes(data))


def _text(path: Path) -> None:
    path.write_text("BEGIN:VCALENDAR\n")


CANDIDATES: dict[str, Callable[[Path], None]] = {
    "only a meta table": _only_meta,
    "an old meta table alone": _old_meta_only,
    "an empty file": _empty_sqlite,
    "a missing column": _missing_column,
    "a newer schema": _newer,
    "damaged pages": _damaged,
    "a text file": _text,
}


@pytest.mark.parametrize("kind", list(CANDIDATES))
def test_a_restore_candidate_is_checked_whole_first(
    db_path: Path, tmp_path: Path, kind: str
) -> None:
    cli = Cli(str(db_path))
    assert cli("annotate", "sco-summer-games-2026", "the live store").exit_code == 0
    candidate = tmp_path / "candidate.db"
    CANDIDATES[kind](candidate)
    before = store_content(str(db_path))
    assert_refused(cli("db", "restore", str(candidate)), 2, "candidate.db")
    assert store_content(str(db_path)) == before
    assert [p.name for p in db_path.parent.iterdir() if "before-restore" in p.name] == []


@pytest.mark.parametrize("special", ["fifo", "/dev/zero", "folder"])
def test_a_restore_from_what_is_not_a_file_is_refused(
    cli: Cli, tmp_path: Path, special: str
) -> None:
    source = Path(special)
    if special == "fifo":
        source = tmp_path / "pipe"
        os.mkfifo(source)
    elif special == "folder":
        source = tmp_path
    assert cli("annotate", "sco-summer-games-2026", "the live store").exit_code == 0
    before = store_content(cli.db)
    assert_refused(cli("db", "restore", str(source)), 2, "not a regular file")
    assert store_content(cli.db) == before


def test_an_old_backup_comes_back_upgraded(db_path: Path, tmp_path: Path) -> None:
    cli = Cli(str(db_path))
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "store-v1.db", old)
    restored = cli("db", "restore", str(old))
    assert restored.exit_code == 0, restored.stderr
    with sqlite3.connect(db_path) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == str(SCHEMA_VERSION)
    assert len(cli.json("list", "--all")) == 2  # the backup's events, nothing seeded over them
    shown = cli.json("show", "sco-defence-ministers-23")
    assert [a["text"] for a in shown["annotations"]] == ["Kept across the upgrade"]


def test_a_backup_of_an_empty_store_restores_empty(fresh_db: str, tmp_path: Path) -> None:
    _needs_tools(fresh_db)
    cli = Cli(fresh_db)
    assert cli("init", "--empty").exit_code == 0
    backup = _backup_of(cli, tmp_path / "empty.bak")
    assert cli("seed").exit_code == 0 and cli.json("list", "--all")
    assert cli("db", "restore", str(backup)).exit_code == 0
    assert cli.json("list", "--all") == []
    assert cli.json("list", "--all") == []  # and no seeding on the next run either


@pytest.mark.postgres
def test_postgresql_checks_the_dump_before_saving_and_restoring(
    pg_db: str, tmp_path: Path, isolated_env: Path
) -> None:
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    cli = Cli(pg_db)
    assert cli("annotate", "sco-summer-games-2026", "the live store").exit_code == 0
    before = store_content(pg_db)
    junk = tmp_path / "junk.dump"
    junk.write_bytes(b"PGDMP" + os.urandom(4000))
    assert_refused(cli("db", "restore", str(junk)), 2, "junk.dump")
    assert store_content(pg_db) == before
    data = isolated_env / "data"
    assert not data.exists() or not [p for p in data.iterdir() if "before-restore" in p.name]

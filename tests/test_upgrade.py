"""A store written by an older sco-cal upgrades in place, keeping every note."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sco_cal.store.migrations import MIGRATIONS
from sco_cal.store.version import SCHEMA_VERSION, SYNC_STATE_VERSION
from tests.support.cli import Cli, due_json

FIXTURES = Path(__file__).parent / "fixtures"


def test_a_version_1_store_upgrades_in_place_keeping_its_data(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "store-v1.db", old)
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == "1"
    upgraded = Cli(str(old))
    (kept,) = upgraded.json("remind", "list", today="2026-08-01")
    assert (kept["event_id"], kept["spec"], kept["author"]) == (
        "sco-defence-ministers-23",
        "14d",
        "fixture",
    )
    shown = upgraded.json("show", "sco-defence-ministers-23")
    assert [a["text"] for a in shown["annotations"]] == ["Kept across the upgrade"]
    assert upgraded.json("show", "sco-heads-of-state-council-2026-bishkek")["status"] == "confirmed"
    assert len(upgraded.json("list", "--all")) == 2
    with sqlite3.connect(old) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version[0] == str(SCHEMA_VERSION)
        assert conn.execute("SELECT count(*) FROM reminder_delivery").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sync_item").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sync_collection").fetchone()[0] == 0
        spans = dict(conn.execute("SELECT id, span_days FROM event"))
    assert spans["sco-heads-of-state-council-2026-bishkek"] == 183  # H2: Jul 1 .. Dec 31
    # The old file was backed up beside itself before the upgrade touched it.
    (backup,) = tmp_path.glob("old.v1-*.db")
    with sqlite3.connect(backup) as conn:
        assert conn.execute("SELECT value FROM meta").fetchone()[0] == "1"
    (delivered,) = due_json(upgraded, "2026-09-17")
    assert delivered["event_id"] == "sco-defence-ministers-23"


def test_a_store_from_just_before_sync_gains_the_sync_tables_as_the_last_step(
    tmp_path: Path,
) -> None:
    # Each step's version is its place in the list; the sync tables' step is the last.
    assert len(MIGRATIONS) + 1 == SCHEMA_VERSION == SYNC_STATE_VERSION
    db = tmp_path / "before-sync.db"
    store = Cli(str(db))
    assert store("init").exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE sync_item")
        conn.execute("DROP TABLE sync_collection")
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(SYNC_STATE_VERSION - 1),)
        )
    assert len(store.json("list", "--all")) > 0
    with sqlite3.connect(db) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version[0] == str(SCHEMA_VERSION)
        assert conn.execute("SELECT count(*) FROM sync_item").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sync_collection").fetchone()[0] == 0

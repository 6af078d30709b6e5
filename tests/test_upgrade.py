"""A store written by an older sco-cal upgrades in place, keeping every note."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

from sco_cal.store.migrations import MIGRATIONS
from sco_cal.store.version import SCHEMA_VERSION
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


def test_a_store_from_just_before_sync_gains_the_sync_tables(tmp_path: Path) -> None:
    # Each step's version is its place in the list: the sync tables came with version 6.
    assert len(MIGRATIONS) + 1 == SCHEMA_VERSION
    sync_state_version = 6
    db = tmp_path / "before-sync.db"
    store = Cli(str(db))
    assert store("init").exit_code == 0
    with sqlite3.connect(db) as conn:
        conn.execute("DROP TABLE sync_item")
        conn.execute("DROP TABLE sync_collection")
        conn.execute(
            "UPDATE meta SET value = ? WHERE key = 'schema_version'", (str(sync_state_version - 1),)
        )
    assert len(store.json("list", "--all")) > 0
    with sqlite3.connect(db) as conn:
        version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
        assert version[0] == str(SCHEMA_VERSION)
        assert conn.execute("SELECT count(*) FROM sync_item").fetchone()[0] == 0
        assert conn.execute("SELECT count(*) FROM sync_collection").fetchone()[0] == 0


def test_old_history_rows_of_one_action_become_one_entry(tmp_path: Path) -> None:
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "store-v1.db", old)
    summit = "sco-heads-of-state-council-2026-bishkek"
    moment = "2026-11-24 09:00:00.000000"
    # How sco-cal before version 4 wrote one postponement: a row per field.
    rows = [
        ("status", "confirmed", "postponed"),
        ("start_date", "2026-07-01", "2026-10-01"),
        ("date_text", "Second semestre 2026", "début octobre 2026"),
    ]
    with sqlite3.connect(old) as conn:
        conn.executemany(
            "INSERT INTO history (event_id, at, author, action, field, old, new, note) "
            "VALUES (?, ?, 'fixture', 'status', ?, ?, ?, 'MFA note')",
            [(summit, moment, *row) for row in rows],
        )
    upgraded = Cli(str(old))
    entries = upgraded.json("history", summit)
    assert [e["action"] for e in entries] == ["created", "status", "status"]
    moved = entries[-1]
    assert [(c["field"], c["old"], c["new"]) for c in moved["changes"]] == rows
    assert moved["note"] == "MFA note"
    # The earlier single-row entries keep their value, now as a change of a field.
    assert entries[0]["changes"] == [{"field": "status", "old": None, "new": "provisional"}]
    text = upgraded("history", summit, "--format", "table").stdout
    assert (
        "status: status confirmed -> postponed, date Second semestre 2026 -> début octobre 2026 (MFA note)"
        in text
    )
    with sqlite3.connect(old) as conn:
        days = dict(conn.execute("SELECT id, agenda_day FROM event"))
        assert conn.execute("SELECT count(*) FROM history").fetchone()[0] == 5
    assert days[summit] == "2026-12-31"  # H2 2026 is read after December
    assert days["sco-defence-ministers-23"] == "2026-10-01"  # October 2026, in its month


def test_an_upgraded_store_learns_sine_die_reminder_modes_and_digest_marks(
    tmp_path: Path,
) -> None:
    """Version 5's state arrives empty, and each old reminder keeps counting as it did: a
    lead time from its event's first day, a date phrase on its day."""
    old = tmp_path / "old.db"
    shutil.copyfile(FIXTURES / "store-v1.db", old)
    with sqlite3.connect(old) as conn:
        conn.execute(
            "INSERT INTO reminder (id, event_id, due, spec, author, created_at) VALUES "
            "(2, 'sco-defence-ministers-23', '2026-09-01', '1er septembre', 'fixture', "
            "'2026-01-01 00:00:00.000000')"
        )
    upgraded = Cli(str(old))
    kept = {r["id"]: r for r in upgraded.json("remind", "list", today="2026-08-01")}
    assert {(r["spec"], r["mode"], r["due"]) for r in kept.values()} == {
        ("14d", "before", "2026-09-17"),
        ("1er septembre", "on", "2026-09-01"),
    }
    with sqlite3.connect(old) as conn:
        assert conn.execute("SELECT count(*) FROM digest_mark").fetchone()[0] == 0
        sine_die = conn.execute("SELECT count(*) FROM event WHERE sine_die_since IS NOT NULL")
        assert sine_die.fetchone()[0] == 0
    summit = "sco-heads-of-state-council-2026-bishkek"
    assert upgraded("postpone", summit, "sine die", today="2026-11-23").exit_code == 0
    reopened = Cli(str(old)).json("show", summit, today="2026-11-23")
    assert reopened["sine_die"] == {"since": "2026-11-23", "follow_up_from": "2027-01-22"}
    digest = upgraded.json("digest", today="2026-11-23")
    assert summit in {e["id"] for e in digest["sections"]["dates_open"]}
    with sqlite3.connect(old) as conn:
        marks = conn.execute("SELECT event_id, section, listed_on FROM digest_mark").fetchall()
    assert marks == [(summit, "dates_open", "2026-11-23")]

"""A TUI left open while `db restore` puts an older backup back notices and reopens the
store: it shows the restored events, and its timeline, with no "no such column"."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest
from sqlalchemy import make_url

from sco_cal.tui.screens.timeline import TimelineScreen
from tests.support.cli import Cli
from tests.support.old_store import old_store
from tests.support.tui import agenda, build, open_with, run, settle, wait_until

# The two events of the version-1 fixture store, and one it does not have.
RESTORED = {"sco-defence-ministers-23", "sco-heads-of-state-council-2026-bishkek"}


def _old_backup(db: str, folder: Path) -> Path:
    """A backup written by sco-cal 0.1: schema version 1, two events."""
    if "://" not in db:
        old_store(str(folder / "old.db"))
        return folder / "old.db"
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    from tests.support.databases import postgres_database

    server = os.environ["SCO_CAL_TEST_POSTGRES_URL"]
    databases = postgres_database(server)
    old = next(databases)
    try:
        old_store(old)
        dump = folder / "old.dump"
        # The password through the environment, as sco-cal passes it: another test
        # watching `ps` for the server's password must not see it on this command line.
        url = make_url(old)
        port = f":{url.port}" if url.port else ""
        libpq = f"postgresql://{url.username}@{url.host}{port}/{url.database}"
        subprocess.run(
            ["pg_dump", "--format=custom", "--no-owner", "--file", str(dump), libpq],
            check=True,
            env={**os.environ, "PGPASSWORD": url.password or ""},
        )
        return dump
    finally:
        databases.close()


def test_an_open_tui_follows_a_restore_of_an_older_store(db: str, tmp_path: Path) -> None:
    cli = Cli(db)
    assert cli("annotate", "sco-summer-games-2026", "before the restore").exit_code == 0
    backup = _old_backup(db, tmp_path)
    app = build(db, show_all=True)
    app.poll_seconds = 0.2
    errors: list[str] = []

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        pilot.app.notify = lambda message, **kw: errors.append(str(message))  # type: ignore[method-assign]
        assert len(screen.table.window.events) > len(RESTORED)
        restored = cli("db", "restore", str(backup))
        assert restored.exit_code == 0, restored.stderr

        def shows_the_backup() -> bool:
            return {e.id for e in screen.table.window.events} == RESTORED

        await wait_until(pilot, shows_the_backup, seconds=20)
        await open_with(pilot, "t")  # the timeline reads by date range (version 3's column)
        assert isinstance(pilot.app.screen, TimelineScreen)
        await pilot.pause(0.5)  # a few more polls: no error comes later either
        await settle(pilot)
        assert errors == []

    run(app, scenario)

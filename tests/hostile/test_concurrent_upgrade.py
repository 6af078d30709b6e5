"""Many processes meeting an old store at once: one upgrades, the others wait and go on;
copies saved in the same second do not collide."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from sco_cal.store.version import SCHEMA_VERSION
from tests.support.cli import Cli
from tests.support.env import subprocess_env
from tests.support.old_store import old_store

FIXTURES = Path(__file__).parent.parent / "fixtures"
PROCESSES = 12


def _version(db: str) -> str:
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    with engine.connect() as conn:
        found = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'"))
        value = str(found.scalar_one())
    engine.dispose()
    return value


@pytest.mark.slow
def test_processes_opening_an_old_store_at_once_all_go_on(db: str, isolated_env: Path) -> None:
    old_store(db)
    command = [sys.executable, "-m", "sco_cal", "list", "--all", "--format", "json", "--db", db]
    runs = [
        subprocess.Popen(
            command,
            env=subprocess_env(isolated_env, SCO_CAL_TODAY="2026-11-23"),
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for _ in range(PROCESSES)
    ]
    finished = [(r.communicate(timeout=300), r.returncode) for r in runs]
    for (out, err), code in finished:
        assert code == 0 and err == "", err
        assert len(json.loads(out)) >= 1
    assert _version(db) == str(SCHEMA_VERSION)
    if "://" not in db:  # one upgrade, so one copy of the old store beside it
        assert len(list(Path(db).parent.glob("*.v1-*"))) == 1


def test_two_restores_in_the_same_second_keep_both_saved_stores(cli: Cli, tmp_path: Path) -> None:
    if "://" in cli.db and shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    backup = tmp_path / "store.bak"
    assert cli("db", "backup", str(backup)).exit_code == 0
    saved = []
    for _ in range(3):
        restored = cli("db", "restore", str(backup))
        assert restored.exit_code == 0, restored.stderr
        saved.append(Path(restored.stderr.rsplit(" saved as ", 1)[1].strip()))
    assert len(set(saved)) == 3 and all(p.exists() for p in saved)

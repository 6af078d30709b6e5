"""Shared fixtures: an isolated environment, a seeded SQLite file, the CLI runner."""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from sco_cal.cli import app
from sco_cal.compose import build_service
from sco_cal.service import CalendarService

TODAY = "2026-11-23"


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the real user's config or data, or inherits their colour choice."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SCO_CAL_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SCO_CAL_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("SCO_CAL_AUTHOR", "tester")
    for name in ("SCO_CAL_DB", "SCO_CAL_TODAY", "NO_COLOR", "SCO_CAL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "store" / "sco-cal.db"


@pytest.fixture
def service(db_path: Path) -> Iterator[CalendarService]:
    svc, _ = build_service(db=str(db_path), today=date(2026, 11, 23))
    yield svc
    svc.store.close()


class Cli:
    """Runs `sco-cal` in-process through Typer's runner against one database."""

    def __init__(self, db: Path) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, today: str = TODAY, input: str | None = None) -> Any:
        argv = [*args, "--db", str(self.db), "--today", today]
        return self.runner.invoke(app, argv, input=input)

    def json(self, *args: str, today: str = TODAY) -> Any:
        result = self(*args, "--format", "json", today=today)
        assert result.exit_code == 0, result.output + str(result.exception)
        return json.loads(result.stdout)


@pytest.fixture
def cli(db_path: Path) -> Cli:
    return Cli(db_path)


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCO_CAL_")}
    env.update(
        SCO_CAL_DATA_DIR=str(home / "data"),
        SCO_CAL_CONFIG=str(home / "config.toml"),
        SCO_CAL_AUTHOR="tester",
        **extra,
    )
    env.pop("NO_COLOR", None)
    return env

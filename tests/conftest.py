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
    """An SQLite file, for tests of what only SQLite has (file modes, WAL)."""
    return tmp_path / "store" / "sco-cal.db"


POSTGRES_ENV = "SCO_CAL_TEST_POSTGRES_URL"
_postgres_skipped = 0


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """A fresh database on each engine: an SQLite file, and a PostgreSQL database when
    SCO_CAL_TEST_POSTGRES_URL names a server where it may create databases."""
    if request.param == "sqlite":
        yield str(db_path)
        return
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        global _postgres_skipped
        _postgres_skipped += 1
        pytest.skip(f"PostgreSQL not tested: set {POSTGRES_ENV}=postgresql://user:pw@host/db")
    yield from postgres_database(server)


def postgres_database(server: str) -> Iterator[str]:
    """A throw-away database on the server named by `server`, dropped afterwards."""
    import uuid

    import psycopg

    name = f"scocal_test_{uuid.uuid4().hex[:12]}"
    admin = server.replace("postgresql+psycopg://", "postgresql://")
    with psycopg.connect(admin, autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"')
    base, _, _ = admin.rpartition("/")
    try:
        yield f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"
    finally:
        _drop_database(admin, name)


def _drop_database(admin: str, name: str) -> None:
    """Drop `name`; an autovacuum worker visiting it (a superuser's process, which FORCE
    may not end) is waited out for a few seconds."""
    import time

    import psycopg

    for attempt in range(20):
        try:
            with psycopg.connect(admin, autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 19:
                raise
            time.sleep(0.5)


def pytest_terminal_summary(terminalreporter: Any) -> None:
    if _postgres_skipped:
        terminalreporter.write_line(
            f"PostgreSQL: {_postgres_skipped} tests were SKIPPED because {POSTGRES_ENV} "
            "is not set; they ran on SQLite only.",
            yellow=True,
        )


@pytest.fixture
def service(db: str) -> Iterator[CalendarService]:
    svc, _ = build_service(db=db, today=date(2026, 11, 23))
    yield svc
    svc.store.close()


class Cli:
    """Runs `sco-cal` in-process through Typer's runner against one database."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, today: str = TODAY, input: str | None = None) -> Any:
        argv = [*args, "--db", self.db, "--today", today]
        return self.runner.invoke(app, argv, input=input)

    def json(self, *args: str, today: str = TODAY) -> Any:
        result = self(*args, "--format", "json", today=today)
        assert result.exit_code == 0, result.output + str(result.exception)
        return json.loads(result.stdout)


@pytest.fixture
def cli(db: str) -> Cli:
    return Cli(db)


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

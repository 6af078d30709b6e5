"""Shared fixtures: an isolated environment, seeded databases on each engine, the CLI.

Helpers live in `tests/support/`; no test imports from this file.
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from hypothesis import settings

from sco_cal.i18n import use
from sco_cal.service import CalendarService
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.wiring import build_service
from tests.support.cli import Cli
from tests.support.databases import (
    POSTGRES_ENV,
    copy_sqlite,
    create_postgres_database,
    drop_postgres_database,
    postgres_database,
    seed_store,
)
from tests.support.seeded_postgres import WorkerDatabase

_postgres_skipped = 0

# Speed is measured in bench/, not asserted here: on a loaded machine Hypothesis's
# default 200 ms deadline per example fails tests for reasons that are not behaviour.
settings.register_profile("sco-cal", deadline=None)
settings.load_profile("sco-cal")


@pytest.fixture(autouse=True)
def english_afterwards() -> Iterator[None]:
    """A test that spoke French in this process (the TUI chooses its language when it is
    built) leaves the next one English."""
    yield
    use("en")


@pytest.fixture(autouse=True)
def isolated_env(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """No test reads the real user's config or data, or inherits their colour choice."""
    home = tmp_path / "home"
    home.mkdir()
    monkeypatch.setenv("SCO_CAL_DATA_DIR", str(home / "data"))
    monkeypatch.setenv("SCO_CAL_CONFIG", str(home / "config.toml"))
    monkeypatch.setenv("SCO_CAL_AUTHOR", "tester")
    # Nor hands its commands to a resident server the user started.
    monkeypatch.setenv("XDG_RUNTIME_DIR", str(home / "run"))
    for name in ("SCO_CAL_DB", "SCO_CAL_TODAY", "NO_COLOR", "SCO_CAL_DEBUG"):
        monkeypatch.delenv(name, raising=False)
    # English unless a test asks for another language, whatever the machine's locale.
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        monkeypatch.delenv(name, raising=False)
    monkeypatch.setenv("LANG", "C.UTF-8")
    return home


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    """Where an SQLite store would go; nothing is there yet."""
    return tmp_path / "store" / "sco-cal.db"


@pytest.fixture(scope="session")
def seeded_sqlite(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A seeded SQLite store, built once per test session (per xdist worker)."""
    path = tmp_path_factory.mktemp("template") / "seeded.db"
    seed_store(str(path))
    return path


@pytest.fixture(scope="session")
def seeded_postgres() -> Iterator[str]:
    """A seeded PostgreSQL template database, built once per test session."""
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        yield ""
        return
    name = create_postgres_database(server)
    base = server.replace("postgresql+psycopg://", "postgresql://").rpartition("/")[0]
    seed_store(f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}")
    yield name
    drop_postgres_database(server, name)


@pytest.fixture(scope="session")
def worker_postgres(seeded_postgres: str) -> Iterator[WorkerDatabase]:
    """This worker's own seeded PostgreSQL database, put back as seeded before each test
    (or cloned afresh from the template when that cannot be proven)."""
    worker = WorkerDatabase(_server_or_skip(), seeded_postgres)
    yield worker
    worker.close()


def _server_or_skip() -> str:
    server = os.environ.get(POSTGRES_ENV)
    if not server:
        global _postgres_skipped
        _postgres_skipped += 1
        pytest.skip(f"PostgreSQL not tested: set {POSTGRES_ENV}=postgresql://user:pw@host/db")
    return server


ENGINES = ["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)]


@pytest.fixture(params=ENGINES)
def db(request: pytest.FixtureRequest, db_path: Path, seeded_sqlite: Path) -> Iterator[str]:
    """A seeded database of its own on each engine: an SQLite file, and a PostgreSQL
    database when SCO_CAL_TEST_POSTGRES_URL names a server where it may create them."""
    if request.param == "sqlite":
        copy_sqlite(seeded_sqlite, db_path)
        yield str(db_path)
        return
    _server_or_skip()
    worker: WorkerDatabase = request.getfixturevalue("worker_postgres")
    yield from worker.database()


@pytest.fixture(params=ENGINES)
def fresh_db(request: pytest.FixtureRequest, db_path: Path) -> Iterator[str]:
    """An empty place for a database on each engine, for tests of creating one."""
    if request.param == "sqlite":
        yield str(db_path)
        return
    yield from postgres_database(_server_or_skip())


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
    svc.close()


@pytest.fixture
def empty(tmp_path: Path) -> Iterator[CalendarService]:
    """A store with no events (not seeded), for what an import brings in."""
    svc, _ = build_service(db=str(tmp_path / "empty.db"), today=date(2026, 11, 23), seed=False)
    yield svc
    svc.close()


@pytest.fixture
def store(service: CalendarService, db: str) -> Iterator[Store]:
    """The store under `service`, for tests of the store itself."""
    opened = Store(resolve_target(db))
    yield opened
    opened.close()


@pytest.fixture
def cli(db: str) -> Cli:
    return Cli(db)

"""Databases for the tests: a seeded store built once per test session, copied per test.

Seeding takes a third of a second; copying a seeded SQLite file (the backup API) takes
a few milliseconds. A PostgreSQL clone of the seeded template costs far more, so the
seeded PostgreSQL database is reset rather than cloned (`seeded_postgres`).
"""

from __future__ import annotations

import sqlite3
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from sco_cal.config.settings import Settings
from sco_cal.wiring import build_service

POSTGRES_ENV = "SCO_CAL_TEST_POSTGRES_URL"
SEEDED_TODAY = date(2026, 11, 23)


def seed_store(db: str) -> None:
    """Create and seed the store `db` names, as a first `sco-cal` run would."""
    service, _ = build_service(db=db, today=SEEDED_TODAY, settings=Settings(author="tester"))
    service.close()


def copy_sqlite(template: Path, path: Path) -> None:
    """A private copy of `template` at `path` (directory 0700, file 0600, as the app makes)."""
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    with sqlite3.connect(template) as source, sqlite3.connect(path) as copy:
        source.backup(copy)
    path.chmod(0o600)


def admin_url(server: str) -> str:
    return server.replace("postgresql+psycopg://", "postgresql://")


def postgres_database(server: str, template: str | None = None) -> Iterator[str]:
    """A throw-away database on `server` (a copy of `template` if given), dropped afterwards."""
    name = create_postgres_database(server, template)
    try:
        yield postgres_url(server, name)
    finally:
        drop_postgres_database(server, name)


def create_postgres_database(server: str, template: str | None = None) -> str:
    import psycopg

    name = f"scocal_test_{uuid.uuid4().hex[:12]}"
    clause = f' TEMPLATE "{template}"' if template else ""
    with psycopg.connect(admin_url(server), autocommit=True) as conn:
        conn.execute(f'CREATE DATABASE "{name}"{clause}')
    return name


def drop_postgres_database(server: str, name: str) -> None:
    """Drop it, waiting a little for a session of another role (which FORCE may not end)."""
    import psycopg

    for attempt in range(20):
        try:
            with psycopg.connect(admin_url(server), autocommit=True) as conn:
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
            return
        except psycopg.errors.InsufficientPrivilege:
            if attempt == 19:
                raise
            time.sleep(0.25)


def postgres_url(server: str, name: str) -> str:
    base, _, _ = admin_url(server).rpartition("/")
    return f"postgresql+psycopg://{base.split('://', 1)[1]}/{name}"

"""The SQLAlchemy engine, for the schema's work (creating, upgrading and first seeding a
store), with SQLite made safe to share; and that work's connection seen as a
`Transaction`, so seeding writes with the same functions as every other change."""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

from sqlalchemy import URL, Connection, Engine, create_engine, event, text

from sco_cal.domain.errors import StoreError
from sco_cal.i18n import _
from sco_cal.store.reader import Row, sqlite_params
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.transaction import BUSY_TIMEOUT_MS, insert_sql


def ensure_private_file(path: Path) -> None:
    """Create the directory (0700) and the file (0600) so only their owner reads notes."""
    try:
        if not path.parent.exists():
            path.parent.mkdir(parents=True, mode=0o700)
        if not path.exists():
            os.close(os.open(path, os.O_CREAT | os.O_WRONLY, 0o600))
    except OSError as exc:
        raise StoreError(
            _("cannot create the database {path}: {strerror}").format(
                path=path, strerror=exc.strerror
            )
        ) from None


def make_engine(target: DatabaseTarget) -> Engine:
    """An engine for `target`; built on demand, never at import time."""
    if target.path is None:
        return _server_engine(target)
    ensure_private_file(target.path)
    # Built from the path itself: as a URL string, '?', '#' and '%XX' in a file name
    # would be read as a query, a fragment and escapes, and open another file.
    url = URL.create("sqlite", database=str(target.path))
    engine = create_engine(url, connect_args={"timeout": BUSY_TIMEOUT_MS / 1000})
    _configure_sqlite(engine)
    return engine


def _server_engine(target: DatabaseTarget) -> Engine:
    from sqlalchemy.engine import make_url
    from sqlalchemy.exc import ArgumentError

    try:
        url = make_url(target.url).set(password=target.password)
        return create_engine(url, pool_pre_ping=True)
    except ModuleNotFoundError as exc:
        raise StoreError(
            f"{target.dialect} needs the driver '{exc.name}': pip install 'sco-cal[postgres]'"
        ) from None
    except (ArgumentError, ValueError) as exc:
        raise StoreError(
            _("cannot use the database URL {url}: {exc}").format(url=target.display(), exc=exc)
        ) from None


def _configure_sqlite(engine: Engine) -> None:
    # pysqlite's own transaction handling defers BEGIN and skips it around DDL, so a
    # crash mid-seed or mid-migration could leave half the work. Take over: no implicit
    # transactions, and every transaction starts IMMEDIATE so writers queue on the busy
    # timeout instead of failing when a read lock cannot be upgraded.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None
        cursor = dbapi_conn.cursor()
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA foreign_keys = ON")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _on_begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


class EngineTransaction:
    """The statements of an SQLAlchemy connection's transaction, owned by its caller."""

    def __init__(self, conn: Connection) -> None:
        self._conn = conn
        self.dialect = conn.dialect.name

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        return list(self._conn.execute(text(sql), self._plain(params)).all())

    def execute(self, sql: str, params: Mapping[str, Any]) -> int:
        return int(self._conn.execute(text(sql), self._plain(params)).rowcount)

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        if rows:
            self._conn.execute(text(sql), [self._plain(r) for r in rows])

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        # Only while a store is created (the seed): by name, as its other statements.
        named = [dict(zip(columns, row, strict=True)) for row in rows]
        self.execute_many(insert_sql(table, columns), named)

    def close(self) -> None:
        pass

    def _plain(self, params: Mapping[str, Any]) -> dict[str, Any]:
        # Untyped parameters reach pysqlite as they are: store dates and times the way
        # the typed columns (and the lean path) store them.
        if self.dialect == "sqlite":
            return sqlite_params(params)
        return dict(params)

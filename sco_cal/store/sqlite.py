"""Write transactions on an SQLite file through the standard library's `sqlite3`.

Each connection is set up as the SQLAlchemy engine sets up its own (`engine.py`), so
the lean writes and the schema work share one discipline: no implicit transactions,
foreign keys enforced, WAL, and every transaction begun IMMEDIATE, so that writers
queue on the busy timeout instead of failing when a read lock cannot be upgraded.
"""

from __future__ import annotations

import sqlite3
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sco_cal.store.pool import Pool
from sco_cal.store.reader import (
    Row,
    damaged_store,
    sqlite_params,
    sqlite_row,
    sqlite_store_error,
)
from sco_cal.store.transaction import BUSY_TIMEOUT_MS, Busy, Writes, positional_insert_sql


def sqlite_writes(path: Path) -> Writes[sqlite3.Connection]:
    return Writes(Pool(lambda: open_for_writing(path), _idle), lambda conn: transaction(conn, path))


def open_for_writing(path: Path) -> sqlite3.Connection:
    """A connection to an existing store (a missing file is an error, never created here:
    the store is created private and with its schema by `Database.ensure_ready`)."""
    try:
        conn = sqlite3.connect(
            f"{path.as_uri()}?mode=rw",
            uri=True,
            timeout=BUSY_TIMEOUT_MS / 1000,
            isolation_level=None,
            check_same_thread=False,
        )
        conn.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        conn.execute("PRAGMA foreign_keys = ON")
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
    except sqlite3.Error as exc:
        raise sqlite_store_error(exc, path) from None
    return conn


def _idle(conn: sqlite3.Connection) -> bool:
    return not conn.in_transaction


class SqliteTransaction:
    dialect = "sqlite"

    def __init__(self, conn: sqlite3.Connection) -> None:
        self._conn = conn

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        return self._conn.execute(sql, sqlite_params(params)).fetchall()

    def execute(self, sql: str, params: Mapping[str, Any]) -> int:
        return self._conn.execute(sql, sqlite_params(params)).rowcount

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        self._conn.executemany(sql, [sqlite_params(r) for r in rows])

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        sql = positional_insert_sql(table, columns, "?")
        self._conn.executemany(sql, [sqlite_row(r) for r in rows])

    def close(self) -> None:
        pass


@contextmanager
def transaction(conn: sqlite3.Connection, path: Path) -> Iterator[SqliteTransaction]:
    """BEGIN IMMEDIATE ... COMMIT, rolled back on any error; a busy database is `Busy`,
    any other error said as the reads say it (a file that is not a database, a damaged
    or read-only one)."""
    try:
        conn.execute("BEGIN IMMEDIATE")
        try:
            yield SqliteTransaction(conn)
            conn.execute("COMMIT")
        finally:
            if conn.in_transaction:
                conn.execute("ROLLBACK")
    except sqlite3.Error as exc:
        if _is_busy(exc):
            raise Busy(str(exc)) from None
        raise sqlite_store_error(exc, path) from None
    except UnicodeDecodeError:
        raise damaged_store(path, "text that is not UTF-8") from None


def _is_busy(exc: sqlite3.Error) -> bool:
    message = str(exc)
    return isinstance(exc, sqlite3.OperationalError) and (
        "database is locked" in message or "database is busy" in message
    )

"""PostgreSQL through psycopg itself, for the lean reads and writes of a shared calendar.

SQLAlchemy takes about a tenth of a second to import and a few round trips to learn
the server before its first statement; a command that reads or writes one event
needs neither. Statements are written once with `:name` parameters, as SQLite and
SQLAlchemy's `text()` read them, and translated here to psycopg's `%(name)s`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, Mapping, Sequence
from contextlib import contextmanager
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sco_cal.domain.errors import StoreError
from sco_cal.i18n import _
from sco_cal.store.pool import Pool
from sco_cal.store.reader import Row
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.transaction import Busy, Writes, positional_insert_sql

if TYPE_CHECKING:
    import psycopg

# What SQLAlchemy's text() takes for a bound parameter: `:name`, but not `::type`.
_PARAMETER = re.compile(r"(?<![:\w\\]):(\w+)(?!:)")
# serialization_failure, deadlock_detected: the transaction can simply run again.
_RETRYABLE = {"40001", "40P01"}


@lru_cache(maxsize=512)
def pyformat(sql: str) -> str:
    """`:name` parameters as psycopg's `%(name)s`, a literal `%` doubled."""
    return _PARAMETER.sub(r"%(\1)s", sql.replace("%", "%%"))


def connect(target: DatabaseTarget) -> psycopg.Connection[Any]:
    """A connection in autocommit mode: each read is its own statement, and a write
    opens its transaction explicitly. The password, kept out of the URL, is given apart."""
    try:
        import psycopg
    except ModuleNotFoundError as exc:
        raise StoreError(
            _("{dialect} needs the driver '{driver}': pip install 'sco-cal[postgres]'").format(
                dialect=target.dialect, driver=exc.name
            )
        ) from None
    try:
        return psycopg.connect(target.libpq_url(), password=target.password, autocommit=True)
    except psycopg.Error as exc:
        raise store_error(exc) from None


def _idle(conn: psycopg.Connection[Any]) -> bool:
    from psycopg.pq import TransactionStatus

    return not conn.closed and conn.info.transaction_status == TransactionStatus.IDLE


class PostgresRows:
    """The reader's rows from a PostgreSQL server."""

    dialect = "postgresql"

    def __init__(self, target: DatabaseTarget) -> None:
        self._pool = Pool(lambda: connect(target), _idle)

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        import psycopg

        try:
            with self._pool.borrow() as conn:
                return conn.execute(pyformat(sql), dict(params)).fetchall()
        except psycopg.Error as exc:
            raise store_error(exc) from None

    def close(self) -> None:
        self._pool.close()


def postgres_writes(target: DatabaseTarget) -> Writes[psycopg.Connection[Any]]:
    return Writes(Pool(lambda: connect(target), _idle), transaction)


class PostgresTransaction:
    dialect = "postgresql"

    def __init__(self, conn: psycopg.Connection[Any]) -> None:
        self._conn = conn

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        return self._conn.execute(pyformat(sql), dict(params)).fetchall()

    def execute(self, sql: str, params: Mapping[str, Any]) -> int:
        return self._conn.execute(pyformat(sql), dict(params)).rowcount

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(pyformat(sql), [dict(r) for r in rows])

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        with self._conn.cursor() as cursor:
            cursor.executemany(positional_insert_sql(table, columns, "%s"), rows)

    def close(self) -> None:
        pass


@contextmanager
def transaction(conn: psycopg.Connection[Any]) -> Iterator[PostgresTransaction]:
    """BEGIN ... COMMIT (READ COMMITTED, as SQLAlchemy opened them), rolled back on any
    error; a serialization failure or a deadlock is `Busy`."""
    import psycopg

    try:
        with conn.transaction():
            yield PostgresTransaction(conn)
    except psycopg.Error as exc:
        if exc.sqlstate in _RETRYABLE:
            raise Busy(_first_line(exc)) from None
        raise store_error(exc) from None


def store_error(exc: Exception) -> StoreError:
    """A database error in one line, in the reader's language."""
    message = _first_line(exc)
    if "read-only" in message or "readonly" in message.replace(" ", "").lower():
        return StoreError(_("the database is read-only: {message}").format(message=message))
    return StoreError(_("database error: {message}").format(message=message))


def _first_line(exc: Exception) -> str:
    text = str(exc).strip()
    return text.splitlines()[0] if text else type(exc).__name__

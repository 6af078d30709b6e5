"""One write transaction, whatever the engine: SQL with `:name` parameters, and rows back.

Writes run on the database's own driver (the standard library's `sqlite3`, or
psycopg): recording a note costs neither SQLAlchemy nor the ORM. The tables are still
defined once, in `schema.py`, which creates and upgrades them; `mapping.py` says what
each column holds, for these writes as for the lean reads.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import AbstractContextManager, contextmanager
from typing import Any, Generic, Protocol, TypeVar

from sco_cal.store.pool import Closable, Pool
from sco_cal.store.reader import Row

BUSY_TIMEOUT_MS = 30_000


class Transaction(Protocol):
    """The statements of one transaction; it commits when the work returns, else rolls back."""

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`, for the few statements they spell differently."""
        ...

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        """The rows of a query (or of a statement's RETURNING clause)."""
        ...

    def execute(self, sql: str, params: Mapping[str, Any]) -> int:
        """Run a statement; how many rows it changed."""
        ...

    def execute_many(self, sql: str, rows: Sequence[Mapping[str, Any]]) -> None:
        """Run one statement once per row of parameters."""
        ...

    def insert_rows(
        self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]]
    ) -> None:
        """Insert rows given as values in `columns` order (the many rows of an import:
        no dictionary for each, and the driver binds them by position)."""
        ...

    def close(self) -> None:
        """Nothing to do: the transaction ends with its block (here to be a `Rows`)."""
        ...


class Busy(Exception):
    """The database was busy (locked, or a transaction lost a race): run the work again."""


C = TypeVar("C", bound=Closable)


class Writes(Generic[C]):
    """Write transactions on pooled connections of one database."""

    def __init__(
        self,
        pool: Pool[C],
        begin: Callable[[C], AbstractContextManager[Transaction]],
    ) -> None:
        self._pool = pool
        self._begin = begin

    @contextmanager
    def transaction(self) -> Iterator[Transaction]:
        with self._pool.borrow() as conn, self._begin(conn) as tx:
            yield tx

    def close(self) -> None:
        self._pool.close()


def positional_insert_sql(table: str, columns: Sequence[str], mark: str) -> str:
    """`INSERT INTO table (a, b) VALUES (?, ?)`, with the driver's positional `mark`."""
    return f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({', '.join([mark] * len(columns))})"


def insert_sql(table: str, columns: Sequence[str], *, returning: str | None = None) -> str:
    """`INSERT INTO table (a, b) VALUES (:a, :b)`, optionally returning a column."""
    marks = ", ".join(f":{c}" for c in columns)
    sql = f"INSERT INTO {table} ({', '.join(columns)}) VALUES ({marks})"
    return f"{sql} RETURNING {returning}" if returning else sql

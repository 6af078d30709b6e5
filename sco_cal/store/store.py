"""The store: one object that opens the database, reads lean and writes lean and safely."""

from __future__ import annotations

import random
import time
from collections.abc import Callable
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from sco_cal.domain.errors import StoreError
from sco_cal.i18n import _
from sco_cal.store.postgres import store_error
from sco_cal.store.reader import Reader, SqliteRows, damaged_store, sqlite_store_error
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.transaction import Busy, Transaction, Writes
from sco_cal.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Connection, Engine

T = TypeVar("T")
WRITE_ATTEMPTS = 8


class Store:
    """A database reached through `target`; connections open on first use.

    Reads and writes go through the database's own driver; the SQLAlchemy engine is
    built only for the schema's work (creating, upgrading), which SQLModel describes.
    """

    def __init__(self, target: DatabaseTarget) -> None:
        self.target = target

    @cached_property
    def reader(self) -> Reader:
        if self.target.path is not None:
            return Reader(SqliteRows(self.target.path))
        from sco_cal.store.postgres import PostgresRows

        return Reader(PostgresRows(self.target))

    @cached_property
    def engine(self) -> Engine:
        from sco_cal.store.engine import make_engine

        return make_engine(self.target)

    @cached_property
    def _writes(self) -> Writes[Any]:
        if self.target.path is not None:
            from sco_cal.store.sqlite import sqlite_writes

            return sqlite_writes(self.target.path)
        from sco_cal.store.postgres import postgres_writes

        return postgres_writes(self.target)

    def is_ready(self) -> bool:
        """The database exists and has this code's schema (one cheap query)."""
        if self.target.path is not None and not self.target.path.exists():
            return False
        version = self.reader.schema_version()
        if version > SCHEMA_VERSION:
            raise StoreError(
                f"the store has schema version {version}, newer than this sco-cal "
                f"understands ({SCHEMA_VERSION}): upgrade sco-cal"
            )
        return version == SCHEMA_VERSION

    def write(self, work: Callable[[Transaction], T]) -> T:
        """Run `work` in one transaction, run again (with backoff) while the database is
        busy; committed when it returns, rolled back when it raises."""
        return _retried(lambda: self._in_transaction(work))

    def _in_transaction(self, work: Callable[[Transaction], T]) -> T:
        with self._writes.transaction() as tx:
            return work(tx)

    def write_schema(self, work: Callable[[Connection], T]) -> T:
        """Run `work` on an SQLAlchemy connection in one transaction: the schema's work
        (creating, upgrading, and seeding in the same transaction), retried while busy."""
        from sqlalchemy.exc import DatabaseError

        def attempt() -> T:
            try:
                with self.engine.begin() as conn:
                    return work(conn)
            except DatabaseError as exc:
                if _is_busy(exc):
                    raise Busy(str(exc)) from None
                raise self._error(exc) from None
            except UnicodeDecodeError:
                raise self._damaged("text that is not UTF-8") from None

        return _retried(attempt)

    def forget_connections(self) -> None:
        """Drop server connections, after the database was replaced underneath (their
        prepared statements describe the old tables); the next read or write opens new
        ones. SQLite needs nothing: its connections notice a changed file by themselves."""
        if self.target.path is None:
            self.close()

    def close(self) -> None:
        """Let go of every connection; the next read or write opens new ones."""
        for name in ("reader", "_writes"):
            if (opened := self.__dict__.pop(name, None)) is not None:
                opened.close()
        if (engine := self.__dict__.pop("engine", None)) is not None:
            engine.dispose()

    def _error(self, exc: Exception) -> StoreError:
        if self.target.path is not None:
            return sqlite_store_error(getattr(exc, "orig", exc), self.target.path)
        return _store_error(exc)

    def _damaged(self, what: str) -> StoreError:
        if self.target.path is not None:
            return damaged_store(self.target.path, what)
        return StoreError(_("the database holds {what}").format(what=what))


def _retried(attempt: Callable[[], T]) -> T:
    for n in range(WRITE_ATTEMPTS):
        try:
            return attempt()
        except Busy as exc:
            if n == WRITE_ATTEMPTS - 1:
                raise StoreError(
                    _("the database stayed busy: {reason}").format(reason=exc)
                ) from None
            time.sleep(min(2.0, 0.05 * 2**n) * (0.5 + random.random()))
    raise AssertionError("unreachable")


def _is_busy(exc: Exception) -> bool:
    message = str(exc).lower()
    return (
        "database is locked" in message
        or "database is busy" in message
        or ("could not serialize" in message or "deadlock detected" in message)
    )


def _store_error(exc: Exception) -> StoreError:
    return store_error(getattr(exc, "orig", exc))

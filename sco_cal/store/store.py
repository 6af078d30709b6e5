"""The store: one object that opens the database, reads lean and writes safely."""

from __future__ import annotations

import random
import time
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from sco_cal.domain.errors import StoreError
from sco_cal.i18n import _
from sco_cal.store.reader import Reader, Row, SqliteRows, damaged_store, sqlite_store_error
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.version import SCHEMA_VERSION

if TYPE_CHECKING:
    from sqlalchemy import Engine
    from sqlmodel import Session

T = TypeVar("T")
WRITE_ATTEMPTS = 8


class Store:
    """A database reached through `target`; engines and connections open on first use."""

    def __init__(self, target: DatabaseTarget) -> None:
        self.target = target

    @cached_property
    def reader(self) -> Reader:
        if self.target.path is not None:
            return Reader(SqliteRows(self.target.path))
        return Reader(EngineRows(self.engine))

    @cached_property
    def engine(self) -> Engine:
        from sco_cal.store.engine import make_engine

        return make_engine(self.target)

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

    def migrate(self) -> tuple[int, int]:
        from sco_cal.store.migrations import migrate

        return self._guard(lambda: migrate(self.engine))

    def write(self, work: Callable[[Session], T]) -> T:
        """Run `work` in one transaction, retried with backoff while the database is busy."""
        from sqlalchemy.exc import OperationalError

        for attempt in range(WRITE_ATTEMPTS):
            try:
                with self.session() as session:
                    return work(session)
            except OperationalError as exc:
                if not _is_busy(exc) or attempt == WRITE_ATTEMPTS - 1:
                    raise self._error(exc) from None
                time.sleep(min(2.0, 0.05 * 2**attempt) * (0.5 + random.random()))
        raise AssertionError("unreachable")

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session inside one transaction: committed on success, rolled back on error."""
        from sqlalchemy.exc import DatabaseError
        from sqlmodel import Session

        with Session(self.engine, expire_on_commit=False) as session:
            try:
                with session.begin():
                    yield session
            except DatabaseError as exc:
                if _is_busy(exc):
                    raise
                raise self._error(exc) from None
            except UnicodeDecodeError:
                raise self._damaged("text that is not UTF-8") from None

    def forget_connections(self) -> None:
        """Drop idle server connections, after the database was replaced underneath
        (their cached statements describe the old tables). SQLite needs nothing: its
        connections notice a changed file by themselves."""
        if "engine" in self.__dict__ and self.target.path is None:
            self.engine.dispose()

    def close(self) -> None:
        """Let go of every connection; the next read or write opens new ones."""
        if (reader := self.__dict__.pop("reader", None)) is not None:
            reader.close()
        if (engine := self.__dict__.pop("engine", None)) is not None:
            engine.dispose()

    def _guard(self, work: Callable[[], T]) -> T:
        from sqlalchemy.exc import DatabaseError

        try:
            return work()
        except DatabaseError as exc:
            raise self._error(exc) from None

    def _error(self, exc: Exception) -> StoreError:
        if self.target.path is not None:
            return sqlite_store_error(getattr(exc, "orig", exc), self.target.path)
        return _store_error(exc)

    def _damaged(self, what: str) -> StoreError:
        if self.target.path is not None:
            return damaged_store(self.target.path, what)
        return StoreError(f"the database holds {what}")


class EngineRows:
    """Rows through an SQLAlchemy engine, for servers the standard library cannot reach."""

    def __init__(self, engine: Engine) -> None:
        self._engine = engine

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        from sqlalchemy import text
        from sqlalchemy.exc import DatabaseError

        try:
            with self._engine.connect() as conn:
                return list(conn.execute(text(sql), dict(params)).all())
        except DatabaseError as exc:
            raise _store_error(exc) from None

    def close(self) -> None:
        pass


def _is_busy(exc: Exception) -> bool:
    message = str(exc).lower()
    return (
        "database is locked" in message
        or "database is busy" in message
        or ("could not serialize" in message or "deadlock detected" in message)
    )


def _store_error(exc: Exception) -> StoreError:
    orig = getattr(exc, "orig", exc)
    message = str(orig).strip().splitlines()[0] if str(orig).strip() else type(orig).__name__
    if "readonly" in message.replace(" ", "").lower():
        return StoreError(_("the database is read-only: {message}").format(message=message))
    return StoreError(_("database error: {message}").format(message=message))

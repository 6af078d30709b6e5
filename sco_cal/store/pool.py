"""A few open connections kept for reuse, lent to one caller at a time."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from typing import Any, Generic, Protocol, TypeVar


class Closable(Protocol):
    def close(self) -> Any: ...


C = TypeVar("C", bound=Closable)


class Pool(Generic[C]):
    """Connections opened on demand and handed back after use.

    A caller borrows an idle connection, or opens a new one when none is idle, so the
    TUI's worker threads read and write side by side while a command keeps to one. A
    connection goes back only if `reusable` says it is clean (no transaction left open,
    not broken) and the pool is still open; any other is closed.
    """

    def __init__(
        self, connect: Callable[[], C], reusable: Callable[[C], bool] = lambda _: True
    ) -> None:
        self._connect = connect
        self._reusable = reusable
        self._idle: list[C] = []
        self._closed = False

    @contextmanager
    def borrow(self) -> Iterator[C]:
        try:
            conn = self._idle.pop()  # atomic: no two threads get the same connection
        except IndexError:
            conn = self._connect()
        try:
            yield conn
        finally:
            if not self._closed and self._reusable(conn):
                self._idle.append(conn)
            else:
                _discard(conn)

    def close(self) -> None:
        """Close the idle connections now, and each lent one as it comes back (a TUI
        worker may be mid-query when the store is reopened under it)."""
        self._closed = True
        while True:
            try:
                conn = self._idle.pop()
            except IndexError:
                return
            _discard(conn)


def _discard(conn: Closable) -> None:
    with suppress(Exception):
        conn.close()

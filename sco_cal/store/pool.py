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
    not broken); any other is closed.
    """

    def __init__(
        self, connect: Callable[[], C], reusable: Callable[[C], bool] = lambda _: True
    ) -> None:
        self._connect = connect
        self._reusable = reusable
        self._idle: list[C] = []
        self._opened: list[C] = []

    @contextmanager
    def borrow(self) -> Iterator[C]:
        try:
            conn = self._idle.pop()  # atomic: no two threads get the same connection
        except IndexError:
            conn = self._connect()
            self._opened.append(conn)
        try:
            yield conn
        finally:
            if self._reusable(conn):
                self._idle.append(conn)
            else:
                self._discard(conn)

    def close(self) -> None:
        while self._opened:
            with suppress(Exception):
                self._opened.pop().close()
        self._idle.clear()

    def _discard(self, conn: C) -> None:
        with suppress(ValueError):
            self._opened.remove(conn)
        with suppress(Exception):
            conn.close()

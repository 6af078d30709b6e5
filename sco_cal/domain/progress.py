"""Long work says how far it has got, to whoever shows it (a progress bar, or no one)."""

from __future__ import annotations

from typing import Protocol


class Progress(Protocol):
    """Told of each step of a long task and of the units of work done in it."""

    def start(self, label: str, total: int | None = None) -> None:
        """A new step: what it does, and how many units it will take (None: unknown)."""

    def advance(self, amount: int = 1) -> None:
        """`amount` more units of the current step are done."""


class _Quiet:
    """Progress that no one watches: cron, pipes, tests."""

    def start(self, label: str, total: int | None = None) -> None:
        pass

    def advance(self, amount: int = 1) -> None:
        pass


QUIET: Progress = _Quiet()

"""A progress bar on stderr for commands that can take a while, when stderr is a terminal.

Nothing is shown (and Rich is not even imported) when stderr goes to a file, a pipe or
cron: the command's output stays exactly what it was.
"""

from __future__ import annotations

import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from sco_cal.domain.progress import QUIET, Progress
from sco_cal.domain.text import safe

_REDRAW_SECONDS = 0.1  # Rich redraws ten times a second; telling it more often is waste


@contextmanager
def progress_on_stderr() -> Iterator[Progress]:
    """A `Progress` drawn as a bar on stderr while the block runs, or one that shows nothing."""
    if not sys.stderr.isatty():
        yield QUIET
        return
    from rich.console import Console
    from rich.progress import (
        BarColumn,
        MofNCompleteColumn,
        SpinnerColumn,
        TextColumn,
        TimeElapsedColumn,
    )
    from rich.progress import Progress as RichProgress

    bar = RichProgress(
        SpinnerColumn(),
        TextColumn("{task.description}", markup=False),  # file names, not markup
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(file=sys.stderr),
        transient=True,  # gone when done: the command's own message follows
    )
    with bar:
        shown = _Bar(bar)
        try:
            yield shown
        finally:
            shown.flush()


class _Bar:
    """The steps of a task as one Rich task at a time, told of progress in batches."""

    def __init__(self, bar: Any) -> None:
        self.bar = bar
        self.task: Any = None
        self.pending = 0
        self.told = time.monotonic()

    def start(self, label: str, total: int | None = None) -> None:
        self.flush()
        if self.task is not None:
            self.bar.remove_task(self.task)
        self.task = self.bar.add_task(safe(label), total=total)

    def advance(self, amount: int = 1) -> None:
        self.pending += amount
        now = time.monotonic()
        if now - self.told >= _REDRAW_SECONDS:
            self.flush()
            self.told = now

    def flush(self) -> None:
        if self.task is not None and self.pending:
            self.bar.advance(self.task, self.pending)
        self.pending = 0

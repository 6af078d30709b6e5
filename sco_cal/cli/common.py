"""What every command shares: its context, built from the common options, and the error edge."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from typing import Any, NoReturn, TypeVar

import typer

from sco_cal.cli.options import Format
from sco_cal.config.settings import Settings
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.redaction import redact
from sco_cal.domain.text import safe
from sco_cal.i18n import _
from sco_cal.output.formats import to_csv, to_json, to_markdown, to_tsv
from sco_cal.output.style import Painter, wants_color
from sco_cal.service import CalendarService
from sco_cal.wiring import build_service, speak

F = TypeVar("F", bound=Callable[..., Any])


@dataclass
class Cli:
    """One command's world: the service, the settings and how to print."""

    service: CalendarService
    settings: Settings
    fmt: Format
    lang: str
    paint: Painter

    @property
    def today(self) -> date:
        return self.service.today

    def out(self, text: str) -> None:
        if text:
            sys.stdout.write(text if text.endswith("\n") else text + "\n")

    def json(self, data: Any) -> None:
        self.out(to_json(data))

    def rows(self, records: Sequence[Mapping[str, Any]], columns: Sequence[str]) -> None:
        """Records as CSV, tab-separated lines or Markdown, as `--format` asks."""
        writer = {Format.CSV: to_csv, Format.TSV: to_tsv}.get(self.fmt, to_markdown)
        self.out(writer(records, columns))

    def say(self, message: str) -> None:
        """A message for the person (stderr), never mixed with the data on stdout; it
        quotes ids, titles and tags, so it is escaped as a whole."""
        sys.stderr.write(safe(message) + "\n")

    @property
    def width(self) -> int:
        return shutil.get_terminal_size((100, 24)).columns

    @property
    def on_terminal(self) -> bool:
        """Whether a person reads the output as it comes (not a pipe or a file)."""
        return sys.stdout.isatty()


@contextmanager
def command_context(
    db: str | None,
    today: str | None,
    fmt: Format | None,
    lang: str | None,
    no_color: bool,
    *,
    seed: bool = True,
    ensure: bool = True,
    tabular: bool = False,
) -> Iterator[Cli]:
    """One command's world from its common options; whatever the command raises inside
    becomes one line on stderr and its exit code, and the store is let go at the end.

    Without `--format`, a command prints a table on a terminal and, into a pipe, plain
    text, or tab-separated lines with a header when its output is `tabular` (as `cut`
    and `awk` expect); JSON only when asked for.
    """
    with errors_to_exit_codes():
        service, settings = build_service(db=db, today=today, ensure=ensure, seed=seed)
        piped = Format.TSV if tabular else Format.TABLE
        cli = Cli(
            service=service,
            settings=settings,
            fmt=fmt or (Format.TABLE if sys.stdout.isatty() else piped),
            lang=speak(lang, settings),
            paint=Painter(wants_color(sys.stdout, no_color)),
        )
        try:
            yield cli
        finally:
            cli.service.close()


@contextmanager
def errors_to_exit_codes() -> Iterator[None]:
    """The one place where an error becomes a message and an exit code."""
    try:
        yield
    except (typer.Exit, typer.Abort):
        raise
    except ScoCalError as exc:
        fail(str(exc), exc.exit_code)
    except KeyboardInterrupt:
        fail(_("interrupted"), 130)
    except UnicodeError:
        # Standard input, a file or the environment held bytes that are not UTF-8.
        fail(_("the input is not valid UTF-8 text (standard input, a file or the environment)"), 2)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing left to say to anyone.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as exc:
        if os.environ.get("SCO_CAL_DEBUG"):
            raise
        internal = _("internal error: {error} (set SCO_CAL_DEBUG=1 for details)")
        fail(internal.format(error=f"{type(exc).__name__}: {exc}"), 70)


def fail(message: str, code: int) -> NoReturn:
    message = redact(message)
    first_line = message.strip().splitlines()[0] if message.strip() else _("error")
    sys.stderr.write("sco-cal: " + _("error: {message}").format(message=first_line) + "\n")
    raise typer.Exit(code)

"""What every command shares: its context, built from the common options, and the error edge."""

from __future__ import annotations

import os
import shutil
import sys
from collections.abc import Callable, Iterator
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
from sco_cal.output.formats import to_json
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

    def say(self, message: str) -> None:
        """A message for the person (stderr), never mixed with the data on stdout; it
        quotes ids, titles and tags, so it is escaped as a whole."""
        sys.stderr.write(safe(message) + "\n")

    @property
    def width(self) -> int:
        return shutil.get_terminal_size((100, 24)).columns


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
) -> Iterator[Cli]:
    """One command's world from its common options; whatever the command raises inside
    becomes one line on stderr and its exit code, and the store is let go at the end."""
    with errors_to_exit_codes():
        service, settings = build_service(db=db, today=today, ensure=ensure, seed=seed)
        cli = Cli(
            service=service,
            settings=settings,
            fmt=fmt or (Format.TABLE if sys.stdout.isatty() else Format.JSON),
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

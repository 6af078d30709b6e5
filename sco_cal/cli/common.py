"""What every command shares: its common options, its context, and the error edge."""

from __future__ import annotations

import functools
import inspect
import os
import re
import shutil
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import Annotated, Any, NoReturn, TypeVar

import typer

from sco_cal.compose import build_service
from sco_cal.config import Settings
from sco_cal.errors import InvalidInput, ScoCalError
from sco_cal.output.formats import to_json
from sco_cal.output.style import Painter, wants_color
from sco_cal.redaction import redact
from sco_cal.service import CalendarService
from sco_cal.text import safe

F = TypeVar("F", bound=Callable[..., Any])

# Bounds for the numbers a command takes: a row id as large as the databases store
# them, and a count of things to list that no screen or script needs more of.
MAX_ID = 2**63 - 1
MAX_LIMIT = 1_000_000


class Format(StrEnum):
    TABLE = "table"
    JSON = "json"
    CSV = "csv"
    MD = "md"


class Lang(StrEnum):
    EN = "en"
    FR = "fr"


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


_COMMON = {
    "db": (
        Annotated[
            str | None,
            typer.Option(
                "--db",
                metavar="PATH_OR_URL",
                rich_help_panel="Common options",
                help="Database file or URL (sqlite:///..., postgresql+psycopg://...); env SCO_CAL_DB.",
            ),
        ],
        None,
    ),
    "today": (
        Annotated[
            str | None,
            typer.Option(
                "--today",
                metavar="DATE",
                rich_help_panel="Common options",
                help="Pretend today is DATE (e.g. 2026-11-23); env SCO_CAL_TODAY.",
            ),
        ],
        None,
    ),
    "fmt": (
        Annotated[
            Format | None,
            typer.Option(
                "--format",
                "-F",
                rich_help_panel="Common options",
                help="Output: table on a terminal, json when piped, or csv, md.",
            ),
        ],
        None,
    ),
    "lang": (
        Annotated[
            Lang | None,
            typer.Option(
                "--lang",
                rich_help_panel="Common options",
                help="Titles and month names in en or fr (default from config).",
            ),
        ],
        None,
    ),
    "no_color": (
        Annotated[
            bool,
            typer.Option(
                "--no-color",
                rich_help_panel="Common options",
                help="No colour (also when NO_COLOR is set or output is not a terminal).",
            ),
        ],
        False,
    ),
}


def command(
    app: typer.Typer,
    name: str | None = None,
    *,
    seed: bool = True,
    ensure: bool = True,
    **kwargs: Any,
) -> Callable[[F], F]:
    """Register `fn(cli, ...)` as a command that also takes the common options.

    The common options are appended to the command's own signature, so they are
    accepted after the command name (`sco-cal show ID --format json`), and every
    error the command raises is turned into one line on stderr and its exit code.
    """

    def decorate(fn: F) -> F:
        own = list(inspect.signature(fn, eval_str=True).parameters.values())[1:]
        # A command with formats of its own (digest: text, html...) declares its own `fmt`.
        shared = {n: v for n, v in _COMMON.items() if n != "fmt" or "fmt" not in _names(own)}
        common = [
            inspect.Parameter(n, inspect.Parameter.KEYWORD_ONLY, default=d, annotation=a)
            for n, (a, d) in shared.items()
        ]

        @functools.wraps(fn)
        def run(**values: Any) -> Any:
            options = {"fmt": None} | {n: values.pop(n) for n in shared}
            with errors_to_exit_codes():
                check_utf8([*options.values(), *values.values()])
                cli = open_cli(**options, seed=seed, ensure=ensure)
                try:
                    return fn(cli, **values)
                finally:
                    cli.service.store.close()

        params = own + common
        run.__signature__ = inspect.Signature(params)  # type: ignore[attr-defined]
        run.__annotations__ = {p.name: p.annotation for p in params}
        app.command(name, **kwargs)(run)
        return fn

    return decorate


def _names(params: list[inspect.Parameter]) -> set[str]:
    return {p.name for p in params}


def open_cli(
    *,
    db: str | None,
    today: str | None,
    fmt: Format | None,
    lang: Lang | None,
    no_color: bool,
    seed: bool = True,
    ensure: bool = True,
) -> Cli:
    service, settings = build_service(db=db, today=today, ensure=ensure, seed=seed)
    if fmt is None:
        fmt = Format.TABLE if sys.stdout.isatty() else Format.JSON
    return Cli(
        service=service,
        settings=settings,
        fmt=fmt,
        lang=(lang.value if lang else settings.lang),
        paint=Painter(wants_color(sys.stdout, no_color)),
    )


def check_utf8(values: list[Any]) -> None:
    """Arguments that were not UTF-8 reach Python as lone surrogates: refuse them here,
    before they are written anywhere or fail deep inside the database driver."""
    for value in values:
        for text in value if isinstance(value, list) else [value]:
            if isinstance(text, str) and _SURROGATE.search(text):
                shown = text.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
                raise InvalidInput(f"the argument '{shown[:60]}' is not valid UTF-8 text")


_SURROGATE = re.compile("[\ud800-\udfff]")


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
        fail("interrupted", 130)
    except UnicodeError:
        # Standard input, a file or the environment held bytes that are not UTF-8.
        fail("the input is not valid UTF-8 text (standard input, a file or the environment)", 2)
    except BrokenPipeError:
        # The reader went away (`| head`): nothing left to say to anyone.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        raise typer.Exit(0) from None
    except Exception as exc:
        if os.environ.get("SCO_CAL_DEBUG"):
            raise
        fail(f"internal error: {type(exc).__name__}: {exc} (set SCO_CAL_DEBUG=1 for details)", 70)


def fail(message: str, code: int) -> NoReturn:
    message = redact(message)
    first_line = message.strip().splitlines()[0] if message.strip() else "error"
    sys.stderr.write(f"sco-cal: error: {first_line}\n")
    raise typer.Exit(code)

"""Typer's own errors (an unknown option, a missing argument, a bad number) said like
every other error: one line, `sco-cal: error: ...`, exit code 2."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from sco_cal.domain.text import safe_line

try:  # Typer carries its own copy of Click from 0.26 on: its errors are that copy's
    from typer import _click as click  # type: ignore[attr-defined, unused-ignore]
except ImportError:  # pragma: no cover - older Typer
    import click  # type: ignore[no-redef, unused-ignore]


class OneLineErrors(TyperGroup):
    """The root command group: its parsing and its subcommands' parsing fail in one line
    (Typer would draw a box of five lines and more)."""

    def make_context(
        self,
        info_name: str | None,
        args: list[str],
        parent: click.Context | None = None,
        **extra: Any,
    ) -> click.Context:
        _check_utf8(args)
        with _one_line():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: click.Context) -> Any:
        with _one_line():
            return super().invoke(ctx)


def _check_utf8(args: list[str]) -> None:
    """Arguments that were not UTF-8 reach Python as lone surrogates: refuse them here,
    before they are written anywhere or fail deep inside the database driver."""
    for text in args:
        if _SURROGATE.search(text):
            shown = text.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            sys.stderr.write(
                f"sco-cal: error: the argument '{shown[:60]}' is not valid UTF-8 text\n"
            )
            raise typer.Exit(2)


_SURROGATE = re.compile("[\ud800-\udfff]")


@contextmanager
def _one_line() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        raise  # `sco-cal db` alone: the group's help is the answer
    except click.ClickException as exc:
        sys.stderr.write(f"sco-cal: error: {_message(exc)}\n")
        raise typer.Exit(exc.exit_code) from None


def _message(exc: click.ClickException) -> str:
    message = safe_line(exc.format_message())
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        message += f" (see '{ctx.command_path} --help')"
    return message

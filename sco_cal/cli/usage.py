"""Typer's own errors (an unknown option, a missing argument, a bad number) said like
every other error: one line, `sco-cal: error: ...`, exit code 2, in the run's language."""

from __future__ import annotations

import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import typer
from typer.core import TyperGroup

from sco_cal.domain.text import safe_line
from sco_cal.i18n import N_, _

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
        try:
            text.encode("utf-8")
        except UnicodeEncodeError:  # only a lone surrogate cannot be encoded
            shown = text.encode("utf-8", "surrogateescape").decode("ascii", "backslashreplace")
            message = _("the argument '{argument}' is not valid UTF-8 text")
            _write_error(message.format(argument=shown[:60]))
            raise typer.Exit(2) from None


@contextmanager
def _one_line() -> Iterator[None]:
    try:
        yield
    except click.exceptions.NoArgsIsHelpError:
        speak_typer()
        raise  # `sco-cal db` alone: the group's help is the answer
    except click.ClickException as exc:
        _write_error(_message(exc))
        raise typer.Exit(exc.exit_code) from None


def _write_error(message: str) -> None:
    sys.stderr.write("sco-cal: " + _("error: {message}").format(message=message) + "\n")


def _message(exc: click.ClickException) -> str:
    message = safe_line(translate_usage_error(exc.format_message()))
    ctx = getattr(exc, "ctx", None)
    if ctx is not None:
        see = _("(see '{command} --help')").format(command=ctx.command_path)
        message += f" {see}"
    return message


# Click writes its usage errors in English; each pattern gives the message its words
# in the catalogue, with what it names (options, values) as placeholders. Kept as text:
# `re` compiles (and caches) a pattern only when an error is being said.
USAGE_ERRORS: list[tuple[str, str]] = [
    (
        r"Invalid value for (?P<name>.+?): (?P<reason>.*)",
        N_("Invalid value for {name}: {reason}"),
    ),
    (
        r"'(?P<value>.*)' is not one of (?P<choices>.*)\.",
        N_("'{value}' is not one of {choices}."),
    ),
    (
        r"'(?P<value>.*)' is not a valid integer\.",
        N_("'{value}' is not a valid integer."),
    ),
    (
        r"(?P<value>\S+) is not in the range (?P<range>.*)\.",
        N_("{value} is not in the range {range}."),
    ),
    (
        r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)",
        N_("No such option: {option} (did you mean {options}?)"),
    ),
    (r"No such option: (?P<option>\S+)", N_("No such option: {option}")),
    (r"No such command '(?P<command>.*)'\.", N_("No such command '{command}'.")),
    (r"Missing argument (?P<name>.+)\.", N_("Missing argument {name}.")),
    (r"Missing option (?P<name>.+)\.", N_("Missing option {name}.")),
    (
        r"Got unexpected extra arguments? \((?P<arguments>.*)\)",
        N_("Got unexpected extra argument(s) ({arguments})"),
    ),
    (
        r"Option '(?P<option>.*)' requires an argument\.",
        N_("Option '{option}' requires an argument."),
    ),
    (
        r"Option '(?P<option>.*)' requires (?P<n>\d+) arguments\.",
        N_("Option '{option}' requires {n} arguments."),
    ),
    (
        r"Option '(?P<option>.*)' does not take a value\.",
        N_("Option '{option}' does not take a value."),
    ),
]


def translate_usage_error(message: str) -> str:
    """Click's English `message` in the current language (unchanged if no pattern fits)."""
    for pattern, msgid in USAGE_ERRORS:
        if match := re.fullmatch(pattern, message, re.S):
            parts = {k: translate_usage_error(v) for k, v in match.groupdict().items()}
            return _(msgid).format(**parts)
    return message


def speak_typer() -> None:
    """Typer's own words (panel titles, hints) in the current language; called only
    when help or an error is about to be shown, since Rich is slow to load."""
    from typer import rich_utils

    rich_utils.ARGUMENTS_PANEL_TITLE = _("Arguments")
    rich_utils.OPTIONS_PANEL_TITLE = _("Options")
    rich_utils.COMMANDS_PANEL_TITLE = _("Commands")
    rich_utils.ERRORS_PANEL_TITLE = _("Error")
    rich_utils.ABORTED_TEXT = _("Aborted.")
    rich_utils.RICH_HELP = _("Try [blue]'{command_path} {help_option}'[/] for help.")
    rich_utils.DEFAULT_STRING = _("[default: {}]")
    rich_utils.ENVVAR_STRING = _("[env var: {}]")
    rich_utils.REQUIRED_LONG_STRING = _("[required]")
    rich_utils.DEPRECATED_STRING = _("(deprecated) ")

"""The language of a run, and Typer's, Click's and Rich's own words spoken in it.

The language must be known before anything is printed, `--help` included, so it is
chosen from the command line as it arrives (`--lang`), then the config file, then the
locale variables. The commands' help is written in English in the source and marked
with `N_`; it is translated here, on the Click commands Typer builds for each run, so
one process can run commands in several languages (the tests do).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import Any

from typer._click import Command, Context, HelpFormatter
from typer._click.exceptions import UsageError
from typer.core import TyperGroup

from sco_cal.config.settings import load_settings
from sco_cal.domain.errors import ScoCalError
from sco_cal.i18n import N_, _, choose_language, use

HELP_OPTIONS = ["-h", "--help"]


def language_of_run(args: Sequence[str]) -> str:
    """`--lang` among `args`, else the config file's `lang`, else the environment."""
    option = None
    for i, arg in enumerate(args):
        if arg == "--lang" and i + 1 < len(args):
            option = args[i + 1]
        elif arg.startswith("--lang="):
            option = arg.partition("=")[2]
    try:
        configured = load_settings().lang
    except ScoCalError:
        configured = None  # the command itself reports the broken file, in English or not
    return choose_language(option, configured)


class SpeakingFormatter(HelpFormatter):
    def write_usage(self, prog: str, args: str = "", prefix: str | None = None) -> None:
        super().write_usage(prog, args, _("Usage: ") if prefix is None else prefix)


class SpeakingContext(Context):
    formatter_class = SpeakingFormatter


class SpeakingGroup(TyperGroup):
    """The root command: chooses the run's language from its arguments, speaks it in
    every command's help, and translates the usage errors Click raises in English."""

    context_class = SpeakingContext

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        use(language_of_run(args))
        translate_commands(self)
        with translated_usage_errors():
            return super().make_context(info_name, args, parent, **extra)

    def invoke(self, ctx: Context) -> Any:
        with translated_usage_errors():
            return super().invoke(ctx)


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


# Typer's own options, whose help is written in Typer's source.
N_("Show this message and exit.")
N_("Install completion for the current shell.")
N_("Show completion for the current shell, to copy it or customize the installation.")


def translate_commands(command: Command) -> None:
    """Every help text of `command` and its subcommands in the current language (Typer
    builds fresh Click commands for each run, so the English is never lost)."""
    command.context_class = SpeakingContext
    for attribute in ("help", "short_help", "epilog"):
        if text := getattr(command, attribute, None):
            setattr(command, attribute, _(text))
    if panel := getattr(command, "rich_help_panel", None):
        command.rich_help_panel = _(panel)  # type: ignore[attr-defined]
    help_option = command.get_help_option(Context(command, help_option_names=HELP_OPTIONS))
    if help_option is not None and help_option.callback is not None:
        help_option.callback = _speaking_first(help_option.callback)
    for param in [*command.params, *([help_option] if help_option else [])]:
        if text := getattr(param, "help", None):
            param.help = _(text)  # type: ignore[attr-defined]
        if panel := getattr(param, "rich_help_panel", None):
            param.rich_help_panel = _(panel)  # type: ignore[attr-defined]
    if isinstance(command, TyperGroup):
        for sub in command.commands.values():
            translate_commands(sub)


# Click writes its usage errors in English; each pattern gives the message its words
# in the catalogue, with what it names (options, values) as placeholders.
USAGE_ERRORS: list[tuple[re.Pattern[str], str]] = [
    (
        re.compile(r"Invalid value for (?P<name>.+?): (?P<reason>.*)", re.S),
        N_("Invalid value for {name}: {reason}"),
    ),
    (
        re.compile(r"'(?P<value>.*)' is not one of (?P<choices>.*)\.", re.S),
        N_("'{value}' is not one of {choices}."),
    ),
    (
        re.compile(r"'(?P<value>.*)' is not a valid integer\.", re.S),
        N_("'{value}' is not a valid integer."),
    ),
    (
        re.compile(r"(?P<value>\S+) is not in the range (?P<range>.*)\.", re.S),
        N_("{value} is not in the range {range}."),
    ),
    (
        re.compile(r"No such option: (?P<option>\S+) \(Possible options: (?P<options>.*)\)", re.S),
        N_("No such option: {option} (did you mean {options}?)"),
    ),
    (re.compile(r"No such option: (?P<option>\S+)", re.S), N_("No such option: {option}")),
    (re.compile(r"No such command '(?P<command>.*)'\.", re.S), N_("No such command '{command}'.")),
    (re.compile(r"Missing argument (?P<name>.+)\.", re.S), N_("Missing argument {name}.")),
    (re.compile(r"Missing option (?P<name>.+)\.", re.S), N_("Missing option {name}.")),
    (
        re.compile(r"Got unexpected extra arguments? \((?P<arguments>.*)\)", re.S),
        N_("Got unexpected extra argument(s) ({arguments})"),
    ),
    (
        re.compile(r"Option '(?P<option>.*)' requires an argument\.", re.S),
        N_("Option '{option}' requires an argument."),
    ),
    (
        re.compile(r"Option '(?P<option>.*)' requires (?P<n>\d+) arguments\.", re.S),
        N_("Option '{option}' requires {n} arguments."),
    ),
    (
        re.compile(r"Option '(?P<option>.*)' does not take a value\.", re.S),
        N_("Option '{option}' does not take a value."),
    ),
]


def translate_usage_error(message: str) -> str:
    """Click's English `message` in the current language (unchanged if no pattern fits)."""
    for pattern, msgid in USAGE_ERRORS:
        if match := pattern.fullmatch(message):
            parts = {k: translate_usage_error(v) for k, v in match.groupdict().items()}
            return _(msgid).format(**parts)
    return message


@contextmanager
def translated_usage_errors() -> Iterator[None]:
    try:
        yield
    except UsageError as exc:
        speak_typer()
        if not getattr(exc, "translated", False):
            exc.format_message = _fixed(translate_usage_error(exc.format_message()))  # type: ignore[method-assign]
            exc.translated = True  # type: ignore[attr-defined]
        raise


def _speaking_first(show_help: Callable[..., Any]) -> Callable[..., Any]:
    def speaking(*args: Any) -> Any:
        speak_typer()
        return show_help(*args)

    return speaking


def _fixed(text: str) -> Callable[[], str]:
    return lambda: text

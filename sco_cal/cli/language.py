"""The language of a run, and Typer's, Click's and Rich's own words spoken in it.

The language must be known before anything is printed, `--help` included, so it is
chosen from the command line as it arrives (`--lang`), then the config file, then the
locale variables. The commands' help is written in English in the source and marked
with `N_`; it is translated here, on the Click commands Typer builds for each run, so
one process can run commands in several languages (the tests do).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from typer._click import Command, Context, HelpFormatter
from typer.core import TyperGroup

from sco_cal.cli.usage import OneLineErrors, speak_typer
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


class SpeakingGroup(OneLineErrors):
    """The root command: chooses the run's language from its arguments and speaks it in
    every command's help; its errors, Click's included, are one line in that language."""

    context_class = SpeakingContext

    def make_context(
        self, info_name: str | None, args: list[str], parent: Context | None = None, **extra: Any
    ) -> Context:
        use(language_of_run(args))
        translate_commands(self)
        return super().make_context(info_name, args, parent, **extra)


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


def _speaking_first(show_help: Callable[..., Any]) -> Callable[..., Any]:
    # Click calls the help option's callback on every run, with the option's value:
    # Typer's Rich words are loaded (a quarter of a second) only when help is asked for.
    def speaking(ctx: Context, param: Any, value: Any) -> Any:
        if value:
            speak_typer()
        return show_help(ctx, param, value)

    return speaking

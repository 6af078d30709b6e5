"""The `sco-cal` command line: command groups composed into one Typer app."""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Annotated, Any

import typer

from sco_cal import __version__
from sco_cal.cli.language import SpeakingGroup
from sco_cal.i18n import N_

# Which module holds each command. A run imports only the module of the command it
# runs, so `sco-cal list` does not pay for the importers, the digest or the TUI.
COMMAND_MODULES = {
    **dict.fromkeys(("list", "show", "history", "log", "annotations", "clashes"), "listing"),
    **dict.fromkeys(
        (
            "annotate",
            "unannotate",
            "status",
            "confirm",
            "cancel",
            "held",
            "postpone",
            "reschedule",
            "edit",
            "tag",
            "add",
            "rm",
            "restore",
            "undo",
        ),
        "recording",
    ),
    **dict.fromkeys(("cal", "next"), "glance"),
    **dict.fromkeys(("init", "seed", "db"), "admin"),
    **dict.fromkeys(("export", "import"), "interchange"),
    "digest": "digest",
    "ingest": "ingest",
    "tui": "tui",
    "remind": "remind",
    "sync": "sync",
    "server": "server",
}
SUB_APPS = {"db": ("admin", "db_app"), "remind": ("remind", "app"), "server": ("server", "app")}


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sco-cal {__version__}")
        raise typer.Exit()


def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help=N_("Print the version and exit.")
        ),
    ] = False,
) -> None:
    """Shell users list and filter; desk officers record; cron gets digests."""


def build_app(commands: set[str] | None = None) -> typer.Typer:
    """The CLI with every command, or only with `commands` (and what they need)."""
    app = typer.Typer(
        cls=SpeakingGroup,
        name="sco-cal",
        help=N_("A calendar of SCO (OCS) and neighbouring bodies' meetings, with fuzzy dates."),
        no_args_is_help=True,
        context_settings={"help_option_names": ["-h", "--help"]},
    )
    app.callback()(root)
    wanted = set(COMMAND_MODULES) if commands is None else commands & set(COMMAND_MODULES)
    for module_name in dict.fromkeys(COMMAND_MODULES[c] for c in sorted(wanted)):
        module = importlib.import_module(f"sco_cal.cli.{module_name}")
        if (module_name, "app") not in SUB_APPS.values():  # its `app` is a group's own
            app.registered_commands += [
                c for c in module.app.registered_commands if _name(c) in wanted
            ]
    for name, (module_name, attribute) in SUB_APPS.items():
        if name in wanted:
            module = importlib.import_module(f"sco_cal.cli.{module_name}")
            app.add_typer(getattr(module, attribute), name=name)
    return app


def _name(command: Any) -> str:
    return str(command.name or command.callback.__name__.replace("_", "-"))


def __getattr__(name: str) -> typer.Typer:
    # `from sco_cal.cli import app` (tests, completion) gets every command.
    if name == "app":
        return build_app()
    raise AttributeError(name)


def command_of(args: Sequence[str]) -> str | None:
    """The command `args` run, when it is one of sco-cal's (else the whole CLI answers:
    its help, or the error for a command it does not know)."""
    first = next((a for a in args if not a.startswith("-")), None)
    return first if first in COMMAND_MODULES else None


def main() -> None:
    args = sys.argv[1:]
    if not args and sys.stdin.isatty() and sys.stdout.isatty():
        args = ["tui"]  # `sco-cal` alone on a terminal opens the TUI
        sys.argv.append("tui")
    command = command_of(args)
    build_app({command} if command else None)(prog_name="sco-cal")

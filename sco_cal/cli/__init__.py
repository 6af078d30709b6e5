"""The `sco-cal` command line: command groups composed into one Typer app."""

from __future__ import annotations

import sys
from typing import Annotated

import typer

from sco_cal import __version__
from sco_cal.cli import admin, listing, recording
from sco_cal.cli import digest as digest_cli
from sco_cal.cli import ingest as ingest_cli
from sco_cal.cli import tui as tui_cli
from sco_cal.cli.remind import app as remind_app
from sco_cal.cli.transfer import app as transfer_app

app = typer.Typer(
    name="sco-cal",
    help="A calendar of SCO (OCS) and neighbouring bodies' meetings, with fuzzy dates.",
    no_args_is_help=True,
    context_settings={"help_option_names": ["-h", "--help"]},
)
for group in (listing.app, recording.app, admin.app):
    app.registered_commands += group.registered_commands
app.add_typer(admin.db_app, name="db")
app.add_typer(remind_app, name="remind")
app.registered_commands += digest_cli.app.registered_commands
app.registered_commands += transfer_app.registered_commands
app.registered_commands += ingest_cli.app.registered_commands
app.registered_commands += tui_cli.app.registered_commands


def _version(value: bool) -> None:
    if value:
        typer.echo(f"sco-cal {__version__}")
        raise typer.Exit()


@app.callback()
def root(
    version: Annotated[
        bool,
        typer.Option(
            "--version", callback=_version, is_eager=True, help="Print the version and exit."
        ),
    ] = False,
) -> None:
    """Shell users list and filter; desk officers record; cron gets digests."""


def main() -> None:
    if len(sys.argv) == 1 and sys.stdin.isatty() and sys.stdout.isatty():
        sys.argv.append("tui")  # `sco-cal` alone on a terminal opens the TUI
    app()

"""`sco-cal tui`: the full-screen calendar a desk officer keeps open all day."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from sco_cal.cli.common import Lang, errors_to_exit_codes
from sco_cal.domain.errors import InvalidInput

app = typer.Typer()


@app.command("tui")
def tui(
    db: Annotated[
        str | None,
        typer.Option(
            "--db",
            metavar="PATH_OR_URL",
            help="Database file or URL (sqlite:///..., postgresql+psycopg://...); env SCO_CAL_DB.",
        ),
    ] = None,
    today: Annotated[
        str | None,
        typer.Option("--today", metavar="DATE", help="Pretend today is DATE; env SCO_CAL_TODAY."),
    ] = None,
    lang: Annotated[
        Lang | None,
        typer.Option("--lang", help="Titles and month names in en or fr (default from config)."),
    ] = None,
    show_all: Annotated[
        bool, typer.Option("--all", help="Start with past and closed events listed too.")
    ] = False,
    no_color: Annotated[
        bool, typer.Option("--no-color", help="No colour (also when NO_COLOR is set).")
    ] = False,
) -> None:
    """Open the full-screen calendar: search, facets, actions, timeline; `?` lists the keys."""
    with errors_to_exit_codes():
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InvalidInput("the TUI needs a terminal; in scripts use `sco-cal list`")
        if no_color:
            os.environ["NO_COLOR"] = "1"  # Textual reads it when the app starts
        from sco_cal.wiring import make_app  # Textual loads only for this command

        calendar = make_app(
            db=db, today=today, lang=lang.value if lang else None, show_all=show_all
        )
        try:
            calendar.run()
        finally:
            calendar.service.close()
        if calendar.return_code:
            raise typer.Exit(calendar.return_code)

"""`sco-cal tui`: the full-screen calendar a desk officer keeps open all day."""

from __future__ import annotations

import os
import sys
from typing import Annotated

import typer

from sco_cal.cli.common import errors_to_exit_codes
from sco_cal.cli.options import Db, LangOption, NoColor, Today
from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import N_, _

app = typer.Typer()


@app.command(
    "tui",
    help=N_(
        "Open the full-screen calendar: search, facets, actions, timeline; `?` lists the keys."
    ),
)
def tui(
    show_all: Annotated[
        bool, typer.Option("--all", help=N_("Start with past and closed events listed too."))
    ] = False,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with errors_to_exit_codes():
        if not (sys.stdin.isatty() and sys.stdout.isatty()):
            raise InvalidInput(_("the TUI needs a terminal; in scripts use `sco-cal list`"))
        if no_color:
            os.environ["NO_COLOR"] = "1"  # Textual reads it when the app starts
        from sco_cal.wiring import make_app  # Textual loads only for this command

        calendar = make_app(db=db, today=today, lang=lang, show_all=show_all)
        try:
            calendar.run()
        finally:
            calendar.service.close()
        if calendar.return_code:
            raise typer.Exit(calendar.return_code)

"""`sco-cal ingest FILE`: review what a new bulletin changes, then apply what is accepted."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Annotated

import typer

from sco_cal.cli.common import Cli, Format, command
from sco_cal.cli.progress import progress_on_stderr
from sco_cal.errors import InvalidInput

app = typer.Typer()


@command(app, "ingest")
def ingest(
    cli: Cli,
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help="A bulletin: plain text, Markdown or HTML.")
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="The document's date, for dates without a year (default: the date in its header).",
        ),
    ] = None,
    source_name: Annotated[
        str | None,
        typer.Option(
            "--source-name",
            metavar="NAME",
            help="Cite the document under NAME (default: file name).",
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help="Apply every new event and update, without asking.")
    ] = False,
    force_user_fields: Annotated[
        bool,
        typer.Option(
            "--force-user-fields", help="With --apply: also overwrite fields a person set by hand."
        ),
    ] = False,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help="Ask item by item even when input is not a terminal (default on a terminal).",
        ),
    ] = False,
) -> None:
    """Read a new bulletin and review the changes it implies: new events, updates, states.

    Nothing is written unless you accept items (on a terminal) or pass --apply.
    """
    from sco_cal.output.review import applied, render_item, render_review, review_record

    if cli.fmt not in (Format.TABLE, Format.JSON):
        raise InvalidInput("ingest prints a review as table or json")
    if force_user_fields and not apply:
        raise InvalidInput("--force-user-fields goes with --apply")
    with progress_on_stderr() as progress:
        items = cli.service.review_document(
            file, as_of=as_of, source_name=source_name, progress=progress
        )
    if cli.fmt is Format.JSON:
        cli.json([review_record(item, cli.today, cli.lang) for item in items])
    asking = not apply and (interactive or (cli.fmt is Format.TABLE and sys.stdin.isatty()))
    if cli.fmt is Format.TABLE and not asking:
        cli.out(render_review(items, lang=cli.lang, paint=cli.paint))
    if apply:
        with progress_on_stderr() as progress:
            report = cli.service.apply_review(
                items, force_user_fields=force_user_fields, progress=progress
            )
        cli.say(applied(report))
        return
    if not asking:
        if any(item.applicable for item in items):
            cli.say("nothing written: review on a terminal to choose, or pass --apply")
        return
    accepted, overwrite = set(), set()
    for item in items:
        if cli.fmt is Format.TABLE:
            cli.out(render_item(item, lang=cli.lang, paint=cli.paint) + "\n")
        if not item.applicable:
            continue
        if not typer.confirm(f"Apply #{item.number} ({item.action.value})?", err=True):
            continue
        accepted.add(item.number)
        fields = ", ".join(item.user_edited)
        if item.user_edited and typer.confirm(
            f"  Overwrite what a person set ({fields})?", err=True
        ):
            overwrite.add(item.number)
    if not accepted:
        cli.say("nothing accepted: nothing written")
        return
    report = cli.service.apply_review(items, accepted, overwrite_ids=overwrite)
    cli.say(applied(report))

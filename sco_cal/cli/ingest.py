"""`sco-cal ingest FILE`: review what a new bulletin changes, then apply what is accepted."""

from __future__ import annotations

import sys
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.options import Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.cli.progress import progress_on_stderr
from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import N_, _

if TYPE_CHECKING:
    from sco_cal.ingest.review import ReviewItem

app = typer.Typer()


@app.command(
    "ingest",
    help=N_(
        "Read a new bulletin and review the changes it implies: new events, updates, states. Nothing is written unless you accept items (on a terminal) or pass --apply."
    ),
)
def ingest(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("A bulletin: plain text, Markdown or HTML."))
    ],
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help=N_(
                "The document's date, for dates without a year (default: the date in its header)."
            ),
        ),
    ] = None,
    source_name: Annotated[
        str | None,
        typer.Option(
            "--source-name",
            metavar="NAME",
            help=N_("Cite the document under NAME (default: file name)."),
        ),
    ] = None,
    apply: Annotated[
        bool, typer.Option("--apply", help=N_("Apply every new event and update, without asking."))
    ] = False,
    force_user_fields: Annotated[
        bool,
        typer.Option(
            "--force-user-fields",
            help=N_("With --apply: also overwrite fields a person set by hand."),
        ),
    ] = False,
    choose: Annotated[
        list[str] | None,
        typer.Option(
            "--choose",
            metavar="N=EVENT_ID",
            help=N_("Tie ambiguous item N to one of its candidate events (or N=new); repeatable."),
        ),
    ] = None,
    interactive: Annotated[
        bool,
        typer.Option(
            "--interactive",
            "-i",
            help=N_("Ask item by item even when input is not a terminal (default on a terminal)."),
        ),
    ] = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        from sco_cal.ingest.review import Action
        from sco_cal.output.review import (
            action_word,
            applied,
            dating_line,
            render_item,
            render_review,
            review_record,
        )

        if cli.fmt not in (Format.TABLE, Format.JSON):
            raise InvalidInput(_("ingest prints a review as table or json"))
        if force_user_fields and not apply:
            raise InvalidInput(_("--force-user-fields goes with --apply"))
        with progress_on_stderr() as progress:
            items = cli.service.documents.review(
                file, as_of=as_of, source_name=source_name, progress=progress
            )
        if choose:
            items = cli.service.documents.choose(items, _choices(choose))
        if cli.fmt is Format.JSON:
            cli.json([review_record(item, cli.today, cli.lang) for item in items])
        asking = not apply and (interactive or (cli.fmt is Format.TABLE and sys.stdin.isatty()))
        if cli.fmt is Format.TABLE and not asking:
            cli.out(render_review(items, lang=cli.lang, paint=cli.paint))
        if apply:
            with progress_on_stderr() as progress:
                report = cli.service.documents.apply(
                    items, force_user_fields=force_user_fields, progress=progress
                )
            cli.say(applied(report))
            return
        if not asking:
            if any(item.applicable for item in items):
                cli.say(_("nothing written: review on a terminal to choose, or pass --apply"))
            if any(item.action is Action.AMBIGUOUS for item in items):
                cli.say(_("ambiguous items are applied only with --choose N=EVENT_ID (or N=new)"))
            return
        accepted, overwrite = set(), set()
        if items and cli.fmt is Format.TABLE:
            cli.out(dating_line(items[0], cli.paint) + "\n")
        for index, item in enumerate(items):
            if cli.fmt is Format.TABLE:
                cli.out(render_item(item, lang=cli.lang, paint=cli.paint) + "\n")
            if item.action is Action.AMBIGUOUS:
                item = items[index] = _ask_choice(cli, item)
            if not item.applicable:
                continue
            question = _("Apply #{number} ({action})?")
            if not typer.confirm(
                question.format(number=item.number, action=action_word(item.action)), err=True
            ):
                continue
            accepted.add(item.number)
            fields = ", ".join(item.user_edited)
            if item.user_edited and typer.confirm(
                "  " + _("Overwrite what a person set ({fields})?").format(fields=fields), err=True
            ):
                overwrite.add(item.number)
        if not accepted:
            cli.say(_("nothing accepted: nothing written"))
            return
        report = cli.service.documents.apply(items, accepted, overwrite_ids=overwrite)
        cli.say(applied(report))


def _choices(pairs: list[str]) -> dict[int, str]:
    """`--choose 3=sco-defence-ministers-23 --choose 5=new` as {3: ..., 5: "new"}."""
    choices: dict[int, str] = {}
    for pair in pairs:
        number, sep, choice = pair.partition("=")
        if not sep or not number.strip().lstrip("#").isdigit() or not choice.strip():
            raise InvalidInput(
                _("--choose takes N=EVENT_ID (or N=new), not '{pair}'").format(pair=pair)
            )
        choices[int(number.strip().lstrip("#"))] = choice.strip()
    return choices


def _ask_choice(cli: Cli, item: ReviewItem) -> ReviewItem:
    """On a terminal: which of its candidates an ambiguous item means, or none."""
    names = [c.event_id for c in item.candidates] + (["new"] if item.new_allowed else [])
    for i, name in enumerate(names, 1):
        cli.say(f"  {i}. {name}")
    answer = typer.prompt(
        _("#{number} is ambiguous: which one (1-{last}, empty to skip)?").format(
            number=item.number, last=len(names)
        ),
        default="",
        show_default=False,
        err=True,
    ).strip()
    if not answer:
        return item
    if not answer.isdigit() or not 1 <= int(answer) <= len(names):
        cli.say(
            "  "
            + _("no choice '{answer}': #{number} left out").format(
                answer=answer, number=item.number
            )
        )
        return item
    return cli.service.documents.choose([item], {item.number: names[int(answer) - 1]})[0]

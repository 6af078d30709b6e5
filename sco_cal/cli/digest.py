"""`sco-cal digest`: what needs attention today, as text, Markdown, HTML or JSON."""

from __future__ import annotations

from datetime import UTC, datetime
from enum import StrEnum
from typing import Annotated

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.options import MAX_LIMIT, Db, LangOption, NoColor, Today
from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import N_, _

app = typer.Typer()


class DigestFormat(StrEnum):
    TEXT = "text"
    TABLE = "table"  # the common name for text
    MD = "md"
    HTML = "html"
    JSON = "json"


@app.command(
    "digest",
    help=N_("Today, coming up, reminders, awaiting confirmation, follow-ups, and what changed."),
)
def digest(
    days: Annotated[
        int | None,
        typer.Option(
            "--days",
            min=0,
            max=366,
            help=N_("How far 'coming up' looks ahead (default 14, config)."),
        ),
    ] = None,
    since: Annotated[
        str | None,
        typer.Option(
            "--since",
            metavar="DATE",
            help=N_(
                "Changes since DATE (a date phrase, UTC midnight, or an ISO time) instead "
                "of since the last digest."
            ),
        ),
    ] = None,
    fmt: Annotated[
        DigestFormat,
        typer.Option(
            "--format", "-F", help=N_("text (default, also for pipes), md, html or json.")
        ),
    ] = DigestFormat.TEXT,
    deliver: Annotated[
        bool, typer.Option("--deliver", help=N_("Mark the reminders shown as delivered."))
    ] = False,
    no_mark: Annotated[
        bool,
        typer.Option("--no-mark", help=N_("Do not record this digest as the last one.")),
    ] = False,
    limit: Annotated[
        int | None,
        typer.Option(
            "--limit", "-n", min=0, max=MAX_LIMIT, help=N_("At most N items per section (0: all).")
        ),
    ] = None,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        result = cli.service.digests.build(
            days=cli.settings.digest.days if days is None else days,
            since=parse_since(since, cli) if since else None,
            deliver=deliver,
            mark=not no_mark,
            settings=cli.settings,
            lang=cli.lang,
            limit=limit,
        )
        if fmt is DigestFormat.JSON:
            from sco_cal.output.digest_json import digest_record

            cli.json(digest_record(result, cli.lang))
        elif fmt is DigestFormat.MD:
            from sco_cal.output.digest_md import render_digest_md

            cli.out(render_digest_md(result, cli.lang))
        elif fmt is DigestFormat.HTML:
            from sco_cal.output.digest_html import render_digest_html

            cli.out(render_digest_html(result, cli.lang))
        else:
            from sco_cal.output.digest_text import render_digest_text

            cli.out(render_digest_text(result, cli.lang, cli.paint))


def parse_since(text: str, cli: Cli) -> datetime:
    """An ISO time ("2026-11-20T08:00+01:00"), else the first day of a date phrase, UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        # "since" looks back: "lundi", "12 mars" mean the last such day, not the next.
        start = parse_date_phrase(text, today=cli.today, looking_back=True).start
        return datetime(start.year, start.month, start.day, tzinfo=UTC)
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    day = moment.date()
    DateWindow(day, day, Precision.DAY).check_years(f"--since {text}")  # as a phrase would be
    if day > cli.today:
        raise InvalidInput(
            _("--since {text} is after today ({today})").format(
                text=text, today=cli.today.isoformat()
            )
        )
    return moment

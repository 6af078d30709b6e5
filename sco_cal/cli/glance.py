"""What is coming at a glance: `cal` (a month like `cal`, or a week) and `next` (the next
meetings, one line each, for a prompt or a status bar)."""

from __future__ import annotations

import string
from dataclasses import replace
from datetime import date
from typing import Annotated, Any

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.listing import list_criteria
from sco_cal.cli.options import Country, Db, LangOption, NoColor, Org, Status, Today, Words
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.i18n import N_, _

app = typer.Typer()


@app.command(
    "cal",
    help=N_(
        "A month as a grid of weeks (ISO numbers), days holding meetings marked by state, the "
        "windows with no known day beside it; `--week` for one week, day by day."
    ),
)
def cal(
    when: Annotated[
        str | None,
        typer.Argument(
            metavar="[MONTH]",
            help=N_("The month (any date phrase: 2026-11, novembre 2026, today)."),
        ),
    ] = None,
    week: Annotated[
        bool, typer.Option("--week", "-w", help=N_("The week of that day, day by day, instead."))
    ] = False,
    words: Words = None,
    org: Org = None,
    country: Country = None,
    status: Status = None,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        flt = replace(list_criteria(cli, locals()).resolve(cli.today), scope=Scope.ALL)
        day = _day(cli, when)
        if week:
            _week(cli, flt, day)
        else:
            _month(cli, flt, day.replace(day=1))


def _day(cli: Cli, when: str | None) -> date:
    if not when:
        return cli.today
    from sco_cal.domain.date_phrases import parse_date_phrase

    return parse_date_phrase(when, today=cli.today).start


def _month(cli: Cli, flt: EventFilter, first: date) -> None:
    from sco_cal.output.month import render_month

    view = cli.service.agenda.month(flt, first)
    meetings = cli.service.agenda.on_days(flt, view.first, view.last, limit=500)
    text = render_month(
        view, cli.today, lang=cli.lang, width=cli.width, paint=cli.paint, meetings=meetings
    )
    cli.out(text)


def _week(cli: Cli, flt: EventFilter, day: date) -> None:
    from sco_cal.domain.month import week_of
    from sco_cal.output.month import render_week

    monday, sunday = week_of(day)
    events = cli.service.events.find(replace(flt, date_from=monday, date_to=sunday))
    text = render_week(monday, events, cli.today, lang=cli.lang, width=cli.width, paint=cli.paint)
    cli.out(text)


# What a `next --format` template may name.
NEXT_FIELDS = (
    "start",
    "end",
    "when",
    "time",
    "days",
    "title",
    "title_en",
    "title_fr",
    "status",
    "org",
    "place",
    "city",
    "country",
    "id",
    "short",
)
DEFAULT_TEMPLATE = "{when}  {title}  ({place})"


@app.command(
    "next",
    help=N_("The next N meetings on known days, one line each (for a prompt or a status bar)."),
)
def next_meetings(
    count: Annotated[
        int, typer.Argument(metavar="[N]", min=1, help=N_("How many (default 5)."))
    ] = 5,
    template: Annotated[
        str,
        typer.Option(
            "--format",
            "-F",
            metavar="TEMPLATE",
            help=N_(
                "Each line, with {start} {end} {when} {time} {days} {title} {title_en} "
                "{title_fr} {status} {org} {place} {city} {country} {id} {short}; or json."
            ),
        ),
    ] = DEFAULT_TEMPLATE,
    words: Words = None,
    org: Org = None,
    country: Country = None,
    status: Status = None,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        if template != "json":
            _check_template(template)
        criteria = list_criteria(cli, locals())
        flt = replace(criteria.resolve(cli.today), exact=True)
        events = cli.service.events.find(flt, limit=count)
        if template == "json":
            from sco_cal.output.records import event_record

            cli.json([event_record(e, cli.today, cli.lang) for e in events])
            return
        shorts = cli.service.events.short_ids(e.id for e in events) if "{short" in template else {}
        for event in events:
            cli.out(template.format(**_fields(cli, event, shorts)))


def _check_template(template: str) -> None:
    try:
        names = [name for _text, name, _spec, _conv in string.Formatter().parse(template) if name]
    except ValueError as exc:
        raise InvalidInput(
            _("--format {template}: {error}").format(template=repr(template), error=exc)
        ) from None
    unknown = [n for n in names if n not in NEXT_FIELDS]
    if unknown:
        raise InvalidInput(
            _("--format names {unknown}: a template may use {known}").format(
                unknown=", ".join("{" + n + "}" for n in unknown),
                known=" ".join("{" + n + "}" for n in NEXT_FIELDS),
            )
        )


def _fields(cli: Cli, event: Event, shorts: dict[str, str]) -> dict[str, Any]:
    from sco_cal.domain.date_labels import format_window
    from sco_cal.domain.text import safe_line
    from sco_cal.output.table import organisation_label, place_label

    w = event.window
    values = {
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "when": format_window(w, cli.lang),
        "time": event.start_time or "",
        "days": (w.start - cli.today).days,
        "title": event.title_in(cli.lang),
        "title_en": event.title_en,
        "title_fr": event.title,
        "status": event.status.value,
        "org": organisation_label(event),
        "place": place_label(event, cli.lang),
        "city": event.cities[0] if event.cities else "",
        "country": event.country or "",
        "id": event.id,
        "short": shorts.get(event.id, event.id),
    }
    return {k: safe_line(v) if isinstance(v, str) else v for k, v in values.items()}

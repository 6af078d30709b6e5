"""Commands that read: list, show, history, log, annotations."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import Annotated, Any

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.options import (
    MAX_LIMIT,
    AllEvents,
    City,
    Country,
    DateFrom,
    DateTo,
    Db,
    Fmt,
    FollowUp,
    Format,
    KindOption,
    LangOption,
    Many,
    NoColor,
    Org,
    Past,
    Series,
    Status,
    Tag,
    Theme,
    Today,
    WithNotes,
    Words,
)
from sco_cal.domain.clashes import find_clashes
from sco_cal.domain.date_labels import format_window
from sco_cal.domain.dates import a_year_after
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, HistoryEntry
from sco_cal.domain.query import Criteria, EventFilter, Scope, SortKey
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext
from sco_cal.output.detail import changes_text, history_line, render_event
from sco_cal.output.formats import EVENT_CSV_COLUMNS, to_csv, to_markdown
from sco_cal.output.records import annotation_record, event_record, history_record
from sco_cal.output.table import place_label, render_events, render_tsv

app = typer.Typer()


@app.command(
    "list",
    help=N_(
        "List events: upcoming by default, in the agenda's order (by month; a window of "
        "several months after the last of them)."
    ),
)
def list_events(
    words: Words = None,
    all_: AllEvents = False,
    past: Past = False,
    org: Org = None,
    country: Country = None,
    city: City = None,
    status: Status = None,
    theme: Theme = None,
    kind: KindOption = None,
    series: Series = None,
    tag: Tag = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    follow_up: FollowUp = False,
    annotated: WithNotes = False,
    limit: Annotated[
        int | None,
        typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help=N_("At most N events.")),
    ] = None,
    sort: Annotated[SortKey, typer.Option("--sort", help=N_("Order of the list."))] = SortKey.DATE,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        criteria = list_criteria(cli, locals())
        sort = SortKey(criteria.extra.get("sort", sort)) if sort is SortKey.DATE else sort
        limit = limit or criteria.extra.get("limit")
        flt = criteria.resolve(cli.today)
        plain = cli.fmt in (Format.TABLE, Format.TSV)
        events = cli.service.events.find(flt, sort=sort, limit=limit, details=not plain)
        emit_events(cli, events, by_month=sort is SortKey.DATE)
        if cli.fmt is Format.TABLE and cli.on_terminal and flt.scope is Scope.UPCOMING:
            _mention_follow_ups(cli, flt)


def _mention_follow_ups(cli: Cli, flt: EventFilter) -> None:
    """The meetings an upcoming list leaves out that someone should follow up, counted."""
    n = cli.service.events.count(replace(flt, scope=Scope.ALL, follow_up=True))
    if not n:
        return
    if replace(flt, scope=Scope.UPCOMING) == EventFilter():
        hint = _("sco-cal list --follow-up")
    else:
        hint = _("add --follow-up to see them")
    line = ngettext(
        "{n} meeting needs follow-up: {hint}", "{n} meetings need follow-up: {hint}", n
    ).format(n=n, hint=hint)
    cli.out(cli.paint(line, "bold"))


# The options of `list` that narrow the events; `export` takes the same ones.
FILTER_OPTIONS = (
    "all_",
    "past",
    "org",
    "country",
    "city",
    "status",
    "theme",
    "kind",
    "series",
    "tag",
    "date_from",
    "date_to",
    "follow_up",
    "annotated",
)


def list_criteria(cli: Cli, flags: Mapping[str, Any]) -> Criteria:
    """The criteria the filter options ask for, laid over a saved view named `@view`.

    `flags` is the command's own parameters by name (its `locals()`): `list` and
    `export` declare the same filter options and read them here alike.
    """
    words = list(flags.get("words") or [])
    base = Criteria()
    if words and words[0].startswith("@"):
        base = _view(cli, words.pop(0)[1:])
    if flags.get("all_") and flags.get("past"):
        raise InvalidInput(_("--all and --past contradict each other: choose one"))

    options: dict[str, Any] = {
        name: flags[name] for name in FILTER_OPTIONS if flags.get(name) not in (None, [], False)
    }
    options |= {
        "scope": "all" if flags.get("all_") else "past" if flags.get("past") else None,
        "from": options.pop("date_from", None),
        "to": options.pop("date_to", None),
        "search": " ".join(words),
    }
    typed = Criteria.from_view(options)
    return typed.over(base)


def emit_events(cli: Cli, events: list[Event], *, by_month: bool = True) -> None:
    """Events in the chosen format; an empty table is said on stderr."""
    if cli.fmt is Format.TABLE:
        if not events:
            cli.say(_("no events match"))
            return
        cli.out(
            render_events(
                events,
                cli.today,
                lang=cli.lang,
                width=cli.width,
                paint=cli.paint,
                by_month=by_month,
                shorten=cli.service.events.short_ids,
            )
        )
        return
    if cli.fmt is Format.TSV:
        cli.out(render_tsv(events, cli.today, lang=cli.lang))
        return
    records = [event_record(e, cli.today, cli.lang) for e in events]
    if cli.fmt is Format.JSON:
        cli.json(records)
    elif cli.fmt is Format.CSV:
        cli.out(to_csv(records, EVENT_CSV_COLUMNS))
    else:
        rows = [
            {
                "when": r["date_label"],
                "state": r["status"] + (" !" if r["needs_follow_up"] else ""),
                "org": r["organisation"],
                "event": e.title_in(cli.lang),
                "place": place_label(e, cli.lang),
                "id": r["id"],
            }
            for r, e in zip(records, events, strict=True)
        ]
        cli.out(to_markdown(rows, ("when", "state", "org", "event", "place", "id")))


def _view(cli: Cli, name: str) -> Criteria:
    view = cli.settings.views.get(name)
    if view is None:
        known = ", ".join(sorted(cli.settings.views)) or _("none defined")
        raise InvalidInput(
            _("no saved view '{name}' in the configuration ({known})").format(
                name=name, known=known
            )
        )
    return Criteria.from_view(view)


@app.command(
    "show", help=N_("Everything about one event: fields, sources, annotations, history, reminders.")
)
def show(
    event_id: Annotated[str, typer.Argument(metavar="ID", help=N_("Id or unique prefix."))],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        event = cli.service.events.get(event_id)
        if cli.fmt is Format.TABLE:
            cli.out(render_event(event, cli.today, lang=cli.lang, paint=cli.paint))
        elif cli.fmt is Format.JSON:
            cli.json(event_record(event, cli.today, cli.lang, full=True))
        else:
            emit_events(cli, [event])


@app.command("history", help=N_("What changed on one event, oldest first: one line per action."))
def history(
    event_id: Annotated[str, typer.Argument(metavar="ID")],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        emit_history(cli, cli.service.events.history(event_id), with_event=False)


@app.command("log", help=N_("What changed in the whole calendar, newest first."))
def log(
    limit: Annotated[
        int, typer.Option("--limit", "-n", min=1, max=MAX_LIMIT, help=N_("How many changes."))
    ] = 50,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        emit_history(cli, cli.service.events.log(limit=limit), with_event=True)


def emit_history(cli: Cli, entries: list[HistoryEntry], *, with_event: bool) -> None:
    if cli.fmt is Format.TABLE:
        if not entries:
            cli.say(_("no changes recorded"))
        cli.out("\n".join(history_line(h, with_event=with_event) for h in entries))
        return
    if cli.fmt is Format.JSON:
        cli.json([history_record(h) for h in entries])
        return
    columns = ("at", "event_id", "author", "action", "changes", "note", "source")
    cli.rows([history_record(h) | {"changes": changes_text(h.changes)} for h in entries], columns)


@app.command("annotations", help=N_("The annotations on one event, oldest first."))
def list_annotations(
    event_id: Annotated[str, typer.Argument(metavar="ID")],
    deleted: Annotated[
        bool, typer.Option("--deleted", help=N_("Include deleted annotations."))
    ] = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        notes = [
            a
            for a in cli.service.events.get(event_id).annotations
            if deleted or a.deleted_at is None
        ]
        records = [annotation_record(a) for a in notes]
        if cli.fmt is Format.JSON:
            cli.json(records)
        elif cli.fmt is Format.TABLE:
            if not notes:
                cli.say(_("no annotations"))
            cli.out(
                "\n".join(
                    f"#{a.id}  {a.created_at:%Y-%m-%d %H:%M}  {safe(a.author)}: {safe(a.text)}"
                    + ("  " + _("(deleted)") if a.deleted_at else "")
                    for a in notes
                )
            )
        else:
            cli.rows(records, ("id", "created_at", "author", "text", "deleted_at"))


@app.command(
    "clashes",
    help=N_("Meetings with known days that overlap each other (and, with --possible, may)."),
)
def clashes(
    date_from: Annotated[
        str | None,
        typer.Option("--from", metavar="DATE", help=N_("Start of the period (default: today).")),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option("--to", metavar="DATE", help=N_("End of the period (default: a year on).")),
    ] = None,
    possible: Annotated[
        bool,
        typer.Option(
            "--possible", help=N_("Also fuzzy windows (a month or finer) that might overlap.")
        ),
    ] = False,
    org: Annotated[Many, typer.Option("--org", "-o", help=N_("Only these organisations."))] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        criteria = Criteria(
            scope="all",
            org=tuple(org or ()),
            date_from=date_from or cli.today.isoformat(),
            date_to=date_to or a_year_after(cli.today).isoformat(),
        )
        events = cli.service.events.find(criteria.resolve(cli.today))
        found = find_clashes(events, possible=possible)
        records = [
            {
                "from": c.start.isoformat(),
                "to": c.end.isoformat(),
                "certain": c.certain,
                "same_organisation": c.same_organisation,
                "first": c.first.id,
                "second": c.second.id,
            }
            for c in found
        ]
        if cli.fmt is Format.JSON:
            cli.json(records)
        elif cli.fmt is Format.TABLE:
            if not found:
                cli.say(_("no clashes"))
            for c in found:
                kind = (
                    cli.paint(_("clash"), "red", "bold")
                    if c.certain
                    else cli.paint(_("maybe"), "yellow")
                )
                cli.out(
                    f"{kind}  {format_window(c.first.window, cli.lang)} | "
                    f"{format_window(c.second.window, cli.lang)}\n"
                    f"       {safe(c.first.title_in(cli.lang))} ({safe(c.first.id)})\n"
                    f"       {safe(c.second.title_in(cli.lang))} ({safe(c.second.id)})"
                )
        else:
            cli.rows(records, ("from", "to", "certain", "same_organisation", "first", "second"))

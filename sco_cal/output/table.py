"""The agenda as a terminal table, one line per event at 80 columns and wider, and as
a tab-separated table for pipes."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from datetime import date

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Event
from sco_cal.domain.ordering import Group, grouped
from sco_cal.domain.organisations import NATIONAL, organisation_acronym
from sco_cal.domain.places import city_label, country_name
from sco_cal.domain.short_ids import SHORTEST
from sco_cal.domain.text import cell_width, fit_cells, safe
from sco_cal.i18n import _
from sco_cal.output.columns import plan
from sco_cal.output.formats import to_tsv
from sco_cal.output.style import STATE_STYLE, Painter
from sco_cal.output.words import state_word


def place_label(event: Event, lang: str = "en") -> str:
    """ "Bishkek" or "Moscow +1" with the country code, or the country's name alone."""
    if event.cities:
        more = f" +{len(event.cities) - 1}" if len(event.cities) > 1 else ""
        city = city_label(event.cities[0])
        return f"{city}{more}" + (f", {event.country}" if event.country else "")
    if not event.country:
        return "-"
    return country_name(event.country, lang)


def render_events(
    events: Sequence[Event],
    today: date,
    *,
    lang: str,
    width: int,
    paint: Painter,
    by_month: bool = True,
    shorten: Callable[[list[str]], Mapping[str, str]] | None = None,
) -> str:
    """One line per event, under the headings of the agenda's groups when sorted by date.

    The id is a column: whole when it leaves the title room, else the short id that
    `shorten` gives (and `show` accepts).
    """
    if not events:
        return ""
    rows = [_cells(e, today, lang) for e in events]
    ids = [e.id for e in events]
    longest = max(len(i) for i in ids)
    widths = {
        "when": max(cell_width(_("WHEN")), *(cell_width(r[0]) for r in rows)),
        "org": max(cell_width(_("ORG")), *(cell_width(r[2]) for r in rows)),
        "place": max(cell_width(_("PLACE")), *(cell_width(r[4]) for r in rows)),
    }
    cols = plan(width, **widths, ident=longest, short_ident=SHORTEST + 2 if shorten else 0)
    shown = dict(zip(ids, ids, strict=True))
    if not cols.full_ids and shorten is not None:
        shown = dict(shorten(ids))
        cols = plan(width, **widths, short_ident=max(len(v) for v in shown.values()))
    heads = ["  " + fit_cells(_("WHEN"), cols.when), fit_cells(_("STATE"), cols.state)]
    heads += [fit_cells(_("ORG"), cols.org), fit_cells(_("EVENT"), cols.title)]
    heads += [fit_cells(_("PLACE"), cols.place)] + ([_("ID")] if cols.ident else [])
    lines = [paint(" ".join(heads).rstrip(), "bold")]
    by_id = dict(zip(ids, rows, strict=True))
    groups = grouped(events, lang) if by_month else [Group("", False, tuple(events))]
    for group in groups:
        if group.heading:
            lines.append(paint(f"── {safe(group.heading)}", "dim"))
        for event in group.events:
            when, _state, org, title, place, mark = by_id[event.id]
            cells = [
                paint(mark, "red", "bold") + " " + fit_cells(when, cols.when),
                paint(fit_cells(cols.state_label(event.status), cols.state), *_state_style(event)),
                fit_cells(org, cols.org),
                fit_cells(title, cols.title),
                fit_cells(place, cols.place),
            ]
            if cols.ident:
                cells.append(paint(safe(shown[event.id]), "cyan"))
            lines.append(" ".join(cells).rstrip())
    return "\n".join(lines)


TSV_COLUMNS = ("id", "when", "start", "end", "status", "follow_up", "org", "title", "place")


def render_tsv(events: Sequence[Event], today: date, *, lang: str) -> str:
    """The events for `cut`, `awk` and `grep`: a header line, then one tab-separated line
    per event, without colour or headings."""
    rows = []
    for event in events:
        when, _state, org, title, place, _mark = _cells(event, today, lang, notes=False)
        w = event.window
        rows.append(
            {
                "id": event.id,
                "when": when,
                "start": w.start.isoformat(),
                "end": w.end.isoformat(),
                "status": event.status.value,
                "follow_up": event.needs_follow_up(today),
                "org": org,
                "title": title,
                "place": place,
            }
        )
    return to_tsv(rows, TSV_COLUMNS)


def _cells(
    event: Event, today: date, lang: str, *, notes: bool = True
) -> tuple[str, str, str, str, str, str]:
    noted = f" ✎{event.annotation_count}" if notes and event.annotation_count else ""
    mark = "!" if event.needs_follow_up(today) else " "
    return (
        safe(format_window(event.window, lang)),
        state_word(event.status),
        organisation_label(event),
        safe(event.title_in(lang)) + noted,
        safe(place_label(event, lang)),
        mark,
    )


def organisation_label(event: Event) -> str:
    """Who convenes it, safe to show; a national initiative by its host ("KZ"), which
    says more."""
    if event.organisation == NATIONAL:
        return safe(event.country or "-")
    return safe(organisation_acronym(event.organisation))


def _state_style(event: Event) -> tuple[str, ...]:
    return (STATE_STYLE[event.status],)

"""The agenda as a terminal table that stays readable at 80 columns."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from sco_cal.domain.date_labels import format_window, month_name
from sco_cal.domain.dates import Precision
from sco_cal.domain.event import Event
from sco_cal.domain.organisations import NATIONAL, organisation_acronym
from sco_cal.domain.places import city_label, country_name
from sco_cal.domain.text import safe
from sco_cal.i18n import _
from sco_cal.output.style import STATE_STYLE, Painter
from sco_cal.output.words import state_word

# Below this width the id moves to a second line under the title.
WIDE = 110
MIN_TITLE = 20


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
) -> str:
    """One line per event (two when narrow), with month headings when sorted by date."""
    if not events:
        return ""
    rows = [_cells(e, today, lang) for e in events]
    when_w = max(len(_("WHEN")), *(len(r[0]) for r in rows))
    state_w = max(len(_("STATE")), *(len(r[1]) for r in rows))
    org_w = max(len(_("ORG")), *(len(r[2]) for r in rows))
    place_w = min(20, max(5, *(len(r[4]) for r in rows)))
    ids = [safe(e.id) for e in events]
    id_w = max(2, *(len(i) for i in ids))
    wide = width >= WIDE
    # Separators: two spaces between five columns, plus the follow-up mark and its space.
    fixed = when_w + state_w + org_w + place_w + 12 + (2 + id_w if wide else 0)
    if width - fixed < MIN_TITLE:  # give the title room by narrowing the place first
        shrink = min(place_w - 8, MIN_TITLE - (width - fixed))
        place_w, fixed = place_w - shrink, fixed - shrink
    title_w = max(MIN_TITLE, width - fixed)
    heads = [
        _("WHEN").ljust(when_w),
        ("  " + _("STATE")).ljust(state_w + 2),
        _("ORG").ljust(org_w),
        _("EVENT").ljust(title_w),
        _("PLACE").ljust(place_w),
    ] + ([_("ID")] if wide else [])
    lines = [paint("  ".join(heads).rstrip(), "bold")]
    month: str | None = None
    for event, event_id, (when, state, org, title, place, mark) in zip(
        events, ids, rows, strict=True
    ):
        heading = month_heading(event, lang)
        if by_month and heading != month:
            month = heading
            lines.append(paint(f"── {heading}", "dim"))
        badge = paint(mark, "red", "bold") + " " + paint(state.ljust(state_w), *_state(event))
        cells = [
            when.ljust(when_w),
            badge,
            org.ljust(org_w),
            _fit(title, title_w).ljust(title_w),
            _fit(place, place_w).ljust(place_w),
        ]
        if wide:
            cells.append(paint(event_id, "cyan"))
        lines.append("  ".join(cells).rstrip())
        if not wide:
            indent = min(when_w + state_w + org_w + 8, max(0, width - len(event_id)))
            lines.append(" " * indent + paint(event_id, "cyan"))
    return "\n".join(lines)


def _cells(event: Event, today: date, lang: str) -> tuple[str, str, str, str, str, str]:
    notes = f" ✎{event.annotation_count}" if event.annotation_count else ""
    mark = "!" if event.needs_follow_up(today) else " "
    return (
        safe(format_window(event.window, lang)),
        state_word(event.status),
        organisation_label(event),
        safe(event.title_in(lang)) + notes,
        safe(place_label(event, lang)),
        mark,
    )


def organisation_label(event: Event) -> str:
    """Who convenes it, safe to show; a national initiative by its host ("KZ"), which
    says more."""
    if event.organisation == NATIONAL:
        return safe(event.country or "-")
    return safe(organisation_acronym(event.organisation))


def month_heading(event: Event, lang: str) -> str:
    """Events are grouped by month; a vaguer window gets its own group ("H2 2026")."""
    w = event.window
    if w.precision in (Precision.DAY, Precision.DAYS, Precision.MONTH):
        return f"{month_name(w.start.month, lang, short=False)} {w.start.year}"
    return format_window(w, lang)


def _state(event: Event) -> tuple[str, ...]:
    return (STATE_STYLE[event.status],)


def _fit(text: str, width: int) -> str:
    return text if len(text) <= width else text[: max(0, width - 1)] + "…"

"""A month as `sco-cal cal` prints it, like `cal`: the weeks with ISO numbers, days that
hold meetings marked by state, the windows with no known day beside the grid (below
it on a narrow terminal), then the month's meetings day by day; and a week, day by day."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date, timedelta

from sco_cal.domain.date_labels import (
    day_label,
    format_window,
    month_name,
    span_label,
    weekday_name,
)
from sco_cal.domain.event import Event
from sco_cal.domain.month import MonthView
from sco_cal.domain.ordering import is_wide
from sco_cal.domain.text import cell_width, fit_cells, safe
from sco_cal.i18n import _, ngettext
from sco_cal.output.style import DAY_MARK, STATE_STYLE, Painter
from sco_cal.output.table import organisation_label, place_label
from sco_cal.output.words import state_abbreviation, state_word

GRID_WIDTH = 3 + 7 * 4  # "Wk " then four cells a day
BESIDE_MIN = 30  # below this many columns beside the grid, the open dates go under it
MONTH_LIST = 50  # meetings listed under the grid, at most
PLACE_WIDTH = 20


def render_month(
    view: MonthView,
    today: date,
    *,
    lang: str,
    width: int,
    paint: Painter,
    meetings: Sequence[Event],
) -> str:
    """The grid, the windows with no known day, and `meetings` (with known days)."""
    grid = _grid(view, today, lang, paint)
    beside = width - GRID_WIDTH - 2
    fuzzy = _fuzzy(view, lang, paint, max(beside, BESIDE_MIN) if beside >= BESIDE_MIN else width)
    if beside >= BESIDE_MIN:
        rows = max(len(grid), len(fuzzy))
        grid += [" " * GRID_WIDTH] * (rows - len(grid))
        fuzzy += [""] * (rows - len(fuzzy))
        lines = [f"{g}  {f}".rstrip() for g, f in zip(grid, fuzzy, strict=True)]
    else:
        lines = [g.rstrip() for g in grid] + ([""] + fuzzy if fuzzy else [])
    lines += ["", legend(paint)]
    if meetings:
        lines.append("")
        lines += [_meeting_line(e, lang, paint, width) for e in meetings[:MONTH_LIST]]
        if len(meetings) > MONTH_LIST:
            more = len(meetings) - MONTH_LIST
            lines.append(
                ngettext("… and {n} more", "… and {n} more", more).format(n=more)
                + f": sco-cal list --from {view.first:%Y-%m} --to {view.first:%Y-%m}"
            )
    return "\n".join(lines)


def _grid(view: MonthView, today: date, lang: str, paint: Painter) -> list[str]:
    # Every line is GRID_WIDTH cells, so what stands beside the grid lines up.
    title = f"{month_name(view.first.month, lang, short=False)} {view.first.year}"
    lines = [paint(fit_cells(title.center(GRID_WIDTH), GRID_WIDTH), "bold")]
    names = "".join(f" {weekday_name(n, lang):>2} " for n in range(7))
    lines.append(paint(fit_cells(_("Wk"), 2) + " " + names, "dim"))
    for week in view.weeks:
        cells = [paint(f"{week.number:>2}", "dim") + " "]
        for day in week.days:
            cells.append(_day_cell(view, day, today, paint))
        lines.append("".join(cells))
    return lines


def _day_cell(view: MonthView, day: date | None, today: date, paint: Painter) -> str:
    if day is None:
        return "    "
    tally = view.days.get(day)
    number = f"{day.day:>3}"
    styles: tuple[str, ...] = ()
    mark = " "
    if tally is not None:
        mark = DAY_MARK[tally.state]
        styles = (STATE_STYLE[tally.state], "bold")
    if day == today:
        styles += ("reverse",)
    return paint(number, *styles) + paint(mark, *styles[:1])


def legend(paint: Painter) -> str:
    return "  ".join(
        paint(mark, STATE_STYLE[s]) + " " + state_word(s) for s, mark in DAY_MARK.items()
    )


def _fuzzy(view: MonthView, lang: str, paint: Painter, width: int) -> list[str]:
    if not view.fuzzy:
        return []
    lines = [paint(_("Date still open"), "bold")]
    label_width = max(cell_width(safe(format_window(e.window, lang))) for e in view.fuzzy)
    for event in view.fuzzy:
        when = fit_cells(safe(format_window(event.window, lang)), label_width)
        state = paint(fit_cells(state_abbreviation(event.status), 6), STATE_STYLE[event.status])
        title = safe(event.title_in(lang))
        room = width - label_width - 1 - 6 - 1
        lines.append(f"{when} {state} {fit_cells(title, room).rstrip()}")
    if view.fuzzy_total > len(view.fuzzy):
        more = view.fuzzy_total - len(view.fuzzy)
        lines.append(ngettext("… and {n} more", "… and {n} more", more).format(n=more))
    return lines


def _meeting_line(event: Event, lang: str, paint: Painter, width: int) -> str:
    when = fit_cells(safe(format_window(event.window, lang)), 18)
    return f"{when} {_event_line(event, lang, paint, width - 19)}"


def render_week(
    monday: date,
    events: Sequence[Event],
    today: date,
    *,
    lang: str,
    width: int,
    paint: Painter,
) -> str:
    """Each day of the week starting `monday` with the meetings on it, then the windows
    with no known day that overlap the week: the month's (or narrower) listed, wider
    ones counted."""
    sunday = monday + timedelta(days=6)
    number = monday.isocalendar().week
    span = span_label(monday, sunday, lang)
    lines = [paint(_("Week {n} · {span}").format(n=number, span=span), "bold")]
    known = [e for e in events if e.window.is_exact]
    for offset in range(7):
        day = monday + timedelta(days=offset)
        on_day = [e for e in known if e.window.contains(day)]
        label = day_label(day, lang)
        label = paint(fit_cells(label, 12), "reverse") if day == today else fit_cells(label, 12)
        if not on_day:
            lines.append(f"{label} " + paint("-", "dim"))
        for i, event in enumerate(on_day):
            lead = label if i == 0 else " " * 12
            lines.append(f"{lead} {_event_line(event, lang, paint, width - 13)}")
    narrow = [e for e in events if not e.window.is_exact and not is_wide(e.window)]
    wide = [e for e in events if is_wide(e.window)]
    if narrow:
        lines += ["", paint(_("Date still open, in this week or around it"), "bold")]
        for event in narrow:
            when = fit_cells(safe(format_window(event.window, lang)), 12)
            lines.append(f"{when} {_event_line(event, lang, paint, width - 13)}")
    if wide:
        labels = sorted({safe(format_window(e.window, lang)) for e in wide})
        lines.append(
            ngettext(
                "{n} wider window overlaps the week ({labels})",
                "{n} wider windows overlap the week ({labels})",
                len(wide),
            ).format(n=len(wide), labels=", ".join(labels[:5]) + (", …" if len(labels) > 5 else ""))
        )
    return "\n".join(lines)


def _event_line(event: Event, lang: str, paint: Painter, width: int) -> str:
    """`● 10:30 CSTO   Title…   Moscow, RU` in `width` cells."""
    mark = paint(DAY_MARK[event.status], STATE_STYLE[event.status])
    time = f"{safe(event.start_time)} " if event.start_time else ""
    head = f"{mark} {time}{fit_cells(organisation_label(event), 6)} "
    place_width = min(PLACE_WIDTH, max(10, width // 4))
    room = max(width - cell_width(head) + cell_width(mark) - 1 - place_width - 1, 12)
    title = fit_cells(safe(event.title_in(lang)), room)
    return f"{head}{title} {fit_cells(safe(place_label(event, lang)), place_width)}".rstrip()

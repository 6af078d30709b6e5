"""The order events are read in, the same in `sco-cal list`, the TUI and the digest.

The rule: every event belongs to one group, shown under one heading, and each heading
appears once.

- A window inside one calendar month (a day, days, early/mid/late in a month, the
  month) belongs to the group of that month; so does an exact span of days, in the
  month it starts in ("30 Oct-13 Nov 2025" is read in October).
- A window over several months (a quarter, a half, a season, a year, "from 2027 on")
  forms a group of its own, placed right after the last month it covers: "H2 2026"
  and "2026" come after December 2026, when their last chance to happen begins,
  and before January 2027. Groups of wide windows ending in the same month come
  widest first ("2026", then "H2 2026", then "Q4 2026").
- Inside a group, events sort by start, then end, then id. Today falls in its month's
  group, after the events that start before it.

The rule is one value per event, `agenda_day`, the store keeps it beside the window
so that a page of the agenda is read through an index: the first day of the month
for a month's group, the last day of the last month for a wide window's own group.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.date_labels import month_end, month_name, span_label
from sco_cal.domain.dates import DateWindow
from sco_cal.domain.event import Event

# Where an event sorts: its agenda day, then start, end and id.
SortPosition = tuple[date, date, date, str]


def is_wide(window: DateWindow) -> bool:
    """Whether the window forms a group of its own: fuzzy, over more than one month."""
    if window.is_exact:
        return False
    return (window.start.year, window.start.month) != (window.end.year, window.end.month)


def agenda_day(window: DateWindow) -> date:
    """The day a window's group sorts at (see the module's rule)."""
    if is_wide(window):
        return month_end(window.end.year, window.end.month)
    return window.start.replace(day=1)


def position_of(event: Event) -> SortPosition:
    w = event.window
    return (agenda_day(w), w.start, w.end, event.id)


def in_agenda_order(events: Iterable[Event]) -> list[Event]:
    return sorted(events, key=position_of)


def today_position(today: date) -> SortPosition:
    """The place of today: in its month, after every event of the month that starts earlier."""
    return (today.replace(day=1), today, date.min, "")


@dataclass(frozen=True, slots=True)
class Group:
    """A heading of the agenda and the events under it, in order."""

    heading: str
    wide: bool
    events: tuple[Event, ...]


def group_key(window: DateWindow) -> tuple[date, date, date]:
    """Events with the same key share a heading: a month, or a wide window's days."""
    day = agenda_day(window)
    if is_wide(window):
        return (day, window.start, window.end)
    return (day, day, day)


def group_heading(window: DateWindow, lang: str) -> str:
    """ "November 2026" for a month's group; "H2 2026" for a wide window's own."""
    if is_wide(window):
        return span_label(window.start, window.end, lang)
    return f"{month_name(window.start.month, lang, short=False)} {window.start.year}"


def grouped(events: Iterable[Event], lang: str) -> Iterator[Group]:
    """`events` (already in agenda order) under their headings."""
    key: tuple[date, date, date] | None = None
    members: list[Event] = []
    for event in events:
        this = group_key(event.window)
        if members and this != key:
            yield _group(members, lang)
            members = []
        key = this
        members.append(event)
    if members:
        yield _group(members, lang)


def _group(members: list[Event], lang: str) -> Group:
    window = members[0].window
    return Group(group_heading(window, lang), is_wide(window), tuple(members))

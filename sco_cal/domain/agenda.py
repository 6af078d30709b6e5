"""The agenda's order: where an event sorts, where today falls, and a page's counts."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sco_cal.domain.event import Event

# Where an event sorts in the agenda: by start, then end, then id.
SortPosition = tuple[date, date, str]


def position_of(event: Event) -> SortPosition:
    return (event.window.start, event.window.end, event.id)


def today_position(today: date) -> SortPosition:
    """The place of today in the agenda: after every event that starts earlier."""
    return (today, date.min, "")


@dataclass(frozen=True, slots=True)
class Tally:
    """How many events match, and how many of them sort before today and an anchor."""

    total: int
    before_today: int
    before_anchor: int

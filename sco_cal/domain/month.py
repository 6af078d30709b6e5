"""A month at a glance, as `cal` draws it: its weeks (ISO numbers), the days that hold
meetings marked by state, and the windows with no known day listed beside them."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, timedelta

from sco_cal.domain.date_labels import month_end
from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState

# Which state a day shows when several meetings share it: the firmest plan first.
STATE_PRIORITY = (
    ConfirmationState.CONFIRMED,
    ConfirmationState.PROVISIONAL,
    ConfirmationState.PROPOSED,
    ConfirmationState.POSTPONED,
    ConfirmationState.HELD,
    ConfirmationState.CANCELLED,
)


@dataclass(frozen=True, slots=True)
class Week:
    """One row of the grid: the ISO week number and its days, Monday first (None for a
    day of another month)."""

    number: int
    days: tuple[date | None, ...]


@dataclass(frozen=True, slots=True)
class DayTally:
    """How many meetings with known days fall on one day, by state."""

    counts: Mapping[ConfirmationState, int]

    @property
    def total(self) -> int:
        return sum(self.counts.values())

    @property
    def state(self) -> ConfirmationState:
        """The state the day is marked with."""
        return next(s for s in STATE_PRIORITY if self.counts.get(s))


@dataclass(frozen=True, slots=True)
class MonthView:
    """A month's grid, its days' tallies, and the windows without a known day that
    overlap it (the month's own, then wider ones), the first few of them."""

    first: date
    days: Mapping[date, DayTally] = field(default_factory=dict)
    fuzzy: tuple[Event, ...] = ()
    fuzzy_total: int = 0

    @property
    def last(self) -> date:
        return month_end(self.first.year, self.first.month)

    @property
    def weeks(self) -> list[Week]:
        return weeks_of(self.first.year, self.first.month)


def weeks_of(year: int, month: int) -> list[Week]:
    """The weeks a month touches, as rows of a calendar grid."""
    first, last = date(year, month, 1), month_end(year, month)
    monday = first - timedelta(days=first.weekday())
    weeks = []
    while monday <= last:
        days = tuple(
            d if d.month == month else None for d in (monday + timedelta(n) for n in range(7))
        )
        weeks.append(Week(monday.isocalendar().week, days))
        monday += timedelta(days=7)
    return weeks


def tally_days(
    spans: Iterable[tuple[date, date, ConfirmationState, int]], first: date, last: date
) -> dict[date, DayTally]:
    """Each day from `first` to `last` that one of `spans` (start, end, state, how many
    meetings) covers, with its meetings counted by state."""
    counts: dict[date, dict[ConfirmationState, int]] = {}
    for start, end, state, n in spans:
        day = max(start, first)
        while day <= min(end, last):
            mine = counts.setdefault(day, {})
            mine[state] = mine.get(state, 0) + n
            day += timedelta(days=1)
    return {day: DayTally(c) for day, c in counts.items()}


def add_months(day: date, months: int) -> date:
    """The first day of the month `months` after (or before) `day`'s."""
    index = day.year * 12 + day.month - 1 + months
    return date(index // 12, index % 12 + 1, 1)


def week_of(day: date) -> tuple[date, date]:
    """The Monday and the Sunday of `day`'s week."""
    monday = day - timedelta(days=day.weekday())
    return monday, monday + timedelta(days=6)

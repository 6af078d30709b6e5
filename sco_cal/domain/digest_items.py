"""What a digest lists: an event, the rule that put it in its section, its group; and the
order each section reads in."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from enum import StrEnum

from sco_cal.domain.event import Event
from sco_cal.domain.ordering import SortPosition, position_of

# The group of meetings postponed sine die: their date is unknown, whatever their source.
DATE_UNKNOWN_GROUP = "date-unknown"


class Reason(StrEnum):
    """The rule that put an item in its section (the digest's JSON says it as `reason`)."""

    UNDER_WAY = "under-way"  # today: a known day that is today
    UNCONFIRMED_STARTS_SOON = "unconfirmed-starts-soon"  # proposed or provisional, soon
    KNOWN_DAY_SOON = "known-day-soon"  # coming up: a known day within the next days
    WINDOW_OPENS_SOON = "window-opens-soon"  # coming up: a month or finer opens soon
    OPEN_DATE_WEEKLY = "open-date-weekly"  # no known day yet; not listed in the last week
    OPEN_DATE_CHANGED = "open-date-changed"  # no known day yet; its state or window changed
    DATE_UNKNOWN = "date-unknown"  # postponed sine die, its follow-up delay still running
    ENDED_NO_OUTCOME = "ended-no-outcome"  # the window ended, no held or cancelled
    POSTPONED_WINDOW_ENDED = "postponed-window-ended"  # its new window ended too
    SINE_DIE_OVERDUE = "sine-die-overdue"  # postponed sine die longer than the delay
    REMINDER_DUE = "reminder-due"  # a reminder someone set
    DEFAULT_REMINDER_DUE = "default-reminder-due"  # a default from the configuration
    CHANGED = "changed-since-last-digest"


@dataclass(frozen=True, slots=True)
class Listed:
    """An event in a section of the digest, with the rule that put it there and, where a
    section groups its items, its group (a source document, or DATE_UNKNOWN_GROUP)."""

    event: Event
    reason: Reason
    group: str = ""


@dataclass(frozen=True, slots=True)
class Listing:
    """When a digest last listed an event: the day it was for (its `today`, which a person
    may have set) and the moment it ran (to compare with the history's times)."""

    on: date
    at: datetime


def by_day(items: Iterable[Listed]) -> list[Listed]:
    """Under way today: the earliest start, then the narrowest window."""
    return sorted(items, key=lambda i: (i.event.window.start, _width(i.event), i.event.id))


def soonest(items: Iterable[Listed], today: date) -> list[Listed]:
    """The first day it may happen, then the narrowest window: sure dates before vague ones."""
    return sorted(
        items, key=lambda i: (max(i.event.window.start, today), _width(i.event), i.event.id)
    )


def open_dates(items: Iterable[Listed]) -> list[Listed]:
    """Open windows in the agenda's order; meetings postponed sine die after them, longest
    waiting first."""
    return sorted(items, key=lambda i: (i.group == DATE_UNKNOWN_GROUP, _open_position(i)))


def follow_ups(items: Iterable[Listed]) -> list[Listed]:
    """Grouped by source, the group with the oldest meeting first, oldest first inside each;
    meetings postponed sine die last, as their own group."""
    ordered = sorted(items, key=lambda i: (_oldest(i.event), i.event.id))
    first_seen: dict[str, int] = {}
    for n, item in enumerate(ordered):
        first_seen.setdefault(item.group, n)
    return sorted(
        ordered,
        key=lambda i: (i.group == DATE_UNKNOWN_GROUP, first_seen[i.group], _oldest(i.event)),
    )


def _oldest(event: Event) -> tuple[date, date]:
    if event.sine_die is not None:
        return event.sine_die.follow_up_from, event.sine_die.follow_up_from
    return event.window.start, event.window.end


def _open_position(item: Listed) -> SortPosition:
    sine_die = item.event.sine_die
    if sine_die is None:
        return position_of(item.event)
    return (sine_die.since, sine_die.since, sine_die.since, item.event.id)


def _width(event: Event) -> timedelta:
    return event.window.end - event.window.start

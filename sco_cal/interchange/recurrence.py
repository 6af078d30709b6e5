"""Recurring events (RRULE, RDATE, EXDATE, moved occurrences) as the occurrences in a range.

recurring-ical-events does the expansion: built on icalendar and dateutil's rrule, it
handles what a bare rrule does not (EXDATE in other time zones, RECURRENCE-ID
overrides). It is only handed a series once its rules are known to stay small: each
rule is first walked lazily, counting, and a series that would repeat more than
MAX_OCCURRENCES times in the range (a 158-byte FREQ=SECONDLY file once ran for
minutes) or take more than MAX_STEPS steps to get through it is refused before
anything is built.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from typing import Any

from sco_cal.i18n import _
from sco_cal.interchange.components import Component
from sco_cal.interchange.incoming import one_line

MAX_OCCURRENCES = 5000  # per series and range: more is a rule gone wrong (FREQ=MINUTELY)
MAX_STEPS = 100_000  # dates a rule may go through from its DTSTART to the end of the range
MAX_SECONDS = 10.0  # for all the series of one file; the rest are left out, and said so


class Refused(Exception):
    """A series that is not expanded, and why (a sentence for the report)."""


@dataclass(frozen=True, slots=True)
class Occurrence:
    """One date of a series: its start and end, and the VEVENT it takes its fields from."""

    day: date  # the date it was due on (RECURRENCE-ID), which names it
    start: date
    end: date | None
    tzid: str | None
    component: Component  # the series' own, or the one that moved this occurrence


class Budget:
    """What is left of the time the recurring events of one file may take."""

    def __init__(self, seconds: float = MAX_SECONDS) -> None:
        self.deadline = time.monotonic() + seconds
        self.seconds = seconds

    def check(self) -> None:
        if time.monotonic() > self.deadline:
            raise Refused(
                _(
                    "not expanded: the file's recurring events took more than "
                    "{seconds} s to expand; narrow --from/--to"
                ).format(seconds=f"{self.seconds:g}")
            )


def expand(
    members: list[Component],
    calendar_source: str,
    between: tuple[date, date],
    budget: Budget,
) -> list[Occurrence]:
    """The occurrences of one series (its VEVENTs sharing a UID) within `between`.

    `calendar_source` holds what the series needs from its calendar: X-WR-TIMEZONE
    and the VTIMEZONEs, as content lines."""
    budget.check()
    for member in members:
        for rule in member.all("RRULE"):
            _count(rule.value, member, between)
    series = _series(members, calendar_source)
    overrides = {_recurrence_key(m): m for m in members if m.first("RECURRENCE-ID")}
    master = next((m for m in members if not m.first("RECURRENCE-ID")), members[0])
    found = []
    for occurrence in _occurrences(series, between):
        moved = occurrence.get("RECURRENCE-ID")
        key = _key(moved.dt) if moved is not None else None
        start = occurrence["DTSTART"]
        end = occurrence.get("DTEND")
        due = moved.dt if moved is not None else start.dt
        found.append(
            Occurrence(
                day=due.date() if isinstance(due, datetime) else due,
                start=start.dt,
                end=end.dt if end is not None else _end_by_duration(occurrence),
                tzid=start.params.get("TZID"),
                component=overrides.get(key, master) if key else master,
            )
        )
        if len(found) > MAX_OCCURRENCES:
            raise _too_many(between)
    return found


def _count(rule: str, member: Component, between: tuple[date, date]) -> None:
    """Walk one RRULE lazily up to the end of the range, refusing it as soon as it
    repeats too often; nothing is kept but two counters."""
    from dateutil.rrule import rrulestr

    first = _naive_start(member)
    if first is None:
        return  # the expansion below reports a start it cannot read
    try:
        dates = rrulestr(rule, dtstart=first, ignoretz=True)
    except (ValueError, TypeError, OverflowError):
        return  # as above: the expander gives the reason
    start = datetime.combine(between[0], datetime.min.time())
    stop = datetime.combine(between[1] + timedelta(days=1), datetime.min.time())
    steps = inside = 0
    for moment in dates:
        if moment >= stop:
            return
        steps += 1
        inside += moment >= start
        if inside > MAX_OCCURRENCES:
            raise _too_many(between)
        if steps > MAX_STEPS:
            raise Refused(
                _(
                    "repeats more than {n} times from its start ({start}) to {end}: not expanded"
                ).format(n=MAX_STEPS, start=f"{first:%Y-%m-%d}", end=between[1])
            )


def _too_many(between: tuple[date, date]) -> Refused:
    return Refused(
        _("repeats more than {n} times between {start} and {end}: narrow --from/--to").format(
            n=MAX_OCCURRENCES, start=between[0], end=between[1]
        )
    )


def _naive_start(member: Component) -> datetime | None:
    from sco_cal.interchange.values import moment

    prop = member.first("DTSTART")
    if prop is None:
        return None
    try:
        found = moment(prop, None)
    except ValueError:
        return None
    if isinstance(found, datetime):
        return found.replace(tzinfo=None)
    return datetime.combine(found, datetime.min.time())


def _series(members: list[Component], calendar_source: str) -> Any:
    """The series as icalendar reads it, X-WR-TIMEZONE applied (Google, Apple)."""
    from icalendar import Calendar

    lines = ["BEGIN:VCALENDAR", calendar_source]
    for member in members:
        lines += member.content_lines()
    lines.append("END:VCALENDAR")
    try:
        calendar = Calendar.from_ical("\r\n".join(line for line in lines if line) + "\r\n")
        if calendar.get("X-WR-TIMEZONE") is not None:
            import x_wr_timezone  # type: ignore[import-untyped]

            calendar = x_wr_timezone.to_standard(calendar)
    except Exception as exc:  # any failure of the parser on untrusted input
        raise Refused(
            _("the series cannot be read ({reason})").format(reason=one_line(exc))
        ) from None
    return calendar


def _occurrences(series: Any, between: tuple[date, date]) -> list[Any]:
    import recurring_ical_events  # type: ignore[import-untyped]

    try:
        query = recurring_ical_events.of(series)
        return list(query.between(between[0], between[1] + timedelta(days=1)))
    except Exception as exc:  # a rule the expander cannot follow
        raise Refused(
            _("the recurrence cannot be expanded ({reason})").format(reason=one_line(exc))
        ) from None


def _end_by_duration(occurrence: Any) -> date | None:
    span = occurrence.get("DURATION")
    if span is not None and isinstance(span.dt, timedelta):
        return occurrence["DTSTART"].dt + span.dt  # type: ignore[no-any-return]
    return None


def _recurrence_key(member: Component) -> str:
    from sco_cal.interchange.values import moment

    prop = member.first("RECURRENCE-ID")
    assert prop is not None
    try:
        return _key(moment(prop, None))
    except ValueError:
        return prop.value


def _key(at: date) -> str:
    """A moved occurrence's date as both sides can compare it (local, to the minute)."""
    return f"{at:%Y%m%d}" if not isinstance(at, datetime) else f"{at:%Y%m%dT%H%M}"

"""Events to iCalendar: one VEVENT per event, and a VCALENDAR holding them.

`vevent_lines` turns one event into a VEVENT, the other half of `fields.to_event`:
export, the feed and a calendar server all write an event through it, and what it
writes reads back as the same event. The lines are written here rather than through
icalendar's objects (the cost of those was most of an export); the layout is
icalendar's own, so that calendar programs receive the same bytes as before.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time, timedelta
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.dates import Precision
from sco_cal.domain.event import Event, Kind, Reminder
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.places import country_name, find_country
from sco_cal.interchange import vocabulary as v
from sco_cal.interchange.content import escape_text, lines_bytes, param_text
from sco_cal.interchange.fuzzy import DEFAULT_FUZZY, FuzzyMode, is_marker, shown_days
from sco_cal.interchange.values import date_text, date_time_text, is_utc

ALARM_HOUR = time(9, 0)  # an all-day event's reminder rings in the morning, not at midnight
CALENDAR_HEAD = (
    "BEGIN:VCALENDAR",
    "VERSION:2.0",
    f"PRODID:{v.PRODID}",
    "CALSCALE:GREGORIAN",
    f"X-WR-CALNAME:{v.CALENDAR_NAME}",
    # Subscribing clients poll a feed at the interval it asks for.
    "REFRESH-INTERVAL;VALUE=DURATION:PT1H",
    "X-PUBLISHED-TTL:PT1H",
)
_LABELS = {
    "en": ("Date as worded", "State", "Sources", "Notes", "sco-cal id", "Shown on"),
    "fr": (
        "Date telle que formulée",
        "État",
        "Sources",
        "Notes",
        "identifiant sco-cal",
        "Affiché le",
    ),
}
Tick = Callable[[int], None]
_TZID = re.compile(r";TZID=([^:;]+)")


@dataclass(frozen=True)
class ExportOptions:
    """How events are written: language, notes, fuzzy windows, and the time of writing."""

    lang: str = "en"
    with_notes: bool = False
    fuzzy: FuzzyMode = DEFAULT_FUZZY
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


def calendar_bytes(
    events: Iterable[Event],
    options: ExportOptions | None = None,
    *,
    reminders: Mapping[str, Sequence[Reminder]] | None = None,
    tick: Tick | None = None,
    uids: Mapping[str, str] | None = None,
) -> bytes:
    """One VCALENDAR holding a VEVENT per event shown, with the time zones they use."""
    options = options or ExportOptions()
    body: list[str] = []
    zones: set[str] = set()
    for event in events:
        lines = vevent_lines(
            event,
            options,
            reminders=(reminders or {}).get(event.id, ()),
            uid=(uids or {}).get(event.id),
        )
        if lines:
            body += lines
            if event.start_time and event.timezone:
                zones.update(_TZID.findall(lines[2] + lines[3]))
        if tick is not None:
            tick(1)
    head = list(CALENDAR_HEAD)
    for tzid in sorted(zones):
        head += _vtimezone_lines(tzid)
    return lines_bytes([*head, *body, "END:VCALENDAR"])


def vevent_lines(
    event: Event,
    options: ExportOptions,
    *,
    reminders: Sequence[Reminder] = (),
    uid: str | None = None,
) -> list[str]:
    """One event as a VEVENT's content lines (unfolded), or none if its window is left
    out (`--fuzzy skip`). The properties come in icalendar's order: SUMMARY, DTSTART,
    DTEND, DTSTAMP, UID, SEQUENCE, then the others by name."""
    times = event_times(event, options.fuzzy)
    if times is None:
        return []
    start, end = times
    marker = is_marker(event.window, options.fuzzy)
    # DTSTAMP is the last revision for a published calendar: stable output for feeds.
    stamp = date_time_text(_utc(event.updated_at) or options.now)
    lines = [
        "BEGIN:VEVENT",
        "SUMMARY:" + escape_text(summary(event, options.lang)),
        _moment("DTSTART", start),
    ]
    if end is not None:
        lines.append(_moment("DTEND", end))
    lines += [
        "DTSTAMP:" + stamp,
        # An event first written by another program keeps that program's UID.
        "UID:" + escape_text(uid or v.uid_for(event.id)),
        f"SEQUENCE:{event.version}",
        "CATEGORIES:" + ",".join([escape_text(c) for c in categories(event)]),
        "DESCRIPTION:" + escape_text(description(event, options)),
    ]
    if event.updated_at is not None:
        lines.append("LAST-MODIFIED:" + stamp)
    place = location(event, options.lang)
    if place:
        lines.append("LOCATION:" + escape_text(place))
    lines.append(_STATUS_LINES[event.status])
    if marker:
        lines.append("TRANSP:TRANSPARENT")  # a marker is not a busy day
    _add_own_fields(lines, event, marker)
    for reminder in reminders:
        lines += _alarm_lines(event, reminder, start, options.lang)
    lines.append("END:VEVENT")
    return lines


_STATUS_LINES = {state: f"STATUS:{word}" for state, word in v.STATUS_OUT.items()}
# Words of sco-cal's own vocabularies: nothing in them to escape.
_KIND_LINES = {kind: f"{v.X_KIND}:{kind.value}" for kind in Kind}
_PRECISION_LINES = {p: f"{v.X_PRECISION}:{p.value}" for p in Precision}
_STATE_LINES = {state: f"{v.X_STATUS}:{state.value}" for state in ConfirmationState}


def event_times(
    event: Event, fuzzy: FuzzyMode = FuzzyMode.SPAN
) -> tuple[date | datetime, date | datetime | None] | None:
    """DTSTART and DTEND: a timed start when the day and hour are known, else all-day days
    (None when the window is not shown at all).

    A timed event has a start but no known end: a one-day one gets no DTEND (an
    instant, RFC 5545 3.6.1), a longer one ends at midnight after its last day.
    """
    w = event.window
    if event.start_time and w.is_exact:
        zone = _zone(event.timezone)
        hour, minute = (int(part) for part in event.start_time.split(":"))
        start = datetime.combine(w.start, time(hour, minute), zone)
        if w.start == w.end:
            return start, None
        return start, datetime.combine(w.end + timedelta(days=1), time(0), zone)
    return shown_days(w, fuzzy)  # DTEND of a date is exclusive


def summary(event: Event, lang: str) -> str:
    """The title, with the window's label when the source gave no exact days."""
    title = event.title_in(lang)
    if event.window.is_exact:
        return title
    return f"{title} [{format_window(event.window, lang)}]"


def location(event: Event, lang: str) -> str:
    parts = list(event.cities)
    if event.country:
        parts.append(_country_label(event.country, lang))
    return ", ".join(parts)


@cache
def _country_label(code: str, lang: str) -> str:
    return country_name(code, lang) if find_country(code) is not None else code


def categories(event: Event) -> list[str]:
    return [c for c in (event.organisation, event.theme, *event.tags) if c]


def description(event: Event, options: ExportOptions) -> str:
    """The original wording, the state, the summary, the sources (and the notes)."""
    lang = options.lang
    worded, state, sources, notes, ident, shown_on = _LABELS["fr" if lang == "fr" else "en"]
    w = event.window
    lines = [f"{worded}: {w.text or format_window(w, lang)} ({w.precision.value})"]
    if is_marker(w, options.fuzzy):
        lines.append(f"{shown_on}: {w.start.isoformat()} ({w.start} .. {w.end})")
    lines.append(f"{state}: {event.status.value}")
    if event.summary:
        lines += ["", event.summary]
    if event.sources:
        lines += ["", f"{sources}:"]
        for src in event.sources:
            dated = f", {src.document_date.isoformat()}" if src.document_date else ""
            lines.append(f"- {src.document}{dated}: \u201c{src.excerpt}\u201d")
    live = event.live_annotations
    if options.with_notes and live:
        lines += ["", f"{notes}:"]
        lines += [f"- {a.created_at:%Y-%m-%d} {a.author}: {a.text}" for a in live]
    lines += ["", f"{ident}: {event.id}"]
    return "\n".join(lines)


def _add_own_fields(lines: list[str], event: Event, marker: bool) -> None:
    """sco-cal's X- properties, by name as icalendar orders them."""
    w = event.window
    cities = v.CITY_SEPARATOR.join(event.cities)
    _add_texts(lines, (v.X_CITIES, cities), (v.X_COUNTRY, event.country), (v.X_DATE_TEXT, w.text))
    lines.append(_KIND_LINES[event.kind])
    if event.number is not None:
        lines.append(f"{v.X_NUMBER}:{event.number}")
    if w.open_ended:
        lines.append(f"{v.X_OPEN_ENDED}:TRUE")
    _add_texts(lines, (v.X_ORGANISATION, event.organisation))
    lines.append(_PRECISION_LINES[w.precision])
    _add_texts(lines, (v.X_SERIES, event.series))
    for src in event.sources:
        params = {v.X_DOCUMENT: src.document}
        if src.document_date is not None:
            params[v.X_DOCUMENT_DATE] = src.document_date.isoformat()
        lines.append(f"{v.X_SOURCE};{param_text(params)}:{escape_text(src.excerpt)}")
    lines.append(_STATE_LINES[event.status])
    _add_texts(
        lines,
        (v.X_SUMMARY, event.summary),
        (v.X_THEME, event.theme),
        (v.X_TITLE, event.title),
        (v.X_TITLE_EN, event.title_en),
    )
    if marker:  # a marker shows one day: the whole window travels here
        lines.append(f"{v.X_WINDOW}:{v.window_text(w.start, w.end)}")


def _add_texts(lines: list[str], *fields: tuple[str, str | None]) -> None:
    """A text property for each field that has a value."""
    lines.extend(f"{name}:{escape_text(value)}" for name, value in fields if value)


def _moment(name: str, at: date | datetime) -> str:
    if not isinstance(at, datetime):
        return f"{name};VALUE=DATE:{date_text(at)}"
    if at.tzinfo is None or is_utc(at):
        return f"{name}:{date_time_text(at)}"
    return f"{name};TZID={_tzid(at)}:{date_time_text(at)}"


def _tzid(at: datetime) -> str:
    from icalendar.timezone.tzid import tzid_from_dt

    return tzid_from_dt(at) or str(at.tzinfo)


@cache
def _vtimezone_lines(tzid: str) -> tuple[str, ...]:
    """The VTIMEZONE icalendar writes for an IANA zone (none if it knows no such zone)."""
    from icalendar import Timezone

    from sco_cal.interchange.lines import logical_lines

    try:
        zone = Timezone.from_tzid(tzid, first_date=date(1970, 1, 1), last_date=date(2038, 1, 1))
    except ValueError:
        return ()
    return tuple(text for _, text in logical_lines(zone.to_ical()) if text is not None)


def _alarm_lines(event: Event, reminder: Reminder, start: date | datetime, lang: str) -> list[str]:
    """A reminder still to come, as a VALARM relative to the start (it follows a move)."""
    if reminder.delivered_at is not None:
        return []
    from icalendar import vDuration

    from sco_cal.domain.reminders import effective_due

    due = effective_due(reminder, event)
    if due is None:
        return []  # waiting for the meeting to get a known day: nothing to ring yet
    if reminder.snoozed_until is not None:
        due = max(due, reminder.snoozed_until)
    if isinstance(start, datetime):
        rings = datetime.combine(due, ALARM_HOUR, start.tzinfo)
    else:
        rings = datetime.combine(due, ALARM_HOUR)
        start = datetime.combine(start, time(0))
    trigger = vDuration(rings - start).to_ical().decode("ascii")  # type: ignore[no-untyped-call]
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{escape_text(summary(event, lang))}",
        f"TRIGGER:{trigger}",
        "END:VALARM",
    ]


def _zone(name: str | None) -> ZoneInfo | None:
    if not name:
        return None  # floating: the same wall-clock time wherever the reader is
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None


def _utc(moment: datetime | None) -> datetime | None:
    if moment is None:
        return None
    if moment.tzinfo is None:
        return moment.replace(tzinfo=UTC)  # the store keeps UTC
    return moment.astimezone(UTC)

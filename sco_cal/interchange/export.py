"""Events to one VCALENDAR: fuzzy windows as all-day spans, exact fields as X- properties."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import UTC, date, datetime, time, timedelta
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Alarm, Calendar, vText
from icalendar import Event as VEvent

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Event, Reminder
from sco_cal.domain.places import country_name, find_country
from sco_cal.interchange import vocabulary as v

ALARM_HOUR = time(9, 0)  # an all-day event's reminder rings in the morning, not at midnight
_LABELS = {
    "en": ("Date as worded", "State", "Sources", "Notes", "sco-cal id"),
    "fr": ("Date telle que formulée", "État", "Sources", "Notes", "identifiant sco-cal"),
}


def calendar_bytes(
    events: Iterable[Event],
    *,
    lang: str = "en",
    with_notes: bool = False,
    reminders: Mapping[str, Sequence[Reminder]] | None = None,
    now: datetime | None = None,
) -> bytes:
    """One VCALENDAR holding a VEVENT per event, with the time zones they use."""
    cal = Calendar()
    cal.add("prodid", v.PRODID)
    cal.add("version", "2.0")
    cal.add("calscale", "GREGORIAN")
    cal.add("x-wr-calname", v.CALENDAR_NAME)
    # Subscribing clients poll a feed at the interval it asks for.
    cal.add("refresh-interval", timedelta(hours=1), parameters={"VALUE": "DURATION"})
    cal.add("x-published-ttl", "PT1H")
    stamp = now or datetime.now(UTC)
    for event in events:
        own = (reminders or {}).get(event.id, ())
        cal.add_component(vevent(event, lang=lang, with_notes=with_notes, reminders=own, now=stamp))
    cal.add_missing_timezones()
    return bytes(cal.to_ical())


def vevent(
    event: Event,
    *,
    lang: str = "en",
    with_notes: bool = False,
    reminders: Sequence[Reminder] = (),
    now: datetime,
) -> VEvent:
    """One event as a VEVENT."""
    comp = VEvent()
    comp.add("uid", v.uid_for(event.id))
    # DTSTAMP is the last revision for a published calendar: stable output for feeds.
    comp.add("dtstamp", _utc(event.updated_at) or now)
    start, end = event_times(event)
    comp.add("dtstart", start)
    if end is not None:
        comp.add("dtend", end)
    comp.add("summary", summary(event, lang))
    comp.add("status", v.STATUS_OUT[event.status])
    comp.add("sequence", event.version)
    if event.updated_at is not None:
        comp.add("last-modified", _utc(event.updated_at))
    place = location(event, lang)
    if place:
        comp.add("location", place)
    comp.add("categories", categories(event))
    comp.add("description", description(event, lang, with_notes=with_notes))
    _add_own_fields(comp, event)
    for reminder in reminders:
        alarm = _alarm(event, reminder, start, lang)
        if alarm is not None:
            comp.add_component(alarm)
    return comp


def event_times(event: Event) -> tuple[date | datetime, date | datetime | None]:
    """DTSTART and DTEND: a timed start when the day and hour are known, else all-day days.

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
    return w.start, w.end + timedelta(days=1)  # DTEND of a date is exclusive


def summary(event: Event, lang: str) -> str:
    """The title, with the window's label when the source gave no exact days."""
    title = event.title_in(lang)
    if event.window.is_exact:
        return title
    return f"{title} [{format_window(event.window, lang)}]"


def location(event: Event, lang: str) -> str:
    parts = list(event.cities)
    if event.country:
        known = find_country(event.country) is not None
        parts.append(country_name(event.country, lang) if known else event.country)
    return ", ".join(parts)


def categories(event: Event) -> list[str]:
    return [c for c in (event.organisation, event.theme, *event.tags) if c]


def description(event: Event, lang: str, *, with_notes: bool) -> str:
    """The original wording, the state, the summary, the sources (and the notes)."""
    worded, state, sources, notes, ident = _LABELS["fr" if lang == "fr" else "en"]
    w = event.window
    lines = [
        f"{worded}: {w.text or format_window(w, lang)} ({w.precision.value})",
        f"{state}: {event.status.value}",
    ]
    if event.summary:
        lines += ["", event.summary]
    if event.sources:
        lines += ["", f"{sources}:"]
        for src in event.sources:
            dated = f", {src.document_date.isoformat()}" if src.document_date else ""
            lines.append(f"- {src.document}{dated}: \u201c{src.excerpt}\u201d")
    live = event.live_annotations
    if with_notes and live:
        lines += ["", f"{notes}:"]
        lines += [f"- {a.created_at:%Y-%m-%d} {a.author}: {a.text}" for a in live]
    lines += ["", f"{ident}: {event.id}"]
    return "\n".join(lines)


def _add_own_fields(comp: VEvent, event: Event) -> None:
    w = event.window
    fields: list[tuple[str, str | None]] = [
        (v.X_STATUS, event.status.value),
        (v.X_PRECISION, w.precision.value),
        (v.X_DATE_TEXT, w.text),
        (v.X_OPEN_ENDED, "TRUE" if w.open_ended else None),
        (v.X_ORGANISATION, event.organisation),
        (v.X_KIND, event.kind.value),
        (v.X_THEME, event.theme),
        (v.X_TITLE, event.title),
        (v.X_TITLE_EN, event.title_en),
        (v.X_COUNTRY, event.country),
        (v.X_CITIES, v.CITY_SEPARATOR.join(event.cities) or None),
        (v.X_SERIES, event.series),
        (v.X_NUMBER, str(event.number) if event.number is not None else None),
        (v.X_SUMMARY, event.summary),
    ]
    for name, value in fields:
        if value:
            comp.add(name, vText(value))
    for src in event.sources:
        params = {v.X_DOCUMENT: src.document}
        if src.document_date is not None:
            params[v.X_DOCUMENT_DATE] = src.document_date.isoformat()
        comp.add(v.X_SOURCE, vText(src.excerpt), parameters=params)


def _alarm(event: Event, reminder: Reminder, start: date | datetime, lang: str) -> Alarm | None:
    """A reminder still to come, as a VALARM relative to the start (it follows a move)."""
    if reminder.delivered_at is not None:
        return None
    from sco_cal.domain.reminders import effective_due

    due = effective_due(reminder, event)
    if due is None:
        return None  # waiting for the meeting to get a known day: nothing to ring yet
    if reminder.snoozed_until is not None:
        due = max(due, reminder.snoozed_until)
    if isinstance(start, datetime):
        rings = datetime.combine(due, ALARM_HOUR, start.tzinfo)
    else:
        rings = datetime.combine(due, ALARM_HOUR)
        start = datetime.combine(start, time(0))
    alarm = Alarm()
    alarm.add("action", "DISPLAY")
    alarm.add("description", summary(event, lang))
    alarm.add("trigger", rings - start)
    return alarm


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

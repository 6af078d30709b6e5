"""When a VEVENT happens: its window in its own time zone, and its hour and zone if timed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from typing import Any
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.interchange import vocabulary as v
from sco_cal.interchange.props import Component, FieldError, checked, text


@dataclass(frozen=True, slots=True)
class When:
    """A window, and for a timed event its local start ("HH:MM") and IANA zone."""

    window: DateWindow
    start_time: str | None = None
    timezone: str | None = None


def when_of(comp: Component, own: bool) -> When:
    """The window in the event's own time zone; a timed event keeps its hour and zone."""
    start = comp["DTSTART"].dt
    if not isinstance(start, date):  # a bare time or a period is no start of an event
        raise FieldError("DTSTART", f"DTSTART is not a date or a date-time: {start!r}")
    end = _end(comp, start)
    if isinstance(start, datetime):
        return _timed(start, end, comp["DTSTART"].params.get("TZID"), comp, own)
    last = _as_date(end) - timedelta(days=1) if end is not None else start
    return When(_window(comp, own, start, max(start, last)))


def _timed(start: datetime, end: Any, tzid: str | None, comp: Component, own: bool) -> When:
    start, zone = _localised(start, tzid)
    if isinstance(end, datetime):
        if end.tzinfo is None or start.tzinfo is None:
            end = end.replace(tzinfo=start.tzinfo)
        else:
            end = end.astimezone(start.tzinfo)
    elif isinstance(end, date):
        end = datetime.combine(end, time(0), start.tzinfo)
    last = (end - timedelta(microseconds=1)).date() if end is not None and end > start else None
    window = _window(comp, own, start.date(), max(start.date(), last or start.date()))
    return When(window, f"{start:%H:%M}", zone)


def _localised(moment: datetime, tzid: str | None) -> tuple[datetime, str | None]:
    """The moment with a time zone the store can name (IANA), or in UTC; floating stays."""
    zone = moment.tzinfo
    if zone is None:
        return moment, None
    key = _zone_key(zone)
    if key is not None:
        return moment, key
    twin = _iana_twin(tzid) if tzid else None
    if twin is not None and _same_offset(moment, twin):
        return moment.replace(tzinfo=twin), twin.key
    return moment.astimezone(UTC), "UTC"


def _iana_twin(tzid: str) -> ZoneInfo | None:
    """The IANA zone a VTIMEZONE's name stands for: a Windows name ("W. Europe Standard
    Time") through CLDR's table, or the tail of a global one ("/mozilla.org/.../Asia/Almaty")."""
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # an icalendar without the table: times fall back to UTC
        WINDOWS_TO_OLSON = {}
    parts = tzid.strip("/").split("/")
    names = [WINDOWS_TO_OLSON.get(tzid, tzid)] + ["/".join(parts[i:]) for i in range(1, len(parts))]
    for name in names:
        try:
            return ZoneInfo(name)
        except (ZoneInfoNotFoundError, ValueError):
            continue
    return None


def _zone_key(zone: tzinfo) -> str | None:
    if zone is UTC:
        return "UTC"
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    return str(key) if key else None


def _same_offset(moment: datetime, zone: tzinfo) -> bool:
    return moment.utcoffset() == moment.replace(tzinfo=zone).utcoffset()


def _end(comp: Component, start: date) -> date | None:
    """DTEND, else DTSTART + DURATION, else None (one day, or an instant)."""
    if comp.get("DTEND") is not None:
        end = comp["DTEND"].dt
        return end if isinstance(end, date) else None
    duration = comp.get("DURATION")
    if duration is not None and isinstance(duration.dt, timedelta):
        return start + duration.dt
    return None


def _as_date(day: date) -> date:
    return day.date() if isinstance(day, datetime) else day


def _window(comp: Component, own: bool, start: date, end: date) -> DateWindow:
    exact = Precision.DAY if start == end else Precision.DAYS
    precision = exact
    if own and text(comp, v.X_PRECISION):
        precision = checked(v.X_PRECISION, Precision, (text(comp, v.X_PRECISION) or "").lower())
    window = DateWindow(start, end, precision, open_ended=own and _is_true(comp))
    wording = text(comp, v.X_DATE_TEXT) if own else None
    return DateWindow(
        start, end, precision, wording or format_window(window, "en"), window.open_ended
    )


def _is_true(comp: Component) -> bool:
    return (text(comp, v.X_OPEN_ENDED) or "").upper() == "TRUE"

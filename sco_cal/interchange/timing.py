"""When a VEVENT happens: its window in its own time zone, and its hour and zone if timed."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.i18n import _
from sco_cal.interchange import vocabulary as v
from sco_cal.interchange.components import Component
from sco_cal.interchange.props import FieldError, checked, text
from sco_cal.interchange.values import duration, moment
from sco_cal.interchange.zones import Zones, iana_twin

Moment = date | datetime  # a datetime is a date too; both spelt out for the reader


@dataclass(frozen=True, slots=True)
class When:
    """A window, and for a timed event its local start ("HH:MM") and IANA zone."""

    window: DateWindow
    start_time: str | None = None
    timezone: str | None = None


def start_and_end(comp: Component, zones: Zones) -> tuple[Moment, Moment | None]:
    """DTSTART, and DTEND (else DTSTART + DURATION, else None: one day, or an instant)."""
    start = _moment(comp, "DTSTART", zones)
    if start is None:
        raise FieldError("DTSTART", _("DTSTART is missing (every event needs one)"))
    end = _moment(comp, "DTEND", zones)
    if end is None and comp.first("DURATION") is not None:
        span = checked("DURATION", duration, comp.value("DURATION") or "")
        end = start + span
    return start, end


def when_of(
    comp: Component, own: bool, start: Moment, end: Moment | None, tzid: str | None = None
) -> When:
    """The window in the event's own time zone; a timed event keeps its hour and zone
    (`tzid`: the name the file gave that zone)."""
    if isinstance(start, datetime):
        return _timed(start, end, comp, own, tzid)
    last = _as_date(end) - timedelta(days=1) if end is not None else start
    return When(_window(comp, own, start, max(start, last)))


def _moment(comp: Component, name: str, zones: Zones) -> Moment | None:
    prop = comp.first(name)
    if prop is None:
        return None
    tzid = prop.param("TZID")
    zone = zones.get(tzid) if tzid else None
    try:
        found = moment(prop, zone)
    except (ValueError, OverflowError) as exc:
        raise FieldError(name, f"{name}: {exc}") from None
    return zones.standard(found)


def _timed(
    start: datetime, end: Moment | None, comp: Component, own: bool, tzid: str | None
) -> When:
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


def _localised(at: datetime, tzid: str | None) -> tuple[datetime, str | None]:
    """The moment with a time zone the store can name (IANA), or in UTC; floating stays."""
    zone = at.tzinfo
    if zone is None:
        return at, None
    key = _zone_key(zone)
    if key is not None:
        return at, key
    twin = iana_twin(tzid) if tzid else None
    if twin is not None and at.utcoffset() == at.replace(tzinfo=twin).utcoffset():
        return at.replace(tzinfo=twin), twin.key
    return at.astimezone(UTC), "UTC"


def _zone_key(zone: tzinfo) -> str | None:
    if zone is UTC:
        return "UTC"
    key = getattr(zone, "key", None) or getattr(zone, "zone", None)
    return str(key) if key else None


def _as_date(day: Moment) -> date:
    return day.date() if isinstance(day, datetime) else day


def _window(comp: Component, own: bool, start: date, end: date) -> DateWindow:
    marked = text(comp, v.X_WINDOW) if own else None
    if marked:
        first, last = checked(v.X_WINDOW, v.parse_window, marked)
        if start == first:  # the marker stands for its whole window
            start, end = first, last
        else:  # someone moved the marker in a calendar program: a new date, in days
            own = False
    precision = Precision.DAY if start == end else Precision.DAYS
    own_precision = text(comp, v.X_PRECISION) if own else None
    if own_precision:
        precision = checked(v.X_PRECISION, _precision, own_precision)
    window = DateWindow(start, end, precision, open_ended=own and _is_true(comp))
    wording = text(comp, v.X_DATE_TEXT) if own else None
    return DateWindow(
        start, end, precision, wording or format_window(window, "en"), window.open_ended
    )


def _precision(word: str) -> Precision:
    try:
        return Precision(word.lower())
    except ValueError:
        known = ", ".join(p.value for p in Precision)
        raise ValueError(f"unknown precision {word!r} (expected one of: {known})") from None


def _is_true(comp: Component) -> bool:
    return (text(comp, v.X_OPEN_ENDED) or "").upper() == "TRUE"

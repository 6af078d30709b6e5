"""Date, date-time and duration values (RFC 5545 3.3.4, 3.3.5, 3.3.6), in and out."""

from __future__ import annotations

import re
from datetime import UTC, date, datetime, timedelta, tzinfo

from sco_cal.interchange.content import Prop

_DATE = re.compile(r"(\d{4})(\d{2})(\d{2})")
_DATE_TIME = re.compile(r"(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(Z?)", re.IGNORECASE)
_DURATION = re.compile(
    r"([-+]?)P(?:(\d+)W)?(?:(\d+)D)?(?:T(?:(\d+)H)?(?:(\d+)M)?(?:(\d+)S)?)?", re.IGNORECASE
)


def moment(prop: Prop, zone: tzinfo | None) -> date | datetime:
    """A DATE or DATE-TIME value; `zone` is what the TZID parameter names (None: floating).

    Lenient where writers are: a DATE-TIME given with VALUE=DATE keeps its day, and a
    bare eight-digit value is a date whatever VALUE says.
    """
    value = prop.value.strip()
    if len(value) == 8 and value.isascii() and value.isdigit():  # a date, as most are
        return date(int(value[:4]), int(value[4:6]), int(value[6:]))
    if prop.param("VALUE") == "DATE" or len(value) == 8:
        found = _DATE.match(value)
        if found is None:
            raise ValueError(f"not a date: {value[:40]!r}")
        return date(*map(int, found.groups()))
    found = _DATE_TIME.fullmatch(value)
    if found is None:
        raise ValueError(f"not a date or a date-time: {value[:40]!r}")
    *parts, utc = found.groups()
    year, month, day, hour, minute, second = map(int, parts)
    at = datetime(year, month, day, hour, minute, min(second, 59))  # 60: a leap second
    return at.replace(tzinfo=UTC if utc else zone)


def duration(value: str) -> timedelta:
    found = _DURATION.fullmatch(value.strip())
    if found is None or not any(found.groups()[1:]):
        raise ValueError(f"not a duration: {value[:40]!r}")
    sign, weeks, days, hours, minutes, seconds = found.groups()
    span = timedelta(
        weeks=int(weeks or 0),
        days=int(days or 0),
        hours=int(hours or 0),
        minutes=int(minutes or 0),
        seconds=int(seconds or 0),
    )
    return -span if sign == "-" else span


def date_text(day: date) -> str:
    # The date's own ISO form (of a date-time too), without its dashes: a third of the
    # cost of formatting its three numbers.
    return date.isoformat(day).replace("-", "")


def date_time_text(at: datetime) -> str:
    """A DATE-TIME as written: in UTC with a `Z`; otherwise local (its TZID says where)."""
    text = f"{date_text(at)}T{at.hour:02d}{at.minute:02d}{at.second:02d}"
    return text + "Z" if is_utc(at) else text


def is_utc(at: datetime) -> bool:
    return at.tzinfo is not None and (at.tzinfo is UTC or str(at.tzinfo) == "UTC")

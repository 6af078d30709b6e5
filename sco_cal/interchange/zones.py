"""The time zones a file's TZID parameters name: IANA names, Windows names, its own VTIMEZONEs.

Outlook names zones the Windows way ("W. Europe Standard Time"), Thunderbird once
prefixed them ("/mozilla.org/20050126_1/Asia/Almaty"), and any writer may define its
own in a VTIMEZONE. Google and Apple write UTC times with the calendar's zone in
X-WR-TIMEZONE.
"""

from __future__ import annotations

from datetime import date, datetime, tzinfo
from functools import cache
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from sco_cal.interchange.components import Component
from sco_cal.interchange.props import text


class Zones:
    """TZID to tzinfo for one calendar, each zone worked out once."""

    def __init__(self, calendar: Component) -> None:
        self._defined: dict[str, Component] = {}
        for zone in calendar.walk("VTIMEZONE"):
            tzid = text(zone, "TZID")
            if tzid and tzid not in self._defined:
                self._defined[tzid] = zone
        self._found: dict[str, tzinfo | None] = {}
        self.calendar_zone = iana_zone(text(calendar, "X-WR-TIMEZONE") or "")

    def get(self, tzid: str) -> tzinfo | None:
        """The zone a TZID names, or None when nothing says what it is (floating)."""
        if tzid not in self._found:
            self._found[tzid] = self._find(tzid)
        return self._found[tzid]

    def _find(self, tzid: str) -> tzinfo | None:
        known = iana_zone(tzid)
        if known is not None:
            return known
        defined = self._defined.get(tzid)
        if defined is not None:
            built = _from_vtimezone(defined)
            if built is not None:
                return built
        return iana_twin(tzid)

    def standard(self, moment: date) -> date:
        """A moment as RFC 5545 means it when the calendar names its zone in X-WR-TIMEZONE:
        UTC times shown in that zone, floating times taken to be in it."""
        zone = self.calendar_zone
        if zone is None or not isinstance(moment, datetime):
            return moment
        if moment.tzinfo is None:
            return moment.replace(tzinfo=zone)
        if (moment.tzname() or "").upper() == "UTC":
            return moment.astimezone(zone)
        return moment


@cache
def iana_zone(name: str) -> ZoneInfo | None:
    if not name or name.startswith("/") or ".." in name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError, OSError):
        return None


@cache
def iana_twin(tzid: str) -> ZoneInfo | None:
    """The IANA zone a zone's name stands for: a Windows name through CLDR's table, or
    the tail of a global one ("/mozilla.org/20050126_1/Asia/Almaty")."""
    try:
        from icalendar.timezone.windows_to_olson import WINDOWS_TO_OLSON
    except ImportError:  # an icalendar without the table: such times fall back to UTC
        WINDOWS_TO_OLSON = {}
    parts = tzid.strip("/").split("/")
    names = [WINDOWS_TO_OLSON.get(tzid, tzid)] + ["/".join(parts[i:]) for i in range(1, len(parts))]
    for name in names:
        zone = iana_zone(name)
        if zone is not None:
            return zone
    return None


def _from_vtimezone(zone: Component) -> tzinfo | None:
    """The zone a VTIMEZONE defines, built by icalendar (a few per file at most)."""
    from icalendar import Timezone

    source = "\r\n".join(zone.content_lines()) + "\r\n"
    try:
        built = Timezone.from_ical(source).to_tz()  # type: ignore[attr-defined]
    except Exception:  # any failure on a zone the file defines leaves the zone unknown
        return None
    return built if isinstance(built, tzinfo) else None

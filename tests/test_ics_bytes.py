"""The export's bytes: what calendar programs received before stays what they receive.

The files under `fixtures/ics/export/` were written by the exporter that built every
line with icalendar objects (`git show 77ea125:sco_cal/ics/export.py`, its
`calendar_bytes` run on the same stores). The store stamps DTSTAMP and LAST-MODIFIED
with the time it was seeded, so those lines are compared by shape only. When the seed
data changes, write the files again with that exporter, not with the current one.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import pytest

from sco_cal.domain.event import Kind
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.service import CalendarService

GOLDEN = Path(__file__).parent / "fixtures" / "ics" / "export"
EVERYTHING = EventFilter(scope=Scope.ALL, kinds=tuple(Kind))
_STAMPED = re.compile(rb"^(DTSTAMP|LAST-MODIFIED):\d{8}T\d{6}Z\r$", re.MULTILINE)


def unstamped(data: bytes) -> bytes:
    return _STAMPED.sub(rb"\1:<stamp>\r", data)


def blocks(data: bytes) -> tuple[bytes, list[bytes]]:
    """The calendar around its events, and each event's bytes, in the agenda's order."""
    head, *events = data.split(b"BEGIN:VEVENT\r\n")
    tail = b"END:VCALENDAR\r\n"
    assert events and events[-1].endswith(tail)
    events[-1] = events[-1].removesuffix(tail)
    return head + tail, events


def compare(name: str, data: bytes) -> None:
    """Each event's bytes are what they were; the events follow the agenda's order, which
    now places a window of several months after the last month it covers."""
    assert unstamped(data).count(b"<stamp>") >= 2
    head, events = blocks(unstamped(data))
    golden_head, golden_events = blocks((GOLDEN / name).read_bytes())
    assert head == golden_head
    assert sorted(events) == sorted(golden_events)


def edited(service: CalendarService) -> None:
    """A timed event in a time zone, a reminder, tags: the parts the seed lacks."""
    events = service.events.find(EVERYTHING)
    timed, reminded = events[3], events[7]
    service.records.reschedule(timed.id, "2027-02-10")
    service.records.edit(timed.id, {"time": "10:30", "timezone": "Asia/Bishkek"})
    service.records.reschedule(reminded.id, "2027-03-15")
    service.reminders.add(reminded.id, ["14d"])
    service.records.tag(reminded.id, ["briefing", "Minister"], [])


def test_the_seeded_store_exports_the_same_bytes(cli: Any) -> None:
    result = cli("export", "--fuzzy", "span")
    assert result.exit_code == 0, result.output
    compare("seeded.ics", result.stdout_bytes)


def test_timed_events_alarms_and_tags_export_the_same_bytes(service: CalendarService) -> None:
    edited(service)
    compare("edited.ics", service.calendars.export_ics(EVERYTHING, with_alarms=True, fuzzy="span"))


@pytest.mark.parametrize("lang", ["fr"])
def test_the_french_export_is_the_same_bytes(service: CalendarService, lang: str) -> None:
    compare(f"seeded-{lang}.ics", service.calendars.export_ics(EVERYTHING, lang=lang, fuzzy="span"))

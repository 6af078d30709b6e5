"""One event as a calendar resource on a CalDAV server, and a resource read back.

Both directions go through the one conversion (`export.vevent_lines`, `importer.read_ics`).
What a calendar program shows of an event (its state, dates and title) is read from
a resource twice: as sco-cal wrote it, with its own X- properties (the exact state,
the whole fuzzy window), and as any program sees it, without them. Comparing the
second reading with the one of what sco-cal last wrote tells what a person changed
in a program, and nothing else: a marker that stands for a year is not read as a
meeting on one day unless someone moved it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, checked_slug
from sco_cal.domain.sync import Part, parts_of
from sco_cal.i18n import _
from sco_cal.interchange import vocabulary as v
from sco_cal.interchange.export import ExportOptions, calendar_bytes
from sco_cal.interchange.fuzzy import FuzzyMode
from sco_cal.interchange.importer import read_ics
from sco_cal.interchange.incoming import ReadOptions, one_line

# A content line of sco-cal's own, with the folded lines that continue it.
_OWN_LINES = re.compile(rf"^{re.escape(v.X_PREFIX)}[^\r\n]*(?:\r?\n[ \t][^\r\n]*)*\r?\n", re.M)
_LABEL = re.compile(r"\s*\[[^\[\]]*\]\s*$")
_STATUS = re.compile(r"^STATUS:([^\r\n]*)", re.M)
# Only what is shown is compared: an organisation is needed to read an event, any will do.
_ANY_ORGANISATION = "SCO"
Shown = dict[str, str]


@dataclass(frozen=True, slots=True)
class Remote:
    """A resource read: the event as sco-cal reads it, and what programs show of it."""

    uid: str
    event: Event  # with sco-cal's own fields: the exact state, the whole window
    seen: Event  # as a calendar program sees it: SUMMARY, STATUS, DTSTART, DTEND
    shown: Shown


def resource_bytes(
    event: Event, lang: str, today: date, uid: str | None = None
) -> tuple[bytes, Shown]:
    """The VCALENDAR holding one event (and its time zone), and what it shows; `uid`
    keeps the UID of an event another program created."""
    # Coarse windows as markers: a collection lands in phones' day views.
    options = ExportOptions(lang=lang, fuzzy=FuzzyMode.MARKER)
    data = calendar_bytes([event], options, uids={event.id: uid} if uid else None)
    return data, shown_of(data.decode("utf-8"), lang, today, name=event.id)


def shown_of(data: str, lang: str, today: date, *, name: str) -> Shown:
    seen = _read(_OWN_LINES.sub("", data), ReadOptions(name, today, _ANY_ORGANISATION))
    return _shown(seen, data, lang)


def read_resource(
    data: str, *, name: str, lang: str, today: date, organisation: str | None
) -> Remote:
    """A resource of the collection, read; InvalidInput says why one cannot be (the
    store's own refusals included, so that one such resource is left out, not the sync)."""
    event = _read(data, ReadOptions(name, today, organisation))
    checked_slug(event.id, "id")
    if event.series:
        checked_slug(event.series, "series")
    seen = _read(_OWN_LINES.sub("", data), ReadOptions(name, today, _ANY_ORGANISATION))
    return Remote(uid=uid_of(data), event=event, seen=seen, shown=_shown(seen, data, lang))


def title_shown(seen: Event, wrote: str) -> str:
    """The title a person typed: SUMMARY without the window's label sco-cal added."""
    title = seen.title_en
    return _LABEL.sub("", title) if _LABEL.search(wrote) else title


def _shown(seen: Event, data: str, lang: str) -> Shown:
    parts = parts_of(seen, lang)
    status = _STATUS.search(data)
    return {
        Part.STATUS.value: status.group(1).strip().upper() if status else "",
        Part.DATES.value: parts[Part.DATES],
        Part.TITLE.value: seen.title_en,
    }


def _read(data: str, opts: ReadOptions) -> Event:
    try:
        parsed = read_ics(data.encode("utf-8"), opts)
    except InvalidInput as exc:
        raise InvalidInput(one_line(exc)) from None
    if parsed.skipped and not parsed.items:
        raise InvalidInput(parsed.skipped[0].reason)
    if len(parsed.items) != 1:
        raise InvalidInput(_("a recurring event or several in one resource: not synced"))
    return parsed.items[0].event


def uid_of(data: str) -> str:
    """The resource's UID, read before the rest (it says which event the resource is)."""
    found = re.search(r"^UID:([^\r\n]*)", data, re.M)
    return found.group(1).strip() if found else ""

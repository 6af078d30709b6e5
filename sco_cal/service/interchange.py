"""Calendar files in and out: iCalendar export, iCalendar and CSV import."""

from __future__ import annotations

from collections import defaultdict
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.domain.event import Event
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.domain.query import EventFilter
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.domain.event import Reminder
    from sco_cal.interchange.report import ImportReport


class CalendarFiles:
    """The calendar as a file other programs read, and files of theirs read into it."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def export_ics(
        self,
        flt: EventFilter,
        *,
        with_notes: bool = False,
        with_alarms: bool = False,
        lang: str = "en",
        fuzzy: str | None = None,
        progress: Progress = QUIET,
    ) -> bytes:
        """The events matching `flt` as one iCalendar file (pending reminders as VALARMs);
        `fuzzy` (span, marker, skip) says how windows coarser than a month are shown."""
        from sco_cal.interchange.export import ExportOptions, calendar_bytes
        from sco_cal.interchange.files import collector_paused
        from sco_cal.interchange.fuzzy import DEFAULT_FUZZY, FuzzyMode
        from sco_cal.store.reminders import ReminderReads

        options = ExportOptions(
            lang=lang,
            with_notes=with_notes,
            fuzzy=FuzzyMode(fuzzy) if fuzzy else DEFAULT_FUZZY,
            now=self._ctx.now(),
        )
        # The events and their lines live until the file is made, and hold no cycles:
        # the collector walking them again and again took a third of a large export.
        with collector_paused():
            events = self._events.find(flt, details=True)
            alarms: defaultdict[str, list[Reminder]] = defaultdict(list)
            if with_alarms:
                for reminder in ReminderReads(self._ctx.store.reader.rows).reminders(pending=True):
                    alarms[reminder.event_id].append(reminder)
            progress.start(_("writing events"), total=len(events))
            return calendar_bytes(events, options, reminders=alarms, tick=progress.advance)

    def export_events(self, flt: EventFilter, *, with_notes: bool = False) -> list[Event]:
        """The events matching `flt` in full, for an export: notes only when asked for,
        since an exported file leaves the desk."""
        events = self._events.find(flt, details=True)
        if with_notes:
            return events
        return [replace(e, annotations=(), annotation_count=0) for e in events]

    def import_file(
        self,
        path: Path,
        *,
        organisation: str | None = None,
        dry_run: bool = False,
        date_from: str | None = None,
        date_to: str | None = None,
        strict: bool = False,
        max_bytes: int | None = None,
        progress: Progress = QUIET,
    ) -> ImportReport:
        """Events from an iCalendar or CSV file: every one that can be read, written in one
        transaction (or, `dry_run`, only reported), and a report of the others; with
        `strict`, a file with any fault is refused whole."""
        from sco_cal.domain.date_phrases import parse_date_phrase
        from sco_cal.domain.organisations import organisation_code
        from sco_cal.interchange.files import read_file
        from sco_cal.interchange.incoming import ReadOptions
        from sco_cal.store.imports import import_parsed

        today = self._ctx.today
        opts = ReadOptions(
            name=path.name,
            today=today,
            organisation=organisation_code(organisation) if organisation else None,
            expand_from=parse_date_phrase(date_from, today=today).start if date_from else None,
            expand_to=parse_date_phrase(date_to, today=today).end if date_to else None,
            strict=strict,
        )
        parsed = read_file(path, opts, max_bytes=max_bytes, progress=progress)
        return import_parsed(
            self._ctx.store,
            parsed,
            name=path.name,
            author=self._ctx.author,
            now=self._ctx.now(),
            dry_run=dry_run,
            progress=progress,
        )

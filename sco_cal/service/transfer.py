"""Calendars in and out: iCalendar export, iCalendar and CSV import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.filters import EventFilter
from sco_cal.progress import QUIET, Progress

if TYPE_CHECKING:
    from sco_cal.importing import ImportReport

from sco_cal.service.base import ServiceBase


class TransferService(ServiceBase):
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
        """The events matching `flt` as one iCalendar file (reminders as VALARMs); `fuzzy`
        (span, marker, skip) says how windows coarser than a month are shown."""
        from sco_cal.ics.export import ExportOptions
        from sco_cal.ics.fuzzy import DEFAULT_FUZZY, FuzzyMode
        from sco_cal.importing import export_ics

        pending = self._reminder_reads().reminders(pending=True) if with_alarms else None
        options = ExportOptions(
            lang=lang,
            with_notes=with_notes,
            fuzzy=FuzzyMode(fuzzy) if fuzzy else DEFAULT_FUZZY,
            now=self.now(),
        )
        return export_ics(
            self.store, flt, self.today, options, reminders=pending, progress=progress
        )

    def import_events(
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
        """Events from an iCalendar or CSV file: every one that can be read, written in
        one go, and a report of the others (`strict`: all or nothing)."""
        from sco_cal.importing import import_file

        return import_file(
            self.store,
            path,
            today=self.today,
            author=self.author,
            now=self.now(),
            organisation=organisation,
            dry_run=dry_run,
            date_from=date_from,
            date_to=date_to,
            strict=strict,
            max_bytes=max_bytes,
            progress=progress,
        )

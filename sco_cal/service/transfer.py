"""Calendars in and out: iCalendar export, iCalendar and CSV import."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.filters import EventFilter
from sco_cal.model import Event

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
    ) -> bytes:
        """The events matching `flt` as one iCalendar file (reminders as VALARMs)."""
        from sco_cal.importing import export_ics

        pending = self._reminder_reads().reminders(pending=True) if with_alarms else None
        return export_ics(
            self.store, flt, self.today, lang=lang, with_notes=with_notes, reminders=pending
        )

    def export_events(self, flt: EventFilter, *, with_notes: bool = False) -> list[Event]:
        """The events matching `flt` in full, for an export: notes only when asked for,
        since an exported file leaves the desk."""
        events = self.list_events(flt, details=True)
        if with_notes:
            return events
        return [replace(e, annotations=(), annotation_count=0) for e in events]

    def import_events(
        self,
        path: Path,
        *,
        organisation: str | None = None,
        dry_run: bool = False,
        date_from: str | None = None,
        date_to: str | None = None,
    ) -> ImportReport:
        """Events from an iCalendar or CSV file: checked whole, then written in one go."""
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
        )

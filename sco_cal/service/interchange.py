"""Calendars in and out: iCalendar export, iCalendar and CSV import."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.domain.query import EventFilter

if TYPE_CHECKING:
    from sco_cal.store.imports import ImportReport

from sco_cal.service.context import ServiceBase


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
        from sco_cal.store.imports import export_ics

        pending = self._reminder_reads().reminders(pending=True) if with_alarms else None
        return export_ics(
            self.store, flt, self.today, lang=lang, with_notes=with_notes, reminders=pending
        )

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
        from sco_cal.store.imports import import_file

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

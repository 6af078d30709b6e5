"""The one service layer the CLI and the TUI stand on: small parts behind one facade."""

from __future__ import annotations

from datetime import date
from functools import cached_property
from typing import TYPE_CHECKING

from sco_cal.domain.postponement import DEFAULT_SINE_DIE_DAYS
from sco_cal.service.context import ServiceContext
from sco_cal.service.database import Database
from sco_cal.service.events import Events
from sco_cal.service.recording import Recorder
from sco_cal.service.reminders import Reminders
from sco_cal.store.store import Store

if TYPE_CHECKING:
    from sco_cal.service.agenda import Agenda
    from sco_cal.service.digests import Digests
    from sco_cal.service.documents import Documents
    from sco_cal.service.interchange import CalendarFiles
    from sco_cal.service.sync import Sync


class CalendarService:
    """Everything a person can ask of the calendar, against a fixed `today`, by part:
    `events` reads, `agenda` pages, `records` writes what people record, `reminders`,
    `digests`, `calendars` (files in and out), `sync` (CalDAV collections), `documents` (bulletins),
    `database`."""

    def __init__(
        self,
        store: Store,
        today: date,
        author: str,
        *,
        sine_die_days: int = DEFAULT_SINE_DIE_DAYS,
    ) -> None:
        self._ctx = ServiceContext(
            store=store, today=today, author=author, sine_die_days=sine_die_days
        )
        self.events = Events(self._ctx)
        self.records = Recorder(self._ctx, self.events)
        self.reminders = Reminders(self._ctx, self.events)
        self.database = Database(self._ctx)

    # The parts below are built when first asked for: a command that records a note or
    # shows one event never pages the agenda, digests, syncs or reads files and
    # documents, and need not load their modules.

    @cached_property
    def agenda(self) -> Agenda:
        from sco_cal.service.agenda import Agenda

        return Agenda(self._ctx)

    @cached_property
    def digests(self) -> Digests:
        from sco_cal.service.digests import Digests

        return Digests(self._ctx, self.events, self.reminders)

    @cached_property
    def calendars(self) -> CalendarFiles:
        from sco_cal.service.interchange import CalendarFiles

        return CalendarFiles(self._ctx, self.events)

    @cached_property
    def documents(self) -> Documents:
        from sco_cal.service.documents import Documents

        return Documents(self._ctx, self.events)

    @cached_property
    def sync(self) -> Sync:
        from sco_cal.service.sync import Sync

        return Sync(self._ctx, self.events)

    @property
    def today(self) -> date:
        return self._ctx.today

    @property
    def author(self) -> str:
        """Who the changes are recorded as."""
        return self._ctx.author

    @author.setter
    def author(self, name: str) -> None:
        self._ctx.author = name

    def close(self) -> None:
        """Let go of the database's connections."""
        self._ctx.store.close()


__all__ = ["CalendarService"]

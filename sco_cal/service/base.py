"""What every part of the service shares: the store, today, the author, and lookups."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any

from sco_cal.filters import EventFilter, SortKey
from sco_cal.model import Event, HistoryEntry
from sco_cal.store.store import Store

if TYPE_CHECKING:
    from sco_cal.store.reminders import ReminderReads


@dataclass
class ServiceBase:
    """The calendar as one person sees it, against a fixed `today`."""

    store: Store
    today: date
    author: str

    def list_events(
        self,
        flt: EventFilter,
        *,
        sort: SortKey = SortKey.DATE,
        limit: int | None = None,
        details: bool = False,
    ) -> list[Event]:
        return self.store.reader.events(flt, self.today, sort=sort, limit=limit, details=details)

    def resolve(self, id_text: str) -> str:
        return self.store.reader.resolve_id(id_text.strip())

    def get(self, id_text: str) -> Event:
        return self.store.reader.event(self.resolve(id_text))

    def history(self, id_text: str) -> list[HistoryEntry]:
        return self.store.reader.history(event_id=self.resolve(id_text), oldest_first=True)

    def log(self, *, since: datetime | None = None, limit: int | None = 50) -> list[HistoryEntry]:
        return self.store.reader.history(since=since, limit=limit)

    def now(self) -> datetime:
        return datetime.now(UTC)

    def _update(
        self,
        event: Event,
        changes: dict[str, Any],
        *,
        action: str,
        note: str | None = None,
        source: str | None = None,
        expected_version: int | None = None,
    ) -> None:
        """Write `changes` in one transaction that reads the event as it is then.

        Only `expected_version` (given by the person, or by a screen acting on what it
        showed) may refuse the change; without it, a change made meanwhile by someone
        else is simply built upon, as a shell user expects of a plain command.
        """
        from sco_cal.store.writer import update_event

        self.store.write(
            lambda s: update_event(
                session=s,
                event_id=event.id,
                changes=changes,
                author=self.author,
                now=self.now(),
                action=action,
                expected_version=expected_version,
                note=note,
                source=source,
            )
        )

    def _reminder_reads(self) -> ReminderReads:
        from sco_cal.store.reminders import ReminderReads

        return ReminderReads(self.store.reader.rows)

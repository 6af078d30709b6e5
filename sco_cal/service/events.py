"""Reading events: a filtered list, one event in full, what changed."""

from __future__ import annotations

from datetime import datetime

from sco_cal.domain.event import Event, HistoryEntry
from sco_cal.domain.query import EventFilter, SortKey
from sco_cal.service.context import ServiceContext


class Events:
    """Events as the store holds them, judged against the context's `today`."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def find(
        self,
        flt: EventFilter,
        *,
        sort: SortKey = SortKey.DATE,
        limit: int | None = None,
        details: bool = False,
    ) -> list[Event]:
        """The events `flt` matches; with `details`, their sources, notes and tags."""
        reader = self._ctx.store.reader
        return reader.events(flt, self._ctx.today, sort=sort, limit=limit, details=details)

    def resolve_id(self, id_text: str) -> str:
        """The id that `id_text` names exactly or as a unique prefix."""
        return self._ctx.store.reader.resolve_id(id_text.strip())

    def get(self, id_text: str) -> Event:
        """One event with everything attached: sources, notes, history, reminders, tags."""
        return self._ctx.store.reader.event(self.resolve_id(id_text))

    def history(self, id_text: str) -> list[HistoryEntry]:
        """What changed on one event, oldest first."""
        event_id = self.resolve_id(id_text)
        return self._ctx.store.reader.history(event_id=event_id, oldest_first=True)

    def log(self, *, since: datetime | None = None, limit: int | None = 50) -> list[HistoryEntry]:
        """What changed in the whole calendar, newest first."""
        return self._ctx.store.reader.history(since=since, limit=limit)

"""Reading events: a filtered list, one event in full, what changed."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime

from sco_cal.domain.event import Event, Excerpt, HistoryEntry
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

    def count(self, flt: EventFilter) -> int:
        """How many events `flt` matches."""
        return self._ctx.store.reader.count_matching(flt, self._ctx.today)

    def resolve_id(self, id_text: str, *, deleted: bool = False) -> str:
        """The id that `id_text` names exactly, as a unique prefix or as a short id
        (among deleted events when `deleted`)."""
        return self._ctx.store.reader.resolve_id(id_text.strip(), deleted=deleted)

    def short_ids(self, ids: Iterable[str]) -> dict[str, str]:
        """Each id's short form, unique in the whole calendar, that `resolve_id` accepts."""
        from sco_cal.domain.short_ids import short_ids

        return short_ids(ids, self._ctx.store.reader.all_ids())

    def get(self, id_text: str) -> Event:
        """One event with everything attached: sources, notes, history, reminders, tags."""
        return self._ctx.store.reader.event(self.resolve_id(id_text))

    def bare(self, id_text: str) -> Event:
        """One event's own fields alone (where it sorts, its state, its version), without
        its sources, notes, tags, history or reminders: a busy event's 900 notes are not
        read to find where it sorts."""
        return self._ctx.store.reader.bare_event(self.resolve_id(id_text))

    def excerpt(self, id_text: str, newest: int) -> Excerpt:
        """One event as `get` reads it, with only the newest `newest` of its notes and
        of its history, and how many it has of each."""
        return self._ctx.store.reader.excerpt(self.resolve_id(id_text), newest)

    def by_id(self, event_id: str) -> Event:
        """The event with exactly this id, in full, deleted or not."""
        return self._ctx.store.reader.event(event_id)

    def deleted(self, limit: int = 50) -> list[Event]:
        """Deleted events, the most recently deleted first."""
        return self._ctx.store.reader.deleted_events(limit)

    def history(self, id_text: str) -> list[HistoryEntry]:
        """What changed on one event, oldest first."""
        event_id = self.resolve_id(id_text)
        return self._ctx.store.reader.history(event_id=event_id, oldest_first=True)

    def log(self, *, since: datetime | None = None, limit: int | None = 50) -> list[HistoryEntry]:
        """What changed in the whole calendar, newest first."""
        return self._ctx.store.reader.history(since=since, limit=limit)

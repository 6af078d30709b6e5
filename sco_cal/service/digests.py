"""The daily digest: what needs attention today, and what changed since the last one."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from sco_cal.domain.query import EventFilter, Scope
from sco_cal.i18n import current_language
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events
from sco_cal.service.reminders import Reminders

if TYPE_CHECKING:
    from sco_cal.config.settings import Settings
    from sco_cal.domain.digest import Digest
    from sco_cal.store.transaction import Transaction


class Digests:
    """Builds the digest from the events, the history and the reminders due."""

    def __init__(self, ctx: ServiceContext, events: Events, reminders: Reminders) -> None:
        self._ctx = ctx
        self._events = events
        self._reminders = reminders

    def build(
        self,
        *,
        days: int,
        since: datetime | None,
        deliver: bool,
        mark: bool,
        settings: Settings,
        lang: str | None = None,
        limit: int | None = None,
    ) -> Digest:
        """The digest; without `since`, changes since the last digest, which `mark` moves.

        Each section lists at most `limit` items (default from the settings; 0: all).
        """
        from sco_cal.domain.digest import build_digest
        from sco_cal.domain.digest_items import Listing
        from sco_cal.store.digests import (
            DATES_OPEN,
            LAST_DIGEST_KEY,
            DigestReads,
            mark_listed,
            set_meta,
        )
        from sco_cal.store.reminders import ReminderReads

        today, now = self._ctx.today, self._ctx.now()
        rows = self._ctx.store.reader.rows
        reads = DigestReads(rows)
        start = since or _digest_since(reads.meta(LAST_DIGEST_KEY), reads.first_change_at(), now)
        cap = (settings.digest.limit if limit is None else limit) or None
        horizon = today + timedelta(days=max(days, settings.digest.awaiting_days))
        ahead = EventFilter(scope=Scope.ALL, date_from=today, date_to=horizon)
        events = self._events.find(ahead, details=True)
        # Only the oldest follow-ups are loaded when the list is cut; the store counts all.
        overdue = EventFilter(scope=Scope.ALL, follow_up=True)
        events += self._events.find(overdue, limit=cap, details=True)
        # Postponed sine die: their old window says nothing of when they will happen.
        events += [self._events.get(event_id) for event_id in reads.sine_die_ids()]
        history = self._ctx.store.reader.history(since=start, oldest_first=True)
        changed = {h.event_id for h in history} - {e.id for e in events}
        events += ReminderReads(rows).events(changed).values()
        due = self._reminders.due(
            settings.reminders, deliver=deliver, lang=lang or current_language()
        )
        digest = build_digest(
            events,
            today=today,
            days=days,
            awaiting_days=settings.digest.awaiting_days,
            since=start,
            reminders=due,
            history=history,
            documents=reads.documents(),
            limit=cap,
            follow_up=reads.follow_up_tally(today) if cap else None,
            listed_open=reads.listed(DATES_OPEN),
        )
        if mark and since is None:
            listed = [item.event.id for item in digest.dates_open]

            def record(tx: Transaction) -> None:
                set_meta(tx=tx, key=LAST_DIGEST_KEY, value=now.isoformat())
                mark_listed(
                    tx=tx,
                    section=DATES_OPEN,
                    event_ids=listed,
                    listing=Listing(on=today, at=now),
                )

            self._ctx.write(record)
        return digest


def _digest_since(last: str | None, first_change: datetime | None, now: datetime) -> datetime:
    """The last digest's time; for a first digest, the last day, but not the store's own
    creation and seeding (history entries are compared strictly after this time)."""
    if last:
        return datetime.fromisoformat(last)
    day_ago = now - timedelta(days=1)
    return max(day_ago, first_change) if first_change else day_ago

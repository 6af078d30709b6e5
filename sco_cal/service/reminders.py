"""Reminders and the daily digest."""

from __future__ import annotations

from dataclasses import replace
from datetime import datetime, timedelta
from typing import TYPE_CHECKING, Any

from sco_cal.domain.query import EventFilter

if TYPE_CHECKING:
    from collections.abc import Sequence

    from sco_cal.config.settings import Settings
    from sco_cal.domain.digest import Digest
    from sco_cal.domain.event import Reminder
    from sco_cal.domain.reminders import DueReminder
    from sco_cal.store.reader import Rows

from sco_cal.service.context import ServiceBase


class RemindingService(ServiceBase):
    def add_reminder(self, id_text: str, spec: str) -> Reminder:
        """A reminder "14d", "2w" (before the window starts) or on a date phrase's first day."""
        return self.add_reminders(id_text, [spec])[0]

    def add_reminders(self, id_text: str, specs: Sequence[str]) -> list[Reminder]:
        """Several reminders on one event, all stored or (on any error) none."""
        from sco_cal.domain.reminders import parse_reminder_spec
        from sco_cal.store.reminders import insert_reminder

        event = self.get(id_text)
        wanted = [parse_reminder_spec(spec, today=self.today) for spec in specs]

        def insert(session: Any) -> list[Reminder]:
            return [
                insert_reminder(
                    session=session,
                    event_id=event.id,
                    due=w.due_for(event.window.start),
                    spec=w.text,
                    author=self.author,
                    now=self.now(),
                )
                for w in wanted
            ]

        return self.store.write(insert)

    def reminders(self, id_text: str | None = None) -> list[Reminder]:
        """Stored reminders (of one event, or all), each due as its event's window now says."""
        from sco_cal.domain.reminders import effective_due

        reads = self._reminder_reads()
        found = reads.reminders(event_id=self.resolve(id_text) if id_text else None)
        events = reads.events({r.event_id for r in found})
        return [replace(r, due=effective_due(r, events[r.event_id])) for r in found]

    def remove_reminder(self, reminder_id: int) -> None:
        from sco_cal.store.reminders import delete_reminder

        self.store.write(
            lambda s: delete_reminder(
                session=s, reminder_id=reminder_id, author=self.author, now=self.now()
            )
        )

    def snooze_reminder(self, reminder_id: int, spec: str) -> Reminder:
        """Due again `spec` ("3d", "1w") from today, or on a date phrase's first day."""
        from sco_cal.domain.reminders import snooze_until
        from sco_cal.store.reminders import snooze_reminder

        until = snooze_until(spec, today=self.today)
        return self.store.write(
            lambda s: snooze_reminder(
                session=s, reminder_id=reminder_id, until=until, author=self.author, now=self.now()
            )
        )

    def due_reminders(
        self, *, deliver: bool, settings: Settings, lang: str | None = None
    ) -> list[DueReminder]:
        """Reminders due today; with `deliver`, each is claimed in the transaction that found
        it, so two runs at the same moment never both return the same one."""
        from sco_cal.store.reminders import ReminderReads, SessionRows, claim_delivery

        def due(rows: Rows) -> list[DueReminder]:
            return ReminderReads(rows).due(settings.reminders, self.today, lang or settings.lang)

        if not deliver:
            return due(self.store.reader.rows)
        return self.store.write(
            lambda s: claim_delivery(session=s, due=due(SessionRows(s)), now=self.now())
        )

    def digest(
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
        from sco_cal.domain.query import Scope
        from sco_cal.store.reminders import LAST_DIGEST_KEY, set_meta

        now, reads = self.now(), self._reminder_reads()
        start = since or _digest_since(reads.meta(LAST_DIGEST_KEY), reads.first_change_at(), now)
        cap = (settings.digest.limit if limit is None else limit) or None
        horizon = self.today + timedelta(days=max(days, settings.digest.awaiting_days))
        events = self.list_events(
            EventFilter(scope=Scope.ALL, date_from=self.today, date_to=horizon), details=True
        )
        # Only the oldest follow-ups are loaded when the list is cut; the store counts all.
        overdue = EventFilter(scope=Scope.ALL, follow_up=True)
        events += self.list_events(overdue, limit=cap, details=True)
        history = self.store.reader.history(since=start, oldest_first=True)
        events += reads.events({h.event_id for h in history} - {e.id for e in events}).values()
        digest = build_digest(
            events,
            today=self.today,
            days=days,
            awaiting_days=settings.digest.awaiting_days,
            since=start,
            reminders=self.due_reminders(deliver=deliver, settings=settings, lang=lang),
            history=history,
            documents=reads.documents(),
            limit=cap,
            follow_up=reads.follow_up_tally(self.today) if cap else None,
        )
        if mark and since is None:
            self.store.write(
                lambda s: set_meta(session=s, key=LAST_DIGEST_KEY, value=now.isoformat())
            )
        return digest


def _digest_since(last: str | None, first_change: datetime | None, now: datetime) -> datetime:
    """The last digest's time; for a first digest, the last day, but not the store's own
    creation and seeding (history entries are compared strictly after this time)."""
    if last:
        return datetime.fromisoformat(last)
    day_ago = now - timedelta(days=1)
    return max(day_ago, first_change) if first_change else day_ago

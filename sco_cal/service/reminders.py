"""Reminders: setting, listing, removing and snoozing them, and delivering the due ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.domain.event import Reminder
    from sco_cal.domain.reminders import DueReminder, ReminderRule
    from sco_cal.store.reader import Rows


class Reminders:
    """Stored reminders, and the default ones from the configuration applied on the fly."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def add(self, id_text: str, specs: Sequence[str]) -> list[Reminder]:
        """Reminders "14d", "2w" (before the window starts) or on a date phrase's first day,
        all stored or (on any error) none."""
        from sco_cal.domain.reminders import parse_reminder_spec
        from sco_cal.store.reminders import insert_reminder

        event = self._events.get(id_text)
        wanted = [parse_reminder_spec(spec, today=self._ctx.today) for spec in specs]

        def insert(session: Any) -> list[Reminder]:
            return [
                insert_reminder(
                    session=session,
                    event_id=event.id,
                    due=w.due_for(event.window.start),
                    spec=w.text,
                    author=self._ctx.author,
                    now=self._ctx.now(),
                )
                for w in wanted
            ]

        return self._ctx.write(insert)

    def stored(self, id_text: str | None = None) -> list[Reminder]:
        """Stored reminders (of one event, or all), each due as its event's window now says."""
        from sco_cal.domain.reminders import effective_due
        from sco_cal.store.reminders import ReminderReads

        reads = ReminderReads(self._ctx.store.reader.rows)
        found = reads.reminders(event_id=self._events.resolve_id(id_text) if id_text else None)
        events = reads.events({r.event_id for r in found})
        return [replace(r, due=effective_due(r, events[r.event_id])) for r in found]

    def remove(self, reminder_id: int) -> None:
        """Delete a reminder (recorded in its event's history)."""
        from sco_cal.store.reminders import delete_reminder

        self._ctx.write(
            lambda s: delete_reminder(
                session=s, reminder_id=reminder_id, author=self._ctx.author, now=self._ctx.now()
            )
        )

    def snooze(self, reminder_id: int, spec: str) -> Reminder:
        """Due again `spec` ("3d", "1w") from today, or on a date phrase's first day."""
        from sco_cal.domain.reminders import snooze_until
        from sco_cal.store.reminders import snooze_reminder

        until = snooze_until(spec, today=self._ctx.today)
        return self._ctx.write(
            lambda s: snooze_reminder(
                session=s,
                reminder_id=reminder_id,
                until=until,
                author=self._ctx.author,
                now=self._ctx.now(),
            )
        )

    def due(self, rules: Sequence[ReminderRule], *, deliver: bool, lang: str) -> list[DueReminder]:
        """Reminders due today; with `deliver`, each is claimed in the transaction that found
        it, so two runs at the same moment never both return the same one."""
        from sco_cal.store.reminders import SessionRows, claim_delivery

        if not deliver:
            return self._find_due(self._ctx.store.reader.rows, rules, lang)
        return self._ctx.write(
            lambda s: claim_delivery(
                session=s, due=self._find_due(SessionRows(s), rules, lang), now=self._ctx.now()
            )
        )

    def _find_due(self, rows: Rows, rules: Sequence[ReminderRule], lang: str) -> list[DueReminder]:
        from sco_cal.domain.reminders import find_due
        from sco_cal.store.reminders import ReminderReads

        reads, today = ReminderReads(rows), self._ctx.today
        stored = reads.reminders(pending=True)
        candidates = reads.rule_candidates(
            today,
            within_days=max((s.days_before or 0 for r in rules for s in r.before), default=None),
            follow_up=any(r.follow_up for r in rules),
        )
        events = reads.events({r.event_id for r in stored}) | {e.id: e for e in candidates}
        return find_due(
            stored=stored,
            events=events,
            rules=rules,
            delivered=reads.deliveries(e.id for e in candidates),
            today=today,
            lang=lang,
        )

"""Reminders: setting, listing, removing and snoozing them, and delivering the due ones."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from typing import TYPE_CHECKING

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.domain.event import Reminder
    from sco_cal.domain.reminders import DueReminder, ListedReminder, ReminderRule
    from sco_cal.store.reader import Rows
    from sco_cal.store.transaction import Transaction


class Reminders:
    """Stored reminders, and the default ones from the configuration applied on the fly."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def add(
        self,
        id_text: str,
        specs: Sequence[str] = (),
        *,
        on: Sequence[str] = (),
        when_dated: bool = False,
        allow_past: bool = False,
    ) -> list[Reminder]:
        """Reminders `specs` ("14d", "1 mois" before the event's known day, or a date
        phrase) and `on` (date phrases), all stored or (on any error) none.

        A lead time needs a known day unless `when_dated` (it then counts once the
        meeting has one); a moment already past is refused unless `allow_past`.
        """
        from sco_cal.domain.reminders import on_day, parse_reminder_spec, plan_reminder
        from sco_cal.store.reminders import insert_reminder

        event, today = self._events.get(id_text), self._ctx.today
        wanted = [parse_reminder_spec(s, today=today, when_dated=when_dated) for s in specs]
        wanted += [on_day(s, today=today) for s in on]
        if not wanted:
            raise InvalidInput(_("give a lead time (--before 14d) or a day (--on DATE)"))
        planned = [(w, plan_reminder(w, event, today=today, allow_past=allow_past)) for w in wanted]

        def insert(tx: Transaction) -> list[Reminder]:
            return [
                insert_reminder(
                    tx=tx,
                    event_id=event.id,
                    due=due,
                    spec=w.text,
                    mode=w.mode,
                    author=self._ctx.author,
                    now=self._ctx.now(),
                )
                for w, due in planned
            ]

        return self._ctx.write(insert)

    def listed(self, id_text: str | None = None) -> list[ListedReminder]:
        """Stored reminders (of one event, or all) as they stand today: each one's day as
        its event's window now says, and whether it is pending, waiting, delivered,
        snoozed or expired."""
        from sco_cal.domain.reminders import listed
        from sco_cal.store.reminders import ReminderReads

        reads = ReminderReads(self._ctx.store.reader.rows)
        found = reads.reminders(event_id=self._events.resolve_id(id_text) if id_text else None)
        events = reads.events({r.event_id for r in found})
        items = [listed(r, events[r.event_id], self._ctx.today) for r in found]
        # Soonest first by the day each falls due now; those waiting for a day last.
        return sorted(items, key=lambda i: (i.due is None, i.due or i.reminder.due, i.reminder.id))

    def stored(self, id_text: str | None = None) -> list[Reminder]:
        """Stored reminders (of one event, or all), each due as its event's window now says
        (one waiting for a known day keeps the day it was stored with)."""
        return [replace(r.reminder, due=r.due or r.reminder.due) for r in self.listed(id_text)]

    def remove(self, reminder_id: int) -> None:
        """Delete a reminder (recorded in its event's history)."""
        from sco_cal.store.reminders import delete_reminder

        self._ctx.record(delete_reminder, reminder_id=reminder_id)

    def snooze(self, reminder_id: int, spec: str) -> Reminder:
        """Due again `spec` ("3d", "1w") from today, or on a date phrase's first day."""
        from sco_cal.domain.reminders import snooze_until
        from sco_cal.store.reminders import snooze_reminder

        until = snooze_until(spec, today=self._ctx.today)
        return self._ctx.record(snooze_reminder, reminder_id=reminder_id, until=until)

    def due(self, rules: Sequence[ReminderRule], *, deliver: bool, lang: str) -> list[DueReminder]:
        """Reminders due today; with `deliver`, each is claimed in the transaction that found
        it, so two runs at the same moment never both return the same one."""
        from sco_cal.store.reminders import claim_delivery

        if not deliver:
            return self._find_due(self._ctx.store.reader.rows, rules, lang)
        return self._ctx.write(
            lambda s: claim_delivery(tx=s, due=self._find_due(s, rules, lang), now=self._ctx.now())
        )

    def _find_due(self, rows: Rows, rules: Sequence[ReminderRule], lang: str) -> list[DueReminder]:
        from sco_cal.domain.reminders import find_due
        from sco_cal.store.reminders import ReminderReads

        reads, today = ReminderReads(rows), self._ctx.today
        stored = reads.reminders(pending=True)
        candidates = reads.rule_candidates(
            today,
            within_days=max(
                (s.lead.longest_days for r in rules for s in r.before if s.lead), default=None
            ),
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

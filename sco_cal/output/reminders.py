"""Reminders for people and programs: the stored ones, and those that fall due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Reminder
from sco_cal.domain.reminders import DueReminder
from sco_cal.domain.text import safe
from sco_cal.i18n import _
from sco_cal.output.records import reminder_record
from sco_cal.output.style import Painter

REMINDER_COLUMNS = ("id", "event_id", "due", "spec", "state", "author")


def reminder_state(reminder: Reminder, today: date, *, words: bool = False) -> str:
    """`pending`, `delivered` or `snoozed until DAY`: English for JSON and CSV, in the
    current language with `words`."""
    say = _ if words else str
    if reminder.snoozed_until is not None and reminder.snoozed_until > today:
        return say("snoozed until {day}").format(day=reminder.snoozed_until.isoformat())
    return say("delivered") if reminder.delivered_at is not None else say("pending")


def reminder_row(reminder: Reminder, today: date) -> dict[str, Any]:
    """A stored reminder's record, with its state in words."""
    return reminder_record(reminder) | {"state": reminder_state(reminder, today)}


def render_reminders(reminders: Sequence[Reminder], today: date, paint: Painter) -> str:
    due = _("due {day}")
    return "\n".join(
        f"{paint(f'#{r.id}'.ljust(5), 'cyan')} {due.format(day=r.due.isoformat())}  "
        f"{safe(r.spec):<6} "
        f"{reminder_state(r, today, words=True):<10}  {safe(r.event_id)}"
        for r in reminders
    )


def due_record(item: DueReminder, lang: str) -> dict[str, Any]:
    """One due reminder as `remind due --format json` and the JSON digest print it."""
    w = item.event.window
    return {
        "reminder_id": item.reminder.id if item.reminder is not None else None,
        "rule": item.rule,
        "event_id": item.event.id,
        "title": item.event.title_in(lang),
        "status": item.event.status.value,
        "due": item.due.isoformat(),
        "spec": item.spec,
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "precision": w.precision.value,
        "date_label": format_window(w, lang),
        "imprecise": item.imprecise,
        "text": item.text,
    }


def render_due(items: Sequence[DueReminder], paint: Painter) -> str:
    """`#3  due 2026-09-17  <text>  [event-id]`, one line each."""
    due = _("due {day}")
    return "\n".join(
        f"{paint(safe(item.label), 'cyan')}  {due.format(day=item.due.isoformat())}  "
        f"{safe(item.text)}  "
        f"{paint('[' + safe(item.event.id) + ']', 'dim')}"
        for item in items
    )

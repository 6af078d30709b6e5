"""Reminders for people and programs: the stored ones, and those that fall due."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Reminder
from sco_cal.domain.reminders import DueReminder
from sco_cal.domain.text import safe
from sco_cal.output.records import reminder_record
from sco_cal.output.style import Painter

REMINDER_COLUMNS = ("id", "event_id", "due", "spec", "state", "author")


def reminder_state(reminder: Reminder, today: date) -> str:
    if reminder.snoozed_until is not None and reminder.snoozed_until > today:
        return f"snoozed until {reminder.snoozed_until.isoformat()}"
    return "delivered" if reminder.delivered_at is not None else "pending"


def reminder_row(reminder: Reminder, today: date) -> dict[str, Any]:
    """A stored reminder's record, with its state in words."""
    return reminder_record(reminder) | {"state": reminder_state(reminder, today)}


def render_reminders(reminders: Sequence[Reminder], today: date, paint: Painter) -> str:
    return "\n".join(
        f"{paint(f'#{r.id}'.ljust(5), 'cyan')} due {r.due.isoformat()}  {safe(r.spec):<6} "
        f"{reminder_state(r, today):<10}  {safe(r.event_id)}"
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
    return "\n".join(
        f"{paint(safe(item.label), 'cyan')}  due {item.due.isoformat()}  {safe(item.text)}  "
        f"{paint('[' + safe(item.event.id) + ']', 'dim')}"
        for item in items
    )

"""Reminders for people and programs: the stored ones, and those that fall due."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.durations import format_duration
from sco_cal.domain.languages import in_language
from sco_cal.domain.reminders import DueReminder, ListedReminder, ReminderState
from sco_cal.domain.text import safe
from sco_cal.i18n import _
from sco_cal.output.records import reminder_record
from sco_cal.output.style import Painter

REMINDER_COLUMNS = ("id", "event_id", "due", "spec", "lead", "mode", "state", "author")


def state_words(item: ListedReminder) -> str:
    if item.state is ReminderState.SNOOZED:
        assert item.reminder.snoozed_until is not None
        return _("snoozed until {day}").format(day=item.reminder.snoozed_until.isoformat())
    return {
        ReminderState.PENDING: _("pending"),
        ReminderState.WAITING: _("waiting for a date"),
        ReminderState.DELIVERED: _("delivered"),
        ReminderState.EXPIRED: _("expired"),
    }[item.state]


def lead_words(item: ListedReminder, lang: str) -> str | None:
    """ "14 days before", "1 mois avant", or None for a reminder on a given day."""
    if item.lead is None:
        return None
    return in_language(lang, "{lead} before", "{lead} avant").format(
        lead=format_duration(item.lead, lang)
    )


def reminder_row(item: ListedReminder, lang: str) -> dict[str, Any]:
    """A stored reminder's record, with its day as its event now stands (null while it
    waits for a known day), its lead time and its state in words."""
    return reminder_record(item.reminder) | {
        "due": item.due.isoformat() if item.due else None,
        "lead": lead_words(item, lang),
        "state": state_words(item),
    }


def render_reminders(items: Sequence[ListedReminder], lang: str, paint: Painter) -> str:
    lines = []
    for item in items:
        due = item.due.isoformat() if item.due else "-" * 10
        how = lead_words(item, lang) or _("on that day")
        lines.append(
            f"{paint(f'#{item.reminder.id}'.ljust(5), 'cyan')} due {due}  "
            f"{safe(item.reminder.spec):<6} {safe(how):<18} {state_words(item):<18}  "
            f"{safe(item.reminder.event_id)}"
        )
    return "\n".join(lines)


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

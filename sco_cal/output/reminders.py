"""Reminders for people and programs: the stored ones, and those that fall due."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.durations import format_duration
from sco_cal.domain.reminders import DueReminder, ListedReminder, ReminderState
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.output.records import reminder_record
from sco_cal.output.style import Painter

REMINDER_COLUMNS = ("id", "event_id", "due", "spec", "lead", "mode", "state", "author")


_STATE_WORDS = {
    ReminderState.PENDING: N_("pending"),
    ReminderState.WAITING: N_("waiting for a date"),
    ReminderState.DELIVERED: N_("delivered"),
    ReminderState.EXPIRED: N_("expired"),
}


def state_words(item: ListedReminder, *, translated: bool = True) -> str:
    """`pending`, `snoozed until DAY`...: in the current language, or English for JSON
    and CSV (`translated=False`), which scripts read."""
    say = _ if translated else str
    if item.state is ReminderState.SNOOZED:
        assert item.reminder.snoozed_until is not None
        return say(N_("snoozed until {day}")).format(day=item.reminder.snoozed_until.isoformat())
    return say(_STATE_WORDS[item.state])


def lead_words(item: ListedReminder, lang: str) -> str | None:
    """ "14 days before", "1 mois avant", or None for a reminder on a given day."""
    if item.lead is None:
        return None
    return _("{lead} before").format(lead=format_duration(item.lead, lang))


def reminder_row(item: ListedReminder, lang: str) -> dict[str, Any]:
    """A stored reminder's record, with its day as its event now stands (null while it
    waits for a known day), its lead time and its state (in English, for scripts)."""
    return reminder_record(item.reminder) | {
        "due": item.due.isoformat() if item.due else None,
        "lead": lead_words(item, lang),
        "state": state_words(item, translated=False),
    }


def render_reminders(items: Sequence[ListedReminder], lang: str, paint: Painter) -> str:
    lines = []
    due = _("due {day}")
    for item in items:
        day = item.due.isoformat() if item.due else "-" * 10
        how = lead_words(item, lang) or _("on that day")
        lines.append(
            f"{paint(f'#{item.reminder.id}'.ljust(5), 'cyan')} {due.format(day=day)}  "
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
    due = _("due {day}")
    return "\n".join(
        f"{paint(safe(item.label), 'cyan')}  {due.format(day=item.due.isoformat())}  "
        f"{safe(item.text)}  "
        f"{paint('[' + safe(item.event.id) + ']', 'dim')}"
        for item in items
    )

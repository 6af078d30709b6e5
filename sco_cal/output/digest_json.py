"""The digest as JSON for scripts, in the shape `sco_cal/schemas/digest.schema.json` fixes."""

from __future__ import annotations

from datetime import date
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.digest import Change, Digest
from sco_cal.domain.digest_items import Listed, Reason
from sco_cal.domain.reminders import DueReminder
from sco_cal.output.records import history_record, sine_die_record
from sco_cal.output.reminders import due_record

# Version 2: the section `dates_open`, a reminder's place after the follow-ups, and on every
# item the `reason` (the rule that put it there) and its `group`.
DIGEST_SCHEMA = {"name": "sco-cal-digest", "version": 2}


def digest_record(digest: Digest, lang: str) -> dict[str, Any]:
    """Every section is present, as an empty list when there is nothing in it."""
    today = digest.today
    sections = {
        "today": [_event(i, today, lang) for i in digest.today_events],
        "coming_up": [_event(i, today, lang) for i in digest.coming_up],
        "dates_open": [_event(i, today, lang) for i in digest.dates_open],
        "awaiting_confirmation": [_event(i, today, lang) for i in digest.awaiting_confirmation],
        "needs_follow_up": [_event(i, today, lang) for i in digest.needs_follow_up],
        "reminders_due": [_reminder(r, lang) for r in digest.reminders_due],
        "changed": [_change(c, lang) for c in digest.changes],
    }
    return {
        "schema": dict(DIGEST_SCHEMA),
        "today": today.isoformat(),
        "lang": lang,
        "days": digest.days,
        "awaiting_days": digest.awaiting_days,
        "since": digest.since.isoformat(),
        "limit": digest.limit,
        "counts": {
            key: max(digest.totals.get(key, 0), len(items)) for key, items in sections.items()
        },
        "follow_up_by_document": [
            {"document": doc, "title": title, "count": n}
            for doc, title, n in digest.follow_up_by_document
        ],
        "sections": sections,
    }


def _event(item: Listed, today: date, lang: str) -> dict[str, Any]:
    event = item.event
    w = event.window
    return {
        "id": event.id,
        "reason": item.reason.value,
        "group": item.group or None,
        "title": event.title_in(lang),
        "title_fr": event.title,
        "title_en": event.title_en,
        "organisation": event.organisation,
        "kind": event.kind.value,
        "status": event.status.value,
        "country": event.country,
        "cities": list(event.cities),
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "precision": w.precision.value,
        "imprecise": not w.is_exact,
        "open_ended": w.open_ended,
        "date_text": w.text,
        "date_label": format_window(w, lang),
        "sine_die": sine_die_record(event),
        "days_until_start": (w.start - today).days,
        "days_since_end": (today - w.end).days,
        "documents": sorted({s.document for s in event.sources}),
    }


def _reminder(item: DueReminder, lang: str) -> dict[str, Any]:
    reason = Reason.REMINDER_DUE if item.reminder is not None else Reason.DEFAULT_REMINDER_DUE
    return {"reason": reason.value} | due_record(item, lang)


def _change(change: Change, lang: str) -> dict[str, Any]:
    return {
        "reason": Reason.CHANGED.value,
        "kind": change.kind.value,
        "title": change.event.title_in(lang) if change.event is not None else None,
    } | history_record(change.entry, principal=change.field)

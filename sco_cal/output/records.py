"""Events as plain JSON-ready records: the documented, stable shape scripts rely on."""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Annotation, Event, HistoryEntry, Reminder

JSON_SCHEMA_VERSION = 1


def event_record(
    event: Event, today: date, lang: str = "en", *, full: bool = False
) -> dict[str, Any]:
    """The keys of `sco-cal list --format json`; `full` adds history and reminders."""
    w = event.window
    record: dict[str, Any] = {
        "id": event.id,
        "title": event.title,
        "title_en": event.title_en,
        "organisation": event.organisation,
        "kind": event.kind.value,
        "series": event.series,
        "number": event.number,
        "country": event.country,
        "city": event.cities[0] if event.cities else None,
        "cities": list(event.cities),
        "theme": event.theme,
        "start": w.start.isoformat(),
        "end": w.end.isoformat(),
        "precision": w.precision.value,
        "open_ended": w.open_ended,
        "date_text": w.text,
        "date_label": format_window(w, lang),
        "start_time": event.start_time,
        "timezone": event.timezone,
        "status": event.status.value,
        "sine_die": sine_die_record(event),
        "needs_follow_up": event.needs_follow_up(today),
        "upcoming": event.is_upcoming(today),
        "summary": event.summary,
        "sources": [
            {"document": s.document, "excerpt": s.excerpt, "document_date": _iso(s.document_date)}
            for s in event.sources
        ],
        "annotations": [annotation_record(a) for a in event.live_annotations],
        "tags": list(event.tags),
        "origin": event.origin,
        "version": event.version,
        "updated_at": _iso(event.updated_at),
    }
    if full:
        record["history"] = [history_record(h) for h in event.history]
        record["reminders"] = [reminder_record(r) for r in event.reminders]
        record["deleted_annotations"] = [
            annotation_record(a) for a in event.annotations if a.deleted_at is not None
        ]
    return record


def sine_die_record(event: Event) -> dict[str, str] | None:
    """A postponement with no new date: since when, and from when it needs follow-up."""
    if event.sine_die is None:
        return None
    return {
        "since": event.sine_die.since.isoformat(),
        "follow_up_from": event.sine_die.follow_up_from.isoformat(),
    }


def annotation_record(note: Annotation) -> dict[str, Any]:
    record = {
        "id": note.id,
        "text": note.text,
        "author": note.author,
        "created_at": _iso(note.created_at),
    }
    if note.deleted_at is not None:
        record |= {"deleted_at": _iso(note.deleted_at), "deleted_by": note.deleted_by}
    return record


def history_record(entry: HistoryEntry, *, principal: str | None = None) -> dict[str, Any]:
    """An entry with every change it made (`changes`); `field`, `old` and `new` repeat the
    `principal` change (default: the first), as records had them when an entry held one."""
    main = (entry.change(principal) if principal else None) or next(iter(entry.changes), None)
    return {
        "id": entry.id,
        "event_id": entry.event_id,
        "at": _iso(entry.at),
        "author": entry.author,
        "action": entry.action,
        "field": main.field if main else None,
        "old": main.old if main else None,
        "new": main.new if main else None,
        "changes": [{"field": c.field, "old": c.old, "new": c.new} for c in entry.changes],
        "note": entry.note,
        "source": entry.source,
        "undoes": entry.undoes,
    }


def reminder_record(reminder: Reminder) -> dict[str, Any]:
    return {
        "id": reminder.id,
        "event_id": reminder.event_id,
        "due": _iso(reminder.due),
        "spec": reminder.spec,
        "mode": reminder.mode.value,
        "author": reminder.author,
        "delivered_at": _iso(reminder.delivered_at),
        "snoozed_until": _iso(reminder.snoozed_until),
    }


def _iso(value: date | datetime | None) -> str | None:
    return None if value is None else value.isoformat()

"""The one mapping between rows and domain values: column lists, the stored form of each
field (cities as JSON text, enums as their names, naive UTC times on SQLite) and the
columns derived from others (`span_days`, `search_text`).

The tables in `schema.py` are the source of truth; a test checks that these names
match them, so neither the lean reads nor the writes can drift from the schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import (
    CONTENT_FIELDS,
    Annotation,
    Event,
    FieldChange,
    HistoryEntry,
    Kind,
    Reminder,
    ReminderMode,
    Source,
    checked_slug,
    window_of,
)
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.ordering import agenda_day
from sco_cal.domain.postponement import SineDie

# In this order `event_from_row` reads them.
EVENT_COLUMNS = ("id", *CONTENT_FIELDS, "origin", "version", "updated_at", "deleted_at")
# What describes the event itself, as a document states it: one column per field.
CONTENT_COLUMNS = CONTENT_FIELDS
# The `event` table's own columns, in the order `event_row` gives them: what an event
# says, and what is derived from it (the write adds its stamps and search text).
EVENT_ROW_COLUMNS = ("id", *CONTENT_COLUMNS, "origin", "version", "span_days", "agenda_day")
SOURCE_COLUMNS = ("event_id", "document", "excerpt", "document_date")
ANNOTATION_COLUMNS = (
    "id",
    "event_id",
    "text",
    "author",
    "created_at",
    "deleted_at",
    "deleted_by",
)
HISTORY_COLUMNS = ("id", "event_id", "at", "author", "action", "note", "source", "undoes")
CHANGE_COLUMNS = ("field", "old", "new")
REMINDER_COLUMNS = (
    "id",
    "event_id",
    "due",
    "spec",
    "author",
    "created_at",
    "delivered_at",
    "snoozed_until",
    "mode",
)


def encode_cities(cities: Sequence[str]) -> str:
    """The `cities` column: a JSON list of canonical English names."""
    return _cities_json(tuple(cities))


@lru_cache(maxsize=1024)  # the few places of a calendar, written for thousands of events
def _cities_json(cities: tuple[str, ...]) -> str:
    return json.dumps(list(cities), ensure_ascii=False)


@lru_cache(maxsize=1024)  # a calendar names few places, read for thousands of events
def decode_cities(stored: str) -> tuple[str, ...]:
    return tuple(json.loads(stored))


def span_days(start: date, end: date) -> int:
    """The `span_days` column: how many days after its start a window ends."""
    return (end - start).days


def window_columns(window: DateWindow) -> dict[str, Any]:
    """The columns derived from a window: its length and its place in the agenda."""
    return {
        "span_days": span_days(window.start, window.end),
        "agenda_day": agenda_day(window),
    }


def derived_from(fields: Mapping[str, Any]) -> dict[str, Any]:
    """`window_columns` of a window given as its fields (`window_fields`), stored or not."""
    stored = dict(fields)
    stored["start_date"], stored["end_date"] = (
        as_date(stored["start_date"]),
        as_date(stored["end_date"]),
    )
    return window_columns(window_of(stored))


def field_columns(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Domain field values (CONTENT_FIELDS) as the values their columns store."""
    # Written out rather than a call per field: an import stores a million of them.
    columns = {
        name: value.value if isinstance(value, Enum) else value for name, value in fields.items()
    }
    if "cities" in columns:
        columns["cities"] = encode_cities(columns["cities"])
    return columns


def changed_columns(current: Event, changes: Mapping[str, Any]) -> dict[str, Any]:
    """The columns of changed fields (domain values by field name), held to what
    `event_values` holds a new event to: a series must be a slug, and the window stays
    within the years the store keeps."""
    columns = field_columns(changes)
    if columns.get("series"):
        checked_slug(columns["series"], "series")
    if "start_date" in columns or "end_date" in columns:
        DateWindow(
            columns.get("start_date", current.window.start),
            columns.get("end_date", current.window.end),
            Precision.DAY,
        ).check_years(current.id)
    return columns


def event_values(event: Event) -> dict[str, Any]:
    """`event_row` by column name."""
    return dict(zip(EVENT_ROW_COLUMNS, event_row(event), strict=True))


def event_row(event: Event) -> tuple[Any, ...]:
    """The `event` table's own columns for a domain Event, in EVENT_ROW_COLUMNS order
    (not its stamps or search text); whatever wrote it, its id and series must be slugs
    and its window within the years the store keeps."""
    checked_slug(event.id, "id")
    if event.series:
        checked_slug(event.series, "series")
    w = event.window.check_years(event.id)
    postponed = event.sine_die
    # Written out, in column order, rather than a dictionary of fields turned into
    # columns: an import of 100,000 events builds a row for each.
    return (
        event.id,
        event.organisation,
        event.kind.value,
        event.title,
        event.title_en,
        event.series,
        event.number,
        event.country,
        encode_cities(event.cities),
        event.theme,
        w.start,
        w.end,
        w.precision.value,
        w.text,
        w.open_ended,
        event.start_time,
        event.timezone,
        event.status.value,
        postponed.since if postponed else None,
        postponed.follow_up_from if postponed else None,
        event.summary,
        event.origin,
        event.version,
        span_days(w.start, w.end),
        agenda_day(w),
    )


def history_text(value: Any) -> str | None:
    """A stored value as a history entry writes it: ISO dates, JSON cities, plain text."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


def value_from_history(field: str, text: str | None) -> Any:
    """The domain value a history entry wrote as `history_text` for one of CONTENT_FIELDS."""
    if text is None:
        return () if field == "cities" else None
    if field in ("start_date", "end_date"):
        return date.fromisoformat(text)
    if field == "open_ended":
        return text.strip().lower() in ("true", "1", "t")
    if field == "cities":
        return decode_cities(text)
    if field == "number":
        return int(text)
    readers: dict[str, Any] = {
        "precision": Precision,
        "status": ConfirmationState,
        "kind": Kind,
    }
    return readers.get(field, str)(text)


def as_date(value: Any) -> date:
    return date.fromisoformat(value) if isinstance(value, str) else value


def as_opt_date(value: Any) -> date | None:
    return None if value is None else as_date(value)


def as_datetime(value: Any) -> datetime:
    """A stored timestamp as an aware UTC datetime (SQLite keeps them naive)."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)  # type: ignore[no-any-return]


def as_opt_datetime(value: Any) -> datetime | None:
    return None if value is None else as_datetime(value)


# Rows name these by value; a dict finds them faster than the enum's own lookup, which
# counted when an export reads 10,000 events.
_KINDS = {k.value: k for k in Kind}
_STATES = {s.value: s for s in ConfirmationState}
_PRECISIONS = {p.value: p for p in Precision}


def event_from_row(
    row: Sequence[Any],
    annotation_count: int = 0,
    *,
    sources: tuple[Source, ...] = (),
    annotations: tuple[Annotation, ...] = (),
    tags: tuple[str, ...] = (),
) -> Event:
    """An Event from a row in EVENT_COLUMNS order, with the related rows given."""
    (
        id_,
        org,
        kind,
        title,
        title_en,
        series,
        number,
        country,
        cities,
        theme,
        start,
        end,
        precision,
        date_text,
        open_ended,
        start_time,
        tz,
        status,
        sine_die_since,
        sine_die_follow_up,
        summary,
        origin,
        version,
        updated_at,
        deleted_at,
    ) = row
    window = DateWindow(
        as_date(start), as_date(end), _PRECISIONS[precision], date_text, bool(open_ended)
    )
    return Event(
        id=id_,
        organisation=org,
        kind=_KINDS[kind],
        title=title,
        title_en=title_en,
        window=window,
        status=_STATES[status],
        sine_die=_sine_die(sine_die_since, sine_die_follow_up),
        theme=theme,
        series=series,
        number=number,
        country=country,
        cities=decode_cities(cities),
        start_time=start_time,
        timezone=tz,
        summary=summary,
        origin=origin,
        version=version,
        updated_at=as_opt_datetime(updated_at),
        annotation_count=annotation_count,
        deleted_at=as_opt_datetime(deleted_at),
        sources=sources,
        annotations=annotations,
        tags=tags,
    )


def _sine_die(since: Any, follow_up_from: Any) -> SineDie | None:
    if since is None:
        return None
    return SineDie(as_date(since), as_date(follow_up_from if follow_up_from is not None else since))


def source_from_row(row: Sequence[Any]) -> Source:
    return Source(document=row[1], excerpt=row[2], document_date=as_opt_date(row[3]))


def annotation_from_row(row: Sequence[Any]) -> Annotation:
    return Annotation(
        id=row[0],
        event_id=row[1],
        text=row[2],
        author=row[3],
        created_at=as_datetime(row[4]),
        deleted_at=as_opt_datetime(row[5]),
        deleted_by=row[6],
    )


def history_query(where: str, order: str, limit: int | None = None) -> str:
    """SQL for the history entries `where` picks (on alias `h`), in `order` (on `h`),
    each with its changes: rows of HISTORY_COLUMNS + CHANGE_COLUMNS that
    `entries_from_rows` reads back. `limit` counts entries, not changes."""
    picked = f"SELECT h.id FROM history h WHERE {where} ORDER BY {order}"
    if limit is not None:
        picked += f" LIMIT {int(limit)}"
        where = f"h.id IN ({picked})"
    columns = ", ".join([*(f"h.{c}" for c in HISTORY_COLUMNS), *(f"c.{c}" for c in CHANGE_COLUMNS)])
    return (
        f"SELECT {columns} FROM history h LEFT JOIN history_change c ON c.history_id = h.id "
        f"WHERE {where} ORDER BY {order}, c.id"
    )


def entries_from_rows(rows: Sequence[Sequence[Any]]) -> list[HistoryEntry]:
    """History entries from the rows of `history_query`, in their order."""
    entries: list[HistoryEntry] = []
    changes: dict[int, list[FieldChange]] = {}
    width = len(HISTORY_COLUMNS)
    for row in rows:
        entry_id = row[0]
        if entry_id not in changes:
            changes[entry_id] = []
            entries.append(_entry(row[:width]))
        field, old, new = row[width : width + 3]
        if field is not None:
            changes[entry_id].append(FieldChange(field, old, new))
    return [replace(e, changes=tuple(changes[e.id])) for e in entries]


def _entry(row: Sequence[Any]) -> HistoryEntry:
    return HistoryEntry(
        id=row[0],
        event_id=row[1],
        at=as_datetime(row[2]),
        author=row[3],
        action=row[4],
        note=row[5],
        source=row[6],
        undoes=row[7],
    )


def reminder_from_row(row: Sequence[Any]) -> Reminder:
    return Reminder(
        id=row[0],
        event_id=row[1],
        due=as_date(row[2]),
        spec=row[3],
        author=row[4],
        created_at=as_datetime(row[5]),
        delivered_at=as_opt_datetime(row[6]),
        snoozed_until=as_opt_date(row[7]),
        mode=ReminderMode(row[8]),
    )

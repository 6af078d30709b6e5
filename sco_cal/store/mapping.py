"""The one mapping between rows and domain values: column lists, the stored form of each
field (cities as JSON text, enums as their names, naive UTC times on SQLite) and the
columns derived from others (`span_days`, `search_text`).

The tables in `schema.py` are the source of truth; a test checks that these names
match them, so neither the lean reads nor the writes can drift from the schema.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from datetime import UTC, date, datetime
from enum import Enum
from functools import lru_cache
from typing import Any

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import (
    CONTENT_FIELDS,
    Annotation,
    Event,
    HistoryEntry,
    Kind,
    Reminder,
    Source,
    checked_slug,
    event_fields,
)
from sco_cal.domain.lifecycle import ConfirmationState

# In this order `event_from_row` reads them.
EVENT_COLUMNS = ("id", *CONTENT_FIELDS, "origin", "version", "updated_at")
# What describes the event itself, as a document states it: one column per field.
CONTENT_COLUMNS = CONTENT_FIELDS
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
HISTORY_COLUMNS = (
    "id",
    "event_id",
    "at",
    "author",
    "action",
    "field",
    "old",
    "new",
    "note",
    "source",
)
REMINDER_COLUMNS = (
    "id",
    "event_id",
    "due",
    "spec",
    "author",
    "created_at",
    "delivered_at",
    "snoozed_until",
)


def encode_cities(cities: Sequence[str]) -> str:
    """The `cities` column: a JSON list of canonical English names."""
    return json.dumps(list(cities), ensure_ascii=False)


@lru_cache(maxsize=1024)  # a calendar names few places, read for thousands of events
def decode_cities(stored: str) -> tuple[str, ...]:
    return tuple(json.loads(stored))


def span_days(start: date, end: date) -> int:
    """The `span_days` column: how many days after its start a window ends."""
    return (end - start).days


def field_columns(fields: Mapping[str, Any]) -> dict[str, Any]:
    """Domain field values (CONTENT_FIELDS) as the values their columns store."""
    return {name: _stored(name, value) for name, value in fields.items()}


def _stored(name: str, value: Any) -> Any:
    if name == "cities":
        return encode_cities(value)
    return value.value if isinstance(value, Enum) else value


def event_values(event: Event) -> dict[str, Any]:
    """The `event` table's own columns for a domain Event (not its stamps or search text);
    whatever wrote it, its id and series must be slugs and its window within the years
    the store keeps."""
    checked_slug(event.id, "id")
    if event.series:
        checked_slug(event.series, "series")
    w = event.window.check_years(event.id)
    return field_columns(event_fields(event)) | {
        "id": event.id,
        "span_days": span_days(w.start, w.end),
        "origin": event.origin,
        "version": event.version,
    }


def history_text(value: Any) -> str | None:
    """A stored value as a history entry writes it: ISO dates, JSON cities, plain text."""
    if value is None:
        return None
    return value.isoformat() if hasattr(value, "isoformat") else str(value)


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
        summary,
        origin,
        version,
        updated_at,
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
        sources=sources,
        annotations=annotations,
        tags=tags,
    )


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


def history_from_row(row: Sequence[Any]) -> HistoryEntry:
    return HistoryEntry(
        id=row[0],
        event_id=row[1],
        at=as_datetime(row[2]),
        author=row[3],
        action=row[4],
        field=row[5],
        old=row[6],
        new=row[7],
        note=row[8],
        source=row[9],
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
    )

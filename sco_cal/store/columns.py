"""Column lists for the lean read path, and turning their rows into domain values.

The tables in `schema.py` are the source of truth; a test checks that these
names match them, so the read path cannot drift from the schema.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from datetime import UTC, date, datetime
from functools import lru_cache
from typing import Any

from sco_cal.dates import DateWindow, Precision
from sco_cal.model import Annotation, Event, HistoryEntry, Kind, Reminder, Source
from sco_cal.states import ConfirmationState

EVENT_COLUMNS = (
    "id",
    "organisation",
    "kind",
    "title",
    "title_en",
    "series",
    "number",
    "country",
    "cities",
    "theme",
    "start_date",
    "end_date",
    "precision",
    "date_text",
    "open_ended",
    "start_time",
    "timezone",
    "status",
    "summary",
    "origin",
    "version",
    "updated_at",
)
# What describes the event itself, as a document states it: the columns the seed and an
# import set, and on which a person's edits are told apart. id, origin, version: the store's.
CONTENT_COLUMNS = EVENT_COLUMNS[1 : EVENT_COLUMNS.index("origin")]
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


@lru_cache(maxsize=1024)
def _cities(stored: str) -> tuple[str, ...]:
    return tuple(json.loads(stored))


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
        cities=_cities(cities),
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

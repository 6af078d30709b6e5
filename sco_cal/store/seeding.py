"""Applying the seed data: new events are added, and what people changed is kept.

Re-seeding is a three-way merge per field: the value last seeded, the value in the
store now, and the value in the seed file. A field is updated only when the store
still holds the last seeded value, so a person's edit or state change always wins.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from enum import Enum
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from sco_cal.domain.event import CONTENT_FIELDS, WINDOW_FIELDS, FieldChange, event_fields
from sco_cal.store.mapping import (
    EVENT_COLUMNS,
    derived_from,
    event_from_row,
    field_columns,
    history_text,
)
from sco_cal.store.schema import DocumentRow, EventRow, SeedRecordRow, SourceRow
from sco_cal.store.seed_file import SeedData, SeedEvent
from sco_cal.store.writer import insert_event, record, refresh_search_text

SEED_AUTHOR = "seed"
# Fields the seed owns; id, origin and version belong to the store.
SEEDED_FIELDS = CONTENT_FIELDS


@dataclass
class SeedReport:
    """What applying the seed did, for the user to read."""

    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # id -> fields changed
    kept: dict[str, list[str]] = field(default_factory=dict)  # id -> fields a user changed
    unchanged: int = 0
    sources_added: int = 0


def apply_seed(
    *,
    session: Session,
    seed: SeedData,
    now: datetime,
    tick: Callable[[int], None] | None = None,
) -> SeedReport:
    """Add and update seeded events inside the caller's transaction (`tick`: told of each)."""
    report = SeedReport()
    for doc in seed.documents:
        session.merge(
            DocumentRow(
                file=doc.file, title=doc.title, published=doc.published, date_note=doc.date_note
            )
        )
    for item in seed.events:
        event = item.event
        if tick is not None:
            tick(1)
        if session.get(EventRow, event.id) is None:
            _add(session, item, now)
            report.added.append(event.id)
            continue
        _merge(session, item, now, report)
    return report


def _add(session: Session, item: SeedEvent, now: datetime) -> None:
    insert_event(
        session=session,
        event=item.event,
        author=SEED_AUTHOR,
        now=now,
        note=f"from the seed data; date from {item.date_source}",
        source=item.status_source,
    )
    session.add(
        SeedRecordRow(
            event_id=item.event.id,
            data=_dump(seed_values(event_fields(item.event))),
            applied_at=now,
        )
    )


def _merge(session: Session, item: SeedEvent, now: datetime, report: SeedReport) -> None:
    event_id = item.event.id
    row = session.get(EventRow, event_id)
    seeded = session.get(SeedRecordRow, event_id)
    assert row is not None
    new = seed_values(event_fields(item.event))
    if seeded is None:  # a person created an event with this id first: theirs stays
        report.kept[event_id] = ["(event created by a user)"]
        return
    last = json.loads(seeded.data)
    current = seed_values(event_fields(event_from_row([getattr(row, c) for c in EVENT_COLUMNS])))
    changed, kept = [], []
    made: dict[str | None, list[FieldChange]] = {}
    wanted = event_fields(item.event)
    for name in SEEDED_FIELDS:
        if new[name] == last.get(name):
            continue
        if current[name] != last.get(name):
            kept.append(name)
            continue
        ((column, value),) = field_columns({name: wanted[name]}).items()
        source: str | None = item.status_source if name == "status" else item.date_source
        change = FieldChange(name, history_text(getattr(row, column)), history_text(value))
        made.setdefault(source, []).append(change)
        setattr(row, column, value)
        changed.append(name)
    # One entry per document the seed cites for what changed (the state's, the date's).
    for source, changes in made.items():
        record(
            session=session,
            event_id=event_id,
            author=SEED_AUTHOR,
            now=now,
            action="seed",
            changes=changes,
            source=source,
        )
    sources_added = _sync_sources(session, item)
    if changed:
        for column, value in derived_from({f: getattr(row, f) for f in WINDOW_FIELDS}).items():
            setattr(row, column, value)
        row.version += 1
        row.updated_at = now
        session.add(row)
        report.updated[event_id] = changed
    if kept:
        report.kept[event_id] = kept
    if not changed and not kept and not sources_added:
        report.unchanged += 1
    report.sources_added += sources_added
    if changed or sources_added:
        refresh_search_text(session=session, event_id=event_id)
    seeded.data, seeded.applied_at = _dump(new), now
    session.add(seeded)


def _sync_sources(session: Session, item: SeedEvent) -> int:
    """Seed-owned sources follow the seed file; sources from elsewhere stay."""
    rows = (
        session.execute(
            select(SourceRow).where(SourceRow.event_id == item.event.id, SourceRow.origin == "seed")
        )
        .scalars()
        .all()
    )
    have = {(r.document, r.excerpt) for r in rows}
    want = {(s.document, s.excerpt): s for s in item.event.sources}
    for row in rows:
        if (row.document, row.excerpt) not in want:
            session.execute(delete(SourceRow).where(col(SourceRow.id) == row.id))
    added = 0
    for key, src in want.items():
        if key not in have:
            session.add(
                SourceRow(
                    event_id=item.event.id,
                    document=src.document,
                    excerpt=src.excerpt,
                    document_date=src.document_date,
                    origin="seed",
                )
            )
            added += 1
    session.flush()
    return added


def seed_values(fields: dict[str, Any]) -> dict[str, Any]:
    """Fields as the seed record keeps them: JSON values (ISO dates, lists, plain text)."""
    return {name: _jsonable(fields[name]) for name in SEEDED_FIELDS}


def _jsonable(value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if isinstance(value, tuple):
        return list(value)
    return str(value) if isinstance(value, Enum) else value


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)

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
from typing import Any

from sqlalchemy import delete
from sqlmodel import Session, col, select

from sco_cal.seed_file import SeedData, SeedEvent
from sco_cal.store.columns import CONTENT_COLUMNS
from sco_cal.store.schema import DocumentRow, EventRow, SeedRecordRow, SourceRow
from sco_cal.store.writer import event_values, insert_event, record, refresh_search_text

SEED_AUTHOR = "seed"
# Columns the seed owns; id, origin and version belong to the store.
SEEDED_FIELDS = CONTENT_COLUMNS


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
        SeedRecordRow(event_id=item.event.id, data=_dump(seed_values(item)), applied_at=now)
    )


def _merge(session: Session, item: SeedEvent, now: datetime, report: SeedReport) -> None:
    event_id = item.event.id
    row = session.get(EventRow, event_id)
    seeded = session.get(SeedRecordRow, event_id)
    assert row is not None
    new = seed_values(item)
    if seeded is None:  # a person created an event with this id first: theirs stays
        report.kept[event_id] = ["(event created by a user)"]
        return
    last = json.loads(seeded.data)
    changed, kept = [], []
    for name in SEEDED_FIELDS:
        if new[name] == last.get(name):
            continue
        if _jsonable(name, getattr(row, name)) == last.get(name):
            old_value = getattr(row, name)
            setattr(row, name, _column_value(name, new[name]))
            record(
                session=session,
                event_id=event_id,
                author=SEED_AUTHOR,
                now=now,
                action="seed",
                field=name,
                old=_show(name, old_value),
                new=_show(name, new[name]),
                source=item.status_source if name == "status" else item.date_source,
            )
            changed.append(name)
        else:
            kept.append(name)
    sources_added = _sync_sources(session, item)
    if changed:
        row.span_days = (row.end_date - row.start_date).days
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


def seed_values(item: SeedEvent) -> dict[str, Any]:
    values = event_values(item.event)
    return {name: _jsonable(name, values[name]) for name in SEEDED_FIELDS}


def _jsonable(name: str, value: Any) -> Any:
    if isinstance(value, date | datetime):
        return value.isoformat()
    if name == "cities" and isinstance(value, str):
        return json.loads(value)  # stored as JSON text
    return value


def _column_value(name: str, value: Any) -> Any:
    if name in ("start_date", "end_date"):
        return date.fromisoformat(value)
    if name == "cities":
        return json.dumps(value, ensure_ascii=False)
    return value


def _show(name: str, value: Any) -> str | None:
    value = _jsonable(name, value)
    if value is None:
        return None
    return json.dumps(value, ensure_ascii=False) if isinstance(value, list) else str(value)


def _dump(values: dict[str, Any]) -> str:
    return json.dumps(values, ensure_ascii=False, sort_keys=True)

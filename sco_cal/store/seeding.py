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

from sco_cal.domain.event import CONTENT_FIELDS, event_fields
from sco_cal.domain.history_notes import SEEDED
from sco_cal.store.mapping import EVENT_COLUMNS, event_from_row
from sco_cal.store.seed_file import Document, SeedData, SeedEvent
from sco_cal.store.transaction import Transaction
from sco_cal.store.writer import (
    INSERT_SOURCE,
    event_exists,
    insert_event,
    refresh_search_text,
    update_event,
)

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
    tx: Transaction,
    seed: SeedData,
    now: datetime,
    tick: Callable[[int], None] | None = None,
) -> SeedReport:
    """Add and update seeded events inside the caller's transaction (`tick`: told of each)."""
    report = SeedReport()
    for doc in seed.documents:
        _save_document(tx, doc)
    for item in seed.events:
        if tick is not None:
            tick(1)
        if not event_exists(tx=tx, event_id=item.event.id):
            _add(tx, item, now)
            report.added.append(item.event.id)
            continue
        _merge(tx, item, now, report)
    return report


def _save_document(tx: Transaction, doc: Document) -> None:
    tx.execute(
        "INSERT INTO document (file, title, published, date_note) "
        "VALUES (:file, :title, :published, :date_note) ON CONFLICT (file) DO UPDATE SET "
        "title = excluded.title, published = excluded.published, date_note = excluded.date_note",
        {
            "file": doc.file,
            "title": doc.title,
            "published": doc.published,
            "date_note": doc.date_note,
        },
    )


def _add(tx: Transaction, item: SeedEvent, now: datetime) -> None:
    insert_event(
        tx=tx,
        event=item.event,
        author=SEED_AUTHOR,
        now=now,
        note=SEEDED.format(file=item.date_source),
        source=item.status_source,
    )
    tx.execute(
        "INSERT INTO seed_record (event_id, data, applied_at) VALUES (:id, :data, :now)",
        {"id": item.event.id, "data": _dump(seed_values(event_fields(item.event))), "now": now},
    )


def _merge(tx: Transaction, item: SeedEvent, now: datetime, report: SeedReport) -> None:
    event_id = item.event.id
    seeded = tx.fetch("SELECT data FROM seed_record WHERE event_id = :id", {"id": event_id})
    if not seeded:  # a person created an event with this id first: theirs stays
        report.kept[event_id] = ["(event created by a user)"]
        return
    (row,) = tx.fetch(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM event WHERE id = :id", {"id": event_id}
    )
    last = json.loads(seeded[0][0])
    new = seed_values(event_fields(item.event))
    current = seed_values(event_fields(event_from_row(row)))
    wanted = event_fields(item.event)
    changes, kept = {}, []
    for name in SEEDED_FIELDS:
        if new[name] == last.get(name):
            continue
        if current[name] != last.get(name):
            kept.append(name)
            continue
        changes[name] = wanted[name]
    if changes:
        update_event(
            tx=tx,
            event_id=event_id,
            changes=changes,
            author=SEED_AUTHOR,
            now=now,
            action="seed",
            source=item.date_source,
            field_sources={"status": item.status_source},
        )
        report.updated[event_id] = list(changes)
    sources_added, sources_removed = _sync_sources(tx, item)
    if kept:
        report.kept[event_id] = kept
    if not changes and not kept and not sources_added:
        report.unchanged += 1
    report.sources_added += sources_added
    if sources_added or sources_removed:
        refresh_search_text(tx=tx, event_id=event_id)
    tx.execute(
        "UPDATE seed_record SET data = :data, applied_at = :now WHERE event_id = :id",
        {"data": _dump(new), "now": now, "id": event_id},
    )


def _sync_sources(tx: Transaction, item: SeedEvent) -> tuple[int, int]:
    """Seed-owned sources follow the seed file; sources from elsewhere stay. Returns how
    many were added and removed."""
    rows = tx.fetch(
        "SELECT id, document, excerpt FROM source WHERE event_id = :id AND origin = 'seed'",
        {"id": item.event.id},
    )
    want = {(s.document, s.excerpt): s for s in item.event.sources}
    stale = [r[0] for r in rows if (r[1], r[2]) not in want]
    for source_id in stale:
        tx.execute("DELETE FROM source WHERE id = :id", {"id": source_id})
    have = {(r[1], r[2]) for r in rows}
    new = [
        {
            "event_id": item.event.id,
            "document": src.document,
            "excerpt": src.excerpt,
            "document_date": src.document_date,
            "origin": "seed",
        }
        for key, src in want.items()
        if key not in have
    ]
    tx.execute_many(INSERT_SOURCE, new)
    return len(new), len(stale)


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

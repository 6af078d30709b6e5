"""The write path: every change a person, an import or the seed makes, with its history.

Functions take the transaction as a keyword argument and never commit: the caller
owns it, so a change of several rows lands whole or not at all. They speak plain SQL
through `Transaction`, with the columns and stored forms of `mapping.py`, on the
database's own driver (or, while a store is being created, on SQLAlchemy's).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sco_cal.domain.errors import Conflict, NotFound
from sco_cal.domain.event import Annotation, Event, event_fields
from sco_cal.domain.query import event_search_text
from sco_cal.store.mapping import (
    ANNOTATION_COLUMNS,
    EVENT_COLUMNS,
    annotation_from_row,
    changed_columns,
    event_from_row,
    event_values,
    field_columns,
    history_text,
    span_days,
)
from sco_cal.store.reader import Reader
from sco_cal.store.transaction import Transaction, insert_sql

HISTORY_FIELDS = ("event_id", "at", "author", "action", "field", "old", "new", "note", "source")
_INSERT_HISTORY = insert_sql("history", HISTORY_FIELDS)
_SOURCE_FIELDS = ("event_id", "document", "excerpt", "document_date", "origin")
INSERT_SOURCE = insert_sql("source", _SOURCE_FIELDS)
_INSERT_TAG = "INSERT INTO tag (event_id, tag) VALUES (:event_id, :tag)"


def load_event(*, tx: Transaction, event_id: str) -> Event:
    """An event with the sources, live notes and tags that its search text is made of."""
    return Reader(tx).event(event_id, everything=False)


def insert_event(
    *,
    tx: Transaction,
    event: Event,
    author: str,
    now: datetime,
    note: str | None = None,
    source: str | None = None,
) -> None:
    """A new event, its sources, and a `created` entry in its history."""
    insert_events(
        tx=tx,
        events=[event],
        author=author,
        now=now,
        notes={event.id: note} if note else None,
        source=source,
    )


def insert_events(
    *,
    tx: Transaction,
    events: Iterable[Event],
    author: str,
    now: datetime,
    notes: Mapping[str, str] | None = None,
    source: str | None = None,
) -> int:
    """New events with their sources and tags, in one statement per table (an import's
    thousands as one person's one); `notes` gives each event's `created` note by id."""
    events = list(events)
    if not events:
        return 0
    stamps = {"created_at": now, "updated_at": now}
    rows = [event_values(e) | stamps | {"search_text": event_search_text(e)} for e in events]
    tx.execute_many(insert_sql("event", list(rows[0])), rows)
    sources = [
        {
            "event_id": e.id,
            "document": s.document,
            "excerpt": s.excerpt,
            "document_date": s.document_date,
            "origin": e.origin,
        }
        for e in events
        for s in e.sources
    ]
    if sources:
        tx.execute_many(INSERT_SOURCE, sources)
    tags = [{"event_id": e.id, "tag": t} for e in events for t in sorted(set(e.tags))]
    if tags:
        tx.execute_many(_INSERT_TAG, tags)
    notes = notes or {}
    history = [
        {"action": "created", "event_id": e.id, "new": e.status.value, "note": notes.get(e.id)}
        for e in events
    ]
    history += [{"action": "tag", "event_id": t["event_id"], "new": t["tag"]} for t in tags]
    tx.execute_many(
        _INSERT_HISTORY,
        [_history_row(author=author, at=now, source=source) | row for row in history],
    )
    return len(events)


def update_event(
    *,
    tx: Transaction,
    event_id: str,
    changes: Mapping[str, Any],
    author: str,
    now: datetime,
    action: str = "edit",
    expected_version: int | None = None,
    note: str | None = None,
    source: str | None = None,
    field_sources: Mapping[str, str] | None = None,
) -> int:
    """Change fields of an event (domain values by field name), one history row per field
    that changes, citing `source` (or the field's own in `field_sources`); returns the
    version the event is now at.

    The event is read in this transaction, its row locked (PostgreSQL; an SQLite writer
    holds the whole store), so nobody changes it between this read and the write: a
    plain change builds on whatever was written before it. Only `expected_version` (a
    person's `--expect-version`, a review made against what it showed) refuses the
    change (Conflict) when someone else changed the event since. Values equal to the
    current ones change nothing: no new version, no history.
    """
    lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
    found = tx.fetch(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM event WHERE id = :id{lock}", {"id": event_id}
    )
    if not found:
        raise NotFound(f"no event with id '{event_id}'")
    current = event_from_row(found[0])
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            f"{event_id} was changed by someone else (version {current.version}, you had "
            f"{expected_version}): nothing was written; look at it again and retry"
        )
    columns = changed_columns(current, changes)
    old = field_columns({name: event_fields(current)[name] for name in changes})
    changed = {name: value for name, value in columns.items() if old[name] != value}
    if not changed:
        return current.version
    if "start_date" in changed or "end_date" in changed:
        start = columns.get("start_date", current.window.start)
        end = columns.get("end_date", current.window.end)
        changed["span_days"] = span_days(start, end)
    assignments = ", ".join(f"{name} = :{name}" for name in changed)
    updated = tx.execute(
        f"UPDATE event SET {assignments}, version = :new_version, updated_at = :now "
        "WHERE id = :id AND version = :version",
        changed
        | {"new_version": current.version + 1, "now": now}
        | {"id": event_id, "version": current.version},
    )
    if updated != 1:
        raise Conflict(f"{event_id} was changed by someone else: nothing was written")
    cited = field_sources or {}
    history = [
        _history_row(
            event_id=event_id,
            author=author,
            at=now,
            action=action,
            field=name,
            old=history_text(old[name]),
            new=history_text(value),
            note=note,
            source=cited.get(name, source),
        )
        for name, value in changed.items()
        if name in columns
    ]
    tx.execute_many(_INSERT_HISTORY, history)
    refresh_search_text(tx=tx, event_id=event_id)
    return current.version + 1


def add_annotation(
    *, tx: Transaction, event_id: str, text: str, author: str, now: datetime
) -> Annotation:
    """A note on the event, recorded in its history and searchable at once."""
    _lock_event(tx, event_id)
    (row,) = tx.fetch(
        insert_sql(
            "annotation",
            ("event_id", "text", "author", "created_at"),
            returning=", ".join(ANNOTATION_COLUMNS),
        ),
        {"event_id": event_id, "text": text, "author": author, "created_at": now},
    )
    record(tx=tx, event_id=event_id, author=author, now=now, action="annotate", new=text)
    refresh_search_text(tx=tx, event_id=event_id)
    return annotation_from_row(row)


def delete_annotation(
    *, tx: Transaction, event_id: str, annotation_id: int, author: str, now: datetime
) -> None:
    """Mark a live note deleted (kept, with who deleted it), recorded in the history."""
    found = tx.fetch(
        "UPDATE annotation SET deleted_at = :now, deleted_by = :author "
        "WHERE id = :id AND event_id = :event_id AND deleted_at IS NULL RETURNING text",
        {"now": now, "author": author, "id": annotation_id, "event_id": event_id},
    )
    if not found:
        raise NotFound(f"{event_id} has no annotation #{annotation_id}")
    record(
        tx=tx,
        event_id=event_id,
        author=author,
        now=now,
        action="unannotate",
        old=found[0][0],
        note=f"annotation #{annotation_id} deleted",
    )
    refresh_search_text(tx=tx, event_id=event_id)


def set_tags(
    *,
    tx: Transaction,
    event_id: str,
    add: Iterable[str],
    remove: Iterable[str],
    author: str,
    now: datetime,
) -> tuple[str, ...]:
    """Add and remove tags; returns the event's tags afterwards.

    Each tag is added or removed by one conditional statement, so two people tagging
    at once record each change once, and neither is refused.
    """
    _lock_event(tx, event_id)
    for tag in sorted(set(add)):
        if tx.fetch(f"{_INSERT_TAG} ON CONFLICT DO NOTHING RETURNING tag", _tag(event_id, tag)):
            record(tx=tx, event_id=event_id, author=author, now=now, action="tag", new=tag)
    for tag in sorted(set(remove)):
        gone = tx.fetch(
            "DELETE FROM tag WHERE event_id = :event_id AND tag = :tag RETURNING tag",
            _tag(event_id, tag),
        )
        if gone:
            record(tx=tx, event_id=event_id, author=author, now=now, action="untag", old=tag)
    refresh_search_text(tx=tx, event_id=event_id)
    rows = tx.fetch("SELECT tag FROM tag WHERE event_id = :id ORDER BY tag", {"id": event_id})
    return tuple(r[0] for r in rows)


def record(
    *,
    tx: Transaction,
    event_id: str,
    author: str,
    now: datetime,
    action: str,
    field: str | None = None,
    old: str | None = None,
    new: str | None = None,
    note: str | None = None,
    source: str | None = None,
) -> None:
    """One row of history: who did what, when, from which value to which, and why."""
    tx.execute(
        _INSERT_HISTORY,
        _history_row(
            event_id=event_id,
            author=author,
            at=now,
            action=action,
            field=field,
            old=old,
            new=new,
            note=note,
            source=source,
        ),
    )


def refresh_search_text(*, tx: Transaction, event_id: str) -> None:
    """The event's search text made again from its fields, sources, notes and tags.

    The row is locked before they are read: a writer that changed them too, in a
    transaction of its own, has then either committed (and is read) or waits for this
    one (and reads this one's), so neither overwrites the other's words.
    """
    _lock_event(tx, event_id)
    text = event_search_text(load_event(tx=tx, event_id=event_id))
    tx.execute(
        "UPDATE event SET search_text = :text WHERE id = :id", {"text": text, "id": event_id}
    )


def event_exists(*, tx: Transaction, event_id: str) -> bool:
    return bool(tx.fetch("SELECT 1 FROM event WHERE id = :id", {"id": event_id}))


def _lock_event(tx: Transaction, event_id: str) -> None:
    """Make sure the event exists, and hold its row until the transaction ends, so two
    writers to one event take turns (an SQLite writer already holds the whole store)."""
    lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
    if not tx.fetch(f"SELECT 1 FROM event WHERE id = :id{lock}", {"id": event_id}):
        raise NotFound(f"no event with id '{event_id}'")


def _tag(event_id: str, tag: str) -> dict[str, str]:
    return {"event_id": event_id, "tag": tag}


def _history_row(**values: Any) -> dict[str, Any]:
    return dict.fromkeys(HISTORY_FIELDS) | values

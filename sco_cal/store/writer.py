"""The write path: every change a person, an import or the seed makes, with its history.

Functions take the transaction as a keyword argument and never commit: the caller
owns it, so a change of several rows lands whole or not at all. They speak plain SQL
through `Transaction`, with the columns and stored forms of `mapping.py`, on the
database's own driver (or, while a store is being created, on SQLAlchemy's).

One user action is one history entry, listing each field it changed.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import datetime
from typing import Any

from sco_cal.domain.errors import Conflict, NotFound
from sco_cal.domain.event import WINDOW_FIELDS, Annotation, Event, FieldChange, event_fields
from sco_cal.domain.history_notes import ANNOTATED, ANNOTATION_DELETED
from sco_cal.domain.query import event_search_text
from sco_cal.i18n import _
from sco_cal.store.mapping import (
    ANNOTATION_COLUMNS,
    EVENT_COLUMNS,
    EVENT_ROW_COLUMNS,
    annotation_from_row,
    changed_columns,
    derived_from,
    event_from_row,
    event_row,
    field_columns,
    history_text,
)
from sco_cal.store.reader import Reader
from sco_cal.store.transaction import Transaction, insert_sql

HISTORY_FIELDS = ("event_id", "at", "author", "action", "note", "source", "undoes")
_INSERT_HISTORY = insert_sql("history", HISTORY_FIELDS)
_CHANGE_FIELDS = ("history_id", "field", "old", "new")
_INSERT_CHANGE = insert_sql("history_change", _CHANGE_FIELDS)
_SOURCE_FIELDS = ("event_id", "document", "excerpt", "document_date", "origin")
INSERT_SOURCE = insert_sql("source", _SOURCE_FIELDS)
_INSERT_TAG = "INSERT INTO tag (event_id, tag) VALUES (:event_id, :tag)"
_NEW_EVENT_COLUMNS = (*EVENT_ROW_COLUMNS, "created_at", "updated_at", "search_text")


def load_event(*, tx: Transaction, event_id: str) -> Event:
    """An event with the sources, live notes and tags that its search text is made of."""
    return Reader(tx).event(event_id, everything=False)


def current_event(tx: Transaction, event_id: str) -> Event:
    """The event's own row, locked until the transaction ends (PostgreSQL; an SQLite
    writer holds the whole store), so nobody changes it between this read and a write."""
    lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
    found = tx.fetch(
        f"SELECT {', '.join(EVENT_COLUMNS)} FROM event WHERE id = :id{lock}", {"id": event_id}
    )
    if not found:
        raise NotFound(_("no event with id '{id}'").format(id=event_id))
    return event_from_row(found[0])


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
    rows = [(*event_row(e), now, now, event_search_text(e)) for e in events]
    tx.insert_rows("event", _NEW_EVENT_COLUMNS, rows)
    sources = [
        (e.id, s.document, s.excerpt, s.document_date, e.origin) for e in events for s in e.sources
    ]
    if sources:
        tx.insert_rows("source", _SOURCE_FIELDS, sources)
    tags = [(e.id, t) for e in events for t in sorted(set(e.tags))]
    if tags:
        tx.insert_rows("tag", ("event_id", "tag"), tags)
    notes = notes or {}
    made: dict[tuple[str, str], list[FieldChange]] = {
        (e.id, "created"): [FieldChange("status", None, e.status.value)] for e in events
    }
    for event_id, tag in tags:
        made.setdefault((event_id, "tag"), []).append(FieldChange("tag", None, tag))
    _record_many(tx, made, author=author, now=now, notes=notes, source=source)
    return len(events)


def _record_many(
    tx: Transaction,
    made: Mapping[tuple[str, str], list[FieldChange]],
    *,
    author: str,
    now: datetime,
    notes: Mapping[str, str],
    source: str | None,
) -> None:
    """Entries of new events, by (event id, action), in one statement per table.

    Executing many rows returns no ids; they are read back as the entries written
    after the newest one seen before, at `now` by `author`, on these (new) events:
    nobody else can have written one (an SQLite writer holds the store, and the
    events exist only in this transaction).
    """
    (before,) = tx.fetch("SELECT coalesce(max(id), 0) FROM history", {})[0]
    tx.insert_rows(
        "history",
        HISTORY_FIELDS,
        [
            # In HISTORY_FIELDS order; a new event's entry undoes nothing.
            (
                event_id,
                now,
                author,
                action,
                notes.get(event_id) if action == "created" else None,
                source,
                None,
            )
            for event_id, action in made
        ],
    )
    written = tx.fetch(
        "SELECT id, event_id, action FROM history WHERE id > :before AND at = :at "
        "AND author = :author",
        {"before": before, "at": now, "author": author},
    )
    tx.insert_rows(
        "history_change",
        _CHANGE_FIELDS,
        [
            (entry_id, change.field, change.old, change.new)
            for entry_id, event_id, action in written
            for change in made.get((event_id, action), ())
        ],
    )


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
    field_sources: Mapping[str, str | None] | None = None,
    undoes: int | None = None,
) -> int:
    """Change fields of an event (domain values by field name), recorded as one history
    entry listing each field that changes, citing `source` (one entry per source when
    `field_sources` cites some fields' own); returns the version the event is now at.

    The event is read in this transaction, its row locked, so a plain change builds on
    whatever was written before it. Only `expected_version` (a person's
    `--expect-version`, a review made against what it showed) refuses the change
    (Conflict) when someone else changed the event since. Values equal to the current
    ones change nothing: no new version, no history.
    """
    current = current_event(tx, event_id)
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _(
                "{id} was changed by someone else (version {version}, you had {had}): "
                "nothing was written; look at it again and retry"
            ).format(id=event_id, version=current.version, had=expected_version)
        )
    columns = changed_columns(current, changes)
    stored = field_columns(event_fields(current))
    changed = {name: value for name, value in columns.items() if stored[name] != value}
    if not changed:
        return current.version
    derived = {}
    if any(name in changed for name in WINDOW_FIELDS):
        derived = derived_from({f: columns.get(f, stored[f]) for f in WINDOW_FIELDS})
    assignments = ", ".join(f"{name} = :{name}" for name in changed | derived)
    updated = tx.execute(
        f"UPDATE event SET {assignments}, version = :new_version, updated_at = :now "
        "WHERE id = :id AND version = :version",
        changed
        | derived
        | {"new_version": current.version + 1, "now": now}
        | {"id": event_id, "version": current.version},
    )
    if updated != 1:
        raise Conflict(
            _("{id} was changed by someone else: nothing was written").format(id=event_id)
        )
    # One entry per document cited (the seed cites the state's and the date's apart).
    cited = field_sources or {}
    by_source: dict[str | None, list[FieldChange]] = {}
    for name, value in changed.items():
        change = FieldChange(name, history_text(stored[name]), history_text(value))
        by_source.setdefault(cited.get(name, source), []).append(change)
    for cites, made in by_source.items():
        record(
            tx=tx,
            event_id=event_id,
            author=author,
            now=now,
            action=action,
            changes=made,
            note=note,
            source=cites,
            undoes=undoes,
        )
    refresh_search_text(tx=tx, event_id=event_id)
    return current.version + 1


def set_deleted(
    *,
    tx: Transaction,
    event_id: str,
    deleted: bool,
    author: str,
    now: datetime,
    action: str,
    note: str | None = None,
    undoes: int | None = None,
) -> None:
    """Delete an event (it leaves every list, its rows stay) or bring it back."""
    current = current_event(tx, event_id)
    if (current.deleted_at is not None) == deleted:
        raise Conflict(
            (
                _("{id} is deleted already: nothing was written")
                if deleted
                else _("{id} is not deleted already: nothing was written")
            ).format(id=event_id)
        )
    tx.execute(
        "UPDATE event SET deleted_at = :deleted_at, version = version + 1, updated_at = :now "
        "WHERE id = :id",
        {"deleted_at": now if deleted else None, "now": now, "id": event_id},
    )
    change = FieldChange("deleted", None, "yes") if deleted else FieldChange("deleted", "yes", None)
    record(
        tx=tx,
        event_id=event_id,
        author=author,
        now=now,
        action=action,
        changes=[change],
        note=note,
        undoes=undoes,
    )


def add_annotation(
    *, tx: Transaction, event_id: str, text: str, author: str, now: datetime
) -> Annotation:
    """A note on the event, recorded in its history and searchable at once."""
    hold_event(tx, event_id)
    (row,) = tx.fetch(
        insert_sql(
            "annotation",
            ("event_id", "text", "author", "created_at"),
            returning=", ".join(ANNOTATION_COLUMNS),
        ),
        {"event_id": event_id, "text": text, "author": author, "created_at": now},
    )
    note = annotation_from_row(row)
    record(
        tx=tx,
        event_id=event_id,
        author=author,
        now=now,
        action="annotate",
        changes=[FieldChange("annotation", None, text)],
        note=ANNOTATED.format(number=note.id),
    )
    refresh_search_text(tx=tx, event_id=event_id)
    return note


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
        raise NotFound(
            _("{id} has no annotation #{number}").format(id=event_id, number=annotation_id)
        )
    record(
        tx=tx,
        event_id=event_id,
        author=author,
        now=now,
        action="unannotate",
        changes=[FieldChange("annotation", found[0][0], None)],
        note=ANNOTATION_DELETED.format(number=annotation_id),
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
    action: str = "tag",
    note: str | None = None,
    undoes: int | None = None,
) -> tuple[str, ...]:
    """Add and remove tags, recorded as one entry; returns the event's tags afterwards.

    Each tag is added or removed by one conditional statement, so two people tagging
    at once record each change once, and neither is refused.
    """
    hold_event(tx, event_id)
    made = []
    for tag in sorted(set(add)):
        if tx.fetch(f"{_INSERT_TAG} ON CONFLICT DO NOTHING RETURNING tag", _tag(event_id, tag)):
            made.append(FieldChange("tag", None, tag))
    for tag in sorted(set(remove)):
        gone = tx.fetch(
            "DELETE FROM tag WHERE event_id = :event_id AND tag = :tag RETURNING tag",
            _tag(event_id, tag),
        )
        if gone:
            made.append(FieldChange("tag", tag, None))
    if made:
        record(
            tx=tx,
            event_id=event_id,
            author=author,
            now=now,
            action=action,
            changes=made,
            note=note,
            undoes=undoes,
        )
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
    changes: Iterable[FieldChange] = (),
    note: str | None = None,
    source: str | None = None,
    undoes: int | None = None,
) -> int:
    """One entry of history: who did what, when, each field from which value to which,
    and why; returns its id."""
    ((entry_id,),) = tx.fetch(
        f"{_INSERT_HISTORY} RETURNING id",
        _history_row(
            event_id=event_id,
            at=now,
            author=author,
            action=action,
            note=note,
            source=source,
            undoes=undoes,
        ),
    )
    rows = [_change_row(entry_id, change) for change in changes]
    if rows:
        tx.execute_many(_INSERT_CHANGE, rows)
    return int(entry_id)


def refresh_search_text(*, tx: Transaction, event_id: str) -> None:
    """The event's search text made again from its fields, sources, notes and tags.

    The row is locked before they are read: a writer that changed them too, in a
    transaction of its own, has then either committed (and is read) or waits for this
    one (and reads this one's), so neither overwrites the other's words.
    """
    hold_event(tx, event_id)
    text = event_search_text(load_event(tx=tx, event_id=event_id))
    tx.execute(
        "UPDATE event SET search_text = :text WHERE id = :id", {"text": text, "id": event_id}
    )


def event_exists(*, tx: Transaction, event_id: str) -> bool:
    return bool(tx.fetch("SELECT 1 FROM event WHERE id = :id", {"id": event_id}))


def hold_event(tx: Transaction, event_id: str) -> None:
    """Make sure the event exists, and hold its row until the transaction ends, so two
    writers to one event take turns (an SQLite writer already holds the whole store)."""
    lock = " FOR UPDATE" if tx.dialect == "postgresql" else ""
    if not tx.fetch(f"SELECT 1 FROM event WHERE id = :id{lock}", {"id": event_id}):
        raise NotFound(_("no event with id '{id}'").format(id=event_id))


def _tag(event_id: str, tag: str) -> dict[str, str]:
    return {"event_id": event_id, "tag": tag}


def _history_row(**values: Any) -> dict[str, Any]:
    return dict.fromkeys(HISTORY_FIELDS) | values


def _change_row(entry_id: int, change: FieldChange) -> dict[str, Any]:
    return {"history_id": entry_id, "field": change.field, "old": change.old, "new": change.new}

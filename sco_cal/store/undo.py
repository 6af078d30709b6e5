"""Undoing one entry of the history: what it changed is put back, and the undo is itself
an entry (`undo`, pointing at the entry it reverted), so the history stays whole.

Undo is refused, and nothing is written, when someone changed the same thing since:
a field no longer holds the value the entry wrote, a note was deleted meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sco_cal.domain.errors import Conflict
from sco_cal.domain.event import CONTENT_FIELDS, FieldChange, HistoryEntry, event_fields
from sco_cal.domain.undo import reverse
from sco_cal.i18n import _
from sco_cal.store.mapping import (
    entries_from_rows,
    field_columns,
    history_query,
    history_text,
    value_from_history,
)
from sco_cal.store.transaction import Transaction
from sco_cal.store.writer import (
    current_event,
    record,
    refresh_search_text,
    set_deleted,
    set_tags,
    update_event,
)


def last_entry(*, tx: Transaction, author: str) -> HistoryEntry | None:
    """The newest entry of `author` that is not an undo and was not undone."""
    where = (
        "h.author = :author AND h.action <> 'undo' AND NOT EXISTS "
        "(SELECT 1 FROM history u WHERE u.undoes = h.id)"
    )
    sql = history_query(where, "h.at DESC, h.id DESC", limit=1)
    found = entries_from_rows(tx.fetch(sql, {"author": author}))
    return found[0] if found else None


def undo_entry(*, tx: Transaction, entry: HistoryEntry, author: str, now: datetime) -> None:
    """Put back what `entry` changed, recorded as an `undo` of it."""
    reversal = reverse(entry)  # refuses what cannot be undone
    event_id, note = entry.event_id, f"#{entry.id} {entry.action}"
    said: dict[str, Any] = {
        "author": author,
        "now": now,
        "action": "undo",
        "note": note,
        "undoes": entry.id,
    }
    if reversal == "fields":
        _check_fields(tx, entry)
        values = {c.field: value_from_history(c.field, c.old) for c in entry.changes}
        update_event(tx=tx, event_id=event_id, changes=values, **said)
    elif reversal in ("delete", "restore"):
        set_deleted(tx=tx, event_id=event_id, deleted=reversal == "delete", **said)
    elif reversal == "tags":
        added = [c.new for c in entry.changes if c.new is not None]
        removed = [c.old for c in entry.changes if c.old is not None]
        set_tags(tx=tx, event_id=event_id, add=removed, remove=added, **said)
    else:
        _undo_note(tx, entry, said)


def _check_fields(tx: Transaction, entry: HistoryEntry) -> None:
    stored = field_columns(event_fields(current_event(tx, entry.event_id)))
    for change in entry.changes:
        if change.field not in CONTENT_FIELDS:
            continue
        now_value = history_text(stored[change.field])
        if now_value != change.new:
            raise Conflict(
                f"{entry.event_id}: {change.field} was changed again since "
                f"({now_value or '-'}): nothing was undone"
            )


def _undo_note(tx: Transaction, entry: HistoryEntry, said: dict[str, Any]) -> None:
    (change,) = entry.changes
    added = change.new is not None
    # The note is the one the entry wrote: made, or deleted, at the entry's moment.
    stamp, text = ("created_at", change.new) if added else ("deleted_at", change.old)
    found = tx.fetch(
        f"SELECT id, deleted_at FROM annotation WHERE event_id = :event_id AND {stamp} = :at "
        "AND text = :text ORDER BY id DESC LIMIT 1",
        {"event_id": entry.event_id, "at": entry.at, "text": text},
    )
    if not found or (found[0][1] is not None) == added:
        raise Conflict(
            _("{id}: the note was changed since: nothing was undone").format(id=entry.event_id)
        )
    deleted_at, deleted_by = (said["now"], said["author"]) if added else (None, None)
    tx.execute(
        "UPDATE annotation SET deleted_at = :deleted_at, deleted_by = :deleted_by WHERE id = :id",
        {"deleted_at": deleted_at, "deleted_by": deleted_by, "id": found[0][0]},
    )
    reverted = FieldChange("annotation", change.new, change.old)
    record(tx=tx, event_id=entry.event_id, changes=[reverted], **said)
    refresh_search_text(tx=tx, event_id=entry.event_id)

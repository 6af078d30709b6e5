"""Undoing one entry of the history: what it changed is put back, and the undo is itself
an entry (`undo`, pointing at the entry it reverted), so the history stays whole.

Undo is refused, and nothing is written, when someone changed the same thing since:
a field no longer holds the value the entry wrote, a note was deleted meanwhile.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import text
from sqlmodel import Session, col, select

from sco_cal.domain.errors import Conflict, NotFound
from sco_cal.domain.event import CONTENT_FIELDS, FieldChange, HistoryEntry
from sco_cal.domain.undo import reverse
from sco_cal.i18n import _
from sco_cal.store.mapping import entries_from_rows, history_query, history_text, value_from_history
from sco_cal.store.schema import AnnotationRow, EventRow
from sco_cal.store.writer import (
    record,
    refresh_search_text,
    set_deleted,
    set_tags,
    update_event,
)


def last_entry(*, session: Session, author: str) -> HistoryEntry | None:
    """The newest entry of `author` that is not an undo and was not undone."""
    where = (
        "h.author = :author AND h.action <> 'undo' AND NOT EXISTS "
        "(SELECT 1 FROM history u WHERE u.undoes = h.id)"
    )
    sql = history_query(where, "h.at DESC, h.id DESC", limit=1)
    rows = session.connection().execute(text(sql), {"author": author}).all()
    found = entries_from_rows([tuple(r) for r in rows])
    return found[0] if found else None


def undo_entry(*, session: Session, entry: HistoryEntry, author: str, now: datetime) -> None:
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
        _check_fields(session, entry)
        values = {c.field: value_from_history(c.field, c.old) for c in entry.changes}
        update_event(session=session, event_id=event_id, changes=values, **said)
    elif reversal in ("delete", "restore"):
        set_deleted(session=session, event_id=event_id, deleted=reversal == "delete", **said)
    elif reversal == "tags":
        added = [c.new for c in entry.changes if c.new is not None]
        removed = [c.old for c in entry.changes if c.old is not None]
        set_tags(session=session, event_id=event_id, add=removed, remove=added, **said)
    else:
        _undo_note(session, entry, said)


def _check_fields(session: Session, entry: HistoryEntry) -> None:
    row = session.get(EventRow, entry.event_id)
    if row is None:
        raise NotFound(_("no event with id '{id}'").format(id=entry.event_id))
    for change in entry.changes:
        if change.field not in CONTENT_FIELDS:
            continue
        now_value = history_text(getattr(row, change.field))
        if now_value != change.new:
            raise Conflict(
                f"{entry.event_id}: {change.field} was changed again since "
                f"({now_value or '-'}): nothing was undone"
            )


def _undo_note(session: Session, entry: HistoryEntry, said: dict[str, Any]) -> None:
    (change,) = entry.changes
    added = change.new is not None
    wanted = (
        (AnnotationRow.created_at == entry.at, AnnotationRow.text == change.new)
        if added
        else (AnnotationRow.deleted_at == entry.at, AnnotationRow.text == change.old)
    )
    row = session.exec(
        select(AnnotationRow)
        .where(AnnotationRow.event_id == entry.event_id, *wanted)
        .order_by(col(AnnotationRow.id).desc())
    ).first()
    if row is None or (row.deleted_at is not None) == added:
        raise Conflict(
            _("{id}: the note was changed since: nothing was undone").format(id=entry.event_id)
        )
    row.deleted_at, row.deleted_by = (said["now"], said["author"]) if added else (None, None)
    session.add(row)
    reverted = FieldChange("annotation", change.new, change.old)
    record(session=session, event_id=entry.event_id, changes=[reverted], **said)
    refresh_search_text(session=session, event_id=entry.event_id)

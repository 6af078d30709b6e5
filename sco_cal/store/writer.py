"""The write path: every change a person or the seed makes, with its history row.

Functions take the session as a keyword argument and never commit: the caller owns
the transaction, so a change of several rows lands whole or not at all.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import replace
from datetime import datetime
from typing import Any

from sqlalchemy import delete, func, insert, update
from sqlmodel import Session, col, select

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import Conflict, NotFound
from sco_cal.domain.event import WINDOW_FIELDS, Annotation, Event, FieldChange
from sco_cal.domain.query import event_search_text
from sco_cal.i18n import _
from sco_cal.store.mapping import (
    ANNOTATION_COLUMNS,
    EVENT_COLUMNS,
    SOURCE_COLUMNS,
    annotation_from_row,
    derived_from,
    event_from_row,
    event_values,
    field_columns,
    history_text,
    source_from_row,
)
from sco_cal.store.schema import (
    AnnotationRow,
    EventRow,
    HistoryChangeRow,
    HistoryRow,
    SourceRow,
    TagRow,
)


def load_event(*, session: Session, event_id: str) -> Event:
    """An event with the sources, live notes and tags that its search text is made of."""
    row = session.get(EventRow, event_id)
    if row is None:
        raise NotFound(_("no event with id '{id}'").format(id=event_id))
    sources = session.exec(
        select(SourceRow).where(SourceRow.event_id == event_id).order_by(col(SourceRow.id))
    ).all()
    notes = session.exec(
        select(AnnotationRow)
        .where(AnnotationRow.event_id == event_id, col(AnnotationRow.deleted_at).is_(None))
        .order_by(col(AnnotationRow.created_at), col(AnnotationRow.id))
    ).all()
    tags = session.exec(
        select(TagRow.tag).where(TagRow.event_id == event_id).order_by(col(TagRow.tag))
    ).all()
    annotations = tuple(annotation_from_row(_values(n, ANNOTATION_COLUMNS)) for n in notes)
    return replace(
        event_from_row(_values(row, EVENT_COLUMNS), len(annotations)),
        sources=tuple(source_from_row(_values(s, SOURCE_COLUMNS)) for s in sources),
        annotations=annotations,
        tags=tuple(tags),
    )


def insert_event(
    *,
    session: Session,
    event: Event,
    author: str,
    now: datetime,
    note: str | None = None,
    source: str | None = None,
) -> None:
    """A new event, its sources, and a `created` entry in its history."""
    values = event_values(event) | {
        "created_at": now,
        "updated_at": now,
        "search_text": event_search_text(event),
    }
    session.execute(insert(EventRow).values(**values))
    for src in event.sources:
        session.add(
            SourceRow(
                event_id=event.id,
                document=src.document,
                excerpt=src.excerpt,
                document_date=src.document_date,
                origin=event.origin,
            )
        )
    record(
        session=session,
        event_id=event.id,
        author=author,
        now=now,
        action="created",
        changes=[FieldChange("status", None, event.status.value)],
        note=note,
        source=source,
    )


def insert_events(
    *,
    session: Session,
    events: Iterable[Event],
    author: str,
    now: datetime,
    notes: Mapping[str, str] | None = None,
    source: str | None = None,
) -> int:
    """Many new events at once (an import): what `insert_event` writes, plus their tags,
    in one statement per table; `notes` gives each event's `created` note by id."""
    events = list(events)
    if not events:
        return 0
    stamps = {"created_at": now, "updated_at": now}
    # Core inserts of the tables (not the ORM's bulk insert, which builds a state per
    # row): an import of 100,000 events spent a third of its writing there.
    session.execute(
        EventRow.__table__.insert(),  # type: ignore[attr-defined]
        [event_values(e) | stamps | {"search_text": event_search_text(e)} for e in events],
    )
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
        session.execute(SourceRow.__table__.insert(), sources)  # type: ignore[attr-defined]
    tags = [{"event_id": e.id, "tag": t} for e in events for t in sorted(set(e.tags))]
    if tags:
        session.execute(TagRow.__table__.insert(), tags)  # type: ignore[attr-defined]
    notes = notes or {}
    entries: list[tuple[dict[str, Any], list[FieldChange]]] = [
        (
            {"action": "created", "event_id": e.id, "note": notes.get(e.id)},
            [FieldChange("status", None, e.status.value)],
        )
        for e in events
    ]
    entries += [
        (
            {"action": "tag", "event_id": e.id, "note": None},
            [FieldChange("tag", None, t) for t in sorted(set(e.tags))],
        )
        for e in events
        if e.tags
    ]
    history = HistoryRow.__table__  # type: ignore[attr-defined]
    ids = session.scalars(
        history.insert().returning(history.c.id, sort_by_parameter_order=True),
        [row | {"at": now, "author": author, "source": source} for row, _ in entries],
    ).all()
    changes = [
        {"history_id": entry_id, "field": c.field, "old": c.old, "new": c.new}
        for entry_id, (_, made) in zip(ids, entries, strict=True)
        for c in made
    ]
    session.execute(HistoryChangeRow.__table__.insert(), changes)  # type: ignore[attr-defined]
    return len(events)


def update_event(
    *,
    session: Session,
    event_id: str,
    changes: Mapping[str, Any],
    author: str,
    now: datetime,
    action: str = "edit",
    expected_version: int | None = None,
    note: str | None = None,
    source: str | None = None,
    undoes: int | None = None,
) -> int:
    """Change fields of an event (domain values by field name), recorded as one history
    entry listing each field that changes; returns the new version.

    With `expected_version`, the change is refused (Conflict) if someone else changed
    the event since it was read, instead of silently overwriting their edit. The row
    is locked while it is read (PostgreSQL; an SQLite writer holds the whole store),
    so nobody changes it between this read and the write. Values equal to the
    current ones change nothing: no new version, no history.
    """
    current = session.get(EventRow, event_id, with_for_update=True)
    if current is None:
        raise NotFound(_("no event with id '{id}'").format(id=event_id))
    if expected_version is not None and current.version != expected_version:
        raise Conflict(
            _(
                "{id} was changed by someone else (version {version}, you had {had}): "
                "nothing was written; look at it again and retry"
            ).format(id=event_id, version=current.version, had=expected_version)
        )
    columns = field_columns(changes)
    if "start_date" in columns or "end_date" in columns:
        DateWindow(
            columns.get("start_date", current.start_date),
            columns.get("end_date", current.end_date),
            Precision.DAY,
        ).check_years(event_id)
    old = {name: getattr(current, name) for name in columns}
    if all(old[name] == value for name, value in columns.items()):
        return current.version
    derived = {}
    if any(name in columns for name in WINDOW_FIELDS):
        derived = derived_from({f: columns.get(f, getattr(current, f)) for f in WINDOW_FIELDS})
    stmt = (
        update(EventRow)
        .where(col(EventRow.id) == event_id, col(EventRow.version) == current.version)
        .values(**columns, **derived, version=current.version + 1, updated_at=now)
    )
    if session.execute(stmt).rowcount != 1:  # type: ignore[attr-defined]
        raise Conflict(
            _("{id} was changed by someone else: nothing was written").format(id=event_id)
        )
    made = [
        FieldChange(name, history_text(old[name]), history_text(value))
        for name, value in columns.items()
        if old[name] != value
    ]
    if made:
        record(
            session=session,
            event_id=event_id,
            author=author,
            now=now,
            action=action,
            changes=made,
            note=note,
            source=source,
            undoes=undoes,
        )
    session.expire(current)
    refresh_search_text(session=session, event_id=event_id)
    return current.version


def set_deleted(
    *,
    session: Session,
    event_id: str,
    deleted: bool,
    author: str,
    now: datetime,
    action: str,
    note: str | None = None,
    undoes: int | None = None,
) -> None:
    """Delete an event (it leaves every list, its rows stay) or bring it back."""
    row = session.get(EventRow, event_id, with_for_update=True)
    if row is None:
        raise NotFound(_("no event with id '{id}'").format(id=event_id))
    if (row.deleted_at is not None) == deleted:
        raise Conflict(
            (
                _("{id} is deleted already: nothing was written")
                if deleted
                else _("{id} is not deleted already: nothing was written")
            ).format(id=event_id)
        )
    row.deleted_at = now if deleted else None
    row.version += 1
    row.updated_at = now
    session.add(row)
    change = FieldChange("deleted", None, "yes") if deleted else FieldChange("deleted", "yes", None)
    record(
        session=session,
        event_id=event_id,
        author=author,
        now=now,
        action=action,
        changes=[change],
        note=note,
        undoes=undoes,
    )


def add_annotation(
    *, session: Session, event_id: str, text: str, author: str, now: datetime
) -> Annotation:
    row = AnnotationRow(event_id=event_id, text=text, author=author, created_at=now)
    session.add(row)
    session.flush()
    record(
        session=session,
        event_id=event_id,
        author=author,
        now=now,
        action="annotate",
        changes=[FieldChange("annotation", None, text)],
        note=f"annotation #{row.id}",
    )
    refresh_search_text(session=session, event_id=event_id)
    return annotation_from_row(_values(row, ANNOTATION_COLUMNS))


def delete_annotation(
    *, session: Session, event_id: str, annotation_id: int, author: str, now: datetime
) -> None:
    row = session.get(AnnotationRow, annotation_id)
    if row is None or row.event_id != event_id or row.deleted_at is not None:
        raise NotFound(
            _("{id} has no annotation #{number}").format(id=event_id, number=annotation_id)
        )
    row.deleted_at, row.deleted_by = now, author
    session.add(row)
    session.flush()
    record(
        session=session,
        event_id=event_id,
        author=author,
        now=now,
        action="unannotate",
        changes=[FieldChange("annotation", row.text, None)],
        note=f"annotation #{annotation_id} deleted",
    )
    refresh_search_text(session=session, event_id=event_id)


def set_tags(
    *,
    session: Session,
    event_id: str,
    add: Iterable[str],
    remove: Iterable[str],
    author: str,
    now: datetime,
    action: str = "tag",
    note: str | None = None,
    undoes: int | None = None,
) -> tuple[str, ...]:
    """Add and remove tags, recorded as one entry; returns the event's tags afterwards."""
    have = set(session.exec(select(TagRow.tag).where(TagRow.event_id == event_id)).all())
    made = [FieldChange("tag", None, tag) for tag in sorted(set(add) - have)]
    made += [FieldChange("tag", tag, None) for tag in sorted(set(remove) & have)]
    for change in made:
        if change.new is not None:
            session.add(TagRow(event_id=event_id, tag=change.new))
        else:
            session.execute(
                delete(TagRow).where(
                    col(TagRow.event_id) == event_id, col(TagRow.tag) == change.old
                )
            )
    if made:
        record(
            session=session,
            event_id=event_id,
            author=author,
            now=now,
            action=action,
            changes=made,
            note=note,
            undoes=undoes,
        )
    session.flush()
    refresh_search_text(session=session, event_id=event_id)
    return tuple(sorted((have | set(add)) - set(remove)))


def record(
    *,
    session: Session,
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
    entry = HistoryRow(
        event_id=event_id,
        at=now,
        author=author,
        action=action,
        note=note,
        source=source,
        undoes=undoes,
    )
    session.add(entry)
    session.flush()
    assert entry.id is not None
    for change in changes:
        session.add(
            HistoryChangeRow(
                history_id=entry.id, field=change.field, old=change.old, new=change.new
            )
        )
    return entry.id


def refresh_search_text(*, session: Session, event_id: str) -> None:
    session.flush()
    text = event_search_text(load_event(session=session, event_id=event_id))
    session.execute(update(EventRow).where(col(EventRow.id) == event_id).values(search_text=text))


def event_exists(*, session: Session, event_id: str) -> bool:
    return bool(session.scalar(select(func.count()).where(col(EventRow.id) == event_id)))


def _values(row: object, columns: Iterable[str]) -> tuple[Any, ...]:
    return tuple(getattr(row, c) for c in columns)

"""Writing an accepted review: new events, updates and the document cited as a source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sqlmodel import Session, col, select

from sco_cal.domain.errors import Conflict
from sco_cal.ingest.plan import AddSource, Insert, Step, Update
from sco_cal.store.schema import EventRow, SourceRow
from sco_cal.store.writer import insert_events, refresh_search_text, update_event


def apply_steps(*, session: Session, steps: Sequence[Step], author: str, now: datetime) -> None:
    """Run every step inside the caller's transaction: all of them land, or none.

    New events go in together (one statement per table, one look-up for ids taken
    since the review), so a long document costs the same per finding as a short one.
    """
    inserts = [step for step in steps if isinstance(step, Insert)]
    if inserts:
        ids = [step.event.id for step in inserts]
        taken = set(session.exec(select(EventRow.id).where(col(EventRow.id).in_(ids))).all())
        if taken:
            raise Conflict(
                f"an event '{sorted(taken)[0]}' was added since the review: "
                "nothing was written; run ingest again"
            )
        insert_events(
            session=session,
            events=[step.event for step in inserts],
            author=author,
            now=now,
            notes={step.event.id: step.note for step in inserts},
            source=inserts[0].document,
        )
    for step in steps:
        if isinstance(step, Update):
            update_event(
                session=session,
                event_id=step.event_id,
                changes=step.columns,
                author=author,
                now=now,
                action=step.action,
                expected_version=step.expected_version,
                note=step.note,
                source=step.document,
            )
        elif isinstance(step, AddSource):
            add_source(session=session, step=step)


def add_source(*, session: Session, step: AddSource) -> bool:
    """Cite a document's excerpt on an event; False when that exact excerpt is already cited."""
    found = session.exec(
        select(SourceRow.id).where(
            SourceRow.event_id == step.event_id,
            SourceRow.document == step.source.document,
            SourceRow.excerpt == step.source.excerpt,
        )
    ).first()
    if found is not None:
        return False
    session.add(
        SourceRow(
            event_id=step.event_id,
            document=step.source.document,
            excerpt=step.source.excerpt,
            document_date=step.source.document_date,
            origin=step.origin,
        )
    )
    refresh_search_text(session=session, event_id=step.event_id)
    return True

"""Writing an accepted review: new events, updates and the document cited as a source."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime

from sco_cal.domain.errors import Conflict
from sco_cal.ingest.plan import AddSource, Insert, Step, Update
from sco_cal.store.transaction import Transaction
from sco_cal.store.writer import INSERT_SOURCE, insert_events, refresh_search_text, update_event


def apply_steps(*, tx: Transaction, steps: Sequence[Step], author: str, now: datetime) -> None:
    """Run every step inside the caller's transaction: all of them land, or none.

    New events go in together (one statement per table, one look-up for ids taken
    since the review), so a long document costs the same per finding as a short one.
    """
    inserts = [step for step in steps if isinstance(step, Insert)]
    if inserts:
        taken = _taken(tx, [step.event.id for step in inserts])
        if taken:
            raise Conflict(
                f"an event '{sorted(taken)[0]}' was added since the review: "
                "nothing was written; run ingest again"
            )
        insert_events(
            tx=tx,
            events=[step.event for step in inserts],
            author=author,
            now=now,
            notes={step.event.id: step.note for step in inserts},
            source=inserts[0].document,
        )
    for step in steps:
        if isinstance(step, Update):
            update_event(
                tx=tx,
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
            add_source(tx=tx, step=step)


def add_source(*, tx: Transaction, step: AddSource) -> bool:
    """Cite a document's excerpt on an event; False when that exact excerpt is already cited."""
    values = {
        "event_id": step.event_id,
        "document": step.source.document,
        "excerpt": step.source.excerpt,
    }
    found = tx.fetch(
        "SELECT 1 FROM source WHERE event_id = :event_id AND document = :document "
        "AND excerpt = :excerpt",
        values,
    )
    if found:
        return False
    tx.execute(
        INSERT_SOURCE, values | {"document_date": step.source.document_date, "origin": step.origin}
    )
    refresh_search_text(tx=tx, event_id=step.event_id)
    return True


def _taken(tx: Transaction, ids: list[str]) -> set[str]:
    """Which of `ids` the store holds already."""
    taken: set[str] = set()
    for start in range(0, len(ids), 500):
        chunk = {f"i{n}": v for n, v in enumerate(ids[start : start + 500])}
        marks = ", ".join(f":{k}" for k in chunk)
        taken |= {r[0] for r in tx.fetch(f"SELECT id FROM event WHERE id IN ({marks})", chunk)}
    return taken

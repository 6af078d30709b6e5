"""What this store and each CalDAV collection last agreed on, event by event."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sco_cal.domain.sync import Part

if TYPE_CHECKING:
    from sqlmodel import Session


@dataclass
class Agreed:
    """One event as both sides last had it: where it lives on the server (None once it
    was removed there), its ETag, the event's version here, the parts both agreed on,
    what calendar programs were shown (SUMMARY, STATUS, DTSTART, DTEND), and the UID
    of an event another program created."""

    event_id: str
    href: str | None
    etag: str | None
    version: int
    base: dict[Part, str]
    shown: dict[str, str] = field(default_factory=dict)
    uid: str | None = None  # the UID another program gave it; None: sco-cal's own


@dataclass
class SyncState:
    """A collection's sync-token and its agreed events, by event id."""

    url: str
    token: str | None = None
    synced_at: datetime | None = None
    items: dict[str, Agreed] = field(default_factory=dict)

    @cached_property
    def by_href(self) -> dict[str, Agreed]:
        return {a.href: a for a in self.items.values() if a.href is not None}


def load_state(session: Session, url: str) -> SyncState:
    from sqlmodel import select

    from sco_cal.store.schema import SyncCollectionRow, SyncItemRow

    state = SyncState(url)
    row = session.get(SyncCollectionRow, url)
    if row is not None:
        state.token, state.synced_at = row.token, row.synced_at
    for item in session.exec(select(SyncItemRow).where(SyncItemRow.collection == url)):
        state.items[item.event_id] = Agreed(
            event_id=item.event_id,
            href=item.href,
            etag=item.etag,
            version=item.version,
            base={Part(k): v for k, v in json.loads(item.base).items()},
            shown=json.loads(item.shown),
            uid=item.uid,
        )
    return state


def save_state(
    session: Session,
    url: str,
    items: Iterable[Agreed],
    *,
    token: str | None = None,
    synced_at: datetime | None = None,
) -> None:
    """Record `items` (replacing what was agreed for those events), and the token and
    time of a finished sync when given."""
    from sqlalchemy import delete

    from sco_cal.store.schema import SyncCollectionRow, SyncItemRow

    items = list(items)
    table = SyncItemRow.__table__  # type: ignore[attr-defined]
    ids = [a.event_id for a in items]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        session.execute(
            delete(SyncItemRow).where(table.c.collection == url, table.c.event_id.in_(chunk))
        )
    for a in items:
        session.add(
            SyncItemRow(
                collection=url,
                event_id=a.event_id,
                href=a.href,
                etag=a.etag,
                version=a.version,
                base=json.dumps({p.value: v for p, v in a.base.items()}, ensure_ascii=False),
                shown=json.dumps(a.shown, ensure_ascii=False),
                uid=a.uid,
            )
        )
    row = session.get(SyncCollectionRow, url)
    if row is None:
        row = SyncCollectionRow(url=url)
    if token is not None:
        row.token = token
    if synced_at is not None:
        row.synced_at = synced_at
    session.add(row)
    session.flush()

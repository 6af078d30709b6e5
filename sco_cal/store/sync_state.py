"""What this store and each CalDAV collection last agreed on, event by event."""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import datetime
from functools import cached_property
from typing import TYPE_CHECKING

from sco_cal.domain.sync import Part
from sco_cal.store.mapping import as_opt_datetime
from sco_cal.store.transaction import insert_sql

if TYPE_CHECKING:
    from sco_cal.store.transaction import Transaction

_INSERT_ITEM = insert_sql(
    "sync_item", ("collection", "event_id", "href", "etag", "version", "base", "shown", "uid")
)


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


def load_state(tx: Transaction, url: str) -> SyncState:
    state = SyncState(url)
    found = tx.fetch("SELECT token, synced_at FROM sync_collection WHERE url = :url", {"url": url})
    if found:
        state.token, state.synced_at = found[0][0], as_opt_datetime(found[0][1])
    rows = tx.fetch(
        "SELECT event_id, href, etag, version, base, shown, uid FROM sync_item "
        "WHERE collection = :url",
        {"url": url},
    )
    for event_id, href, etag, version, base, shown, uid in rows:
        state.items[event_id] = Agreed(
            event_id=event_id,
            href=href,
            etag=etag,
            version=version,
            base={Part(k): v for k, v in json.loads(base).items()},
            shown=json.loads(shown),
            uid=uid,
        )
    return state


def save_state(
    tx: Transaction,
    url: str,
    items: Iterable[Agreed],
    *,
    token: str | None = None,
    synced_at: datetime | None = None,
) -> None:
    """Record `items` (replacing what was agreed for those events), and the token and
    time of a finished sync when given."""
    items = list(items)
    ids = [a.event_id for a in items]
    for start in range(0, len(ids), 500):
        chunk = ids[start : start + 500]
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        tx.execute(
            f"DELETE FROM sync_item WHERE collection = :url AND event_id IN ({marks})",
            {"url": url} | {f"i{n}": v for n, v in enumerate(chunk)},
        )
    tx.execute_many(
        _INSERT_ITEM,
        [
            {
                "collection": url,
                "event_id": a.event_id,
                "href": a.href,
                "etag": a.etag,
                "version": a.version,
                "base": json.dumps({p.value: v for p, v in a.base.items()}, ensure_ascii=False),
                "shown": json.dumps(a.shown, ensure_ascii=False),
                "uid": a.uid,
            }
            for a in items
        ],
    )
    tx.execute(
        "INSERT INTO sync_collection (url, token, synced_at) VALUES (:url, :token, :synced_at) "
        "ON CONFLICT (url) DO UPDATE SET token = coalesce(:token, sync_collection.token), "
        "synced_at = coalesce(:synced_at, sync_collection.synced_at)",
        {"url": url, "token": token, "synced_at": synced_at},
    )

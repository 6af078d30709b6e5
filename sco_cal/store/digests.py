"""What the digest reads beside the events, and the mark of the last digest."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import date, datetime
from typing import TYPE_CHECKING

from sco_cal.domain.digest import FollowUpTally
from sco_cal.domain.digest_items import Listing
from sco_cal.domain.lifecycle import CLOSED
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.store.mapping import as_date, as_datetime
from sco_cal.store.reader import Rows, where_clause

if TYPE_CHECKING:
    from sco_cal.store.transaction import Transaction

LAST_DIGEST_KEY = "last_digest_at"
DATES_OPEN = "dates_open"  # the section whose listings are remembered: listed weekly


class DigestReads:
    """Counts, document titles and the store's own dates, for the digest."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def follow_up_tally(self, today: date) -> FollowUpTally:
        """How many events need follow-up, in all and by source document."""
        follow_up = EventFilter(scope=Scope.ALL, follow_up=True)
        where, params = where_clause(follow_up, today, self._rows.dialect)
        total = self._rows.fetch(f"SELECT count(*) FROM event e WHERE {where}", params)
        by_document = self._rows.fetch(
            "SELECT s.document, count(DISTINCT s.event_id) FROM source s "
            f"JOIN event e ON e.id = s.event_id WHERE {where} GROUP BY s.document",
            params,
        )
        return FollowUpTally(int(total[0][0]), {str(r[0]): int(r[1]) for r in by_document})

    def sine_die_ids(self) -> list[str]:
        """Meetings postponed with no new date and no outcome yet: a few, found without
        loading the many postponed meetings that have a date."""
        closed = {f"closed{n}": state.value for n, state in enumerate(sorted(CLOSED))}
        rows = self._rows.fetch(
            "SELECT id FROM event WHERE sine_die_since IS NOT NULL AND status NOT IN "
            f"({', '.join(':' + k for k in closed)}) ORDER BY sine_die_since, id",
            closed,
        )
        return [str(r[0]) for r in rows]

    def documents(self) -> dict[str, str]:
        """Source documents' titles by file name."""
        return {
            str(r[0]): str(r[1]) for r in self._rows.fetch("SELECT file, title FROM document", {})
        }

    def first_change_at(self) -> datetime | None:
        """When the store's history begins: its creation (and seeding)."""
        found = self._rows.fetch("SELECT min(at) FROM history", {})
        return as_datetime(found[0][0]) if found and found[0][0] is not None else None

    def listed(self, section: str) -> dict[str, Listing]:
        """When a digest that moved the mark last listed each event in `section`."""
        rows = self._rows.fetch(
            "SELECT event_id, listed_on, listed_at FROM digest_mark WHERE section = :section",
            {"section": section},
        )
        return {str(r[0]): Listing(as_date(r[1]), as_datetime(r[2])) for r in rows}

    def meta(self, key: str) -> str | None:
        found = self._rows.fetch("SELECT value FROM meta WHERE key = :key", {"key": key})
        return str(found[0][0]) if found else None


def set_meta(*, tx: Transaction, key: str, value: str) -> None:
    tx.execute(
        "INSERT INTO meta (key, value) VALUES (:key, :value) "
        "ON CONFLICT (key) DO UPDATE SET value = excluded.value",
        {"key": key, "value": value},
    )


def mark_listed(
    *, tx: Transaction, section: str, event_ids: Iterable[str], listing: Listing
) -> None:
    """Remember that a digest listed these events in `section`."""
    rows = [
        {"event_id": e, "section": section, "listed_on": listing.on, "listed_at": listing.at}
        for e in event_ids
    ]
    if rows:
        tx.execute_many(
            "INSERT INTO digest_mark (event_id, section, listed_on, listed_at) "
            "VALUES (:event_id, :section, :listed_on, :listed_at) "
            "ON CONFLICT (event_id, section) DO UPDATE SET "
            "listed_on = excluded.listed_on, listed_at = excluded.listed_at",
            rows,
        )

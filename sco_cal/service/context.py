"""What every part of the service shares: the store, today, the author and the clock."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import TYPE_CHECKING, Any, TypeVar

from sco_cal.domain.postponement import DEFAULT_SINE_DIE_DAYS
from sco_cal.store.store import Store

if TYPE_CHECKING:
    from sco_cal.store.transaction import Transaction

T = TypeVar("T")


@dataclass
class ServiceContext:
    """The calendar as one person sees it, against a fixed `today`."""

    store: Store
    today: date
    author: str
    sine_die_days: int = DEFAULT_SINE_DIE_DAYS  # a meeting postponed sine die, followed up after

    def now(self) -> datetime:
        return datetime.now(UTC)

    def write(self, work: Callable[[Transaction], T]) -> T:
        """`work` in one transaction, retried while the database is busy."""
        return self.store.write(work)

    def record(self, step: Callable[..., T], **values: Any) -> T:
        """The store's `step` in one transaction, signed by this person at this moment
        (every recorded change carries its author and time).

        The moment is taken once the event is this writer's: on PostgreSQL a writer may
        wait for another's transaction on the same event, and stamped before the wait it
        would sort before the change it was built on in the event's history."""
        from sco_cal.store.writer import hold_event

        def work(tx: Transaction) -> T:
            if "event_id" in values:
                hold_event(tx, values["event_id"])
            return step(tx=tx, author=self.author, now=self.now(), **values)

        return self.write(work)

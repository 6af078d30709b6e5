"""Meetings that compete for the same days, and fuzzy windows that might."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.dates import Precision
from sco_cal.domain.event import Event

# A window vaguer than a month overlaps nearly everything: it says nothing about a clash.
POSSIBLE_PRECISIONS = frozenset({Precision.DAY, Precision.DAYS, Precision.MONTH})


@dataclass(frozen=True, slots=True)
class Clash:
    """Two events whose windows overlap; `certain` when both have known days."""

    first: Event
    second: Event
    start: date
    end: date
    certain: bool

    @property
    def same_organisation(self) -> bool:
        return self.first.organisation == self.second.organisation


def find_clashes(events: Iterable[Event], *, possible: bool = False) -> list[Clash]:
    """Overlapping pairs, soonest first: known days only, or with `possible` also
    windows of a month or finer that might overlap."""
    allowed = POSSIBLE_PRECISIONS if possible else frozenset({Precision.DAY, Precision.DAYS})
    pool = sorted(
        (e for e in events if e.window.precision in allowed),
        key=lambda e: (e.window.start, e.window.end, e.id),
    )
    clashes: list[Clash] = []
    active: list[Event] = []
    for event in pool:
        # Sweep: only windows still open when this one starts can overlap it.
        active = [a for a in active if a.window.end >= event.window.start]
        for other in active:
            clashes.append(
                Clash(
                    first=other,
                    second=event,
                    start=event.window.start,
                    end=min(other.window.end, event.window.end),
                    certain=other.window.is_exact and event.window.is_exact,
                )
            )
        active.append(event)
    return clashes

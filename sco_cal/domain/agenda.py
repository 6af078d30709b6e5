"""What a page of the agenda is counted with (its order is `ordering`'s rule)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True, slots=True)
class Tally:
    """How many events match, how many of them sort before today and before an anchor,
    and how many of them need follow-up."""

    total: int
    before_today: int
    before_anchor: int
    follow_up: int = 0

"""Date windows: when a meeting happens, as exactly as the source says it."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _

# The years the store keeps. Wide enough for any meeting a desk follows, narrow enough
# that a window, a reminder before it or a digest after it never leaves the calendar
# (Python's dates end in 9999, and an export adds a day to the last one).
FIRST_YEAR, LAST_YEAR = 1900, 2200


class Precision(StrEnum):
    """How exactly a source gave a date; the window's width alone cannot say it."""

    DAY = "day"
    DAYS = "days"
    MONTH = "month"
    QUARTER = "quarter"
    HALF = "half"
    SEASON = "season"
    YEAR = "year"


# Precisions at which the days themselves are known.
EXACT_PRECISIONS = frozenset({Precision.DAY, Precision.DAYS})


def iso_day(text: str) -> date | None:
    """`text` as a day written YYYY-MM-DD within the years the store keeps; else None."""
    if len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None  # the other forms `fromisoformat` reads (20261123, 2026-W48-1) are not
    try:
        day = date.fromisoformat(text)
    except ValueError:
        return None
    return day if FIRST_YEAR <= day.year <= LAST_YEAR else None


def a_year_after(day: date) -> date:
    """The same day a year on (28 February for 29 February), kept within LAST_YEAR."""
    if day.year >= LAST_YEAR:
        return date(LAST_YEAR, 12, 31)
    return day.replace(year=day.year + 1, day=min(day.day, 28 if day.month == 2 else 31))


@dataclass(frozen=True, slots=True)
class DateWindow:
    """An inclusive span of days in which something happens.

    `open_ended` marks wording such as "from 2027": the window is 2027, but the
    thing may happen later. `overlaps` and `contains` look at `start`..`end` only;
    a caller that wants "or later" must check `open_ended` itself.
    """

    start: date
    end: date
    precision: Precision
    text: str = ""
    open_ended: bool = False

    def __post_init__(self) -> None:
        if self.start > self.end:
            raise ValueError(f"date window starts {self.start} after it ends {self.end}")

    def overlaps(self, start: date | None, end: date | None) -> bool:
        """Whether the window shares a day with `start`..`end`; None leaves that side open."""
        if end is not None and self.start > end:
            return False
        return start is None or self.end >= start

    def contains(self, day: date) -> bool:
        """Whether `day` falls inside the window."""
        return self.start <= day <= self.end

    def check_years(self, what: str) -> DateWindow:
        """The window itself, or InvalidInput when it leaves FIRST_YEAR..LAST_YEAR."""
        for day in (self.start, self.end):
            if not FIRST_YEAR <= day.year <= LAST_YEAR:
                raise InvalidInput(
                    _("{what}: {day} is outside the years sco-cal keeps ({first}-{last})").format(
                        what=what, day=day.isoformat(), first=FIRST_YEAR, last=LAST_YEAR
                    )
                )
        return self

    @property
    def is_exact(self) -> bool:
        """Whether the source named the day or days themselves."""
        return self.precision in EXACT_PRECISIONS

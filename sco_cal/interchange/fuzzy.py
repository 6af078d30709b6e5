"""How a fuzzy window is shown in a calendar program, which knows only days and times.

A window of a month or finer is an all-day span: the meeting may fall on any of its
days, and a month view shows exactly that. A coarser one ("2026", "H2 2026",
"autumn 2026", "from 2027 on") spread over every day of its window would fill each
day view of the year; it appears once instead, or not at all, as the person exporting
chooses. Either way sco-cal's own X- properties carry the whole window, so a file
sco-cal exported comes back with the window and precision it left with.
"""

from __future__ import annotations

from datetime import date, timedelta
from enum import StrEnum

from sco_cal.domain.dates import DateWindow, Precision

COARSE = frozenset({Precision.QUARTER, Precision.HALF, Precision.SEASON, Precision.YEAR})


class FuzzyMode(StrEnum):
    """What an export does with windows coarser than a month."""

    SPAN = "span"  # an all-day span over the whole window, as for any window
    MARKER = "marker"  # an all-day entry on the window's first day, labelled with the window
    SKIP = "skip"  # left out of the file


# Markers by default: a span puts a year-long entry on every day of the year (nine a
# day with the seeded calendar), and skipping hides meetings people need to know of.
DEFAULT_FUZZY = FuzzyMode.MARKER


def is_coarse(window: DateWindow) -> bool:
    """Whether the window is wider than a calendar program should show day by day."""
    return window.precision in COARSE or window.open_ended


def shown_days(window: DateWindow, mode: FuzzyMode) -> tuple[date, date] | None:
    """The first day and the day after the last that a calendar program shows (DTSTART
    and an exclusive DTEND), or None if the window is left out."""
    if mode is FuzzyMode.SPAN or not is_coarse(window):
        return window.start, window.end + timedelta(days=1)
    if mode is FuzzyMode.SKIP:
        return None
    return window.start, window.start + timedelta(days=1)


def is_marker(window: DateWindow, mode: FuzzyMode) -> bool:
    return mode is FuzzyMode.MARKER and is_coarse(window)

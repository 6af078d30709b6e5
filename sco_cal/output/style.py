"""Terminal colour: ANSI codes when wanted, nothing when piped or NO_COLOR is set."""

from __future__ import annotations

import os
from typing import TextIO

from sco_cal.domain.lifecycle import ConfirmationState

_CODES = {
    "bold": "1",
    "reverse": "7",
    "dim": "2",
    "italic": "3",
    "underline": "4",
    "red": "31",
    "green": "32",
    "yellow": "33",
    "blue": "34",
    "magenta": "35",
    "cyan": "36",
    "strike": "9",
}
STATE_STYLE = {
    ConfirmationState.PROPOSED: "magenta",
    ConfirmationState.PROVISIONAL: "yellow",
    ConfirmationState.CONFIRMED: "green",
    ConfirmationState.POSTPONED: "blue",
    ConfirmationState.CANCELLED: "red",
    ConfirmationState.HELD: "dim",
}


# A day of the month grid that holds meetings, marked by the state the day shows; the
# mark says it when colour is off.
DAY_MARK = {
    ConfirmationState.CONFIRMED: "●",
    ConfirmationState.PROVISIONAL: "◐",
    ConfirmationState.PROPOSED: "○",
    ConfirmationState.POSTPONED: "»",
    ConfirmationState.HELD: "✓",
    ConfirmationState.CANCELLED: "✗",
}


def wants_color(stream: TextIO, no_color: bool = False) -> bool:
    """Colour only on a terminal, and never when NO_COLOR or --no-color says so."""
    if no_color or os.environ.get("NO_COLOR"):
        return False
    return stream.isatty()


class Painter:
    """Wraps text in ANSI styles, or leaves it alone when colour is off."""

    def __init__(self, enabled: bool) -> None:
        self.enabled = enabled

    def __call__(self, text: str, *styles: str) -> str:
        if not self.enabled or not styles or not text.strip():
            return text
        codes = ";".join(_CODES[s] for s in styles)
        return f"\x1b[{codes}m{text}\x1b[0m"

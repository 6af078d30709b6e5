"""The confirmation lifecycle of a meeting and the judgements derived from it."""

from __future__ import annotations

from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from sco_cal.domain.errors import UnknownValue
from sco_cal.i18n import _

if TYPE_CHECKING:
    from sco_cal.domain.dates import DateWindow
    from sco_cal.domain.postponement import SineDie


class ConfirmationState(StrEnum):
    """How firm a meeting is, from an idea on paper to a recorded outcome."""

    PROPOSED = "proposed"
    PROVISIONAL = "provisional"
    CONFIRMED = "confirmed"
    POSTPONED = "postponed"
    CANCELLED = "cancelled"
    HELD = "held"

    @classmethod
    def parse(cls, text: str) -> ConfirmationState:
        """The state named by `text` (any case, or a French name), or UnknownValue."""
        key = text.strip().casefold()
        key = _FRENCH.get(key, key)
        try:
            return cls(key)
        except ValueError:
            unknown = _("unknown state '{value}' (expected one of: {known})")
            raise UnknownValue.among(unknown, text, cls) from None


_FRENCH = {
    "propose": "proposed",
    "proposé": "proposed",
    "provisoire": "provisional",
    "confirme": "confirmed",
    "confirmé": "confirmed",
    "reporte": "postponed",
    "reporté": "postponed",
    "annule": "cancelled",
    "annulé": "cancelled",
    "canceled": "cancelled",
    "tenu": "held",
}

# An outcome is still owed for these: nobody has said whether the meeting took place. A
# postponement is not an outcome, only a new window (or none, sine die).
AWAITING_OUTCOME = frozenset(
    {
        ConfirmationState.PROPOSED,
        ConfirmationState.PROVISIONAL,
        ConfirmationState.CONFIRMED,
        ConfirmationState.POSTPONED,
    }
)
AWAITING_CONFIRMATION = frozenset({ConfirmationState.PROPOSED, ConfirmationState.PROVISIONAL})
CLOSED = frozenset({ConfirmationState.CANCELLED, ConfirmationState.HELD})


def needs_follow_up(
    state: ConfirmationState, window: DateWindow, today: date, sine_die: SineDie | None = None
) -> bool:
    """No outcome (held, cancelled) is recorded, and the window has ended or, for a
    meeting postponed sine die, the delay given to it has passed."""
    if state not in AWAITING_OUTCOME:
        return False
    if sine_die is not None:
        return today >= sine_die.follow_up_from
    return window.end < today


def is_upcoming(
    state: ConfirmationState, window: DateWindow, today: date, sine_die: SineDie | None = None
) -> bool:
    """Neither held nor cancelled, and the window ends today or later; a meeting
    postponed sine die is still ahead, on a day nobody knows yet."""
    return state not in CLOSED and (sine_die is not None or window.end >= today)

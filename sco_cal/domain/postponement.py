"""Moving a meeting: to a new window, which must not have ended already, or sine die (no
new date), after which it needs follow-up once a delay has passed."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.dates import DateWindow
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.text import fold
from sco_cal.i18n import _, current_language

DEFAULT_SINE_DIE_DAYS = 60
# "sine die", "reporté sine die", "ajournée sans date", "postponed indefinitely": what
# people (and documents) write for a postponement that gives no new date. Compiled by `re`
# when first matched: most commands never ask.
_SINE_DIE = (
    r"(?:(?:reporte|ajourne|postponed|adjourned)e?s? )?"
    r"(?:sine[- ]die|sans date|date inconnue|a une date ulterieure|indefinitely|no new date"
    r"|date unknown|until further notice|jusqu'a nouvel ordre)"
)


class PastWindow(InvalidInput):
    """A move to a window that has already ended, without saying that was meant."""


@dataclass(frozen=True, slots=True)
class SineDie:
    """Postponed with no new date: since when, and from which day it needs follow-up."""

    since: date
    follow_up_from: date


def is_sine_die(text: str) -> bool:
    """Whether `text` says "no new date" rather than giving one."""
    return re.fullmatch(_SINE_DIE, " ".join(fold(text).split()).strip(" .")) is not None


def sine_die(today: date, delay_days: int = DEFAULT_SINE_DIE_DAYS) -> SineDie:
    """A postponement sine die recorded today, to be followed up after `delay_days`."""
    return SineDie(since=today, follow_up_from=today + timedelta(days=delay_days))


def check_not_past(
    window: DateWindow, today: date, *, allow_past: bool, lang: str | None = None
) -> None:
    """Refuse a new window that ended before today unless the person said it is meant
    (a meeting moved after the fact, a date corrected in the record)."""
    if allow_past or window.end >= today:
        return
    raise PastWindow(
        _(
            "the new date ({window}) ended before today ({today}): give a later date, "
            "'sine die' if there is none, or --allow-past if the past date is meant"
        ).format(window=format_window(window, lang or current_language()), today=today.isoformat())
    )

"""Spans of time as people type them ("14d", "2 semaines", "1 month", "un mois"), as they
read them back in English or French, and the calendar arithmetic on them (dateutil's).

A month is a calendar month, not thirty days: one month before 31 March is 28 (or 29)
February, as `relativedelta` counts it.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum
from typing import TYPE_CHECKING

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.languages import language
from sco_cal.domain.text import fold
from sco_cal.i18n import _

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta

MAX_DAYS = 3660  # ten years: anything longer is a typing mistake


class Unit(StrEnum):
    """A unit of a duration, by the letter its canonical text ends with ("14d")."""

    DAY = "d"
    WEEK = "w"
    MONTH = "mo"


_UNIT_WORDS = {
    Unit.DAY: "d day days j jour jours",
    Unit.WEEK: "w wk week weeks sem semaine semaines",
    Unit.MONTH: "mo month months mois",
}
_UNITS = {word: unit for unit, words in _UNIT_WORDS.items() for word in words.split()}
# "un mois", "a week": the article is the count people say for one.
_ONE = ("un", "une", "a", "an", "one")
_PATTERN = (  # compiled by `re` when a duration is first read
    rf"(?:(?P<n>\d{{1,5}})|(?P<one>{'|'.join(_ONE)}) )\s*"
    rf"(?P<unit>{'|'.join(sorted(_UNITS, key=len, reverse=True))})"
)
_DAYS_IN = {Unit.DAY: 1, Unit.WEEK: 7, Unit.MONTH: 31}
_WORDS = {
    ("en", Unit.DAY): ("day", "days"),
    ("en", Unit.WEEK): ("week", "weeks"),
    ("en", Unit.MONTH): ("month", "months"),
    ("fr", Unit.DAY): ("jour", "jours"),
    ("fr", Unit.WEEK): ("semaine", "semaines"),
    ("fr", Unit.MONTH): ("mois", "mois"),
}


@dataclass(frozen=True, slots=True)
class Duration:
    """So many days, weeks or calendar months."""

    count: int
    unit: Unit

    @property
    def text(self) -> str:
        """The canonical form, stored and read back: "14d", "2w", "1mo"."""
        return f"{self.count}{self.unit.value}"

    @property
    def delta(self) -> relativedelta:
        from dateutil.relativedelta import relativedelta  # only when counting, not reading

        if self.unit is Unit.MONTH:
            return relativedelta(months=self.count)
        return relativedelta(days=self.count * _DAYS_IN[self.unit])

    @property
    def longest_days(self) -> int:
        """At most this many days (a month counted as 31)."""
        return self.count * _DAYS_IN[self.unit]

    def before(self, day: date) -> date:
        result: date = day - self.delta
        return result

    def after(self, day: date) -> date:
        result: date = day + self.delta
        return result


def parse_duration(text: str) -> Duration | None:
    """`"2 semaines"` -> 2 weeks; None when `text` is not a duration at all; InvalidInput
    when it is one longer than ten years."""
    match = re.fullmatch(_PATTERN, " ".join(fold(text).split()))
    if match is None:
        return None
    duration = Duration(int(match["n"] or 1), _UNITS[match["unit"]])
    if duration.longest_days > MAX_DAYS:
        raise InvalidInput(_("'{text}' is more than ten years").format(text=text.strip()))
    return duration


def format_duration(duration: Duration, lang: str = "en") -> str:
    """The duration in words that `parse_duration` reads back: "1 month", "2 semaines"."""
    one, many = _WORDS[(language(lang), duration.unit)]
    return f"{duration.count} {one if duration.count == 1 else many}"

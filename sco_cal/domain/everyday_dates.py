"""Everyday and relative date phrases, read against today, in French and English: "demain",
"next monday", "lundi prochain", "cette semaine", "le mois prochain", "+3d", "dans 3 jours",
"3 days ago", "2027-W10", "semaine 10". Also the windows that such phrases name (the week,
the month, the year of a day), which the reader of documents shares.

Phrases arrive folded (lower case, no accents). A phrase that names a day without saying
which one ("lundi", "semaine 10") means the next such day from today, or the last one
when the command looks back. The arithmetic is dateutil's `relativedelta`, imported
when a phrase needs it: most commands read an ISO date, or none, and exit.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import cache
from typing import TYPE_CHECKING

from sco_cal.domain.dates import FIRST_YEAR, LAST_YEAR, DateWindow, Precision
from sco_cal.domain.durations import parse_duration
from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _

if TYPE_CHECKING:
    from dateutil.relativedelta import relativedelta


class UnreadableDate(ValueError):
    """An everyday phrase that names no day: why, for the message."""


_WEEKDAY_WORDS = (
    "lundi monday mon",
    "mardi tuesday tue tues",
    "mercredi wednesday wed",
    "jeudi thursday thu thur thurs",
    "vendredi friday fri",
    "samedi saturday sat",
    "dimanche sunday sun",
)
# Folded weekday names and abbreviations -> 0 (Monday) .. 6 (Sunday).
WEEKDAYS = {word: n for n, words in enumerate(_WEEKDAY_WORDS) for word in words.split()}
_DAY_OFFSETS = {
    **dict.fromkeys(("today", "aujourd'hui", "aujourdhui", "ce jour"), 0),
    **dict.fromkeys(("tomorrow", "demain"), 1),
    **dict.fromkeys(("yesterday", "hier"), -1),
    **dict.fromkeys(("apres-demain", "the day after tomorrow"), 2),
    **dict.fromkeys(("avant-hier", "the day before yesterday"), -2),
}
_NEXT = {"next", "prochain", "prochaine", "coming", "qui vient"}
_LAST = {"last", "dernier", "derniere", "passe", "passee", "previous"}


def _outside() -> str:
    return _("the day is outside the years {first}-{last}").format(first=FIRST_YEAR, last=LAST_YEAR)


def _delta(**units: int) -> relativedelta:
    from dateutil.relativedelta import relativedelta

    return relativedelta(**units)  # type: ignore[arg-type]


def day_window(day: date) -> DateWindow:
    return DateWindow(day, day, Precision.DAY)


def week_window(day: date) -> DateWindow:
    """Monday to Sunday of the week `day` falls in."""
    from dateutil.relativedelta import MO, relativedelta

    monday: date = day + relativedelta(weekday=MO(-1))
    return DateWindow(monday, monday + relativedelta(days=6), Precision.DAYS)


def month_window(day: date) -> DateWindow:
    """The calendar month `day` falls in."""
    from dateutil.relativedelta import relativedelta

    first = day.replace(day=1)
    last: date = first + relativedelta(months=1, days=-1)
    return DateWindow(first, last, Precision.MONTH)


def year_window(year: int) -> DateWindow:
    return DateWindow(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def weekday_from(today: date, day: int, way: str | None, *, looking_back: bool = False) -> date:
    """The weekday `day` (0 is Monday) that `way` names: "next" strictly after today,
    "last" strictly before; none: the nearest in the command's direction, today included."""
    from dateutil.relativedelta import FR, MO, SA, SU, TH, TU, WE, relativedelta

    wanted = (MO, TU, WE, TH, FR, SA, SU)[day]
    if way == "next":
        found: date = today + relativedelta(days=1, weekday=wanted(+1))
    elif way == "last":
        found = today + relativedelta(days=-1, weekday=wanted(-1))
    else:
        found = today + relativedelta(weekday=wanted(-1 if looking_back else +1))
    return found


def iso_week(year: int, week: int) -> DateWindow:
    """ISO week `week` of `year`, Monday to Sunday; UnreadableDate if the year has none."""
    try:
        monday = date.fromisocalendar(year, week, 1)
    except ValueError:
        raise UnreadableDate(_("{year} has no week {week}").format(year=year, week=week)) from None
    return week_window(monday)


def read_everyday(
    phrase: str, today: date | None, *, looking_back: bool = False
) -> DateWindow | None:
    """The window a folded everyday phrase names; None when `phrase` is not one of them.

    UnreadableDate when it is one but names no day (a week 54, or no today to count from),
    or a day outside the years the store keeps ("in 500 years").
    """
    for pattern, read in _readers():
        match = pattern.fullmatch(phrase)
        if match is None:
            continue
        try:
            found = read(match, today, looking_back)
        except UnreadableDate:
            raise
        except (OverflowError, ValueError):  # dateutil says "year 10000 is out of range"
            raise UnreadableDate(_outside()) from None
        if found is not None:
            for day in (found.start, found.end):
                if not FIRST_YEAR <= day.year <= LAST_YEAR:
                    raise UnreadableDate(_outside())
            return found
    return None


def _today(today: date | None) -> date:
    if today is None:
        raise UnreadableDate(_("a relative date needs today's date"))
    return today


def _way(*words: str | None) -> str | None:
    for word in words:
        if word in _NEXT:
            return "next"
        if word in _LAST:
            return "last"
    return None


def _day_word(m: re.Match[str], today: date | None, back: bool) -> DateWindow:
    return day_window(_today(today) + _delta(days=_DAY_OFFSETS[m["word"]]))


def _offset(m: re.Match[str], today: date | None, back: bool) -> DateWindow | None:
    try:
        duration = parse_duration(m["span"])
    except InvalidInput as too_long:
        raise UnreadableDate(str(too_long)) from None
    if duration is None:
        return None
    earlier = m.groupdict().get("sign") == "-" or bool(m.groupdict().get("ago"))
    day = _today(today)
    return day_window(duration.before(day) if earlier else duration.after(day))


def _weekday(m: re.Match[str], today: date | None, back: bool) -> DateWindow:
    day = weekday_from(
        _today(today), WEEKDAYS[m["day"]], _way(m["pre"], m["post"]), looking_back=back
    )
    return day_window(day)


def _shifted(unit: str) -> Callable[[re.Match[str], date | None, bool], DateWindow]:
    """This, next or last week, month or year."""

    def read(m: re.Match[str], today: date | None, back: bool) -> DateWindow:
        steps = {"next": 1, "last": -1, None: 0}[_way(m["way"])]
        day = _today(today)
        if unit == "week":
            return week_window(day + _delta(weeks=steps))
        if unit == "month":
            return month_window(day + _delta(months=steps))
        return year_window(day.year + steps)

    return read


def _week_number(m: re.Match[str], today: date | None, back: bool) -> DateWindow:
    week = int(m["week"])
    if m["year"]:
        return iso_week(int(m["year"]), week)
    day = _today(today)
    years = (
        (day.year, day.year - 1, day.year - 2) if back else (day.year, day.year + 1, day.year + 2)
    )
    for year in years:
        try:
            window = iso_week(year, week)
        except UnreadableDate:
            continue
        if (window.start <= day) if back else (window.end >= day):
            return window
    raise UnreadableDate(_("there is no week {week}").format(week=week))


def _shifts(unit: str, french: str, french_this: str) -> tuple[tuple[str, _Reader], ...]:
    """This, next and last `unit` in English ("next week") and French ("la semaine
    prochaine", "cette semaine")."""
    read = _shifted(unit)
    return (
        (rf"(?:the )?(?P<way>this|current|{_NEXT_OR_LAST}) {unit}", read),
        (rf"{french} (?P<way>{_NEXT_OR_LAST}|en cours)", read),
        (rf"(?P<way>){french_this}", read),
    )


_WD = "|".join(sorted(WEEKDAYS, key=len, reverse=True))
_NEXT_OR_LAST = "|".join(sorted(_NEXT | _LAST, key=len, reverse=True))
_Reader = Callable[[re.Match[str], date | None, bool], DateWindow | None]
_PHRASES: tuple[tuple[str, _Reader], ...] = (
    (rf"(?P<word>{'|'.join(re.escape(w) for w in _DAY_OFFSETS)})", _day_word),
    (r"(?P<sign>[+-]) ?(?P<span>.+)", _offset),
    (r"(?:in|dans|d'ici) (?P<span>.+?)(?: from now)?", _offset),
    (r"(?P<span>.+?) (?P<ago>ago|earlier|plus tot)", _offset),
    (r"(?P<ago>il y a) (?P<span>.+)", _offset),
    (
        rf"(?:(?P<pre>on|le|ce|this|{_NEXT_OR_LAST}) )?(?P<day>{_WD})\.?"
        rf"(?: (?P<post>{_NEXT_OR_LAST}))?",
        _weekday,
    ),
    *_shifts("week", r"(?:la )?semaine", "cette semaine"),
    *_shifts("month", r"(?:le )?mois", "ce mois(?:-ci)?"),
    *_shifts("year", r"l'an(?:nee)?", "cette annee"),
    (r"(?P<year>\d{4})-?w(?P<week>\d{1,2})", _week_number),
    (r"w(?P<week>\d{1,2})(?:[- ](?P<year>\d{4}))?", _week_number),
    (
        r"(?:la )?(?:semaine|week|sem\.?) (?:n° ?|no\.? |number )?(?P<week>\d{1,2})"
        r"(?:(?: de| of)? (?P<year>\d{4}))?",
        _week_number,
    ),
)


@cache
def _readers() -> tuple[tuple[re.Pattern[str], _Reader], ...]:
    """The phrases' patterns, compiled when a phrase is first read (about 10 ms: most
    commands read none, or an ISO date)."""
    return tuple((re.compile(pattern), read) for pattern, read in _PHRASES)

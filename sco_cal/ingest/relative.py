"""Dates that only the document's own date makes whole: "last month", "l'an prochain",
"en novembre dernier", "mardi", "la veille", "the coming autumn", "next week".

Every pattern applies to folded text; each gives a window computed from the document's
date (or from an anchor day, for "la veille" and "the following day").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sco_cal.domain.dates import DateWindow, Precision

_MONTH_WORDS = (
    "janvier|january|jan|fevrier|february|feb|mars|march|mar|avril|april|apr|mai|may|juin|june"
    "|jun|juillet|july|jul|aout|august|aug|septembre|september|sept|sep|octobre|october|oct"
    "|novembre|november|nov|decembre|december|dec"
)
_MONTH_NUMBER = {
    **dict.fromkeys("janvier january jan janv".split(), 1),
    **dict.fromkeys("fevrier february feb fev fevr".split(), 2),
    **dict.fromkeys("mars march mar".split(), 3),
    **dict.fromkeys("avril april apr avr".split(), 4),
    **dict.fromkeys("mai may".split(), 5),
    **dict.fromkeys("juin june jun".split(), 6),
    **dict.fromkeys("juillet july jul juil".split(), 7),
    **dict.fromkeys("aout august aug".split(), 8),
    **dict.fromkeys("septembre september sept sep".split(), 9),
    **dict.fromkeys("octobre october oct".split(), 10),
    **dict.fromkeys("novembre november nov".split(), 11),
    **dict.fromkeys("decembre december dec".split(), 12),
}
_WEEKDAYS = {
    **dict.fromkeys("lundi monday".split(), 0),
    **dict.fromkeys("mardi tuesday".split(), 1),
    **dict.fromkeys("mercredi wednesday".split(), 2),
    **dict.fromkeys("jeudi thursday".split(), 3),
    **dict.fromkeys("vendredi friday".split(), 4),
    **dict.fromkeys("samedi saturday".split(), 5),
    **dict.fromkeys("dimanche sunday".split(), 6),
}
_DAY_WORD = (
    r"lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche|monday|tuesday|wednesday|thursday"
    r"|friday|saturday|sunday"
)
_SEASON_START = {"printemps": 3, "spring": 3, "ete": 6, "summer": 6, "automne": 9, "autumn": 9}
_SEASON_START |= {"fall": 9, "hiver": 12, "winter": 12}
_SEASON_WORDS = "printemps|spring|ete|summer|automne|autumn|fall|hiver|winter"
_NEXT = r"(?:prochaine?|next|coming|qui vient|a venir)"
_LAST = r"(?:derniere?|passee?|last|past|previous)"


@dataclass(frozen=True, slots=True)
class RelativeDate:
    """A relative phrase at folded positions `start`..`end` and the window it names."""

    start: int
    end: int
    window: DateWindow | None  # None for an anchored phrase not yet read from its anchor
    anchored: bool = False  # read from an anchor day ("la veille"), not the document's date
    weekday: bool = False  # a day of the document's week: a past tense means the week before
    shift: int = 0  # for an anchored phrase: days from the anchor (-1 the eve, +1 the day after)
    of_summit: bool = False  # "on the eve of the summit": anchored on the summit's first day

    def from_anchor(self, anchor: DateWindow) -> RelativeDate:
        """An anchored phrase read from the window of the day(s) it is the eve or morrow of."""
        day = anchor.start - timedelta(days=1) if self.shift < 0 else anchor.end + timedelta(1)
        return replace(self, window=DateWindow(day, day, Precision.DAY))


def find_relative(text: str, today: date) -> list[RelativeDate]:
    """Relative date phrases of folded `text`, non-overlapping, in order of appearance.

    Those read from another day ("la veille", "the following day") come without a
    window: `RelativeDate.from_anchor` reads them once that day is known.
    """
    found: list[RelativeDate] = []
    for pattern, read in _READERS:
        for match in pattern.finditer(text):
            if any(match.start() < f.end and match.end() > f.start for f in found):
                continue
            anchored = read in (_eve, _day_after)
            window = read(match, today)
            if window is None and not anchored:
                continue
            weekday = read is _weekdays and match["way"] is None
            shift = (-1 if read is _eve else 1) if anchored else 0
            summit = anchored and match["summit"] is not None
            found.append(
                RelativeDate(match.start(), match.end(), window, anchored, weekday, shift, summit)
            )
    return sorted(found, key=lambda f: f.start)


def month_number(word: str) -> int | None:
    """The month a folded month name or abbreviation names ("sept" -> 9), else None."""
    return _MONTH_NUMBER.get(word.rstrip("."))


def _month_window(year: int, month: int) -> DateWindow:
    first = date(year, month, 1)
    following = date(year + month // 12, month % 12 + 1, 1)
    return DateWindow(first, following - timedelta(days=1), Precision.MONTH)


def _year_window(year: int) -> DateWindow:
    return DateWindow(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)


def _week(monday: date) -> DateWindow:
    return DateWindow(monday, monday + timedelta(days=6), Precision.DAYS)


def _day(day: date) -> DateWindow:
    return DateWindow(day, day, Precision.DAY)


def _season_window(year: int, first: int) -> DateWindow:
    end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
    last = _month_window(end_year, end_month).end
    return DateWindow(date(year, first, 1), last, Precision.SEASON)


def _last_month(m: re.Match[str], today: date) -> DateWindow:
    year, month = (today.year - 1, 12) if today.month == 1 else (today.year, today.month - 1)
    return _month_window(year, month)


def _next_month(m: re.Match[str], today: date) -> DateWindow:
    year, month = (today.year + 1, 1) if today.month == 12 else (today.year, today.month + 1)
    return _month_window(year, month)


def _this_month(m: re.Match[str], today: date) -> DateWindow:
    return _month_window(today.year, today.month)


def _next_year(m: re.Match[str], today: date) -> DateWindow:
    return _year_window(today.year + 1)


def _last_year(m: re.Match[str], today: date) -> DateWindow:
    return _year_window(today.year - 1)


def _this_year(m: re.Match[str], today: date) -> DateWindow:
    return _year_window(today.year)


def _monday(day: date) -> date:
    return day - timedelta(days=day.weekday())


def _last_week(m: re.Match[str], today: date) -> DateWindow:
    return _week(_monday(today) - timedelta(days=7))


def _next_week(m: re.Match[str], today: date) -> DateWindow:
    return _week(_monday(today) + timedelta(days=7))


def _week_after(m: re.Match[str], today: date) -> DateWindow:
    return _week(_monday(today) + timedelta(days=14))


def _weekdays(m: re.Match[str], today: date) -> DateWindow:
    """A weekday (or two) of the document's week; "dernier" or "last" the one before."""
    first = _WEEKDAYS[m["first"]]
    last = _WEEKDAYS[m["second"]] if m["second"] else first
    monday = _monday(today)
    if m["way"] in ("dernier", "last") and monday + timedelta(days=first) >= today:
        monday -= timedelta(days=7)
    elif m["way"] in ("prochain", "next") and monday + timedelta(days=first) <= today:
        monday += timedelta(days=7)
    start, end = monday + timedelta(days=first), monday + timedelta(days=max(first, last))
    return DateWindow(start, end, Precision.DAY if start == end else Precision.DAYS)


def _weekday_days(m: re.Match[str], today: date) -> DateWindow | None:
    """ "Jeudi 12", "Lundi 9 – mercredi 11": days of the month, near the document's date,
    on which the weekday falls (the month is left unsaid)."""
    weekday, first = _WEEKDAYS[m["first"]], int(m["day"])
    last = int(m["last"]) if m["last"] else first
    found = []
    for shift in (-1, 0, 1):
        year, month = today.year, today.month + shift
        year, month = (
            (year - 1, 12) if month == 0 else (year + 1, 1) if month == 13 else (year, month)
        )
        try:
            start, end = date(year, month, first), date(year, month, last)
        except ValueError:
            continue
        if start.weekday() == weekday and start <= end:
            found.append((abs((start - today).days), start, end))
    if not found:
        return None
    _, start, end = min(found)
    return DateWindow(start, end, Precision.DAY if start == end else Precision.DAYS)


def _yesterday(m: re.Match[str], today: date) -> DateWindow:
    return _day(today - timedelta(days=1))


def _tomorrow(m: re.Match[str], today: date) -> DateWindow:
    return _day(today + timedelta(days=1))


def _today(m: re.Match[str], today: date) -> DateWindow:
    return _day(today)


def _eve(m: re.Match[str], today: date) -> DateWindow | None:
    return None  # read from its anchor (RelativeDate.from_anchor)


def _day_after(m: re.Match[str], today: date) -> DateWindow | None:
    return None  # read from its anchor (RelativeDate.from_anchor)


def _named_month_way(m: re.Match[str], today: date) -> DateWindow:
    way = m["way"]
    month = _MONTH_NUMBER[m["month"]]
    if way in ("dernier", "last"):
        year = today.year if month < today.month else today.year - 1
    else:
        year = today.year if month > today.month else today.year + 1
    return _month_window(year, month)


def _season_way(m: re.Match[str], today: date) -> DateWindow:
    way = m["way"]
    first = _SEASON_START[m["season"]]
    this = _season_window(today.year if first != 12 or today.month == 12 else today.year - 1, first)
    if re.fullmatch(_LAST, way):
        return this if this.end < today else _season_window(this.start.year - 1, first)
    return this if this.start > today else _season_window(this.start.year + 1, first)


_Reader = Callable[[re.Match[str], date], DateWindow | None]
# Longest phrases first: "later next year" before "next year".
_READERS: tuple[tuple[re.Pattern[str], _Reader], ...] = tuple(
    (re.compile(pattern), reader)
    for pattern, reader in (
        (
            rf"\b(?:en |in |au mois de |le mois de )?(?P<month>{_MONTH_WORDS})\.? "
            rf"(?P<way>dernier|prochain)\b",
            _named_month_way,
        ),
        (
            rf"\b(?P<way>last|next|this coming|coming) (?P<month>{_MONTH_WORDS})\b",
            _named_month_way,
        ),
        (
            rf"\b(?:(?:a|au|en|in|the|this|l') ?)?(?P<season>{_SEASON_WORDS})"
            rf" (?P<way>{_NEXT}|{_LAST})\b",
            _season_way,
        ),
        (
            rf"\b(?:the |this )?(?P<way>coming|next|last|past) (?P<season>{_SEASON_WORDS})\b",
            _season_way,
        ),
        (r"\b(?:le mois (?:dernier|passe)|last month|the previous month)\b", _last_month),
        (r"\b(?:le mois prochain|next month|the following month)\b", _next_month),
        (r"\b(?:(?:later |earlier )?this month|ce mois-ci|plus tard ce mois)\b", _this_month),
        (
            r"\b(?:(?:later |early |earlier )?next year|l'an prochain|l'annee prochaine"
            r"|l'an qui vient)\b",
            _next_year,
        ),
        (
            r"\b(?:last year(?:'s)?|l'an dernier|l'annee derniere|l'an passe|l'annee passee)\b",
            _last_year,
        ),
        (
            r"\b(?:(?:by|before|until) the end of next year|(?:d'ici (?:a )?|avant )la fin de"
            r" l'annee prochaine)\b",
            _next_year,
        ),
        (
            r"\b(?:(?:by|before|until) (?:the end of (?:the|this) year|year-end|the year's end)"
            r"|later this year|(?:d'ici (?:a )?|avant )la fin de (?:l'annee|cette annee)"
            r"|plus tard cette annee|dans le courant de l'annee)\b",
            _this_year,
        ),
        (
            r"\b(?:(?:by|before) the end of (?:the|this) month|(?:d'ici (?:a )?|avant )la fin"
            r" du mois)\b",
            _this_month,
        ),
        (r"\b(?:this year|cette annee|(?:de |dans )?l'annee en cours)\b", _this_year),
        (r"\b(?:la semaine (?:derniere|passee)|last week(?! of)|the previous week)\b", _last_week),
        (r"\b(?:la semaine prochaine|next week)\b", _next_week),
        (r"\b(?:the following week|la semaine suivante|the week after)\b", _week_after),
        (r"\b(?:hier|yesterday)\b", _yesterday),
        (r"\b(?:demain|tomorrow)\b", _tomorrow),
        (r"\b(?:aujourd'hui|today)\b", _today),
        (
            r"\b(?:la veille|the day before|the previous day|(?:on )?the eve)"
            r"(?: (?:du|de la|of the|of) (?P<summit>sommet|summit))?\b",
            _eve,
        ),
        (
            r"\b(?:le lendemain|the following day|the next day|the day after)"
            r"(?: (?:du|de la|of the|of) (?P<summit>sommet|summit))?\b",
            _day_after,
        ),
        (
            rf"\b(?:(?:on|le|ce|this) )?(?P<first>{_DAY_WORD}) (?P<day>\d{{1,2}})"
            r"(?:er|st|nd|rd|th)?"
            rf"(?:\s*(?:-|\u2013|au|to|et|and)\s*(?:(?P<second>{_DAY_WORD}) )?"
            rf"(?P<last>\d{{1,2}})(?:er|st|nd|rd|th)?)?\b(?! ?(?:{_MONTH_WORDS}|\d)\b)",
            _weekday_days,
        ),
        (
            rf"\b(?:(?:on|le|ce|this|last|next) )?(?P<first>{_DAY_WORD})\b\.?"
            rf"(?:(?: et |-| - | to | and |\u2013)(?P<second>{_DAY_WORD})\b\.?)?"
            rf"(?: (?P<way>dernier|prochain|last|next))?(?! ?\d)",
            _weekdays,
        ),
    )
)

"""Reading French and English date phrases ("mi-mai 2026", "Q3 2026") into date windows.

Seasons are meteorological, northern hemisphere: spring is March-May, summer June-August,
autumn September-November, and "winter 2026" (also "winter 2026-27") is 1 December 2026
to the end of February 2027, so a winter is named after the year in which it begins.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import Any, cast

from sco_cal.domain.date_labels import month_name
from sco_cal.domain.dates import FIRST_YEAR, LAST_YEAR, DateWindow, Precision, iso_day
from sco_cal.domain.errors import DatePhraseError
from sco_cal.domain.everyday_dates import UnreadableDate, read_everyday
from sco_cal.domain.text import fold
from sco_cal.i18n import N_, _

_MAX_LENGTH = 200
_MAX_WRAPPED_MONTHS = 6
_MONTH_WORDS = (
    "janvier janv jan january|fevrier fevr fev feb february|mars mar march|avril avr apr april"
    "|mai may|juin jun june|juillet juil jul july|aout aug august|septembre sept sep september"
    "|octobre oct october|novembre nov november|decembre dec december"
)
_MONTHS = {w: n for n, words in enumerate(_MONTH_WORDS.split("|"), 1) for w in words.split()}
_LAST = -1
_ORDINALS = {
    **dict.fromkeys("premier premiere 1er 1re 1ere first 1st".split(), 1),
    **dict.fromkeys("deuxieme second seconde 2e 2eme 2nd".split(), 2),
    **dict.fromkeys("troisieme third 3e 3eme 3rd".split(), 3),
    **dict.fromkeys("quatrieme fourth 4e 4eme 4th".split(), 4),
    **dict.fromkeys("dernier derniere last".split(), _LAST),
}
_SEASONS = {"printemps": 3, "spring": 3, "ete": 6, "summer": 6, "automne": 9, "autumn": 9}
_SEASONS |= {"fall": 9, "hiver": 12, "winter": 12}
_PARTS = {"debut": 1, "early": 1, "beginning": 1, "start": 1, "mi": 2, "mid": 2, "milieu": 2}
_PARTS |= {"middle": 2, "fin": 3, "late": 3, "end": 3}


def _alt(words: Iterable[str]) -> str:
    return "|".join(re.escape(w) for w in sorted(words, key=len, reverse=True))


_MONTH = rf"(?P<month>{_alt(_MONTHS)})\.?"
_DAY = r"(?P<day>\d{1,2})(?:ere|eme|er|re|st|nd|rd|th|e)?"
_YEAR = r"(?P<year>\d{4})"
_ORD = rf"(?P<ord>{_alt(_ORDINALS)})"
_OF = r"(?: (?:of|de|du|d'|de l'annee))?"
_WEEKDAY = (
    r"(?:(?:lun|mar|mercre|jeu|vendre|same)di|dimanche|(?:mon|tues|wednes|thurs|fri|satur|sun)day"
    r"|mon|tue|tues|wed|thu|thur|thurs|fri|sat|sun)\.? "
)


class _LazyPattern:
    """A regex compiled on first use: most commands start, parse one ISO date, and exit."""

    __slots__ = ("_source", "_flags", "_compiled")

    def __init__(self, source: str, flags: int = 0) -> None:
        self._source, self._flags = source, flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str) -> Any:
        if self._compiled is None:
            self._compiled = re.compile(self._source, self._flags)
        return getattr(self._compiled, name)


def _compile(*patterns: str) -> tuple[re.Pattern[str], ...]:
    return tuple(_lazy(f"^(?:{p})$", re.ASCII) for p in patterns)


def _lazy(source: str, flags: int = 0) -> re.Pattern[str]:
    return cast("re.Pattern[str]", _LazyPattern(source, flags))


_ENDPOINTS = _compile(
    r"(?P<year>\d{4})([-/.])(?P<month>\d{1,2})\2(?P<day>\d{1,2})",
    r"(?P<day>\d{1,2})([-/.])(?P<month>\d{1,2})\2(?P<year>\d{4})",
    r"(?P<year>\d{4})[-/.](?P<month>\d{1,2})",
    r"(?P<month>\d{1,2})[-/.](?P<year>\d{4})",
    _YEAR,
    rf"(?:{_WEEKDAY})?(?:the )?{_DAY}(?: of)?(?: {_MONTH})?(?: {_YEAR})?",
    rf"(?:{_WEEKDAY})?{_MONTH}(?: (?:the )?{_DAY})?(?: {_YEAR})?",
)
_QUARTERS = _compile(
    rf"[qt](?P<n>\d)(?:[- ]?{_YEAR})?",
    rf"{_YEAR}[- ]?[qt](?P<n>\d)",
    rf"{_ORD}[- ](?:trimestre|quarter){_OF}(?: {_YEAR})?",
)
_HALVES = _compile(
    rf"[sh](?P<n>\d)(?:[- ]?{_YEAR})?",
    rf"{_YEAR}[- ]?[sh](?P<n>\d)",
    rf"{_ORD}[- ](?:semestre|half|moitie){_OF}(?: {_YEAR})?",
)
_SEASON = _compile(
    rf"(?P<season>{_alt(_SEASONS)})(?:{_OF} {_YEAR}(?:[-/](?P<next>\d{{4}}|\d{{2}}))?)?"
)
_PART = _compile(
    rf"(?P<part>{_alt(_PARTS)})[- ](?:of |de |d'|du mois de |du mois d'|the month of )?"
    rf"{_MONTH}(?: {_YEAR})?"
)
_LEAD = _lazy(
    r"^(?:(?:courant|cours|en|le|les|la|au|aux|dans|durant|pendant|pour|des|vers|du|de|entre"
    r"|in|during|on|the|for|by|around|at|about|sometime|between|annee|year|a la) |(?:a l'|l'|d') ?)"
)
_OPEN = _lazy(
    r"^(?:a partir (?:du |des |de la |de l'|de |d')|from |starting (?:in |from |on )?"
    r"|as (?:of|from) )(?P<rest>.+)$"
)
_ONWARDS = _lazy(r"^(?P<rest>.+?) (?:onwards?|on|and (?:beyond|after|later)|et au-dela)$")
_SEPARATOR = _lazy(r"\.\.|/|-| (?:au|a|to|until|till|through|thru|et|and|jusqu'au) ")
_KNOWN_WORD = _lazy(
    rf"\b(?:{_alt(_MONTHS)}|{_alt(_SEASONS)}|trimestre|quarter|semestre|half)\b", re.ASCII
)


class _Bad(Exception):
    """A reason the phrase cannot be read; turned into DatePhraseError with the phrase."""


class _NoYear(_Bad):
    """The phrase names no year and none was given: today may choose one."""


@dataclass(frozen=True, slots=True)
class _Partial:
    day: int | None
    month: int | None
    year: int | None


@dataclass(frozen=True, slots=True)
class _Context:
    default_year: int | None
    today: date | None
    looking_back: bool = False

    def year(self, given: int | None) -> int:
        year = given if given is not None else self.default_year
        if year is None:
            raise _NoYear(N_("no year"))
        if not FIRST_YEAR <= year <= LAST_YEAR:
            raise _Bad(
                _("year {year} is outside {first_year}-{last_year}").format(
                    year=year, first_year=FIRST_YEAR, last_year=LAST_YEAR
                )
            )
        return year


def parse_date_phrase(
    text: str,
    *,
    default_year: int | None = None,
    today: date | None = None,
    looking_back: bool = False,
) -> DateWindow:
    """Read a French or English date phrase; raise DatePhraseError if it cannot be read.

    `default_year` fills in a missing year ("le 27 novembre"); without it, `today` does:
    the next such date from today, or the last one when the command `looking_back`.
    `today` is also what "demain", "next monday" or "+3d" count from.
    """
    original = text.strip()
    if (day := iso_day(original)) is not None:
        return DateWindow(day, day, Precision.DAY, original)  # else the parser says what is wrong
    try:
        if not original:
            raise _Bad(N_("empty"))
        # Checked before and after folding: folding can lengthen text many times over.
        if len(original) > _MAX_LENGTH or len(phrase := _clean(original)) > _MAX_LENGTH:
            raise _Bad(_("longer than {max_length} characters").format(max_length=_MAX_LENGTH))
        context = _Context(default_year, today, looking_back)
        try:
            window = _read(phrase, context)
        except _NoYear:
            if today is None or default_year is not None:
                raise
            window = _nearest_year(phrase, context, today)
    except _Bad as bad:
        raise DatePhraseError(
            _("cannot read date phrase '{phrase}': {reason}").format(
                phrase=_shown(original), reason=_(str(bad))
            )
        ) from None
    return replace(window, text=original)


# A yearless phrase is looked for this many years ahead (or back): 29 February recurs
# within eight years, every other date within one.
_YEARS_TO_TRY = 9


def _nearest_year(phrase: str, context: _Context, today: date) -> DateWindow:
    """The phrase in the first year whose window has not ended by today (or, looking
    back, has begun by today)."""
    step = -1 if context.looking_back else 1
    reason = N_("no year")
    for year in range(today.year, today.year + step * _YEARS_TO_TRY, step):
        try:
            window = _read(phrase, replace(context, default_year=year))
        except _Bad as bad:
            reason = str(bad)
            continue
        if (window.start <= today) if context.looking_back else (window.end >= today):
            return window
    raise _Bad(reason)


def _shown(text: str) -> str:
    flat = " ".join(text.split())
    flat = flat if len(flat) <= 60 else flat[:57] + "..."
    return "".join(c if c.isprintable() else f"\\x{ord(c):02x}" for c in flat)


def _clean(text: str) -> str:
    folded = fold(text).replace("&", " et ").replace(",", " ")
    folded = re.sub(r"\s*-\s*", "-", " ".join(folded.split()))
    return folded.strip(' .;:!?()[]"«»')


def _strip_lead(phrase: str) -> str:
    while (match := _LEAD.match(phrase)) is not None and match.end() < len(phrase):
        phrase = phrase[match.end() :]
    return phrase


def _read(phrase: str, ctx: _Context) -> DateWindow:
    everyday = _everyday(phrase, ctx)
    if everyday is not None:
        return everyday
    phrase = _strip_lead(phrase)
    opened = _OPEN.match(phrase)
    rest = opened["rest"] if opened else phrase
    onwards = _ONWARDS.match(rest)
    if onwards is not None:
        rest = onwards["rest"]
    if opened is None and onwards is None:
        return _read_plain(phrase, ctx)[0]
    window, ranged = _read_plain(_strip_lead(rest), ctx)
    # "from 30 October to 13 November" is a closed range, not an open start.
    if ranged and onwards is None:
        return window
    return replace(window, open_ended=True)


def _everyday(phrase: str, ctx: _Context) -> DateWindow | None:
    try:
        return read_everyday(phrase, ctx.today, looking_back=ctx.looking_back)
    except UnreadableDate as exc:
        raise _Bad(str(exc)) from None


def _read_plain(phrase: str, ctx: _Context) -> tuple[DateWindow, bool]:
    everyday = _everyday(phrase, ctx)
    if everyday is not None:
        return everyday, False
    window = _read_period(phrase, ctx, _QUARTERS, 3) or _read_period(phrase, ctx, _HALVES, 6)
    window = window or _read_season(phrase, ctx) or _read_part(phrase, ctx)
    window = window or _read_single(phrase, ctx)
    if window is not None:
        return window, False
    window = _read_range(phrase, ctx)
    if window is not None:
        return window, True
    if _KNOWN_WORD.search(phrase):
        raise _Bad(N_("the words are known but do not make a date together"))
    raise _Bad(N_("no month, season, quarter or half-year recognised"))


def _match(patterns: tuple[re.Pattern[str], ...], phrase: str) -> re.Match[str] | None:
    for pattern in patterns:
        match = pattern.match(phrase)
        if match is not None:
            return match
    return None


def _number(value: str | None) -> int | None:
    return None if value is None else int(value)


def _month_number(value: str | None) -> int | None:
    if value is None:
        return None
    return int(value) if value.isdigit() else _MONTHS[value]


def _month_end(year: int, month: int) -> date:
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _check_month(month: int) -> int:
    if not 1 <= month <= 12:
        raise _Bad(_("there is no month {month}").format(month=month))
    return month


def _day(year: int, month: int, day: int) -> date:
    last = _month_end(year, _check_month(month)).day
    if not 1 <= day <= last:
        raise _Bad(
            _("there is no day {day} in {month} {year}").format(
                day=day, month=month_name(month, "en", short=False), year=year
            )
        )
    return date(year, month, day)


def _read_period(
    phrase: str, ctx: _Context, patterns: tuple[re.Pattern[str], ...], size: int
) -> DateWindow | None:
    match = _match(patterns, phrase)
    if match is None:
        return None
    count = 12 // size
    found = match.groupdict()
    number = _ORDINALS[found["ord"]] if found.get("ord") else int(found["n"])
    number = count if number == _LAST else number
    if not 1 <= number <= count:
        raise _Bad(
            (
                _("there is no quarter {number}")
                if size == 3
                else _("there is no half-year {number}")
            ).format(number=number)
        )
    year = ctx.year(_number(match["year"]))
    first = (number - 1) * size + 1
    precision = Precision.QUARTER if size == 3 else Precision.HALF
    return DateWindow(date(year, first, 1), _month_end(year, first + size - 1), precision)


def _read_season(phrase: str, ctx: _Context) -> DateWindow | None:
    match = _match(_SEASON, phrase)
    if match is None:
        return None
    first = _SEASONS[match["season"]]
    year = ctx.year(_number(match["year"]))
    if match["next"] is not None:
        following = int(match["next"])
        if first != 12 or following not in (year + 1, (year + 1) % 100):
            raise _Bad(
                _("a season cannot run from {year} to {next}").format(year=year, next=match["next"])
            )
    end_year, end_month = (year + 1, 2) if first == 12 else (year, first + 2)
    return DateWindow(date(year, first, 1), _month_end(end_year, end_month), Precision.SEASON)


def _read_part(phrase: str, ctx: _Context) -> DateWindow | None:
    match = _match(_PART, phrase)
    if match is None:
        return None
    year = ctx.year(_number(match["year"]))
    month = _MONTHS[match["month"]]
    last = _month_end(year, month).day
    first_day, last_day = ((1, 10), (11, 20), (21, last))[_PARTS[match["part"]] - 1]
    return DateWindow(date(year, month, first_day), date(year, month, last_day), Precision.MONTH)


def _endpoint(phrase: str) -> _Partial | None:
    match = _match(_ENDPOINTS, phrase)
    if match is None:
        return None
    found = match.groupdict()
    return _Partial(
        _number(found.get("day")), _month_number(found.get("month")), _number(found.get("year"))
    )


def _read_single(phrase: str, ctx: _Context) -> DateWindow | None:
    point = _endpoint(phrase)
    if point is None or (point.day is not None and point.month is None):
        return None
    year = ctx.year(point.year)
    if point.month is None:
        return DateWindow(date(year, 1, 1), date(year, 12, 31), Precision.YEAR)
    if point.day is None:
        month = _check_month(point.month)
        return DateWindow(date(year, month, 1), _month_end(year, month), Precision.MONTH)
    day = _day(year, point.month, point.day)
    return DateWindow(day, day, Precision.DAY)


def _read_range(phrase: str, ctx: _Context) -> DateWindow | None:
    for separator in _SEPARATOR.finditer(phrase):
        first = _endpoint(_strip_lead(phrase[: separator.start()]))
        last = _endpoint(phrase[separator.end() :])
        if first is not None and last is not None:
            window = _combine(first, last, ctx)
            if window is not None:
                return window
    return None


def _years(first: _Partial, last: _Partial, ctx: _Context) -> tuple[int, int]:
    if first.year is not None and last.year is not None:
        return ctx.year(first.year), ctx.year(last.year)
    # "28 Dec - 3 Jan 2026" crosses a new year although only one year is written; a
    # range of more than six months that would have to ("du 13 novembre au 30 octobre
    # 2025") is far more likely reversed by mistake, and is refused as such.
    wraps = (
        first.month is not None
        and last.month is not None
        and first.month > last.month
        and 12 - first.month + last.month + 1 <= _MAX_WRAPPED_MONTHS
    )
    if first.year is None and last.year is None:
        year = ctx.year(None)
        return year, year
    if first.year is None:
        year = ctx.year(last.year)
        return ctx.year(year - 1 if wraps else year), year
    year = ctx.year(first.year)
    return year, ctx.year(year + 1 if wraps else year)


def _combine(first: _Partial, last: _Partial, ctx: _Context) -> DateWindow | None:
    if (first.day is None) != (last.day is None):
        return None
    if first.day is None and (first.month is None) != (last.month is None):
        return None
    first_month = first.month if first.month is not None else last.month
    last_month = last.month if last.month is not None else first.month
    if first_month is None or last_month is None:
        if first.day is not None:
            return None
        start = date(ctx.year(first.year), 1, 1)
        return _span(start, date(ctx.year(last.year), 12, 31), Precision.YEAR)
    first_year, last_year = _years(first, last, ctx)
    if first.day is None or last.day is None:
        start = date(first_year, _check_month(first_month), 1)
        return _span(start, _month_end(last_year, _check_month(last_month)), Precision.MONTH)
    start = _day(first_year, first_month, first.day)
    end = _day(last_year, last_month, last.day)
    return _span(start, end, Precision.DAY if start == end else Precision.DAYS)


def _span(start: date, end: date, precision: Precision) -> DateWindow:
    if end < start:
        raise _Bad(_("it ends ({end}) before it starts ({start})").format(end=end, start=start))
    return DateWindow(start, end, precision)

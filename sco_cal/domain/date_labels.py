"""Compact labels for date windows, in English or French, that the phrase parser reads back."""

from __future__ import annotations

from datetime import date, timedelta

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.languages import language

_EN_LONG = "January February March April May June July August September October November December"
_FR_LONG = "janvier février mars avril mai juin juillet août septembre octobre novembre décembre"
_NAMES: dict[tuple[str, bool], tuple[str, ...]] = {
    ("en", True): tuple("Jan Feb Mar Apr May Jun Jul Aug Sep Oct Nov Dec".split()),
    ("en", False): tuple(_EN_LONG.split()),
    ("fr", True): tuple("janv. févr. mars avr. mai juin juil. août sept. oct. nov. déc.".split()),
    ("fr", False): tuple(_FR_LONG.split()),
}
_WEEKDAYS = {
    "en": ("Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"),
    "fr": ("lu", "ma", "me", "je", "ve", "sa", "di"),
}
_WEEKDAYS_LONG = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}
_PARTS = {"en": ("early ", "mid ", "late "), "fr": ("début ", "mi-", "fin ")}
_SEASONS = {
    "en": {3: "spring", 6: "summer", 9: "autumn", 12: "winter"},
    "fr": {3: "printemps", 6: "été", 9: "automne", 12: "hiver"},
}
_PERIOD_LETTER = {("en", 3): "Q", ("en", 6): "H", ("fr", 3): "T", ("fr", 6): "S"}


def month_name(month: int, lang: str, short: bool = True) -> str:
    """The month's name as shown to people: `month_name(9, "fr")` is "sept."."""
    if not 1 <= month <= 12:
        raise ValueError(f"there is no month {month}")
    return _NAMES[(language(lang), short)][month - 1]


def date_label(day: date, lang: str, short: bool = False) -> str:
    """One day as people write it: "1 November 2025", "1er novembre 2025"."""
    number = "1er" if day.day == 1 and language(lang) == "fr" else str(day.day)
    return f"{number} {month_name(day.month, lang, short=short)} {day.year}"


def weekday_name(weekday: int, lang: str, short: bool = True) -> str:
    """Monday is 0: "Mo" (short) or "Mon" in English, "lu" or "lun." in French."""
    return (_WEEKDAYS if short else _WEEKDAYS_LONG)[language(lang)][weekday]


def day_label(day: date, lang: str) -> str:
    """ "Mon 23 Nov", "lun. 23 nov.": a day of a week as a heading."""
    return (
        f"{weekday_name(day.weekday(), lang, short=False)} {day.day} {month_name(day.month, lang)}"
    )


def format_window(window: DateWindow, lang: str = "en") -> str:
    """The window as a person reads it, short enough for a table column."""
    lang = language(lang)
    body = _body(window, lang)
    if not window.open_ended:
        return body
    if lang == "en":
        return f"from {body}"
    return _french_from(body, window.precision)


def _french_from(body: str, precision: Precision) -> str:
    # French elides and contracts the preposition: "du 3 mai", "d'oct.", "de l'été".
    if precision is Precision.SEASON:
        return f"à partir du {body}" if body.startswith("printemps") else f"à partir de l'{body}"
    if body[0].isdigit() and precision is not Precision.YEAR:
        return f"à partir du {body}"
    if body[0] in "aeiouéhAEIOU":
        return f"à partir d'{body}"
    return f"à partir de {body}"


def span_label(start: date, end: date, lang: str = "en") -> str:
    """The shortest label of the days `start`..`end` whatever the precision a source gave:
    "2026", "H2 2026", "Q4 2026", "winter 2026-27", "Oct-Nov 2026", else the days."""
    lang = language(lang)
    for precision in (Precision.YEAR, Precision.HALF, Precision.QUARTER, Precision.SEASON):
        label = _body(DateWindow(start, end, precision), lang)
        if label != _days(start, end, lang):
            return label
    return _body(DateWindow(start, end, Precision.MONTH), lang)


def month_end(year: int, month: int) -> date:
    """The last day of a month."""
    if month == 12:
        return date(year, 12, 31)
    return date(year, month + 1, 1) - timedelta(days=1)


def _body(window: DateWindow, lang: str) -> str:
    start, end = window.start, window.end
    label: str | None = None
    if window.precision is Precision.YEAR:
        label = _years(start, end)
    elif window.precision is Precision.MONTH:
        label = _part_of_month(start, end, lang) or _months(start, end, lang)
    elif window.precision in (Precision.QUARTER, Precision.HALF):
        size = 3 if window.precision is Precision.QUARTER else 6
        label = _period(start, end, size, lang)
    elif window.precision is Precision.SEASON:
        label = _season(start, end, lang)
    return label or _days(start, end, lang)


def _years(start: date, end: date) -> str | None:
    if (start.month, start.day, end.month, end.day) != (1, 1, 12, 31):
        return None
    return str(start.year) if start.year == end.year else f"{start.year}-{end.year}"


def _whole_months(start: date, end: date) -> bool:
    return start.day == 1 and end == month_end(end.year, end.month)


def _months(start: date, end: date, lang: str) -> str | None:
    if not _whole_months(start, end):
        return None
    first, last = month_name(start.month, lang), month_name(end.month, lang)
    if (start.year, start.month) == (end.year, end.month):
        return f"{first} {start.year}"
    if start.year == end.year:
        return f"{first}-{last} {end.year}"
    return f"{first} {start.year}-{last} {end.year}"


def _part_of_month(start: date, end: date, lang: str) -> str | None:
    if (start.year, start.month) != (end.year, end.month):
        return None
    last_day = month_end(start.year, start.month).day
    spans = ((1, 10), (11, 20), (21, last_day))
    if (start.day, end.day) not in spans:
        return None
    part = _PARTS[lang][spans.index((start.day, end.day))]
    return f"{part}{month_name(start.month, lang)} {start.year}"


def _period(start: date, end: date, size: int, lang: str) -> str | None:
    aligned = start.day == 1 and (start.month - 1) % size == 0
    if not aligned or end != month_end(start.year, start.month + size - 1):
        return None
    return f"{_PERIOD_LETTER[(lang, size)]}{(start.month - 1) // size + 1} {start.year}"


def _season(start: date, end: date, lang: str) -> str | None:
    if start.day != 1 or start.month not in (3, 6, 9, 12):
        return None
    last_month = start.month + 2
    year = start.year + (last_month - 1) // 12
    if end != month_end(year, (last_month - 1) % 12 + 1):
        return None
    name = _SEASONS[lang][start.month]
    if start.month == 12:
        return f"{name} {start.year}-{(start.year + 1) % 100:02d}"
    return f"{name} {start.year}"


def _day(day: date, lang: str) -> str:
    return "1er" if lang == "fr" and day.day == 1 else str(day.day)


def _days(start: date, end: date, lang: str) -> str:
    def full(day: date) -> str:
        return f"{_day(day, lang)} {month_name(day.month, lang)} {day.year}"

    if start == end:
        return full(start)
    if start.year != end.year:
        return f"{full(start)}-{full(end)}"
    if start.month != end.month:
        return f"{_day(start, lang)} {month_name(start.month, lang)}-{full(end)}"
    return f"{_day(start, lang)}-{full(end)}"

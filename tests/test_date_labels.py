"""Labels for date windows, in both languages, and that the parser reads them back."""

from __future__ import annotations

from datetime import date

import pytest

from sco_cal.domain.date_labels import format_window, month_name
from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import UnknownValue

D = date
P = Precision


def w(start: date, end: date, precision: Precision, open_ended: bool = False) -> DateWindow:
    return DateWindow(start, end, precision, open_ended=open_ended)


# window, English label, French label
LABELS: list[tuple[str, DateWindow, str, str]] = [
    ("day", w(D(2026, 11, 11), D(2026, 11, 11), P.DAY), "11 Nov 2026", "11 nov. 2026"),
    ("first-day", w(D(2025, 9, 1), D(2025, 9, 1), P.DAY), "1 Sep 2025", "1er sept. 2025"),
    ("may", w(D(2026, 5, 4), D(2026, 5, 4), P.DAY), "4 May 2026", "4 mai 2026"),
    (
        "days-same-month",
        w(D(2026, 1, 28), D(2026, 1, 29), P.DAYS),
        "28-29 Jan 2026",
        "28-29 janv. 2026",
    ),
    (
        "days-across-months",
        w(D(2025, 8, 31), D(2025, 9, 1), P.DAYS),
        "31 Aug-1 Sep 2025",
        "31 août-1er sept. 2025",
    ),
    (
        "days-across-years",
        w(D(2025, 12, 28), D(2026, 1, 3), P.DAYS),
        "28 Dec 2025-3 Jan 2026",
        "28 déc. 2025-3 janv. 2026",
    ),
    ("month", w(D(2025, 10, 1), D(2025, 10, 31), P.MONTH), "Oct 2025", "oct. 2025"),
    ("month-march", w(D(2026, 3, 1), D(2026, 3, 31), P.MONTH), "Mar 2026", "mars 2026"),
    ("early", w(D(2026, 10, 1), D(2026, 10, 10), P.MONTH), "early Oct 2026", "début oct. 2026"),
    ("mid", w(D(2026, 10, 11), D(2026, 10, 20), P.MONTH), "mid Oct 2026", "mi-oct. 2026"),
    ("late", w(D(2026, 10, 21), D(2026, 10, 31), P.MONTH), "late Oct 2026", "fin oct. 2026"),
    ("late-feb", w(D(2028, 2, 21), D(2028, 2, 29), P.MONTH), "late Feb 2028", "fin févr. 2028"),
    ("months", w(D(2025, 10, 1), D(2025, 12, 31), P.MONTH), "Oct-Dec 2025", "oct.-déc. 2025"),
    (
        "months-across-years",
        w(D(2025, 10, 1), D(2026, 2, 28), P.MONTH),
        "Oct 2025-Feb 2026",
        "oct. 2025-févr. 2026",
    ),
    ("odd-month-span", w(D(2026, 5, 5), D(2026, 5, 17), P.MONTH), "5-17 May 2026", "5-17 mai 2026"),
    ("quarter", w(D(2026, 1, 1), D(2026, 3, 31), P.QUARTER), "Q1 2026", "T1 2026"),
    ("quarter-4", w(D(2026, 10, 1), D(2026, 12, 31), P.QUARTER), "Q4 2026", "T4 2026"),
    ("half", w(D(2026, 7, 1), D(2026, 12, 31), P.HALF), "H2 2026", "S2 2026"),
    ("autumn", w(D(2026, 9, 1), D(2026, 11, 30), P.SEASON), "autumn 2026", "automne 2026"),
    ("summer", w(D(2026, 6, 1), D(2026, 8, 31), P.SEASON), "summer 2026", "été 2026"),
    ("winter", w(D(2026, 12, 1), D(2027, 2, 28), P.SEASON), "winter 2026-27", "hiver 2026-27"),
    ("year", w(D(2026, 1, 1), D(2026, 12, 31), P.YEAR), "2026", "2026"),
    ("years", w(D(2026, 1, 1), D(2027, 12, 31), P.YEAR), "2026-2027", "2026-2027"),
    (
        "open-year",
        w(D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
        "from 2027",
        "à partir de 2027",
    ),
    (
        "open-month",
        w(D(2027, 10, 1), D(2027, 10, 31), P.MONTH, True),
        "from Oct 2027",
        "à partir d'oct. 2027",
    ),
    (
        "open-day",
        w(D(2026, 11, 11), D(2026, 11, 11), P.DAY, True),
        "from 11 Nov 2026",
        "à partir du 11 nov. 2026",
    ),
]

ROUND_TRIP = [
    "le 11 novembre 2026",
    "1er septembre 2025",
    "28-29 January 2026",
    "31 août & 1er septembre 2025",
    "du 28 décembre 2025 au 3 janvier 2026",
    "En octobre 2025",
    "d'octobre à décembre 2025",
    "Oct 2025 - Feb 2026",
    "début octobre 2026",
    "mi-mai 2026",
    "fin juin 2026",
    "late February 2028",
    "premier trimestre 2026",
    "Q4 2026",
    "Second semestre 2026",
    "à l'automne 2026",
    "l'hiver 2026",
    "summer 2026",
    "Pour 2026",
    "2026-2027",
    "À partir de 2027",
    "à partir d'octobre 2027",
    "from 11 November 2026",
    "à partir de l'automne 2026",
    "du 1er au 3 septembre 2025",
]


@pytest.mark.parametrize(
    ("window", "english", "french"), [pytest.param(*row[1:], id=row[0]) for row in LABELS]
)
def test_labels(window: DateWindow, english: str, french: str) -> None:
    assert format_window(window) == english
    assert format_window(window, "en") == english
    assert format_window(window, "fr") == french
    assert len(english) <= 22 and len(french) <= 26


@pytest.mark.parametrize("lang", ["en", "fr"])
@pytest.mark.parametrize("phrase", ROUND_TRIP)
def test_labels_read_back(phrase: str, lang: str) -> None:
    window = parse_date_phrase(phrase)
    again = parse_date_phrase(format_window(window, lang))
    assert (again.start, again.end, again.open_ended) == (
        window.start,
        window.end,
        window.open_ended,
    )


@pytest.mark.parametrize(
    ("month", "lang", "short", "expected"),
    [
        pytest.param(1, "en", True, "Jan", id="en-short"),
        pytest.param(1, "en", False, "January", id="en-long"),
        pytest.param(2, "fr", True, "févr.", id="fr-short"),
        pytest.param(8, "fr", False, "août", id="fr-long"),
        pytest.param(9, "FR", True, "sept.", id="fr-upper"),
    ],
)
def test_month_name(month: int, lang: str, short: bool, expected: str) -> None:
    assert month_name(month, lang, short) == expected


def test_there_is_no_month_13() -> None:
    with pytest.raises(ValueError):
        month_name(13, "en")


def test_an_unknown_language_is_the_same_error_everywhere() -> None:
    with pytest.raises(UnknownValue, match="unknown language 'xx'"):
        format_window(DateWindow(D(2026, 1, 1), D(2026, 1, 1), P.DAY), "xx")
    with pytest.raises(UnknownValue, match="unknown language 'de'"):
        month_name(1, "de")

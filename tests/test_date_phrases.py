"""Reading date phrases: every supported shape, the refusals, and the window type itself."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import DatePhraseError, InvalidInput

D = date
P = Precision
TODAY = D(2026, 5, 4)

# phrase, start, end, precision, open_ended
GOOD: list[tuple[str, date, date, Precision, bool]] = [
    # single days
    ("le 11 novembre 2026", D(2026, 11, 11), D(2026, 11, 11), P.DAY, False),
    ("11 novembre 2026", D(2026, 11, 11), D(2026, 11, 11), P.DAY, False),
    ("LE 11 NOVEMBRE 2026", D(2026, 11, 11), D(2026, 11, 11), P.DAY, False),
    ("1er septembre 2025", D(2025, 9, 1), D(2025, 9, 1), P.DAY, False),
    ("1 septembre 2025", D(2025, 9, 1), D(2025, 9, 1), P.DAY, False),
    ("2026-03-14", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("14/03/2026", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("14.03.2026", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("March 14, 2026", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("14 March 2026", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("Mar 14 2026", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("on 14th March 2026.", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    ("Wednesday, 11 November 2026", D(2026, 11, 11), D(2026, 11, 11), P.DAY, False),
    ("le 3 déc. 2025", D(2025, 12, 3), D(2025, 12, 3), P.DAY, False),
    ("le 3 dec 2025", D(2025, 12, 3), D(2025, 12, 3), P.DAY, False),
    ("29 février 2028", D(2028, 2, 29), D(2028, 2, 29), P.DAY, False),
    # day ranges
    ("21-22 mai 2025", D(2025, 5, 21), D(2025, 5, 22), P.DAYS, False),
    ("21–22 mai 2025", D(2025, 5, 21), D(2025, 5, 22), P.DAYS, False),
    ("3-6 juin 2025", D(2025, 6, 3), D(2025, 6, 6), P.DAYS, False),
    ("31 août & 1er septembre 2025", D(2025, 8, 31), D(2025, 9, 1), P.DAYS, False),
    ("31 aout & 1er septembre 2025", D(2025, 8, 31), D(2025, 9, 1), P.DAYS, False),
    ("les 31 août et 1er septembre 2025", D(2025, 8, 31), D(2025, 9, 1), P.DAYS, False),
    ("du 30 octobre au 13 novembre 2025", D(2025, 10, 30), D(2025, 11, 13), P.DAYS, False),
    ("du 31 juillet au 2 août 2025", D(2025, 7, 31), D(2025, 8, 2), P.DAYS, False),
    ("du 28 décembre 2025 au 3 janvier 2026", D(2025, 12, 28), D(2026, 1, 3), P.DAYS, False),
    ("28-29 January 2026", D(2026, 1, 28), D(2026, 1, 29), P.DAYS, False),
    ("January 28-29, 2026", D(2026, 1, 28), D(2026, 1, 29), P.DAYS, False),
    ("28 Jan - 2 Feb 2026", D(2026, 1, 28), D(2026, 2, 2), P.DAYS, False),
    ("from 30 October to 13 November 2025", D(2025, 10, 30), D(2025, 11, 13), P.DAYS, False),
    ("2026-03-14..2026-03-16", D(2026, 3, 14), D(2026, 3, 16), P.DAYS, False),
    ("2026-03-14/2026-03-16", D(2026, 3, 14), D(2026, 3, 16), P.DAYS, False),
    ("between 3 and 5 May 2026", D(2026, 5, 3), D(2026, 5, 5), P.DAYS, False),
    ("28 Dec - 3 Jan 2026", D(2025, 12, 28), D(2026, 1, 3), P.DAYS, False),
    ("2026-03-14..2026-03-14", D(2026, 3, 14), D(2026, 3, 14), P.DAY, False),
    # months
    ("En octobre 2025", D(2025, 10, 1), D(2025, 10, 31), P.MONTH, False),
    ("Décembre 2025", D(2025, 12, 1), D(2025, 12, 31), P.MONTH, False),
    ("DECEMBRE 2025", D(2025, 12, 1), D(2025, 12, 31), P.MONTH, False),
    ("octobre 2025", D(2025, 10, 1), D(2025, 10, 31), P.MONTH, False),
    ("oct. 2025", D(2025, 10, 1), D(2025, 10, 31), P.MONTH, False),
    ("October 2025", D(2025, 10, 1), D(2025, 10, 31), P.MONTH, False),
    ("Oct 2025", D(2025, 10, 1), D(2025, 10, 31), P.MONTH, False),
    ("in March 2026", D(2026, 3, 1), D(2026, 3, 31), P.MONTH, False),
    ("févr. 2028", D(2028, 2, 1), D(2028, 2, 29), P.MONTH, False),
    ("2026-03", D(2026, 3, 1), D(2026, 3, 31), P.MONTH, False),
    ("03/2026", D(2026, 3, 1), D(2026, 3, 31), P.MONTH, False),
    ("d'octobre à décembre 2025", D(2025, 10, 1), D(2025, 12, 31), P.MONTH, False),
    ("octobre-décembre 2025", D(2025, 10, 1), D(2025, 12, 31), P.MONTH, False),
    ("October–December 2025", D(2025, 10, 1), D(2025, 12, 31), P.MONTH, False),
    ("Oct 2025 - Feb 2026", D(2025, 10, 1), D(2026, 2, 28), P.MONTH, False),
    # parts of months
    ("début octobre 2026", D(2026, 10, 1), D(2026, 10, 10), P.MONTH, False),
    ("debut octobre 2026", D(2026, 10, 1), D(2026, 10, 10), P.MONTH, False),
    ("mi-mai 2026", D(2026, 5, 11), D(2026, 5, 20), P.MONTH, False),
    ("mi mai 2026", D(2026, 5, 11), D(2026, 5, 20), P.MONTH, False),
    ("fin juin 2026", D(2026, 6, 21), D(2026, 6, 30), P.MONTH, False),
    ("fin-juin 2026", D(2026, 6, 21), D(2026, 6, 30), P.MONTH, False),
    ("fin février 2028", D(2028, 2, 21), D(2028, 2, 29), P.MONTH, False),
    ("early March 2026", D(2026, 3, 1), D(2026, 3, 10), P.MONTH, False),
    ("mid-May 2026", D(2026, 5, 11), D(2026, 5, 20), P.MONTH, False),
    ("mid May 2026", D(2026, 5, 11), D(2026, 5, 20), P.MONTH, False),
    ("late June 2026", D(2026, 6, 21), D(2026, 6, 30), P.MONTH, False),
    ("end of June 2026", D(2026, 6, 21), D(2026, 6, 30), P.MONTH, False),
    ("beginning of October 2026", D(2026, 10, 1), D(2026, 10, 10), P.MONTH, False),
    # quarters
    ("premier trimestre 2026", D(2026, 1, 1), D(2026, 3, 31), P.QUARTER, False),
    ("1er trimestre 2026", D(2026, 1, 1), D(2026, 3, 31), P.QUARTER, False),
    ("deuxième trimestre 2026", D(2026, 4, 1), D(2026, 6, 30), P.QUARTER, False),
    ("T2 2026", D(2026, 4, 1), D(2026, 6, 30), P.QUARTER, False),
    ("T2-2026", D(2026, 4, 1), D(2026, 6, 30), P.QUARTER, False),
    ("Q3 2026", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER, False),
    ("2026-Q3", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER, False),
    ("2026 Q3", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER, False),
    ("third quarter of 2026", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER, False),
    ("the first quarter 2026", D(2026, 1, 1), D(2026, 3, 31), P.QUARTER, False),
    ("au dernier trimestre 2026", D(2026, 10, 1), D(2026, 12, 31), P.QUARTER, False),
    # halves
    ("Second semestre 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("au courant du second semestre 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("premier semestre 2026", D(2026, 1, 1), D(2026, 6, 30), P.HALF, False),
    ("1er semestre 2026", D(2026, 1, 1), D(2026, 6, 30), P.HALF, False),
    ("deuxième semestre 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("DEUXIEME SEMESTRE 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("S2 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("H2 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("2026-H1", D(2026, 1, 1), D(2026, 6, 30), P.HALF, False),
    ("first half of 2026", D(2026, 1, 1), D(2026, 6, 30), P.HALF, False),
    ("second half 2026", D(2026, 7, 1), D(2026, 12, 31), P.HALF, False),
    ("H1 2026", D(2026, 1, 1), D(2026, 6, 30), P.HALF, False),
    # seasons
    ("à l'automne 2026", D(2026, 9, 1), D(2026, 11, 30), P.SEASON, False),
    ("à l’automne 2026", D(2026, 9, 1), D(2026, 11, 30), P.SEASON, False),
    ("automne 2026", D(2026, 9, 1), D(2026, 11, 30), P.SEASON, False),
    ("au printemps 2026", D(2026, 3, 1), D(2026, 5, 31), P.SEASON, False),
    ("été 2026", D(2026, 6, 1), D(2026, 8, 31), P.SEASON, False),
    ("ETE 2026", D(2026, 6, 1), D(2026, 8, 31), P.SEASON, False),
    ("l'hiver 2026", D(2026, 12, 1), D(2027, 2, 28), P.SEASON, False),
    ("autumn 2026", D(2026, 9, 1), D(2026, 11, 30), P.SEASON, False),
    ("fall 2026", D(2026, 9, 1), D(2026, 11, 30), P.SEASON, False),
    ("spring 2026", D(2026, 3, 1), D(2026, 5, 31), P.SEASON, False),
    ("summer 2026", D(2026, 6, 1), D(2026, 8, 31), P.SEASON, False),
    ("winter 2026", D(2026, 12, 1), D(2027, 2, 28), P.SEASON, False),
    ("winter 2027-28", D(2027, 12, 1), D(2028, 2, 29), P.SEASON, False),
    ("hiver 2026-2027", D(2026, 12, 1), D(2027, 2, 28), P.SEASON, False),
    # years
    ("Pour 2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("en 2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("dès 2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("courant 2027", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, False),
    ("in 2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("l'année 2026", D(2026, 1, 1), D(2026, 12, 31), P.YEAR, False),
    ("2026-2027", D(2026, 1, 1), D(2027, 12, 31), P.YEAR, False),
    ("À partir de 2027", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
    ("a partir de 2027", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
    ("from 2027", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
    ("from 2027 onwards", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
    ("starting 2027", D(2027, 1, 1), D(2027, 12, 31), P.YEAR, True),
    ("à partir d'octobre 2027", D(2027, 10, 1), D(2027, 10, 31), P.MONTH, True),
    ("à partir du 11 nov. 2026", D(2026, 11, 11), D(2026, 11, 11), P.DAY, True),
]

# phrases that need default_year=2026 or today=TODAY
WITH_CONTEXT: list[tuple[str, date, date, Precision]] = [
    ("le 27 novembre", D(2026, 11, 27), D(2026, 11, 27), P.DAY),
    ("mi-mai", D(2026, 5, 11), D(2026, 5, 20), P.MONTH),
    ("troisième trimestre", D(2026, 7, 1), D(2026, 9, 30), P.QUARTER),
    ("quatrième trimestre", D(2026, 10, 1), D(2026, 12, 31), P.QUARTER),
    ("octobre", D(2026, 10, 1), D(2026, 10, 31), P.MONTH),
    ("du 3 au 5 mai", D(2026, 5, 3), D(2026, 5, 5), P.DAYS),
    ("today", TODAY, TODAY, P.DAY),
    ("Aujourd'hui", TODAY, TODAY, P.DAY),
    ("aujourd’hui", TODAY, TODAY, P.DAY),
    ("tomorrow", D(2026, 5, 5), D(2026, 5, 5), P.DAY),
    ("demain", D(2026, 5, 5), D(2026, 5, 5), P.DAY),
    ("yesterday", D(2026, 5, 3), D(2026, 5, 3), P.DAY),
    ("hier", D(2026, 5, 3), D(2026, 5, 3), P.DAY),
]

# input, a fragment the message must contain
BAD: list[tuple[str, str]] = [
    ("", "''"),
    ("   ", "empty"),
    ("foo", "'foo'"),
    ("foo 2026", "no month, season, quarter or half-year recognised"),
    ("32 mai 2026", "day 32"),
    ("31 février 2026", "day 31"),
    ("29 February 2026", "day 29"),
    ("2026-13", "month 13"),
    ("2026-02-30", "day 30"),
    ("Q5 2026", "quarter 5"),
    ("S3 2026", "half-year 3"),
    ("du 13 au 2 mai 2026", "before it starts"),
    ("le 27 novembre", "no year"),
    ("today", "today"),
    ("x" * 10_000, "x" * 40),
    ("\x00", "\\x00"),
    ("3000", "year 3000"),
    ("octobre 1850", "year 1850"),
    ("summer 2026-28", "summer 2026-28"),
    ("mai mai 2026", "'mai mai 2026'"),
    ("28 - Feb 2026", "'28 - Feb 2026'"),
    ("from", "'from'"),
    ("2026 onwards to", "'2026 onwards to'"),
]


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision", "open_ended"),
    [pytest.param(*row, id=row[0]) for row in GOOD],
)
def test_reads_phrase(
    phrase: str, start: date, end: date, precision: Precision, open_ended: bool
) -> None:
    window = parse_date_phrase(phrase)
    assert (window.start, window.end, window.precision, window.open_ended) == (
        start,
        end,
        precision,
        open_ended,
    )


@pytest.mark.parametrize(
    ("phrase", "start", "end", "precision"),
    [pytest.param(*row, id=row[0]) for row in WITH_CONTEXT],
)
def test_reads_phrase_with_context(
    phrase: str, start: date, end: date, precision: Precision
) -> None:
    window = parse_date_phrase(phrase, default_year=2026, today=TODAY)
    assert (window.start, window.end, window.precision) == (start, end, precision)


def test_explicit_year_wins_over_default() -> None:
    assert parse_date_phrase("mai 2025", default_year=2026).start == D(2025, 5, 1)


@pytest.mark.parametrize(
    ("phrase", "fragment"), [pytest.param(*row, id=repr(row[0])[:30]) for row in BAD]
)
def test_refuses(phrase: str, fragment: str) -> None:
    with pytest.raises(DatePhraseError) as caught:
        parse_date_phrase(phrase)
    message = str(caught.value)
    assert message.startswith("cannot read date phrase '")
    assert fragment in message
    assert "\n" not in message
    assert isinstance(caught.value, InvalidInput)


def test_bad_default_year_is_refused() -> None:
    with pytest.raises(DatePhraseError, match="year 9999"):
        parse_date_phrase("mi-mai", default_year=9999)


def test_relative_day_at_the_calendar_edge() -> None:
    with pytest.raises(DatePhraseError):
        parse_date_phrase("tomorrow", today=date.max)


@given(st.text())
def test_any_text_gives_window_or_phrase_error(text: str) -> None:
    try:
        window = parse_date_phrase(text, default_year=2026, today=TODAY)
    except DatePhraseError:
        return
    assert isinstance(window, DateWindow)
    assert window.start <= window.end


@given(st.text(alphabet=st.sampled_from(list("0123456789 -/.aeimnorstuvjQTSH")), max_size=25))
def test_date_like_text_gives_window_or_phrase_error(text: str) -> None:
    try:
        parse_date_phrase(text)
    except DatePhraseError:
        pass


@pytest.mark.parametrize("phrase", ["  Mi-Mai 2026 ", "\tle 1er  septembre 2025.\n"])
def test_text_keeps_original_wording(phrase: str) -> None:
    assert parse_date_phrase(phrase).text == phrase.strip()


def test_window_rejects_start_after_end() -> None:
    with pytest.raises(ValueError):
        DateWindow(D(2026, 5, 2), D(2026, 5, 1), P.DAYS)


MAY = DateWindow(D(2026, 5, 1), D(2026, 5, 31), P.MONTH)


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        pytest.param(None, None, True, id="unbounded"),
        pytest.param(D(2026, 5, 31), None, True, id="starts-on-last-day"),
        pytest.param(D(2026, 6, 1), None, False, id="starts-after"),
        pytest.param(None, D(2026, 5, 1), True, id="ends-on-first-day"),
        pytest.param(None, D(2026, 4, 30), False, id="ends-before"),
        pytest.param(D(2026, 5, 10), D(2026, 5, 12), True, id="inside"),
        pytest.param(D(2026, 4, 1), D(2026, 7, 1), True, id="around"),
        pytest.param(D(2026, 6, 1), D(2026, 6, 30), False, id="next-month"),
    ],
)
def test_overlaps(start: date | None, end: date | None, expected: bool) -> None:
    assert MAY.overlaps(start, end) is expected


@pytest.mark.parametrize(
    ("day", "expected"),
    [
        pytest.param(D(2026, 5, 1), True, id="first"),
        pytest.param(D(2026, 5, 31), True, id="last"),
        pytest.param(D(2026, 4, 30), False, id="before"),
        pytest.param(D(2026, 6, 1), False, id="after"),
    ],
)
def test_contains(day: date, expected: bool) -> None:
    assert MAY.contains(day) is expected


def test_open_ended_window_does_not_widen_overlap() -> None:
    window = parse_date_phrase("from 2027")
    assert window.open_ended and not window.overlaps(D(2028, 1, 1), None)


@pytest.mark.parametrize(
    ("precision", "exact"), [pytest.param(p, p in (P.DAY, P.DAYS), id=p.value) for p in P]
)
def test_is_exact(precision: Precision, exact: bool) -> None:
    assert DateWindow(D(2026, 1, 1), D(2026, 1, 1), precision).is_exact is exact


def test_precision_values() -> None:
    assert [p.value for p in P] == ["day", "days", "month", "quarter", "half", "season", "year"]


def test_import_does_not_load_dateutil() -> None:
    root = Path(__file__).resolve().parent.parent
    code = "import sys, sco_cal.domain.date_phrases; print('dateutil' in sys.modules)"
    env = {**os.environ, "PYTHONPATH": str(root)}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env, check=True
    )
    assert result.stdout.strip() == "False"

"""Dates as people say them, in French and English, read against today: relative days,
weekdays, this or next week, "+3d", "dans 3 jours", ISO weeks, a day without a year."""

from __future__ import annotations

from datetime import date

import pytest

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import Precision
from sco_cal.domain.errors import DatePhraseError
from tests.support.cli import Cli

D = date
P = Precision
WEDNESDAY = D(2026, 11, 25)

# phrase, start, end, precision: read on Wednesday 25 November 2026, looking ahead.
AHEAD: list[tuple[str, date, date, Precision]] = [
    ("today", WEDNESDAY, WEDNESDAY, P.DAY),
    ("aujourd'hui", WEDNESDAY, WEDNESDAY, P.DAY),
    ("demain", D(2026, 11, 26), D(2026, 11, 26), P.DAY),
    ("yesterday", D(2026, 11, 24), D(2026, 11, 24), P.DAY),
    ("après-demain", D(2026, 11, 27), D(2026, 11, 27), P.DAY),
    ("next monday", D(2026, 11, 30), D(2026, 11, 30), P.DAY),
    ("lundi prochain", D(2026, 11, 30), D(2026, 11, 30), P.DAY),
    ("Mardi prochain", D(2026, 12, 1), D(2026, 12, 1), P.DAY),
    ("mercredi prochain", D(2026, 12, 2), D(2026, 12, 2), P.DAY),  # not today
    ("wednesday", WEDNESDAY, WEDNESDAY, P.DAY),
    ("lundi dernier", D(2026, 11, 23), D(2026, 11, 23), P.DAY),
    ("+3d", D(2026, 11, 28), D(2026, 11, 28), P.DAY),
    ("-2w", D(2026, 11, 11), D(2026, 11, 11), P.DAY),
    ("in 3 days", D(2026, 11, 28), D(2026, 11, 28), P.DAY),
    ("dans 3 jours", D(2026, 11, 28), D(2026, 11, 28), P.DAY),
    ("dans 2 semaines", D(2026, 12, 9), D(2026, 12, 9), P.DAY),
    ("dans un mois", D(2026, 12, 25), D(2026, 12, 25), P.DAY),
    ("3 days ago", D(2026, 11, 22), D(2026, 11, 22), P.DAY),
    ("il y a 3 jours", D(2026, 11, 22), D(2026, 11, 22), P.DAY),
    ("cette semaine", D(2026, 11, 23), D(2026, 11, 29), P.DAYS),
    ("this week", D(2026, 11, 23), D(2026, 11, 29), P.DAYS),
    ("la semaine prochaine", D(2026, 11, 30), D(2026, 12, 6), P.DAYS),
    ("next week", D(2026, 11, 30), D(2026, 12, 6), P.DAYS),
    ("la semaine dernière", D(2026, 11, 16), D(2026, 11, 22), P.DAYS),
    ("le mois prochain", D(2026, 12, 1), D(2026, 12, 31), P.MONTH),
    ("ce mois-ci", D(2026, 11, 1), D(2026, 11, 30), P.MONTH),
    ("l'année prochaine", D(2027, 1, 1), D(2027, 12, 31), P.YEAR),
    ("2027-W10", D(2027, 3, 8), D(2027, 3, 14), P.DAYS),
    ("semaine 10", D(2027, 3, 8), D(2027, 3, 14), P.DAYS),  # week 10 of 2026 is over
    ("week 48", D(2026, 11, 23), D(2026, 11, 29), P.DAYS),  # under way
    ("12 mars", D(2027, 3, 12), D(2027, 3, 12), P.DAY),
    ("12 March", D(2027, 3, 12), D(2027, 3, 12), P.DAY),
    ("le 25 novembre", WEDNESDAY, WEDNESDAY, P.DAY),
    ("24 novembre", D(2027, 11, 24), D(2027, 11, 24), P.DAY),
    ("29 février", D(2028, 2, 29), D(2028, 2, 29), P.DAY),  # the next leap year
    ("fin mars", D(2027, 3, 21), D(2027, 3, 31), P.MONTH),
]

# The same phrases, when the command looks back ("since monday", a document's date).
BACK: list[tuple[str, date]] = [
    ("lundi", D(2026, 11, 23)),
    ("monday", D(2026, 11, 23)),
    ("semaine 10", D(2026, 3, 2)),
    ("12 mars", D(2026, 3, 12)),
    ("24 novembre", D(2026, 11, 24)),
    ("29 février", D(2024, 2, 29)),
    ("next monday", D(2026, 11, 30)),  # said outright: the direction does not change it
]


@pytest.mark.parametrize(("phrase", "start", "end", "precision"), AHEAD, ids=[r[0] for r in AHEAD])
def test_everyday_phrases_read_against_today(
    phrase: str, start: date, end: date, precision: Precision
) -> None:
    window = parse_date_phrase(phrase, today=WEDNESDAY)
    assert (window.start, window.end, window.precision) == (start, end, precision)
    assert window.text == phrase


@pytest.mark.parametrize(("phrase", "start"), BACK, ids=[r[0] for r in BACK])
def test_a_day_named_without_which_one_is_the_last_when_looking_back(
    phrase: str, start: date
) -> None:
    assert parse_date_phrase(phrase, today=WEDNESDAY, looking_back=True).start == start


def test_a_given_year_wins_over_the_nearest_one() -> None:
    window = parse_date_phrase("12 mars", default_year=2030, today=WEDNESDAY)
    assert window.start == D(2030, 3, 12)


@pytest.mark.parametrize(
    ("phrase", "fragment"),
    [
        ("next monday", "today's date"),  # no today to count from
        ("2026-W54", "no week 54"),
        ("dans 20000 jours", "more than ten years"),
        ("dans 40 ans", "'dans 40 ans'"),
    ],
)
def test_everyday_phrases_that_name_no_day_are_refused(phrase: str, fragment: str) -> None:
    with pytest.raises(DatePhraseError) as caught:
        parse_date_phrase(phrase, today=None if "monday" in phrase else WEDNESDAY)
    assert fragment in str(caught.value)


def test_commands_take_everyday_dates(cli: Cli) -> None:
    """Wherever a date is asked for: a new event, a postponement, a reminder, a filter."""
    today = "2026-11-25"
    added = cli.json(
        "add", "Réunion d'experts", "--date", "lundi prochain", "--org", "SCO", today=today
    )
    assert (added["start"], added["precision"]) == ("2026-11-30", "day")
    listed = cli.json("list", "--from", "next monday", "--to", "+5d", today=today)
    assert added["id"] in {e["id"] for e in listed}
    assert added["id"] not in {e["id"] for e in cli.json("list", "--to", "+4d", today=today)}
    event = added
    moved = cli("postpone", event["id"], "la semaine prochaine", today="2026-11-26")
    assert moved.exit_code == 0, moved.stderr
    shown = cli.json("show", event["id"], today=today)
    assert (shown["start"], shown["end"]) == ("2026-11-30", "2026-12-06")
    (reminder,) = cli.json("remind", "add", event["id"], "--on", "dans 3 jours", today=today)
    assert reminder["due"] == "2026-11-28"


def test_since_a_weekday_looks_back(cli: Cli) -> None:
    data = cli.json("digest", "--since", "lundi", "--no-mark", today="2026-11-25")
    assert data["since"].startswith("2026-11-23")


@pytest.mark.parametrize(
    ("phrase", "today"),
    [
        ("+1 mois", D(9999, 12, 30)),
        ("l'année prochaine", D(9999, 6, 1)),
        ("il y a 1 mois", D(1, 1, 1)),
        ("demain", D(2200, 12, 31)),
        ("next week", D(2200, 12, 30)),
        ("l'année prochaine", D(2200, 6, 1)),
        ("hier", D(1900, 1, 1)),
        ("2201-W01", WEDNESDAY),
        ("semaine 10 de 1850", WEDNESDAY),
    ],
)
def test_a_day_outside_the_years_kept_is_a_phrase_error(phrase: str, today: date) -> None:
    with pytest.raises(DatePhraseError, match="outside the years 1900-2200"):
        parse_date_phrase(phrase, today=today)


@pytest.mark.parametrize(
    ("phrase", "today", "day"),
    [("demain", D(2200, 12, 30), D(2200, 12, 31)), ("hier", D(1900, 1, 2), D(1900, 1, 1))],
)
def test_the_first_and_last_days_kept_are_read(phrase: str, today: date, day: date) -> None:
    window = parse_date_phrase(phrase, today=today)
    assert (window.start, window.end) == (day, day)

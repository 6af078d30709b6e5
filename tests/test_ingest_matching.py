"""Which known event a finding of a bulletin speaks of: each linking rule on its own.

The end-to-end tests read whole bulletins; these hold each rule of `match_finding`
and `align_series` to its meaning with events made for the purpose.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.extract import Finding
from sco_cal.ingest.match import align_series, inside, likeness, match_finding

OCTOBER = DateWindow(date(2026, 10, 1), date(2026, 10, 31), Precision.MONTH, "octobre 2026")
OCT_14 = DateWindow(date(2026, 10, 14), date(2026, 10, 14), Precision.DAY, "14 octobre 2026")
MARCH = DateWindow(date(2027, 3, 1), date(2027, 3, 31), Precision.MONTH, "mars 2027")

DEFENCE = Event(
    id="sco-defence-ministers-23",
    organisation="SCO",
    kind=Kind.MINISTERIAL,
    title="23e réunion des ministres de la Défense",
    title_en="23rd Meeting of Defence Ministers",
    window=OCTOBER,
    status=ConfirmationState.PROVISIONAL,
    series="defence-ministers",
    number=23,
    country="RU",
    cities=("Moscow",),
)
SUMMIT = Event(
    id="sco-summit-2026",
    organisation="SCO",
    kind=Kind.SUMMIT,
    title="Sommet des chefs d'État",
    title_en="Heads of State Summit",
    window=OCTOBER,
    status=ConfirmationState.PROVISIONAL,
    country="KG",
    cities=("Bishkek",),
)
FORUM = Event(
    id="sco-energy-forum-2026",
    organisation="SCO",
    kind=Kind.FORUM,
    title="Forum de l'énergie",
    title_en="Energy Forum",
    window=OCT_14,
    status=ConfirmationState.CONFIRMED,
    country="KZ",
    cities=("Astana",),
)
CALENDAR = [DEFENCE, SUMMIT, FORUM]


def finding(**fields: object) -> Finding:
    base = Finding(
        excerpt="",
        line=1,
        organisation="SCO",
        kind=Kind.MEETING,
        title="Réunion sans rapport",
        title_en="Unrelated meeting",
        status=ConfirmationState.PROVISIONAL,
        window=OCTOBER,
    )
    return replace(base, **fields)  # type: ignore[arg-type]


def matched(found: Finding) -> str | None:
    match = match_finding(found, CALENDAR)
    return None if match is None else match.event.id


def test_same_series_and_number_wins_whatever_the_title_and_date() -> None:
    found = finding(series="defence-ministers", number=23, window=MARCH, title="Autre chose")
    match = match_finding(found, CALENDAR)
    assert match is not None and match.event is DEFENCE and "same series and number" in match.how


def test_an_alike_title_in_an_overlapping_window_matches() -> None:
    found = finding(title="Réunion des ministres de la Défense des États membres")
    assert matched(found) == DEFENCE.id


def test_an_alike_title_in_another_window_does_not_match() -> None:
    assert matched(finding(title="Réunion des ministres de la Défense", window=MARCH)) is None


def test_another_number_of_the_same_series_does_not_match() -> None:
    assert matched(finding(title="Réunion des ministres de la Défense", number=24)) is None


def test_another_country_does_not_match() -> None:
    assert matched(finding(title="Réunion des ministres de la Défense", country="CN")) is None


def test_another_organisation_does_not_match_but_a_national_initiative_may() -> None:
    title = "Réunion des ministres de la Défense"
    assert matched(finding(title=title, organisation="CSTO")) is None
    assert matched(finding(title=title, organisation="NATIONAL")) == DEFENCE.id


def test_the_summit_of_an_organisation_in_that_window_is_that_summit() -> None:
    assert matched(finding(kind=Kind.SUMMIT, title="Rencontre au plus haut niveau")) == SUMMIT.id


def test_the_same_day_in_the_same_country_matches_an_exact_event() -> None:
    found = finding(window=OCT_14, country="KZ", title="Rencontre")
    assert matched(found) == FORUM.id
    assert matched(replace(found, country="UZ")) is None


def test_the_same_kind_in_the_same_city_matches() -> None:
    found = finding(kind=Kind.FORUM, cities=("Astana",), title="Rencontre", window=OCTOBER)
    assert matched(found) == FORUM.id
    assert matched(replace(found, kind=Kind.EXHIBITION)) is None


def test_a_postponement_is_matched_by_the_window_it_moves_from() -> None:
    found = finding(title="Réunion des ministres de la Défense", window=MARCH, previous=OCTOBER)
    assert matched(found) == DEFENCE.id


def test_without_a_date_only_a_very_alike_title_in_the_same_country_matches() -> None:
    found = finding(title="Réunion des ministres de la Défense", window=None, country="RU")
    assert matched(found) == DEFENCE.id
    assert matched(replace(found, country=None)) is None


def test_the_best_of_several_candidates_wins() -> None:
    twin = replace(DEFENCE, id="sco-defence-ministers-other", cities=("Sochi",), number=None)
    found = finding(
        title="Réunion des ministres de la Défense", cities=("Moscow",), kind=Kind.MINISTERIAL
    )
    match = match_finding(found, [twin, DEFENCE])
    assert match is not None and match.event is DEFENCE


def test_likeness_compares_telling_words_in_either_language() -> None:
    assert likeness(finding(title="Réunion des ministres de la Défense"), DEFENCE) == 1.0
    assert likeness(finding(title="x", title_en="Defence Ministers"), DEFENCE) == 1.0
    assert likeness(finding(title="Festival de la jeunesse", title_en=""), DEFENCE) == 0.0


def test_a_known_series_lends_its_slug_to_an_alike_title() -> None:
    found = finding(title="Réunion des ministres de la Défense", series="reunion-ministres-defense")
    assert align_series(found, CALENDAR).series == "defence-ministers"


def test_a_named_meeting_keeps_its_own_series() -> None:
    found = finding(title="Exercice « Mission de paix 2026 »", series="mission-de-paix")
    assert align_series(found, CALENDAR).series == "mission-de-paix"


@pytest.mark.parametrize(
    ("inner", "outer", "expected"),
    [(OCT_14, OCTOBER, True), (OCTOBER, OCT_14, False), (MARCH, OCTOBER, False)],
)
def test_inside(inner: DateWindow, outer: DateWindow, expected: bool) -> None:
    assert inside(inner, outer) is expected

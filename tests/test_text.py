"""Folding text for matching, and the one way ids are made from words."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sco_cal.domain.aliases import spelling_key
from sco_cal.domain.places import city, country_code
from sco_cal.domain.text import fold, fold_char, slug, unique


@pytest.mark.parametrize(
    ("text", "folded"),
    [
        ("Énergie", "energie"),
        ("Œuvre commune", "oeuvre commune"),
        ("Cæsar", "caesar"),
        ("Straße", "strasse"),
        ("Москва", "moskva"),
        ("l\u2019Asie \u2014 centrale", "l'asie - centrale"),
        ("  trois\u00a0 espaces\n", "trois espaces"),
        ("« Mission de paix »", "« mission de paix »"),
    ],
)
def test_fold_reads_accents_ligatures_and_other_scripts(text: str, folded: str) -> None:
    assert fold(text) == folded


def test_a_search_word_without_a_ligature_finds_the_word_with_one() -> None:
    assert fold("oeuvre") in fold("Une œuvre commune")


def test_places_are_found_in_cyrillic_too() -> None:
    assert city("Москва").name == "Moscow"
    assert country_code("Kirghizstan") == "KG"
    assert spelling_key("Saint-Pétersbourg") == spelling_key("saint petersbourg")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Cœur de l'Asie", "coeur-de-l-asie"),
        ("Meeting of SCO Energy Ministers (2027)", "meeting-of-sco-energy-ministers-2027"),
        ("Forum Ümrə", "forum-umre"),
        ("", ""),
    ],
)
def test_slug(text: str, expected: str) -> None:
    assert slug(text) == expected


def test_unique_counts_up_past_what_is_taken() -> None:
    taken = {"sco-forum-2027", "sco-forum-2027-2"}
    assert unique("sco-forum-2027", taken.__contains__) == "sco-forum-2027-3"
    assert unique("sco-other-2027", taken.__contains__) == "sco-other-2027"


@given(st.text(max_size=60))
def test_fold_folds_each_character_as_fold_char_does(text: str) -> None:
    expected = re.sub(r"\s+", " ", "".join(map(fold_char, text))).strip()
    assert fold(text) == expected

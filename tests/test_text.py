"""Folding text for matching, and the one way ids are made from words."""

from __future__ import annotations

import re

import pytest
from anyascii import anyascii
from hypothesis import given
from hypothesis import strategies as st

from sco_cal.domain import text as text_helpers
from sco_cal.domain.aliases import spelling_key
from sco_cal.domain.organisations import all_organisations
from sco_cal.domain.places import all_cities, all_countries, city, city_spellings, country_code
from sco_cal.domain.text import cell_width, char_width, fit_cells, fold, fold_char, slug, unique
from sco_cal.domain.transliteration import LETTERS


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


def test_the_written_out_letters_are_anyasciis_and_the_gazetteer_needs_no_other(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """Folding takes the gazetteer's letters of other scripts from a table, not from
    anyascii's slow-loading tables: the table must say what anyascii says, and hold
    every such letter of a place's or an organisation's spellings."""
    assert all(anyascii(letter) == written for letter, written in LETTERS.items())
    asked: list[str] = []
    monkeypatch.setattr(
        text_helpers, "_anyascii", lambda letter: asked.append(letter) or anyascii(letter)
    )
    text_helpers.fold_char.cache_clear()
    spellings = [s for c in all_countries() for s in (c.name_en, c.name_fr, *c.aliases)]
    spellings += [s for c in all_cities() for s in city_spellings(c.name)]
    spellings += [s for o in all_organisations() for s in (o.name_en, o.name_fr, *o.aliases)]
    folded = {s: fold(s) for s in spellings}
    text_helpers.fold_char.cache_clear()
    assert (folded["Бишкек"], folded["比什凯克"]) == ("bishkek", "bishenkaike")
    missing = {letter: anyascii(letter) for letter in sorted(set(asked))}
    assert not missing, f"add to sco_cal/domain/transliteration.py: {missing}"
    assert fold("Ёлка") == "elka"  # a letter the gazetteer lacks: anyascii as before
    assert asked == ["Е"]


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


@given(st.text(max_size=40), st.integers(min_value=1, max_value=30))
def test_a_fitted_text_takes_exactly_its_cells_and_keeps_its_start(text: str, width: int) -> None:
    fitted = fit_cells(text, width)
    # A wide character that does not fit leaves one cell of padding instead.
    assert cell_width(fitted) == width
    assert cell_width(text) == sum(char_width(c) for c in text)
    if cell_width(text) <= width:
        assert fitted.rstrip(" ") == text.rstrip(" ")
    else:
        kept = fitted.rstrip(" ")
        assert kept.endswith("…") and text.startswith(kept[:-1])


@pytest.mark.parametrize(
    ("text", "width", "shown"),
    [
        ("Astana", 4, "Ast…"),
        ("Astana", 8, "Astana  "),
        ("北京会议", 5, "北京…"),
        ("Douchanbé’s", 6, "Douch…"),
    ],
)
def test_a_text_is_cut_with_an_ellipsis_in_terminal_cells(
    text: str, width: int, shown: str
) -> None:
    assert fit_cells(text, width) == shown

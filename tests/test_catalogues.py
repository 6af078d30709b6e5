"""The translation catalogues: complete, in step with the code, and compiled as written.

Babel reads them here as a translator's tool would; sco-cal itself reads only the
compiled `.mo` with the standard library.
"""

from __future__ import annotations

import gettext
import re
from pathlib import Path

import pytest
from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

import sco_cal
from sco_cal.i18n import DOMAIN, LOCALE_DIR, _, available_languages, ngettext, use
from sco_cal.i18n.mo import MoCatalogue

KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
PLACEHOLDER = re.compile(r"\{[^{}]*\}")
LANGUAGES = [lang for lang in available_languages() if lang != "en"]


def catalogue(lang: str) -> Catalog:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        return read_po(file, locale=lang)


def marked_in_code() -> set[str]:
    root = Path(sco_cal.__file__).parent
    found = extract_from_dir(
        root, method_map=[("**.py", "python")], keywords=KEYWORDS, comment_tags=()
    )
    return {message if isinstance(message, str) else message[0] for *_, message, _c, _x in found}


def forms(message: object) -> list[str]:
    return list(message) if isinstance(message, tuple | list) else [str(message)]


def test_french_is_a_shipped_language() -> None:
    assert "fr" in LANGUAGES


@pytest.mark.parametrize("lang", LANGUAGES)
def test_every_message_is_translated_with_the_same_placeholders(lang: str) -> None:
    problems = []
    for message in list(catalogue(lang))[1:]:
        sources, translations = forms(message.id), forms(message.string)
        if message.fuzzy:
            problems.append(f"fuzzy: {sources[0]!r}")
        if not all(t.strip() for t in translations):
            problems.append(f"untranslated: {sources[0]!r}")
            continue
        wanted = {p for s in sources for p in PLACEHOLDER.findall(s)}
        for t in translations:
            if set(PLACEHOLDER.findall(t)) != wanted:
                problems.append(f"placeholders differ: {sources[0]!r} -> {t!r}")
    assert problems == []


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_catalogue_holds_exactly_what_the_code_marks(lang: str) -> None:
    ids = {forms(m.id)[0] for m in list(catalogue(lang))[1:]}
    marked = marked_in_code()
    assert sorted(marked - ids) == [], "marked in the code, missing from the catalogue"
    assert sorted(ids - marked) == [], "in the catalogue, no longer in the code"


@pytest.mark.parametrize("lang", LANGUAGES)
def test_the_shipped_mo_is_compiled_from_the_po(lang: str) -> None:
    with (LOCALE_DIR / lang / "LC_MESSAGES" / f"{DOMAIN}.mo").open("rb") as file:
        compiled = gettext.GNUTranslations(file)
    for message in list(catalogue(lang))[1:]:
        if isinstance(message.id, tuple | list):
            for n, form in ((1, 0), (2, 1)):
                assert compiled.ngettext(message.id[0], message.id[1], n) == message.string[form]
        else:
            assert compiled.gettext(message.id) == message.string


def test_counts_take_the_french_plural() -> None:
    try:
        use("fr")
        created = [
            ngettext("created {location} with {n} event", "created {location} with {n} events", n)
            for n in (0, 1, 3)
        ]
        assert [
            c.format(location="x.db", n=n) for c, n in zip(created, (0, 1, 3), strict=True)
        ] == [
            "x.db créée avec 0 événement",
            "x.db créée avec 1 événement",
            "x.db créée avec 3 événements",
        ]
        assert _("Options") == "Options" and _("Commands") == "Commandes"
    finally:
        use("en")


@pytest.mark.parametrize("language", LANGUAGES)
def test_the_catalogue_read_on_demand_says_what_gettext_says(language: str) -> None:
    """sco-cal looks messages up in the `.mo` itself (binary search in its sorted table);
    the standard library's reader, which decodes them all, must agree on every one."""
    path = LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"
    with path.open("rb") as file:
        reference = gettext.GNUTranslations(file)
    ours = MoCatalogue(path.read_bytes())
    for message in catalogue(language):
        if not message.id:
            continue
        if isinstance(message.id, tuple | list):
            singular, plural = message.id[0], message.id[1]
            for n in (0, 1, 2, 7):
                assert ours.ngettext(singular, plural, n) == reference.ngettext(singular, plural, n)
        else:
            assert ours.gettext(message.id) == reference.gettext(message.id)
    assert ours.gettext("no such message, ever") == "no such message, ever"
    assert ours.ngettext("{n} thing", "{n} things", 2) == "{n} things"

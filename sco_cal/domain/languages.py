"""The languages sco-cal writes titles and names in, and reading a language code."""

from __future__ import annotations

from typing import Literal

from sco_cal.domain.errors import UnknownValue
from sco_cal.i18n import _

Language = Literal["en", "fr"]
LANGUAGES: tuple[Language, ...] = ("en", "fr")


def language(code: str) -> Language:
    """`"fr"`, `"fr_FR"` or `"FR-fr"` is French; UnknownValue for a language sco-cal lacks."""
    short = code.strip().lower().replace("_", "-").split("-")[0]
    if short == "fr":
        return "fr"
    if short == "en":
        return "en"
    raise UnknownValue(
        _("unknown language {language!r} (expected one of: {known})").format(
            language=code, known=", ".join(LANGUAGES)
        )
    )


def in_language(code: str, english: str, french: str) -> str:
    """`english` or `french`, as `code` asks."""
    return french if language(code) == "fr" else english

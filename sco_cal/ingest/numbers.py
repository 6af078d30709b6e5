"""Ordinals written out: "vingt et unième", "quarante-quatrième", "twenty-sixth", "XXIe", "2nd".

Numbers in words are read by text2num (French and English), which handles the
compounds ("soixante et onzième", "quatre-vingt-dixième") that a hand table misses.
"""

from __future__ import annotations

import re
from functools import lru_cache

# A written ordinal, folded: one to four words ending in the ordinal suffix.
ORDINAL_WORDS = (
    r"(?:(?:[a-z]+[- ](?:et[- ])?){0,3}[a-z]*(?:ieme|th)|premiere?|first|second|seconde|third"
    r"|[a-z]+-first|[a-z]+-second|[a-z]+-third)"
)
_SMALL = {
    "premier": 1, "premiere": 1, "first": 1, "second": 2, "seconde": 2, "third": 3,
    "deuxieme": 2, "troisieme": 3,
}  # fmt: skip
_DIGITS = re.compile(r"^(\d{1,3})\s?(?:eme|ieme|er|ere|re|e|th|st|nd|rd)?$")
_ROMAN = {"i": 1, "v": 5, "x": 10, "l": 50, "c": 100}


@lru_cache(maxsize=2048)
def ordinal_value(words: str) -> int | None:
    """The number of a folded ordinal ("vingt et unieme" -> 21, "22nd" -> 22), else None."""
    text = " ".join(words.replace("-", " ").split())
    if not text:
        return None
    if text in _SMALL:
        return _SMALL[text]
    digits = _DIGITS.match(text.replace(" ", ""))
    if digits is not None:
        value = int(digits.group(1))
        return value if 1 <= value <= 999 else None
    if not text.endswith(("ieme", "th", "first", "second", "third")):
        return None
    from text_to_num import alpha2digit

    for lang, spelled in (("fr", _accented(text)), ("en", text)):
        converted = alpha2digit(spelled, lang, threshold=0).strip()
        found = re.fullmatch(r"(\d{1,3})\s?(?:ème|eme|e|th|st|nd|rd)", converted)
        if found is not None:
            value = int(found.group(1))
            return value if 1 <= value <= 999 else None
    return None


def roman_value(text: str) -> int | None:
    """The value of a roman numeral ("xxi" -> 21), else None."""
    total = 0
    text = text.lower()
    if not text or any(c not in _ROMAN for c in text):
        return None
    for i, char in enumerate(text):
        value = _ROMAN[char]
        total += -value if i + 1 < len(text) and _ROMAN[text[i + 1]] > value else value
    return total if 0 < total < 1000 else None


def _accented(text: str) -> str:
    # text2num reads French ordinals with their accent ("vingtième"); folded text lost it.
    return re.sub(r"ieme\b", "ième", text)

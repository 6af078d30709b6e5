"""Folded text that remembers where each character came from, so matches map back."""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

_APOSTROPHES = {"\u2019": "'", "\u2018": "'", "\u02bc": "'", "`": "'", "\u00b4": "'"}
_DASHES = {"\u2013": "-", "\u2014": "-", "\u2011": "-", "\u2010": "-", "\u2212": "-"}
_SPACE = {"\n": " ", "\t": " ", "\u00a0": " ", "\u202f": " "}


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in _APOSTROPHES:
        return _APOSTROPHES[char]
    if char in _DASHES:
        return _DASHES[char]
    if char in _SPACE or char.isspace():
        return " "
    decomposed = unicodedata.normalize("NFKD", char)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


@dataclass(frozen=True, slots=True)
class Folded:
    """`text` folded like `sco_cal.domain.text.fold` (without collapsing spaces), mapped back.

    `origin[i]` is the index in `original` of the character that produced `text[i]`,
    so a regex match on the folded text names an exact substring of the original.
    """

    original: str
    text: str
    origin: tuple[int, ...]

    @classmethod
    def of(cls, original: str) -> Folded:
        pieces: list[str] = []
        origin: list[int] = []
        for index, char in enumerate(original):
            folded = _fold_char(char)
            pieces.append(folded)
            origin.extend([index] * len(folded))
        return cls(original, "".join(pieces), tuple(origin))

    def start(self, folded_index: int) -> int:
        """The original index where the folded position `folded_index` begins."""
        if folded_index >= len(self.origin):
            return len(self.original)
        return self.origin[folded_index]

    def end(self, folded_end: int) -> int:
        """The original index just past the folded position `folded_end - 1`."""
        if folded_end <= 0:
            return 0
        return self.origin[min(folded_end, len(self.origin)) - 1] + 1

    def span(self, start: int, end: int) -> str:
        """The original text behind folded positions `start`..`end`."""
        return self.original[self.start(start) : self.end(end)]

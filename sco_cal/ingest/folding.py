"""Folded text that remembers where each character came from, so matches map back."""

from __future__ import annotations

from dataclasses import dataclass

from sco_cal.domain.text import fold_char


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
            folded = fold_char(char)
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

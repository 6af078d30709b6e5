"""Finding a thing by any of its names: codes, names in both languages, other spellings."""

from __future__ import annotations

import re
from collections.abc import Iterable

from sco_cal.domain.text import fold

_NOT_WORD = re.compile(r"[\W_]+")


def spelling_key(text: str) -> str:
    """What two spellings of one name share: hyphens, spaces, dots, apostrophes and case
    vary freely ("Saint-Pétersbourg", "St. Petersburg", "Xi'an", "Xian"), so none count."""
    return _NOT_WORD.sub("", fold(text))


class AliasIndex:
    """Names to ids; the first thing to claim a spelling keeps it."""

    def __init__(self, entries: Iterable[tuple[str, Iterable[str]]]) -> None:
        self._ids: dict[str, str] = {}
        for thing_id, spellings in entries:
            for spelling in spellings:
                self._ids.setdefault(spelling_key(spelling), thing_id)

    def find(self, text: str) -> str | None:
        """The id of the thing spelled `text`, or None."""
        return self._ids.get(spelling_key(text))

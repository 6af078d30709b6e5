"""Finding a thing by any of its names: codes, names in both languages, other spellings."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import KW_ONLY, dataclass
from functools import cached_property
from typing import Generic, TypeVar

from sco_cal.domain.errors import InvalidInput, UnknownValue
from sco_cal.domain.text import fold
from sco_cal.i18n import _

T = TypeVar("T")

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


@dataclass(frozen=True)
class Vocabulary(Generic[T]):
    """A closed list of things, each under a stable id, found by that id or by any way of
    writing it; a miss is an `error` (UnknownValue unless told) with the `unknown`
    message, which may list the ids to choose from."""

    things: tuple[T, ...]
    _kw_only: KW_ONLY
    id_of: Callable[[T], str]
    spellings: Callable[[T], tuple[str, ...]]  # every way of writing a thing, its id first
    unknown: str  # untranslated, with `{value}` and maybe `{known}`
    error: type[InvalidInput] = UnknownValue
    canonical: Callable[[str], str] = str.strip  # a typed id, written as the ids are

    @cached_property
    def ids(self) -> tuple[str, ...]:
        return tuple(self.id_of(thing) for thing in self.things)

    @cached_property
    def _by_id(self) -> dict[str, T]:
        return dict(zip(self.ids, self.things, strict=True))

    @cached_property
    def _index(self) -> AliasIndex:
        return AliasIndex((self.id_of(thing), self.spellings(thing)) for thing in self.things)

    def with_id(self, thing_id: str) -> T | None:
        """The thing with this id, or None."""
        return self._by_id.get(self.canonical(thing_id))

    def get(self, thing_id: str) -> T:
        """The thing with this id."""
        found = self.with_id(thing_id)
        if found is None:
            raise self._miss(thing_id)
        return found

    def find(self, text: str) -> T | None:
        """The thing `text` names (its id, a name in either language, an alias), or None."""
        found = self._index.find(text)
        return None if found is None else self._by_id[found]

    def named(self, text: str) -> T:
        """The thing `text` names."""
        found = self.find(text)
        if found is None:
            raise self._miss(text)
        return found

    def id_for(self, text: str) -> str:
        """The id of the thing `text` names."""
        return self.id_of(self.named(text))

    def _miss(self, text: str) -> InvalidInput:
        return self.error.among(_(self.unknown), text.strip(), self.ids)

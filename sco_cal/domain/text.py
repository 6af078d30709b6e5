"""Text helpers shared by search, place matching, ids and display."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable, Collection
from functools import lru_cache
from typing import TypeVar

from sco_cal.domain.transliteration import LETTERS

_K = TypeVar("_K")
_V = TypeVar("_V")

_SPACES = re.compile(r"\s+")
_WORDS = re.compile(r"[a-z0-9]+")
# C0/C1 controls and the escape introducer: never sent raw to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
# Spellings of one mark that people and word processors use interchangeably.
_SAME_MARK = {
    **dict.fromkeys("\u2019\u2018\u02bc`\u00b4", "'"),
    **dict.fromkeys("\u2013\u2014\u2011\u2010\u2212", "-"),
}


@lru_cache(maxsize=8192)
def fold_char(char: str) -> str:
    """One character as `fold` writes it: possibly several characters, or none.

    Letters lose their accents and are transliterated when they have no plain form
    (`œ` is `oe`, `ß` is `ss`, `Москва` is `moskva`); apostrophes, dashes and spaces
    of every kind become one of each; other marks (« », digits, symbols) stay.
    """
    if char in _SAME_MARK:
        return _SAME_MARK[char]
    if char.isspace():
        return " "
    if char.isascii():
        return char.casefold()
    bare = "".join(c for c in unicodedata.normalize("NFKD", char) if not unicodedata.combining(c))
    if not bare.isascii() and unicodedata.category(char).startswith("L"):
        bare = LETTERS.get(bare) or _anyascii(bare)
    return bare.casefold()


def _anyascii(letter: str) -> str:
    from anyascii import anyascii  # its tables load only for a letter the gazetteer lacks

    return anyascii(letter)


def fold(text: str) -> str:
    """Lower-case, without accents, ligatures or other scripts, with one kind of apostrophe,
    dash and space, for matching.

    `fold("Kirghizistan") == fold("kirghizistan")`, `fold("Énergie") == "energie"`,
    `fold("Œuvre") == "oeuvre"`.
    """
    if text.isascii():  # the common case, without a call per character
        plain = text.casefold().replace("`", "'")  # as fold_char writes it
    else:
        plain = text.translate(_FOLDED)
    if plain.isprintable() and "  " not in plain:  # no whitespace but single spaces
        return plain.strip()
    return _SPACES.sub(" ", plain).strip()


class _Remembered(dict[_K, _V]):
    """`compute` of each key, kept as keys are met: a table of characters that C code
    (`str.translate`, `map`) looks up without a Python call for each one it has seen."""

    def __init__(self, compute: Callable[[_K], _V]) -> None:
        super().__init__()
        self._compute = compute

    def __missing__(self, key: _K) -> _V:
        value = self._compute(key)
        if len(self) < 50_000:  # a file holding every character does not fill memory
            self[key] = value
        return value


# By code point, as `str.translate` asks (a third of an import's writing went on folding
# titles and excerpts a call per character).
_FOLDED: _Remembered[int, str] = _Remembered(lambda code: fold_char(chr(code)))


def slug(text: str, words: int = 6, *, skip: Collection[str] = ()) -> str:
    """Up to `words` folded ASCII words joined by hyphens: "Cœur d'Asie" gives "coeur-d-asie"."""
    found = [w for w in _WORDS.findall(fold(text)) if w not in skip]
    return "-".join(found[:words])


def unique(base: str, taken: Callable[[str], bool]) -> str:
    """`base`, or `base-2`, `base-3`... : the first that `taken` does not claim."""
    candidate, n = base, 2
    while taken(candidate):
        candidate, n = f"{base}-{n}", n + 1
    return candidate


def safe(text: str) -> str:
    """Text from the store with control characters made visible, for terminals.

    The one escape every renderer uses (tables, Markdown, CSV, `show`, `log`, the
    digests, messages and the TUI) on every value it did not write itself: what the
    store holds may come from an import, a document or an older sco-cal, and an
    escape sequence in it would otherwise retitle, clear or take over the terminal.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def safe_line(text: str) -> str:
    """`safe`, with line breaks and tabs made visible too: for one-line messages."""
    return safe(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")


# Anything from the combining accents on may be wide or take no cell; below, one cell each.
# (Compared with `max`: a regular expression of that range takes 10 ms to compile.)
_FIRST_MAYBE_NOT_ONE_CELL = "\u0300"
_ZERO_WIDTH = frozenset({"Mn", "Me", "Cf"})


def char_width(char: str) -> int:
    """Cells a character takes in a terminal: 2 for wide East Asian ones, 0 for combining
    marks and invisible formatting, else 1 (the soft hyphen too, as terminals draw it)."""
    if (unicodedata.category(char) in _ZERO_WIDTH and char != "\xad") or char == "\u200b":
        return 0
    return 2 if unicodedata.east_asian_width(char) in ("W", "F") else 1


# A table of thousands of rows measures its cells without two Unicode lookups a character.
_CELLS: _Remembered[str, int] = _Remembered(char_width)


def cell_width(text: str) -> int:
    """Cells `text` takes in a terminal (`"北京"` takes 4)."""
    if max(text, default="") < _FIRST_MAYBE_NOT_ONE_CELL:
        return len(text)
    return sum(map(_CELLS.__getitem__, text))


def fit_cells(text: str, width: int) -> str:
    """`text` cut with an ellipsis, or padded with spaces, to exactly `width` cells."""
    if width <= 0:
        return ""
    if max(text, default="") < _FIRST_MAYBE_NOT_ONE_CELL:  # a cell a character
        return text + " " * (width - len(text)) if len(text) <= width else text[: width - 1] + "…"
    used = cell_width(text)
    if used <= width:
        return text + " " * (width - used)
    kept, room = [], width - 1
    for char in text:
        room -= _CELLS[char]
        if room < 0:
            break
        kept.append(char)
    cut = "".join(kept) + "…"
    return cut + " " * (width - cell_width(cut))

"""Text helpers shared by search, place matching and display."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]+")
# C0/C1 controls and the escape introducer: never sent raw to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes and spaces, for matching.

    `fold("Kirghizistan") == fold("kirghizistan")` and `fold("Énergie") == "energie"`.
    """
    if text.isascii():  # nothing to decompose or replace: the common case, made quick
        low = text.casefold()
        if low.isprintable() and "  " not in low:  # no whitespace but single spaces
            return low.strip()
        return _SPACES.sub(" ", low).strip()
    decomposed = unicodedata.normalize("NFKD", text)
    bare = _NON_ASCII.sub(_without_marks, decomposed)
    bare = bare.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    bare = bare.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    return _SPACES.sub(" ", bare.casefold()).strip()


def _without_marks(run: re.Match[str]) -> str:
    return "".join(c for c in run.group() if not unicodedata.combining(c))


def safe(text: str) -> str:
    """Text from the store with control characters made visible, for terminals."""
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """`safe`, with line breaks and tabs made visible too: for one-line messages."""
    return safe(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")

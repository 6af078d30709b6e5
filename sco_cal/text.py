"""Text helpers shared by search, place matching and display."""

from __future__ import annotations

import re
import unicodedata

_SPACES = re.compile(r"\s+")
# C0/C1 controls and the escape introducer: never sent raw to a terminal.
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def fold(text: str) -> str:
    """Lower-case, strip accents and unify apostrophes and spaces, for matching.

    `fold("Kirghizistan") == fold("kirghizistan")` and `fold("Énergie") == "energie"`.
    """
    decomposed = unicodedata.normalize("NFKD", text)
    bare = "".join(c for c in decomposed if not unicodedata.combining(c))
    bare = bare.replace("\u2019", "'").replace("\u2018", "'").replace("\u02bc", "'")
    bare = bare.replace("\u2013", "-").replace("\u2014", "-").replace("\u2011", "-")
    return _SPACES.sub(" ", bare.casefold()).strip()


def safe(text: str) -> str:
    """Text from the store with control characters made visible, for terminals.

    The one escape every renderer uses (tables, Markdown, CSV, `show`, `log`, the
    digests, messages and the TUI) on every value it did not write itself: what the
    store holds may come from an import, a document or an older sco-cal, and an
    escape sequence in it would otherwise retitle, clear or take over the terminal.
    """
    return _CONTROL.sub(lambda m: f"\\x{ord(m.group()):02x}", text)


def one_line(text: str) -> str:
    """`safe`, with line breaks and tabs made visible too: for one-line messages."""
    return safe(text).replace("\n", "\\n").replace("\r", "\\r").replace("\t", " ")

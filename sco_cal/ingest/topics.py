"""A theme for a meeting no heading themes, from the words of its title."""

from __future__ import annotations

import re

from sco_cal.domain.errors import UnknownValue
from sco_cal.domain.event import Kind
from sco_cal.domain.text import fold
from sco_cal.domain.themes import resolve_theme

_BY_KIND = {Kind.SUMMIT: "diplomacy"}
_FILLER = frozenset("reunion session meeting ministres ministers chefs heads etats membres".split())


def theme_from_title(title: str, kind: Kind) -> str | None:
    """`diplomacy` for a summit; else the first title word the theme vocabulary knows."""
    if kind in _BY_KIND:
        return _BY_KIND[kind]
    for word in re.findall(r"[a-z][a-z-]{3,}", fold(title)):
        if word in _FILLER:
            continue
        try:
            return resolve_theme(word)
        except UnknownValue:
            continue
    return None

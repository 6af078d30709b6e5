"""How a row of the agenda shares a terminal's width, the same for `sco-cal list` and the
TUI: the date and the state whole, the title the largest share, the place readable.

A row is `! WHEN STATE ORG TITLE PLACE [ID]`, cells one space apart. WHEN is as wide as
the longest label it shows (never cut); below 100 columns the state is abbreviated;
the place gives up cells before the title does; an id column is the full id when the
title keeps TITLE_BESIDE_ID cells, else the short id `show` accepts.
"""

from __future__ import annotations

from dataclasses import dataclass

from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.output.words import state_abbreviation, state_word

MIN_TITLE = 30
TITLE_BESIDE_ID = 50
PLACE_MIN, PLACE_MAX = 10, 22
NARROW = 100  # below this many columns, states are abbreviated


@dataclass(frozen=True, slots=True)
class Columns:
    """Cell widths of one row's columns (0: the column is left out)."""

    when: int
    state: int
    org: int
    title: int
    place: int
    ident: int = 0
    full_ids: bool = False  # the id column holds whole ids, not short ones

    def state_label(self, state: ConfirmationState) -> str:
        return state_word(state) if self.state >= _state_width() else state_abbreviation(state)


def _state_width() -> int:
    return max(len(state_word(s)) for s in ConfirmationState)


def _short_width() -> int:
    return max(len(state_abbreviation(s)) for s in ConfirmationState)


def plan(
    width: int, *, when: int, org: int, place: int, ident: int = 0, short_ident: int = 0
) -> Columns:
    """The columns for `width` cells, given the widest label of each (`ident`: the longest
    id, `short_ident`: the longest short id, 0 for no id column)."""
    # As wide as the longest state in the current language, or its abbreviation.
    state = _state_width() if width >= NARROW else _short_width()
    # The follow-up mark and a space, then one space after each column but the last.
    fixed = 2 + when + 1 + state + 1 + org + 1 + 1
    place = max(min(place, PLACE_MAX), 1)
    full = bool(ident) and width - fixed - place - (1 + ident) >= TITLE_BESIDE_ID
    id_width = ident if full else short_ident
    rest = width - fixed - (1 + id_width if id_width else 0)
    if rest - place < MIN_TITLE:  # the place gives way first, down to a readable few
        place = max(min(place, PLACE_MIN), rest - MIN_TITLE)
    title = max(rest - place, 10)
    return Columns(when, state, org, title, place, id_width, full)

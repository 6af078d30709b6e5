"""How one event reads in a narrow cell: labels, state styles and glyphs, fitting text."""

from __future__ import annotations

from collections.abc import Callable

from rich.cells import cell_len, set_cell_size
from rich.style import Style

from sco_cal.date_labels import format_window, month_name
from sco_cal.dates import Precision
from sco_cal.errors import ScoCalError
from sco_cal.model import Event
from sco_cal.organisations import NATIONAL
from sco_cal.output.style import STATE_STYLE
from sco_cal.output.table import place_label
from sco_cal.states import ConfirmationState
from sco_cal.text import safe

# Colour names shared with the CLI's tables; NO_COLOR turns them grey, so the state is
# also spelled out in the agenda and drawn with its own glyph on the timeline.
STATE_RICH = {state: Style.parse(name) for state, name in STATE_STYLE.items()}
STATE_GLYPH = {
    ConfirmationState.CONFIRMED: "█",
    ConfirmationState.PROVISIONAL: "▓",
    ConfirmationState.PROPOSED: "░",
    ConfirmationState.POSTPONED: "▒",
    ConfirmationState.HELD: "■",
    ConfirmationState.CANCELLED: "╳",
}
FOLLOW_UP_MARK = "!"


def when(event: Event, lang: str) -> str:
    return safe(format_window(event.window, lang))


def organisation(event: Event) -> str:
    # A national initiative reads best as its host ("KZ"), as in the CLI's tables.
    if event.organisation == NATIONAL:
        return safe(event.country or "-")
    return safe(event.organisation)


def title(event: Event, lang: str) -> str:
    # The note count goes first, where a long title cannot push it out of sight.
    notes = f"✎{event.annotation_count} " if event.annotation_count else ""
    return notes + safe(event.title_in(lang))


def place(event: Event, lang: str) -> str:
    try:
        return safe(place_label(event, lang))
    except ScoCalError:  # a country code this version does not know
        return safe(event.country or "-")


def month_heading(event: Event, lang: str) -> str:
    """The group an event is listed under: its month, or its vaguer window ("H2 2026")."""
    window = event.window
    if window.precision in (Precision.DAY, Precision.DAYS, Precision.MONTH):
        return f"{month_name(window.start.month, lang, short=False)} {window.start.year}"
    return format_window(window, lang)


def fit(text: str, width: int) -> str:
    """`text` cut with an ellipsis or padded to exactly `width` cells."""
    if width <= 0:
        return ""
    if cell_len(text) > width:
        return set_cell_size(text, width - 1) + "…"
    return set_cell_size(text, width)


def rule(text: str, fill: str, width: int) -> str:
    """`text` followed by `fill` up to `width` cells: a caption drawn as a line."""
    return fit(text + fill * max(0, width - cell_len(text)), width)


def name_of(lookup: Callable[[str, str], str], value: str, lang: str) -> str:
    """A code's name in `lang`, or the code itself when this version does not know it
    (a store can hold codes written by a newer version or an import)."""
    try:
        return lookup(value, lang)
    except ScoCalError:
        return value

"""How one event reads in a narrow cell: labels, state styles and glyphs, fitting text."""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size
from rich.style import Style

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.text import safe
from sco_cal.output.style import STATE_STYLE

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


def title(event: Event, lang: str) -> str:
    # The note count goes first, where a long title cannot push it out of sight.
    notes = f"✎{event.annotation_count} " if event.annotation_count else ""
    return notes + safe(event.title_in(lang))


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

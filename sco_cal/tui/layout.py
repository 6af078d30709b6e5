"""Where the agenda's panes go at a given terminal size, so the list keeps its title.

The list comes first: it keeps TABLE_MIN columns, which leave a title 50 cells at the
widest date labels. The event's sheet goes beside the list when what is left holds
it, else below the list when the terminal is tall enough, else it opens over the
list on Enter. The facet panel is docked at the left when there is still room, else
`f` opens it over the list. What a person switches off stays off (the settings
remember it); what they switch on appears where it fits.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

TABLE_MIN = 112
FACETS_WIDTH = 30
DETAIL_MIN, DETAIL_MAX = 48, 64
BOTTOM_MIN_HEIGHT = 24  # a terminal lower than this opens the sheet over the list


class Place(StrEnum):
    SIDE = "side"  # the sheet beside the list
    BOTTOM = "bottom"  # the sheet below the list
    DOCKED = "docked"  # the facets at the left of the list
    OVERLAY = "overlay"  # over the list, until closed
    HIDDEN = "hidden"


@dataclass(frozen=True, slots=True)
class Arrangement:
    facets: Place
    detail: Place
    detail_width: int = 0
    detail_height: int = 0


def arrange(
    width: int, height: int, *, facets: bool, detail: bool, facets_open: bool = False
) -> Arrangement:
    """The panes for a `width` x `height` terminal; `facets` and `detail` say whether the
    person wants them, `facets_open` whether they opened the facets by hand."""
    docked = facets and width - (FACETS_WIDTH + 1) >= TABLE_MIN
    beside = width - (FACETS_WIDTH + 1 if docked else 0) - TABLE_MIN
    if detail and beside < DETAIL_MIN and docked and width - TABLE_MIN >= DETAIL_MIN:
        # Room for one of them beside the list: the sheet, which is read all day.
        docked, beside = False, width - TABLE_MIN
    if not detail:
        where, size = Place.HIDDEN, (0, 0)
    elif beside >= DETAIL_MIN:
        where, size = Place.SIDE, (min(beside, DETAIL_MAX), 0)
    elif height >= BOTTOM_MIN_HEIGHT:
        where, size = Place.BOTTOM, (0, max(9, (height - 5) // 3))
    else:
        where, size = Place.HIDDEN, (0, 0)
    if docked:
        shown = Place.DOCKED
    else:
        shown = Place.OVERLAY if facets_open else Place.HIDDEN
    return Arrangement(shown, where, *size)

"""Results that the screens' worker threads post back to the screens that asked."""

from __future__ import annotations

from textual.message import Message

from sco_cal.domain.agenda import Tally
from sco_cal.domain.event import Event, Reminder
from sco_cal.tui.agenda_pages import AgendaQuery, AgendaWindow, FacetValue


class WindowLoaded(Message):
    """A page of events was read for `query` (`fresh`: the query is new or the store
    changed, so its facet counts are due too)."""

    def __init__(
        self, query: AgendaQuery, window: AgendaWindow, keep_row: bool, *, fresh: bool = True
    ) -> None:
        super().__init__()
        self.query = query
        self.window = window
        self.keep_row = keep_row
        self.fresh = fresh


class TallyLoaded(Message):
    """The counts for a page were read."""

    def __init__(self, query: AgendaQuery, window: AgendaWindow, tally: Tally) -> None:
        super().__init__()
        self.query = query
        self.window = window
        self.tally = tally


class FacetsLoaded(Message):
    """Facet counts were read for `query`."""

    def __init__(self, query: AgendaQuery, values: list[FacetValue]) -> None:
        super().__init__()
        self.query = query
        self.values = values


class DetailLoaded(Message):
    """One event was read in full, with its reminders."""

    def __init__(self, event: Event, reminders: list[Reminder]) -> None:
        super().__init__()
        self.event = event
        self.reminders = reminders


class DensityLoaded(Message):
    """Events per month were counted for a year."""

    def __init__(self, year: int, counts: list[int]) -> None:
        super().__init__()
        self.year = year
        self.counts = counts


class TokenRead(Message):
    """The store's change token was read (it moves with every write, from any process)."""

    def __init__(self, token: tuple[int, ...]) -> None:
        super().__init__()
        self.token = token


class ReadFailed(Message):
    """A read failed with a message for the person."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

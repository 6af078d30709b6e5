"""Results that the screens' worker threads post back to the screens that asked."""

from __future__ import annotations

from dataclasses import dataclass

from textual.message import Message

from sco_cal.domain.agenda import Tally
from sco_cal.domain.event import Event, Excerpt, Reminder
from sco_cal.tui.agenda_pages import AgendaQuery, AgendaWindow, FacetValue


@dataclass
class WindowLoaded(Message):
    """A page of events was read for `query` (`fresh`: the query is new or the store
    changed, so its facet counts are due too)."""

    query: AgendaQuery
    window: AgendaWindow
    keep_row: bool
    fresh: bool = True


@dataclass
class TallyLoaded(Message):
    """The counts for a page were read."""

    query: AgendaQuery
    window: AgendaWindow
    tally: Tally


@dataclass
class FacetsLoaded(Message):
    """Facet counts were read for `query`."""

    query: AgendaQuery
    values: list[FacetValue]


@dataclass
class DetailLoaded(Message):
    """One event was read, with its newest notes and history and its reminders."""

    excerpt: Excerpt
    reminders: list[Reminder]


@dataclass
class DensityLoaded(Message):
    """Events per month were counted for a year."""

    year: int
    counts: list[int]


@dataclass
class TokenRead(Message):
    """The store's change token was read (it moves with every write, from any process)."""

    token: tuple[int, ...]


@dataclass
class ReadFailed(Message):
    """A read (or a write) failed with a message for the person."""

    text: str
    title: str = ""


@dataclass
class Recorded(Message):
    """A write without a dialog (a deletion, an undo) went through; `text` says what."""

    event: Event
    text: str

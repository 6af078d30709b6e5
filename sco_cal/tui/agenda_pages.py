"""What the agenda asks for: the query a person builds, and the pages and counts read for it.

Nothing here imports Textual: the screens run these functions in worker threads and
hand the results to widgets. Facets combine like `sco-cal list` options: values of
one facet are alternatives, different facets must all hold.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date

from sco_cal.domain.agenda import Tally
from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.ordering import SortPosition, position_of, today_position
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.i18n import N_
from sco_cal.service import CalendarService

FOLLOW_UP = "follow_up"
# Facet keys, in the order they are listed, with their headings.
FACETS: tuple[tuple[str, str], ...] = (
    ("organisation", N_("Organisation")),
    ("status", N_("State")),
    ("country", N_("Country")),
    ("theme", N_("Theme")),
    (FOLLOW_UP, N_("Follow-up")),
)
BEFORE = 40  # events loaded above the anchor
AFTER = 80  # events loaded from the anchor on


@dataclass(frozen=True, slots=True)
class AgendaQuery:
    """The search words, the facet values ticked, and whether past events show."""

    search: str = ""
    show_all: bool = False
    chosen: frozenset[tuple[str, str]] = frozenset()
    view: EventFilter | None = None  # a saved view's filter, in place of search and facets
    view_name: str = ""

    def values(self, facet: str) -> tuple[str, ...]:
        return tuple(sorted(v for f, v in self.chosen if f == facet))

    def toggled(self, facet: str, value: str) -> AgendaQuery:
        pair = (facet, value)
        chosen = self.chosen - {pair} if pair in self.chosen else self.chosen | {pair}
        return replace(self, chosen=frozenset(chosen))

    def with_view(self, name: str, flt: EventFilter | None) -> AgendaQuery:
        """Only the saved view's filter (None: no view, the unfiltered agenda)."""
        return AgendaQuery(show_all=self.show_all, view=flt, view_name=name if flt else "")

    def event_filter(self, *, without: str | None = None) -> EventFilter:
        """The filter, leaving out one facet's values (to count that facet's choices)."""
        if self.view is not None:
            return replace(self.view, scope=Scope.ALL) if self.show_all else self.view

        def values(facet: str) -> tuple[str, ...]:
            return () if facet == without else self.values(facet)

        follow_up = bool(values(FOLLOW_UP))
        # Without `u`, what a desk still has to act on: what is coming, and what needs
        # follow-up (as with `sco-cal list --follow-up`, that looks into the past).
        scope = Scope.ALL if self.show_all else Scope.AGENDA
        return EventFilter(
            scope=scope,
            organisations=values("organisation"),
            statuses=tuple(ConfirmationState(v) for v in values("status")),
            countries=values("country"),
            themes=values("theme"),
            follow_up=follow_up,
            search=self.search,
        )


@dataclass(frozen=True, slots=True)
class Anchor:
    """Where a page of the agenda is read from, and which event the cursor lands on."""

    position: SortPosition | None = None  # None: the very start (or, at_end, the end)
    at_end: bool = False
    focus_id: str | None = None
    focus_top: bool = False  # the cursor on the first event when the page starts the list

    @classmethod
    def today(cls, today: date, *, focus_top: bool = False) -> Anchor:
        return cls(position=today_position(today), focus_top=focus_top)

    @classmethod
    def event(cls, event: Event) -> Anchor:
        return cls(position=position_of(event), focus_id=event.id)


@dataclass(frozen=True, slots=True)
class AgendaWindow:
    """A page of matching events in date order, and whether more lie on either side."""

    events: tuple[Event, ...]
    more_before: bool
    more_after: bool
    focus_id: str | None
    flt: EventFilter = field(default_factory=EventFilter)

    def index_of(self, event_id: str | None) -> int | None:
        for i, event in enumerate(self.events):
            if event.id == event_id:
                return i
        return None


def load_window(service: CalendarService, flt: EventFilter, anchor: Anchor) -> AgendaWindow:
    """The events around `anchor`: a few screens above and below, never the whole result."""
    size = BEFORE + AFTER
    if anchor.at_end:
        found = service.agenda.page(flt, anchor=None, limit=size + 1, backward=True)
        events = found[-size:]
        last = events[-1].id if events else None
        return AgendaWindow(tuple(events), len(found) > size, False, last, flt)
    if anchor.position is None:
        found = service.agenda.page(flt, anchor=None, limit=size + 1)
        first = found[0].id if found else None
        return AgendaWindow(tuple(found[:size]), False, len(found) > size, first, flt)
    after = service.agenda.page(flt, anchor=anchor.position, limit=AFTER + 1)
    before = service.agenda.page(flt, anchor=anchor.position, limit=BEFORE + 1, backward=True)
    events = before[-BEFORE:] + after[:AFTER]
    more_before = len(before) > BEFORE
    ids = {e.id for e in events}
    if anchor.focus_id in ids:
        focus: str | None = anchor.focus_id
    elif anchor.focus_top and events and not more_before:
        focus = events[0].id
    else:  # the anchor itself left the result: land where it would have been
        focus = after[0].id if after else (before[-1].id if before else None)
    return AgendaWindow(tuple(events), more_before, len(after) > AFTER, focus, flt)


def window_tally(service: CalendarService, window: AgendaWindow) -> Tally:
    """Counts for the window's filter; `before_anchor` is the window's first position."""
    first = position_of(window.events[0]) if window.events else None
    return service.agenda.tally(window.flt, first)


@dataclass(frozen=True, slots=True)
class FacetValue:
    """One choice in the facet list: its value, how many events it would show, and
    whether it is ticked."""

    facet: str
    value: str
    count: int
    chosen: bool


def load_facets(service: CalendarService, query: AgendaQuery) -> list[FacetValue]:
    """Counts for every facet value, each facet counted without its own choices.

    Facets with nothing ticked share the query's filter and one grouped scan.
    """
    columns = [facet for facet, _ in FACETS if facet != FOLLOW_UP]
    free = [c for c in columns if not query.values(c)]
    counts = service.agenda.facet_counts(query.event_filter(), free)
    for column in columns:
        if column not in free:
            counts |= service.agenda.facet_counts(query.event_filter(without=column), [column])
    with_it = query if query.values(FOLLOW_UP) else query.toggled(FOLLOW_UP, "yes")
    counts[FOLLOW_UP] = [("yes", service.agenda.tally(with_it.event_filter()).total)]
    found: list[FacetValue] = []
    for facet, _heading in FACETS:
        chosen = set(query.values(facet))
        found += [FacetValue(facet, v, n, v in chosen) for v, n in counts[facet]]
        # A ticked value that no longer matches anything stays listed, so it can be unticked.
        seen = {v for v, _ in counts[facet]}
        found += [FacetValue(facet, v, 0, True) for v in sorted(chosen - seen)]
    return found

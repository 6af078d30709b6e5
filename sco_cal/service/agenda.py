"""The agenda at any size: pages and counts, never everything at once."""

from __future__ import annotations

from dataclasses import replace
from datetime import date
from typing import TYPE_CHECKING

from sco_cal.domain.agenda import Tally
from sco_cal.domain.event import Event
from sco_cal.domain.ordering import SortPosition
from sco_cal.domain.query import EventFilter
from sco_cal.service.context import ServiceContext

if TYPE_CHECKING:
    from sco_cal.domain.month import MonthView
    from sco_cal.store.agenda import AgendaReads


class Agenda:
    """Pages of events around a place in date order, and the counts beside them."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def page(
        self,
        flt: EventFilter,
        *,
        anchor: SortPosition | None,
        limit: int,
        backward: bool = False,
    ) -> list[Event]:
        return self._reads().page(
            flt, self._ctx.today, anchor=anchor, limit=limit, backward=backward
        )

    def tally(self, flt: EventFilter, anchor: SortPosition | None = None) -> Tally:
        return self._reads().tally(flt, self._ctx.today, anchor)

    def facet_counts(
        self, flt: EventFilter, columns: list[str]
    ) -> dict[str, list[tuple[str, int]]]:
        return self._reads().facet_counts(flt, self._ctx.today, columns)

    def overlap_counts(self, flt: EventFilter, spans: list[tuple[date, date]]) -> list[int]:
        return self._reads().overlap_counts(flt, self._ctx.today, spans)

    def month(self, flt: EventFilter, first: date, *, fuzzy_limit: int = 40) -> MonthView:
        """The month starting `first`: its days marked, its fuzzy windows (the first few)."""
        return self.open_windows(flt, self.month_days(flt, first), limit=fuzzy_limit)

    def month_days(self, flt: EventFilter, first: date) -> MonthView:
        """The month starting `first` with its days marked, no open window read yet: what
        the grid draws first."""
        from sco_cal.domain.month import MonthView, tally_days

        view = MonthView(first)
        spans = self._reads().day_spans(flt, self._ctx.today, view.first, view.last)
        return replace(view, days=tally_days(spans, view.first, view.last))

    def open_windows(self, flt: EventFilter, view: MonthView, *, limit: int = 40) -> MonthView:
        """`view` with the windows of no known day that overlap its month (the first
        `limit`, and how many there are)."""
        reads, today = self._reads(), self._ctx.today
        open_dates = replace(flt, exact=False, date_from=view.first, date_to=view.last)
        fuzzy = reads.page(open_dates, today, anchor=None, limit=limit)
        total = len(fuzzy) if len(fuzzy) < limit else reads.tally(open_dates, today).total
        return replace(view, fuzzy=tuple(fuzzy), fuzzy_total=total)

    def on_days(
        self, flt: EventFilter, first: date, last: date, *, limit: int = 200
    ) -> list[Event]:
        """Meetings with known days between `first` and `last`, in the agenda's order."""
        days = replace(flt, exact=True, date_from=first, date_to=last)
        return self._reads().page(days, self._ctx.today, anchor=None, limit=limit)

    def change_token(self) -> tuple[int, ...]:
        """A value that changes whenever any process writes to the store."""
        return self._reads().change_token()

    def _reads(self) -> AgendaReads:
        from sco_cal.store.agenda import AgendaReads

        return AgendaReads(self._ctx.store.reader.rows)

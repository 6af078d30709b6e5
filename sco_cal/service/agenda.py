"""The agenda at any size: pages and counts, never everything at once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sco_cal.domain.agenda import SortPosition, Tally
from sco_cal.domain.event import Event
from sco_cal.domain.query import EventFilter
from sco_cal.service.context import ServiceContext

if TYPE_CHECKING:
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

    def change_token(self) -> tuple[int, ...]:
        """A value that changes whenever any process writes to the store."""
        return self._reads().change_token()

    def _reads(self) -> AgendaReads:
        from sco_cal.store.agenda import AgendaReads

        return AgendaReads(self._ctx.store.reader.rows)

"""The agenda at any size: pages and counts, never everything at once."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from sco_cal.domain.event import Event
from sco_cal.domain.query import EventFilter

if TYPE_CHECKING:
    from sco_cal.store.agenda import AgendaReads, SortPosition, Tally

from sco_cal.service.context import ServiceBase


class AgendaService(ServiceBase):
    def agenda_page(
        self,
        flt: EventFilter,
        *,
        anchor: SortPosition | None,
        limit: int,
        backward: bool = False,
    ) -> list[Event]:
        return self._agenda().page(flt, self.today, anchor=anchor, limit=limit, backward=backward)

    def agenda_tally(self, flt: EventFilter, anchor: SortPosition | None = None) -> Tally:
        return self._agenda().tally(flt, self.today, anchor)

    def facet_counts(
        self, flt: EventFilter, columns: list[str]
    ) -> dict[str, list[tuple[str, int]]]:
        return self._agenda().facet_counts(flt, self.today, columns)

    def overlap_counts(self, flt: EventFilter, spans: list[tuple[date, date]]) -> list[int]:
        return self._agenda().overlap_counts(flt, self.today, spans)

    def change_token(self) -> tuple[int, ...]:
        """A value that changes whenever any process writes to the store."""
        return self._agenda().change_token()

    def _agenda(self) -> AgendaReads:
        from sco_cal.store.agenda import AgendaReads

        return AgendaReads(self.store.reader.rows)

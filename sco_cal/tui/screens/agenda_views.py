"""The agenda's saved views and its review of a new document."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from functools import partial
from typing import Any

from textual.widgets import Input

from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.query import Criteria
from sco_cal.domain.text import safe
from sco_cal.ingest.plan import ApplyReport
from sco_cal.ingest.review import ReviewItem
from sco_cal.output.review import applied
from sco_cal.tui.agenda_pages import AgendaQuery
from sco_cal.tui.dialogs.ingest import IngestDialog
from sco_cal.tui.dialogs.views import NO_VIEW, ViewsDialog
from sco_cal.tui.screens.event_actions import EventActions
from sco_cal.tui.screens.review import ReviewScreen


class ViewsAndDocuments(EventActions):
    """A saved view replaces the search and the facets; an applied review reads the
    agenda again."""

    views: dict[str, Mapping[str, Any]]
    agenda_query: AgendaQuery

    def _set_query(self, query: AgendaQuery) -> None:
        raise NotImplementedError

    def _show_status(self) -> None:
        raise NotImplementedError

    def action_views(self) -> None:
        if not self.views:
            self.notify("No saved views: add [views.NAME] tables to config.toml.", timeout=5)
            return
        dialog = ViewsDialog(self.views, current=self.agenda_query.view_name)
        self.app.push_screen(dialog, self._view_chosen)

    def _view_chosen(self, name: str | None) -> None:
        if name is None:
            return
        flt = None
        if name != NO_VIEW:
            try:
                flt = Criteria.from_view(dict(self.views[name])).resolve(self.service.today)
            except ScoCalError as exc:
                self.notify(str(exc), title=f"Cannot apply the view {safe(name)}", severity="error")
                return
        self.query_one("#search", Input).value = ""
        self._set_query(self.agenda_query.with_view(name, flt))
        self._show_status()
        self.table.focus()

    def action_ingest(self) -> None:
        self.app.push_screen(IngestDialog(self.service), self._reviewed)

    def _reviewed(self, items: list[ReviewItem] | None) -> None:
        if items is not None:
            screen = ReviewScreen(self.service, items, lang=self.lang)
            self.app.push_screen(screen, partial(self._applied, items))

    def _applied(self, items: list[ReviewItem], report: ApplyReport | None) -> None:
        if report is None:
            return
        written = [*report.added, *report.updated]
        if not written:
            self.notify("Nothing accepted: nothing written.", timeout=5)
            return
        self.notify(applied(report), title="Applied", timeout=5)
        # A bulletin often reports meetings already past: show those too, from the first
        # event written.
        first = next((i.proposed for i in items if i.proposed and i.proposed.id in written), None)
        self.agenda_query = replace(self.agenda_query, show_all=True)
        self.reload(follow=first)

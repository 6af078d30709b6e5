"""The year at a glance: every matching event as a bar across the months."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta
from itertools import pairwise

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.i18n import N_, _, ngettext
from sco_cal.output.words import state_word
from sco_cal.service import CalendarService
from sco_cal.tui.agenda_pages import AgendaQuery, Anchor, load_window, window_tally
from sco_cal.tui.screens.messages import DensityLoaded, ReadFailed, TallyLoaded, WindowLoaded
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets import cells
from sco_cal.tui.widgets.timeline_chart import TimelineChart


def month_spans(year: int) -> list[tuple[date, date]]:
    """The first and last day of each month of `year`."""
    starts = [date(year, m, 1) for m in range(1, 13)] + [date(year + 1, 1, 1)]
    return [(a, b - timedelta(days=1)) for a, b in pairwise(starts)]


class TimelineScreen(Speaking, Screen[Event | None]):
    """Months across, events down, with the agenda's search and facets applied."""

    CSS_PATH = "timeline.tcss"
    BINDINGS = [
        Binding("escape,t", "close", N_("Agenda"), id="timeline.close"),
        Binding(
            "left,left_square_bracket", "year(-1)", N_("Previous year"), id="timeline.previous"
        ),
        Binding("right,right_square_bracket", "year(1)", N_("Next year"), id="timeline.next"),
    ]

    def __init__(
        self,
        service: CalendarService,
        query: AgendaQuery,
        *,
        year: int,
        lang: str,
        focus: Event | None,
    ) -> None:
        super().__init__()
        self.service = service
        self.agenda_query = query
        self.year = year
        self.lang = lang
        self.focus_event = focus
        self.total: int | None = None

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        yield TimelineChart(year=self.year, today=self.service.today, lang=self.lang)
        yield Static(_legend(), id="legend")
        yield Footer()

    @property
    def chart(self) -> TimelineChart:
        return self.query_one(TimelineChart)

    def on_mount(self) -> None:
        self.chart.focus()
        self._load()

    def event_filter(self) -> EventFilter:
        """The agenda's filter over the whole year, past and closed events included."""
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        base = self.agenda_query.event_filter()
        return replace(base, scope=Scope.ALL, date_from=first, date_to=last)

    def _load(self) -> None:
        self.total = None
        self._show_status()
        focus = self.focus_event
        if focus is not None and focus.window.overlaps(*self._bounds()):
            anchor = Anchor.event(focus)
        elif self.service.today.year == self.year:
            anchor = Anchor.today(self.service.today)
        else:
            anchor = Anchor()
        self._read(self.event_filter(), anchor, self.year)

    def _bounds(self) -> tuple[date, date]:
        return date(self.year, 1, 1), date(self.year, 12, 31)

    @work(thread=True, exclusive=True, group="timeline")
    def _read(self, flt: EventFilter, anchor: Anchor, year: int) -> None:
        worker = get_current_worker()
        try:
            window = load_window(self.service, flt, anchor)
            if worker.is_cancelled:
                return
            self.post_message(WindowLoaded(self.agenda_query, window, keep_row=False))
            counts = self.service.agenda.overlap_counts(flt, month_spans(year))
            self.post_message(DensityLoaded(year, counts))
            tally = window_tally(self.service, window)
            self.post_message(TallyLoaded(self.agenda_query, window, tally))
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))

    @work(thread=True, exclusive=True, group="timeline-page")
    def _read_page(self, flt: EventFilter, anchor: Anchor) -> None:
        try:
            window = load_window(self.service, flt, anchor)
            self.post_message(WindowLoaded(self.agenda_query, window, keep_row=True))
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))

    def on_window_loaded(self, message: WindowLoaded) -> None:
        if message.window.flt == self.event_filter():
            self.chart.show_window(message.window, keep_row=message.keep_row)

    def on_density_loaded(self, message: DensityLoaded) -> None:
        if message.year == self.year:
            self.chart.set_density(message.counts)

    def on_tally_loaded(self, message: TallyLoaded) -> None:
        if message.window.flt == self.event_filter():
            self.total = message.tally.total
            self._show_status()

    def on_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, title="Cannot read the calendar", severity="error")

    def on_timeline_chart_edge_reached(self, message: TimelineChart.EdgeReached) -> None:
        self._read_page(self.event_filter(), message.anchor)

    def on_timeline_chart_event_selected(self, message: TimelineChart.EventSelected) -> None:
        self.dismiss(message.event)

    def action_close(self) -> None:
        self.dismiss(None)

    def action_year(self, delta: int) -> None:
        self.year += delta
        self.focus_event = self.chart.current
        self.chart.year = self.year
        self.chart.set_density([0] * 12)
        self._load()

    def _show_status(self) -> None:
        if self.total is None:
            count = _("counting…")
        else:
            count = ngettext("{n} event", "{n} events", self.total).format(n=f"{self.total:,}")
        text = _("Timeline {year} · {count} · ←/→ year · Enter: show in the agenda").format(
            year=self.year, count=count
        )
        self.query_one("#status", Static).update(text)


def _legend() -> Text:
    legend = Text()
    for state, glyph in cells.STATE_GLYPH.items():
        legend.append(glyph, cells.STATE_RICH[state])
        legend.append(f" {state_word(state)} ")
    legend.append("┃", "bold yellow")
    legend.append(" " + _("today"))
    return legend

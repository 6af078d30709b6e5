"""The month at a glance (`m`): the grid of its weeks, the meetings of the day under the
cursor (or of its week, `w`), and beside them the windows whose day is not known yet.
Enter shows the day in the agenda.

The months on either side of the one shown are read ahead, so `[` and `]` draw the next
month's marks at once; each month kept is checked against the store's change token when
it is shown again, and read anew if anything was written since.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import date

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Footer, Static
from textual.worker import get_current_worker

from sco_cal.domain.date_labels import day_label, format_window, span_label
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event
from sco_cal.domain.month import MonthView, add_months, week_of
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext
from sco_cal.output.detail import place
from sco_cal.output.style import DAY_MARK
from sco_cal.output.table import organisation_label
from sco_cal.output.words import state_abbreviation
from sco_cal.service import CalendarService
from sco_cal.tui.agenda_pages import AgendaQuery
from sco_cal.tui.screens.messages import ReadFailed
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets import cells
from sco_cal.tui.widgets.month_grid import MonthGrid


@dataclass
class MonthLoaded(Message):
    """A month's marks and open windows were read."""

    view: MonthView
    complete: bool = True  # False: the days are marked, the open windows not read yet
    token: tuple[int, ...] = ()  # the store's change token, read before the month


# Meetings listed under the grid for a day or a week.
DAY_LIMIT = 200
# Months kept in memory: the one shown, its neighbours and a few visited before.
KEPT_MONTHS = 12


@dataclass
class DaysLoaded(Message):
    """The meetings from `first` to `last` were read."""

    first: date
    last: date
    events: list[Event]


class MonthScreen(Speaking, Screen[date | None]):
    """With the agenda's search and facets applied, past and closed events included."""

    CSS_PATH = "month.tcss"
    BINDINGS = [
        Binding("escape,m", "close", N_("Back"), id="month.close"),
        Binding("w", "toggle_week", N_("Day/week"), id="month.week"),
    ]

    def __init__(
        self, service: CalendarService, query: AgendaQuery, *, day: date, lang: str
    ) -> None:
        super().__init__()
        self.service = service
        self.flt: EventFilter = replace(query.event_filter(), scope=Scope.ALL)
        self.start_day = day
        self.lang = lang
        self.week = False
        # Complete months read, by their first day, with the change token read before them.
        self.months: dict[date, tuple[tuple[int, ...], MonthView]] = {}

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal(id="month-main"):
            with Vertical(id="month-left"):
                yield MonthGrid(
                    day=self.start_day, today=self.service.today, lang=self.lang, kept=self._kept
                )
                with VerticalScroll(id="days-pane"):
                    yield Static(id="days")
            with VerticalScroll(id="open-pane"):
                yield Static(id="open")
        yield Footer()

    @property
    def grid(self) -> MonthGrid:
        return self.query_one(MonthGrid)

    def on_mount(self) -> None:
        self.grid.focus()
        self._show_status()
        self._read_month(self.start_day.replace(day=1), self._span(self.start_day))

    def _kept(self, first: date) -> MonthView | None:
        kept = self.months.get(first)
        return kept[1] if kept else None

    def _span(self, day: date) -> tuple[date, date]:
        return week_of(day) if self.week else (day, day)

    # -- reading --------------------------------------------------------------------------
    def _read_month(self, first: date, days: tuple[date, date]) -> None:
        kept = {month: token for month, (token, _view) in self.months.items()}
        self._read_months(first, days, kept)

    @work(thread=True, exclusive=True, group="month")
    def _read_months(
        self, first: date, days: tuple[date, date], kept: dict[date, tuple[int, ...]]
    ) -> None:
        """Month `first` and the meetings of `days`, then the month's neighbours, each
        month unless `kept` holds it as stored now. One read after the other: side by
        side, each would hold the other (and the drawing) up."""
        agenda, worker = self.service.agenda, get_current_worker()
        try:
            token = agenda.change_token()
            for month in (first, add_months(first, 1), add_months(first, -1)):
                if worker.is_cancelled:
                    return  # the cursor moved on; the next read starts from there
                marked = None
                if kept.get(month) != token:
                    # The marked grid first; the open windows beside it take longer.
                    marked = agenda.month_days(self.flt, month)
                    if month == first:
                        self.post_message(MonthLoaded(marked, complete=False))
                if month == first:
                    events = agenda.on_days(self.flt, *days, limit=DAY_LIMIT)
                    self.post_message(DaysLoaded(*days, events))
                if marked is not None:
                    full = agenda.open_windows(self.flt, marked)
                    self.post_message(MonthLoaded(full, token=token))
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))

    @work(thread=True, exclusive=True, group="days")
    def _read_days(self, first: date, last: date) -> None:
        try:
            events = self.service.agenda.on_days(self.flt, first, last, limit=DAY_LIMIT)
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        self.post_message(DaysLoaded(first, last, events))

    # -- results --------------------------------------------------------------------------
    def on_month_loaded(self, message: MonthLoaded) -> None:
        view = message.view
        if message.complete:
            self.months.pop(view.first, None)
            self.months[view.first] = (message.token, view)
            while len(self.months) > KEPT_MONTHS:
                del self.months[next(iter(self.months))]
        self._show_month(view, complete=message.complete)

    def _show_month(self, view: MonthView, *, complete: bool) -> None:
        if view.first != self.grid.day.replace(day=1):
            return  # read ahead, or for a month the cursor has left
        if self.grid.view is None or view.days != self.grid.view.days:
            self.grid.show(view)
        if complete:
            self.query_one("#open", Static).update(self._open_windows(view))

    def on_days_loaded(self, message: DaysLoaded) -> None:
        if (message.first, message.last) == self._span(self.grid.day):
            self.query_one("#days", Static).update(self._days(message))

    def on_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, title=_("Cannot read the calendar"), severity="error")

    def on_month_grid_day_moved(self, message: MonthGrid.DayMoved) -> None:
        if message.month_changed:
            first = message.day.replace(day=1)
            if first in self.months:  # the grid is drawn with its marks already
                self._show_month(self.months[first][1], complete=True)
            # Read once the move is drawn: reading beside it would hold the drawing up.
            self.call_after_refresh(self._read_month, first, self._span(message.day))
        else:
            self.call_after_refresh(self._read_days, *self._span(message.day))
        self._show_status()

    def on_month_grid_day_picked(self, message: MonthGrid.DayPicked) -> None:
        self.dismiss(message.day)

    # -- actions --------------------------------------------------------------------------
    def action_close(self) -> None:
        self.dismiss(None)

    def action_toggle_week(self) -> None:
        self.week = not self.week
        self._read_days(*self._span(self.grid.day))
        self._show_status()

    # -- drawing --------------------------------------------------------------------------
    def _show_status(self) -> None:
        day = self.grid.day
        text = _("Month · {day} · [ ] month · {{ }} year · w: {what}")
        what = _("the day") if self.week else _("the week")
        shown = text.format(day=f"{day_label(day, self.lang)} {day.year}", what=what)
        self.query_one("#status", Static).update(shown)

    def _days(self, loaded: DaysLoaded) -> Text:
        text = Text()
        if self.week:
            text.append(span_label(loaded.first, loaded.last, self.lang) + "\n", "bold")
        else:
            text.append(day_label(loaded.first, self.lang) + f" {loaded.first.year}\n", "bold")
        if not loaded.events:
            text.append(_("No meeting on a known day.") + "\n", "dim")
        for event in loaded.events:
            self._line(text, event, with_date=self.week)
        return text

    def _open_windows(self, view: MonthView) -> Text:
        text = Text()
        text.append(_("Date still open") + "\n", "bold")
        if not view.fuzzy:
            text.append(_("Nothing this month.") + "\n", "dim")
        for event in view.fuzzy:
            self._line(text, event, with_date=True)
        if view.fuzzy_total > len(view.fuzzy):
            more = view.fuzzy_total - len(view.fuzzy)
            text.append(ngettext("… and {n} more", "… and {n} more", more).format(n=more), "dim")
        return text

    def _line(self, text: Text, event: Event, *, with_date: bool) -> None:
        state = event.status
        text.append(DAY_MARK[state] + " ", cells.STATE_RICH[state])
        if with_date:
            text.append(format_window(event.window, self.lang) + " ", "bold")
        text.append(f"{state_abbreviation(state)} ", cells.STATE_RICH[state])
        text.append(f"{organisation_label(event)} ")
        text.append(safe(event.title_in(self.lang)))
        text.append(f" · {place(event, self.lang)}\n", "dim")

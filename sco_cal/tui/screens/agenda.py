"""The main screen: search, facets, the agenda and the selected event, read live."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterator, Mapping
from dataclasses import replace
from datetime import date
from functools import partial
from typing import Any, TypeVar

from textual import events, work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Container, Horizontal
from textual.geometry import Size
from textual.screen import Screen
from textual.widgets import Footer, Input, Static
from textual.worker import get_current_worker

from sco_cal.config.settings import TuiSettings
from sco_cal.domain.agenda import Tally
from sco_cal.domain.date_labels import month_name
from sco_cal.domain.errors import NotFound, ScoCalError
from sco_cal.domain.event import Event
from sco_cal.domain.ordering import position_of, today_position
from sco_cal.domain.query import Criteria
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext
from sco_cal.ingest.plan import ApplyReport
from sco_cal.ingest.review import ReviewItem
from sco_cal.output.review import applied
from sco_cal.service import CalendarService
from sco_cal.tui.agenda_pages import (
    AgendaQuery,
    AgendaWindow,
    Anchor,
    load_facets,
    load_window,
    window_tally,
)
from sco_cal.tui.dialogs import (
    AnnotateDialog,
    EditDialog,
    MoveDialog,
    NewEventDialog,
    ReminderDialog,
    StateDialog,
    TagDialog,
    UnannotateDialog,
)
from sco_cal.tui.dialogs.base import EventDialog
from sco_cal.tui.dialogs.deletion import ConfirmDeletion, DeletedDialog
from sco_cal.tui.dialogs.ingest import IngestDialog
from sco_cal.tui.dialogs.views import NO_VIEW, ViewsDialog
from sco_cal.tui.layout import FACETS_WIDTH, Place, arrange
from sco_cal.tui.screens.detail import DetailScreen
from sco_cal.tui.screens.messages import (
    DetailLoaded,
    FacetsLoaded,
    ReadFailed,
    Recorded,
    TallyLoaded,
    TokenRead,
    WindowLoaded,
)
from sco_cal.tui.screens.month import MonthScreen
from sco_cal.tui.screens.review import ReviewScreen
from sco_cal.tui.screens.timeline import TimelineScreen
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets.detail_pane import SHEET_ITEMS, DetailPane
from sco_cal.tui.widgets.event_table import EventTable
from sco_cal.tui.widgets.facet_list import FacetList

SETTLE = 0.2  # seconds without a keystroke before the counts are read
_Read = TypeVar("_Read")

# (action, title, help) for the command palette; the keys are in BINDINGS.
COMMANDS = (
    ("annotate", N_("Annotate"), N_("Add a note to the selected event")),
    (
        "unannotate",
        N_("Delete a note"),
        N_("Delete one of the selected event's notes (kept in history)"),
    ),
    ("edit", N_("Edit"), N_("Change the selected event's title, place, time or any other field")),
    (
        "change_state",
        N_("Change state"),
        N_("Confirm, cancel, mark held or postpone the selected event"),
    ),
    ("postpone", N_("Postpone"), N_("Postpone the selected event to a new date")),
    ("reschedule", N_("Reschedule"), N_("Correct the selected event's date")),
    ("reminder", N_("Reminders"), N_("Add or remove reminders on the selected event")),
    ("tag", N_("Tag"), N_("Add or remove tags on the selected event")),
    ("new_event", N_("New event"), N_("Add an event typed in by hand")),
    ("timeline", N_("Timeline"), N_("See the year across the screen")),
    ("month", N_("Month"), N_("A month as a grid of weeks, days marked by state")),
    ("delete", N_("Delete"), N_("Delete the selected event (z undoes it)")),
    ("undo", N_("Undo"), N_("Take back your last change")),
    ("restore", N_("Restore a deleted event"), N_("Bring back an event deleted earlier")),
    ("toggle_all", N_("Upcoming / all"), N_("Include or leave out past and closed events")),
    ("toggle_facets", N_("Facets"), N_("Show or hide the facet list")),
    (
        "toggle_detail",
        N_("Event pane"),
        N_("Show or hide the selected event beside or below the list"),
    ),
    ("search", N_("Search"), N_("Filter the agenda as you type")),
    ("views", N_("Saved views"), N_("Show only the events of a view saved in config.toml")),
    (
        "ingest",
        N_("Review a document"),
        N_("Read a bulletin and choose which of its changes to apply"),
    ),
)


# The dialog each action on the highlighted event opens, with its options.
EVENT_DIALOGS: dict[str, tuple[Callable[..., EventDialog], dict[str, Any]]] = {
    "annotate": (AnnotateDialog, {}),
    "edit": (EditDialog, {}),
    "change_state": (StateDialog, {}),
    "postpone": (MoveDialog, {"postpone": True}),
    "reschedule": (MoveDialog, {"postpone": False}),
    "reminder": (ReminderDialog, {}),
    "tag": (TagDialog, {}),
    "unannotate": (UnannotateDialog, {}),
}


class AgendaScreen(Speaking, Screen[None]):
    """What is coming up, filtered as you type; actions apply to the highlighted event."""

    CSS_PATH = "agenda.tcss"
    BINDINGS = [
        Binding("slash", "search", N_("Search"), id="search"),
        Binding("escape", "back", N_("Back"), show=False, id="back"),
        Binding("m", "month", N_("Month"), id="month"),
        Binding("t", "timeline", N_("Timeline"), id="timeline"),
        Binding("a", "event_dialog('annotate')", N_("Note"), id="annotate"),
        Binding(
            "A", "event_dialog('unannotate')", N_("Delete a note"), show=False, id="unannotate"
        ),
        Binding("e", "event_dialog('edit')", N_("Edit"), id="edit"),
        Binding("s", "event_dialog('change_state')", N_("State"), id="state"),
        Binding("p", "event_dialog('postpone')", N_("Postpone"), show=False, id="postpone"),
        Binding("d", "event_dialog('reschedule')", N_("Re-date"), show=False, id="reschedule"),
        Binding("r", "event_dialog('reminder')", N_("Remind"), id="reminder"),
        Binding("plus", "event_dialog('tag')", N_("Tag"), show=False, id="tag"),
        Binding("n", "new_event", N_("New"), id="new_event"),
        Binding("x", "delete", N_("Delete"), show=False, id="delete"),
        Binding("z", "undo", N_("Undo"), show=False, id="undo"),
        Binding("u", "toggle_all", N_("Upcoming/all"), show=False, id="toggle_all"),
        Binding("f", "toggle_facets", N_("Facets"), show=False, id="facets"),
        Binding("o", "toggle_detail", N_("Event pane"), show=False, id="detail"),
        Binding("v", "views", N_("Saved views"), show=False, id="views"),
        Binding("i", "ingest", N_("Review a document"), show=False, id="ingest"),
    ]

    def __init__(
        self,
        service: CalendarService,
        *,
        lang: str,
        show_all: bool,
        poll_seconds: float,
        views: Mapping[str, Mapping[str, Any]] | None = None,
        panes: TuiSettings | None = None,
        remember: Callable[[str, bool], None] | None = None,
    ) -> None:
        super().__init__()
        self.service = service
        self.views = dict(views or {})
        self.lang = lang
        self.poll_seconds = poll_seconds
        self.agenda_query = AgendaQuery(show_all=show_all)
        self.tally: Tally | None = None
        self.token: tuple[int, ...] | None = None
        # The event a reload was asked to land on, until the agenda it read is shown.
        self.following: Event | None = None
        self.panes = panes or TuiSettings()
        self.remember = remember
        self.facets_open = False  # opened by hand over the list, where they cannot dock
        self.arrangement = arrange(80, 24, facets=False, detail=True)

    def compose(self) -> ComposeResult:
        today = self.service.today
        yield Static(id="status")
        yield Input(placeholder=_("/ to search: words, places in any spelling"), id="search")
        with Horizontal(id="main"):
            yield FacetList(lang=self.lang, id="facets")
            with Container(id="agenda"):
                yield EventTable(today=today, lang=self.lang, id="events")
                yield DetailPane(today=today, lang=self.lang, id="detail")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        self._arrange()
        search = self.query_one("#search", Input)
        search.compact = True
        search.cursor_blink = bool(getattr(self.app, "cursor_blink", True))
        self.table.focus()
        self._show_status()
        self.reload()
        self.poll()
        self.set_interval(self.poll_seconds, self.poll)

    # -- where the panes go -----------------------------------------------------------
    def on_resize(self, event: events.Resize) -> None:
        self._arrange(event.size)

    def _arrange(self, size: Size | None = None) -> None:
        width, height = size or self.app.size
        self.arrangement = found = arrange(
            width,
            height,
            facets=self.panes.facets,
            detail=self.panes.detail,
            facets_open=self.facets_open,
        )
        for place in (Place.DOCKED, Place.OVERLAY):
            self.set_class(found.facets is place, f"-facets-{place}")
        for place in (Place.SIDE, Place.BOTTOM):
            self.set_class(found.detail is place, f"-detail-{place}")
        detail = self.query_one(DetailPane)
        if found.detail is Place.SIDE:
            detail.styles.width, detail.styles.height = found.detail_width, None
        elif found.detail is Place.BOTTOM:
            detail.styles.width, detail.styles.height = None, found.detail_height
        self.query_one(FacetList).styles.width = FACETS_WIDTH

    def _keep(self, pane: str, shown: bool) -> None:
        self.panes = replace(self.panes, **{pane: shown})
        if self.remember is not None:
            try:
                self.remember(pane, shown)
            except ScoCalError as exc:
                self.notify(str(exc), title=_("Cannot remember the layout"), severity="warning")

    # -- reading ------------------------------------------------------------------------
    def reload(self, *, follow: Event | None = None, keep_row: bool = False) -> None:
        """Read the agenda again around today, or where `follow` now sorts.

        Upcoming events start at the top of the list; with past ones, at today.
        """
        query = self.agenda_query
        home = Anchor.today(self.service.today, focus_top=not query.show_all)
        self.following = follow
        self._read_agenda(query, home, follow, keep_row)

    @work(thread=True, exclusive=True, group="agenda")
    def _read_agenda(
        self, query: AgendaQuery, anchor: Anchor, follow: Event | None, keep_row: bool
    ) -> None:
        try:
            if follow is not None:
                anchor = self._anchor_on(follow)
            window = load_window(self.service, query.event_filter(), anchor)
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(WindowLoaded(query, window, keep_row, fresh=True))

    def _anchor_on(self, event: Event) -> Anchor:
        try:
            return Anchor.event(self.service.events.bare(event.id))
        except NotFound:  # deleted meanwhile: land where it was
            return Anchor(position=position_of(event))

    @work(thread=True, exclusive=True, group="page")
    def _read_page(self, query: AgendaQuery, anchor: Anchor) -> None:
        try:
            window = load_window(self.service, query.event_filter(), anchor)
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        keep_row = anchor.position is not None
        self.post_message(WindowLoaded(query, window, keep_row, fresh=False))

    @work(thread=True, exclusive=True, group="tally")
    def _read_tally(self, query: AgendaQuery, window: AgendaWindow) -> None:
        tally = self._read_settled(partial(window_tally, self.service, window))
        if tally is not None:
            self.post_message(TallyLoaded(query, window, tally))

    @work(thread=True, exclusive=True, group="facets")
    def _read_facets(self, query: AgendaQuery) -> None:
        values = self._read_settled(partial(load_facets, self.service, query))
        if values is not None and not get_current_worker().is_cancelled:
            self.post_message(FacetsLoaded(query, values))

    def _read_settled(self, read: Callable[[], _Read]) -> _Read | None:
        """What `read` returns once the typing pauses, in a worker; None when a failure
        was reported, or when a newer keystroke cancelled the wait and nothing was read.

        Counting scans every match, hence the wait: the stale query is never counted.
        """
        time.sleep(SETTLE)
        if get_current_worker().is_cancelled:
            return None
        try:
            return read()
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return None

    @work(thread=True, exclusive=True, group="detail")
    def _read_detail(self, event_id: str) -> None:
        try:
            excerpt = self.service.events.excerpt(event_id, SHEET_ITEMS)
            reminders = self.service.reminders.stored(event_id)
        except NotFound:
            return
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        if not get_current_worker().is_cancelled:
            self.post_message(DetailLoaded(excerpt, reminders))

    @work(thread=True, exclusive=True, group="poll")
    def poll(self) -> None:
        """Read the change token; the timer calls this every few seconds. A store that
        was replaced by an older one (a restore) is upgraded and reopened first."""
        try:
            self.service.database.follow_replaced_store()
            self.post_message(TokenRead(self.service.agenda.change_token()))
        except ScoCalError:
            pass  # a busy or vanished store: the next poll tries again

    # -- results ------------------------------------------------------------------------
    def on_window_loaded(self, message: WindowLoaded) -> None:
        if message.query != self.agenda_query:
            return
        self.tally = None
        if message.fresh:
            self.following = None
        self.table.show_window(message.window, keep_row=message.keep_row)
        if not message.window.events:
            self.query_one(DetailPane).clear()
        self._show_status()
        self._read_tally(message.query, message.window)
        if message.fresh:
            self._read_facets(message.query)

    def on_tally_loaded(self, message: TallyLoaded) -> None:
        if message.query == self.agenda_query and message.window is self.table.window:
            self.tally = message.tally
            self._show_status()

    def on_facets_loaded(self, message: FacetsLoaded) -> None:
        if message.query == self.agenda_query:
            self.query_one(FacetList).show_counts(message.values)

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        current = self.table.current
        if current is not None and current.id == message.excerpt.event.id:
            self.query_one(DetailPane).show(message.excerpt, message.reminders)

    def on_token_read(self, message: TokenRead) -> None:
        changed = self.token is not None and message.token != self.token
        self.token = message.token
        if changed:
            # A reload still on its way (after a review, to the first event written) is
            # where the cursor goes: a poll cancelling it must not land on the old row.
            going_to = self.following
            self.reload(follow=going_to or self.table.current, keep_row=True)
            # The open sheet is read at once, not after the list around it: a colleague's
            # note on it shows a list's read sooner.
            if going_to is None and (current := self.table.current) is not None:
                self._read_detail(current.id)

    def on_read_failed(self, message: ReadFailed) -> None:
        title = message.title or _("Cannot read the calendar")
        self.notify(message.text, title=title, severity="error")

    # -- what the widgets report ----------------------------------------------------------
    def on_event_table_event_highlighted(self, message: EventTable.EventHighlighted) -> None:
        self._read_detail(message.event.id)
        self._show_status()

    def on_event_table_edge_reached(self, message: EventTable.EdgeReached) -> None:
        self._read_page(self.agenda_query, message.anchor)

    def on_event_table_event_selected(self, message: EventTable.EventSelected) -> None:
        if self.arrangement.detail is Place.HIDDEN:  # no room beside or below: over the list
            self.app.push_screen(DetailScreen(self.service, message.event, lang=self.lang))
        else:
            self.query_one(DetailPane).focus()

    def on_facet_list_facet_toggled(self, message: FacetList.FacetToggled) -> None:
        query = self.agenda_query.toggled(message.facet, message.value)
        self._set_query(replace(query, view=None, view_name=""))  # facets replace a view

    def on_input_changed(self, message: Input.Changed) -> None:
        if message.input.id == "search" and message.value != self.agenda_query.search:
            query = replace(self.agenda_query, search=message.value, view=None, view_name="")
            self._set_query(query)  # typing replaces a view

    def on_input_submitted(self, message: Input.Submitted) -> None:
        if message.input.id == "search":
            self.table.focus()

    def _set_query(self, query: AgendaQuery) -> None:
        if query != self.agenda_query:
            self.agenda_query = query
            self.reload()

    def _show_status(self) -> None:
        query, today = self.agenda_query, self.service.today
        parts = [_("all events") if query.show_all else _("upcoming")]
        if self.tally is not None and self.table.window is not None:
            here = self.tally.before_anchor + self.table.cursor + 1 if self.tally.total else 0
            parts.append(f"{here:,}/{self.tally.total:,}")
            if self.tally.follow_up:
                n = self.tally.follow_up
                parts.append(
                    ngettext("! {n} needs follow-up", "! {n} need follow-up", n).format(n=f"{n:,}")
                )
        else:
            parts.append(_("counting…"))
        if query.view_name:
            parts.append(_("view {name}").format(name=safe(query.view_name)))
        if query.chosen:
            parts.append(", ".join(value for _facet, value in sorted(query.chosen)))
        parts.append(
            _("today {date}").format(
                date=f"{today.day} {month_name(today.month, self.lang)} {today.year}"
            )
        )
        self.query_one("#status", Static).update(" · ".join(parts))

    # -- actions --------------------------------------------------------------------------
    def action_search(self) -> None:
        # At once, not on the next loop turn as `Widget.focus` does: the letters typed
        # right after "/" are already queued and must reach the box, not the key bindings.
        self.set_focus(self.query_one("#search", Input))

    def action_back(self) -> None:
        search = self.query_one("#search", Input)
        if self.facets_open:  # the facets opened over the list close first
            self.facets_open = False
            self._arrange()
            self.table.focus()
        elif not self.table.has_focus:  # out of the search box, the facets or the event
            self.table.focus()
        elif search.value:
            search.value = ""  # a second Escape clears the search
        elif self.agenda_query.view is not None:
            self._set_query(self.agenda_query.with_view(NO_VIEW, None))

    def action_toggle_all(self) -> None:
        self._set_query(replace(self.agenda_query, show_all=not self.agenda_query.show_all))

    def action_toggle_facets(self) -> None:
        """Dock the facets, or hide them (remembered); with no room, open them over the list."""
        width, height = self.app.size
        if self.arrangement.facets is Place.DOCKED:
            self._keep("facets", False)
        elif self.arrangement.facets is Place.OVERLAY:
            self.facets_open = False
        elif arrange(width, height, facets=True, detail=self.panes.detail).facets is Place.DOCKED:
            self._keep("facets", True)
        else:
            self.facets_open = True
        self._arrange()
        if self.arrangement.facets is Place.HIDDEN:
            self.table.focus()
        else:
            self.query_one(FacetList).focus()

    def action_toggle_detail(self) -> None:
        """Show or hide the event's sheet beside or below the list (remembered)."""
        self._keep("detail", not self.panes.detail)
        self._arrange()
        if self.arrangement.detail is Place.HIDDEN and self.panes.detail:
            self.notify(_("No room for the event here: Enter opens it over the list."), timeout=4)
        self.table.focus()

    def action_timeline(self) -> None:
        current = self.table.current
        year = current.window.start.year if current else self.service.today.year
        screen = TimelineScreen(
            self.service, self.agenda_query, year=year, lang=self.lang, focus=current
        )
        self.app.push_screen(screen, self._back_from_timeline)

    def _back_from_timeline(self, event: Event | None) -> None:
        if event is not None:
            self.reload(follow=event)

    def action_month(self) -> None:
        current = self.table.current
        day = current.window.start if current else self.service.today
        screen = MonthScreen(self.service, self.agenda_query, day=day, lang=self.lang)
        self.app.push_screen(screen, self._back_from_month)

    def _back_from_month(self, day: date | None) -> None:
        """The agenda at `day` (past and closed events too, for a day gone by)."""
        if day is None:
            return
        if day < self.service.today and not self.agenda_query.show_all:
            self.agenda_query = replace(self.agenda_query, show_all=True)
        self._read_agenda(self.agenda_query, Anchor(position=today_position(day)), None, False)

    def action_delete(self) -> None:
        event = self.table.current
        if event is None:
            self.notify(_("No event is selected."), severity="warning")
            return
        self.app.push_screen(
            ConfirmDeletion(event, lang=self.lang), partial(self._confirmed_deletion, event)
        )

    def _confirmed_deletion(self, event: Event, confirmed: bool | None) -> None:
        if confirmed:
            self._record(
                lambda: self.service.records.delete(event.id), _("Deleted {id}: z undoes it.")
            )

    def action_undo(self) -> None:
        def undo() -> Event:
            entry = self.service.records.undo()
            return self.service.events.by_id(entry.event_id)

        self._record(undo, _("Undone on {id}."))

    def action_restore(self) -> None:
        self.app.push_screen(DeletedDialog(self.service, lang=self.lang), self._restored)

    def _restored(self, event: Event | None) -> None:
        if event is not None:
            self.notify(_("Restored {id}.").format(id=event.id), timeout=3)
            self.reload(follow=event, keep_row=True)

    @work(thread=True, exclusive=True, group="record")
    def _record(self, write: Callable[[], Event], said: str) -> None:
        """A write that needs no dialog (delete, undo), off the UI thread."""
        try:
            event = write()
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc), title=_("Nothing was changed")))
            return
        self.post_message(Recorded(event, said.format(id=event.id)))

    def on_recorded(self, message: Recorded) -> None:
        self.notify(message.text, timeout=4)
        self.reload(follow=message.event, keep_row=True)

    @property
    def table(self) -> EventTable:
        return self.query_one(EventTable)

    def action_event_dialog(self, name: str) -> None:
        """Open the dialog of action `name` on the highlighted event."""
        event = self.table.current
        if event is None:
            self.notify(_("No event is selected."), severity="warning")
            return
        dialog, options = EVENT_DIALOGS[name]
        self.app.push_screen(dialog(self.service, event, lang=self.lang, **options), self._written)

    def action_new_event(self) -> None:
        self.app.push_screen(NewEventDialog(self.service, None, lang=self.lang), self._written)

    def _written(self, event: Event | None) -> None:
        if event is not None:
            self.notify(_("Saved {id}.").format(id=event.id), timeout=3)
            self.reload(follow=event, keep_row=True)

    def action_views(self) -> None:
        if not self.views:
            self.notify(_("No saved views: add [views.NAME] tables to config.toml."), timeout=5)
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
                self.notify(
                    str(exc),
                    title=_("Cannot apply the view {name}").format(name=safe(name)),
                    severity="error",
                )
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
            self.notify(_("Nothing accepted: nothing written."), timeout=5)
            return
        self.notify(applied(report), title=_("Applied"), timeout=5)
        # A bulletin often reports meetings already past: show those too, from the first
        # event written.
        first = next((i.proposed for i in items if i.proposed and i.proposed.id in written), None)
        self.agenda_query = replace(self.agenda_query, show_all=True)
        self.reload(follow=first)

    def commands(self) -> Iterator[SystemCommand]:
        """The screen's actions for the command palette."""
        for action, title, text in COMMANDS:
            if action in EVENT_DIALOGS:
                yield SystemCommand(_(title), _(text), partial(self.action_event_dialog, action))
            else:
                yield SystemCommand(_(title), _(text), getattr(self, f"action_{action}"))

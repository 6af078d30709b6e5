"""The selected event over the whole screen, where the list leaves no room for it."""

from __future__ import annotations

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.screen import ModalScreen

from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event
from sco_cal.i18n import N_
from sco_cal.service import CalendarService
from sco_cal.tui.screens.messages import DetailLoaded, ReadFailed
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets.detail_pane import SHEET_ITEMS, DetailPane


class DetailScreen(Speaking, ModalScreen[None]):
    """Every field, the sources, notes, history and reminders; Escape or Enter closes it."""

    BINDINGS = [Binding("escape,enter,q", "close", N_("Back to the list"), id="detail.close")]
    DEFAULT_CSS = """
    DetailScreen { background: $background 60%; }
    DetailScreen DetailPane { margin: 1 2; border: thick $accent; background: $surface; }
    """

    def __init__(self, service: CalendarService, event: Event, *, lang: str) -> None:
        super().__init__()
        self.service = service
        self.event = event
        self.lang = lang

    def compose(self) -> ComposeResult:
        yield DetailPane(today=self.service.today, lang=self.lang)

    def on_mount(self) -> None:
        self.query_one(DetailPane).focus()
        self._read()

    @work(thread=True, exclusive=True)
    def _read(self) -> None:
        try:
            excerpt = self.service.events.excerpt(self.event.id, SHEET_ITEMS)
            self.post_message(DetailLoaded(excerpt, self.service.reminders.stored(self.event.id)))
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))

    def on_detail_loaded(self, message: DetailLoaded) -> None:
        self.query_one(DetailPane).show(message.excerpt, message.reminders)

    def on_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, severity="error")

    def action_close(self) -> None:
        self.dismiss(None)

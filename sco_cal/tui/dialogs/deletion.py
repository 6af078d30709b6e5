"""Deleting an event (after a question) and bringing back one deleted earlier."""

from __future__ import annotations

from dataclasses import dataclass

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Label, OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.service import CalendarService
from sco_cal.tui.screens.messages import ReadFailed
from sco_cal.tui.speech import Speaking


class ConfirmDeletion(Speaking, ModalScreen[bool]):
    """`y` or Enter deletes; `n` or Escape keeps the event."""

    CSS_PATH = "ingest.tcss"
    BINDINGS = [
        Binding("y", "answer(True)", N_("Delete"), id="delete.yes"),
        Binding("n,escape", "answer(False)", N_("Keep"), id="delete.no"),
    ]

    def __init__(self, event: Event, *, lang: str) -> None:
        super().__init__()
        self.event = event
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="small-dialog"):
            yield Label(_("Delete this event?"), classes="heading")
            yield Label(safe(self.event.title_in(self.lang)))
            said = _(
                "It leaves every list; its history stays. z undoes it, and "
                "sco-cal restore {id} brings it back."
            )
            yield Label(said.format(id=self.event.id))
            with Horizontal(classes="buttons"):
                yield Button(_("Delete  y"), variant="error", id="yes")
                yield Button(_("Keep  n"), id="no")

    def on_mount(self) -> None:
        self.query_one("#yes", Button).focus()

    def on_button_pressed(self, message: Button.Pressed) -> None:
        message.stop()
        self.dismiss(message.button.id == "yes")

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)


class DeletedDialog(Speaking, ModalScreen[Event | None]):
    """The events deleted lately, the last one first; Enter restores the highlighted one."""

    CSS_PATH = "ingest.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="restore.cancel")]

    @dataclass
    class DeletedRead(Message):
        events: list[Event]

    @dataclass
    class Restored(Message):
        event: Event

    def __init__(self, service: CalendarService, *, lang: str) -> None:
        super().__init__()
        self.service = service
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(classes="small-dialog"):
            yield Label(_("Deleted events: Enter restores one"), classes="heading")
            yield OptionList(id="deleted")

    def on_mount(self) -> None:
        self.query_one(OptionList).focus()
        self._read()

    @work(thread=True, exclusive=True, group="deleted")
    def _read(self) -> None:
        try:
            events = self.service.events.deleted()
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        self.post_message(self.DeletedRead(events))

    def on_deleted_dialog_deleted_read(self, message: DeletedRead) -> None:
        events = message.events
        options = [
            Option(f"{format_window(e.window, self.lang)}  {safe(e.title_in(self.lang))}", id=e.id)
            for e in events
        ]
        listing = self.query_one(OptionList)
        listing.set_options(options or [Option(_("No event was deleted."), disabled=True)])

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        if message.option.id:
            self._restore(message.option.id)

    @work(thread=True, exclusive=True, group="restore")
    def _restore(self, event_id: str) -> None:
        try:
            event = self.service.records.restore(event_id)
        except ScoCalError as exc:
            self.post_message(ReadFailed(str(exc)))
            return
        self.post_message(self.Restored(event))

    def on_deleted_dialog_restored(self, message: Restored) -> None:
        self.dismiss(message.event)

    def on_read_failed(self, message: ReadFailed) -> None:
        self.notify(message.text, severity="error")

    def action_cancel(self) -> None:
        self.dismiss(None)

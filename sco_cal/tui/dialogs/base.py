"""What every action dialog shares: a form, a save that runs off the UI thread, and a
message on bad input that leaves what the person typed in place."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, RadioSet, Static, TextArea

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.service import CalendarService
from sco_cal.tui.speech import Speaking


class EventDialog(Speaking, ModalScreen[Event | None]):
    """A form about one event (or a new one); dismissed with the event as now stored."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [
        Binding("escape", "cancel", N_("Cancel"), id="dialog.cancel"),
        Binding("ctrl+s", "save", N_("Save"), id="dialog.save"),
    ]
    HEADING = ""

    @dataclass
    class Saved(Message):
        """The write went through."""

        event: Event

    @dataclass
    class Refused(Message):
        """The service refused the input; `text` says why."""

        text: str

    def __init__(self, service: CalendarService, event: Event | None, *, lang: str) -> None:
        super().__init__()
        self.service = service
        self.event = event
        self.lang = lang

    # -- what each dialog provides ------------------------------------------------------
    def fields(self) -> ComposeResult:
        yield from ()

    def values(self) -> dict[str, Any]:
        """What the person entered, read on the UI thread."""
        return {}

    def perform(self, values: dict[str, Any]) -> Event:
        """The write, on a worker thread; raises ScoCalError on bad input."""
        raise NotImplementedError

    # -- the form -----------------------------------------------------------------------
    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            yield Label(_(self.HEADING) if self.HEADING else "", id="heading")
            if self.event is not None:
                yield Label(safe(self.event.title_in(self.lang)), id="subject")
            yield from self.fields()
            yield Static("", id="error")
            with Horizontal(id="buttons"):
                yield Button(_("Save  ctrl+s"), variant="primary", id="save")
                yield Button(_("Cancel  esc"), id="cancel")

    def on_mount(self) -> None:
        blink = bool(getattr(self.app, "cursor_blink", True))
        for widget in self.query("Input, TextArea"):
            if isinstance(widget, Input | TextArea):
                widget.cursor_blink = blink
        # One line per field, so the longest form fits a 24-line terminal.
        for field in self.query("Input, Button, RadioSet"):
            if isinstance(field, Input | Button | RadioSet):
                field.compact = True
        first = self.query("Input, TextArea, RadioSet")
        if first:
            first.first().focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_cancel()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def on_input_changed(self, event: Input.Changed) -> None:
        if isinstance(event.input, DateInput):
            text = preview_date(event.value, self.service, self.lang)
            self.query_one("#preview", Static).update(Text(text))  # it quotes what was typed

    def action_cancel(self) -> None:
        self.dismiss(None)

    def action_save(self) -> None:
        self.show_error("")
        self._save(self.values())

    @work(thread=True, exclusive=True, group="save")
    def _save(self, values: dict[str, Any]) -> None:
        try:
            self.post_message(self.Saved(self.perform(values)))
        except ScoCalError as exc:
            self.post_message(self.Refused(str(exc)))
        except Exception as exc:  # a bug must not cost the person what they typed
            self.post_message(self.Refused(f"internal error: {type(exc).__name__}: {exc}"))

    def on_event_dialog_saved(self, message: Saved) -> None:
        self.dismiss(message.event)

    def on_event_dialog_refused(self, message: Refused) -> None:
        self.show_error(message.text)

    def show_error(self, text: str) -> None:
        error = self.query_one("#error", Static)
        error.update(Text(text))  # it may quote what was typed: text, not markup
        error.set_class(bool(text), "-shown")

    @property
    def event_id(self) -> str:
        assert self.event is not None, "this dialog is about an existing event"
        return self.event.id


class DateInput(Input):
    """A date phrase; the dialog shows how it reads in a `#preview` line below it."""


def preview_date(text: str, service: CalendarService, lang: str) -> str:
    """How a date phrase reads, or why it cannot be read yet."""
    if not text.strip():
        return ""
    try:
        window = parse_date_phrase(text, today=service.today)
    except ScoCalError as exc:
        return f"? {exc}"
    return f"→ {format_window(window, lang)}  ({window.start} .. {window.end})"


def value_of(dialog: EventDialog, selector: str) -> str:
    return dialog.query_one(selector, Input).value

"""Ask for a document to read; the review runs off the UI thread and a file that cannot
be read leaves the path typed in place with the reason."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static

from sco_cal.domain.errors import InvalidInput, ScoCalError
from sco_cal.i18n import N_, _
from sco_cal.service import CalendarService
from sco_cal.tui.speech import Speaking

if TYPE_CHECKING:
    from sco_cal.ingest.review import ReviewItem


class IngestDialog(Speaking, ModalScreen["list[ReviewItem] | None"]):
    """Enter reads the file into review items; Escape cancels."""

    CSS_PATH = "ingest.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="ingest.cancel")]

    @dataclass
    class Reviewed(Message):
        """The document was read into review items."""

        items: list[ReviewItem]

    @dataclass
    class Refused(Message):
        """The document could not be read; `text` says why."""

        text: str

    def __init__(self, service: CalendarService) -> None:
        super().__init__()
        self.service = service

    def compose(self) -> ComposeResult:
        with Vertical(id="ingest-dialog", classes="small-dialog"):
            yield Label(_("Review a document"), classes="heading")
            yield Label(_("File (a bulletin: plain text, Markdown or HTML):"))
            yield Input(placeholder=_("e.g. ~/bulletins/n4.txt"), id="path")
            yield Static("", id="ingest-error", classes="error")
            with Horizontal(classes="buttons"):
                yield Button(_("Review  enter"), variant="primary", id="review")
                yield Button(_("Cancel  esc"), id="cancel")

    def on_mount(self) -> None:
        path = self.query_one("#path", Input)
        path.cursor_blink = bool(getattr(self.app, "cursor_blink", True))
        for field in self.query("Input, Button"):
            if isinstance(field, Input | Button):
                field.compact = True
        path.focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_review()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "review":
            self.action_review()
        else:
            self.action_cancel()

    def action_review(self) -> None:
        self.show_error("")
        self._review(self.query_one("#path", Input).value.strip())

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="review")
    def _review(self, path: str) -> None:
        try:
            if not path:
                raise InvalidInput(_("give the path of a document to read"))
            items = self.service.documents.review(Path(path).expanduser())
        except ScoCalError as exc:
            self.post_message(self.Refused(str(exc)))
        else:
            self.post_message(self.Reviewed(items))

    def on_ingest_dialog_reviewed(self, message: Reviewed) -> None:
        self.dismiss(message.items)

    def on_ingest_dialog_refused(self, message: Refused) -> None:
        self.show_error(message.text)

    def show_error(self, text: str) -> None:
        error = self.query_one("#ingest-error", Static)
        error.update(Text(text))
        error.set_class(bool(text), "-shown")

"""Choose the event an ambiguous review item means, or none of them (a new meeting)."""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.ingest.review import NEW_CHOICE, ReviewItem
from sco_cal.tui.speech import Speaking


class ChooseDialog(Speaking, ModalScreen[str | None]):
    """Dismissed with the chosen event id (or `new`), or None when cancelled."""

    CSS_PATH = "dialogs.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="choose.cancel")]

    def __init__(self, item: ReviewItem, *, lang: str) -> None:
        super().__init__()
        self.item = item
        self.lang = lang

    def compose(self) -> ComposeResult:
        with Vertical(id="choose-dialog", classes="small-dialog"):
            yield Label(f"#{self.item.number}: which event does it mean?", classes="heading")
            options = [
                Option(
                    Text(
                        f"{c.event_id}\n  {safe(c.event.title_in(self.lang))[:60]}"
                        f" ({format_window(c.event.window, self.lang)})\n  {safe(c.why)[:70]}"
                    ),
                    id=c.event_id,
                )
                for c in self.item.candidates
            ]
            if self.item.new_allowed:
                options.append(
                    Option(Text(_("new\n  none of these: a new meeting")), id=NEW_CHOICE)
                )
            yield OptionList(*options, id="choices")

    def on_mount(self) -> None:
        choices = self.query_one("#choices", OptionList)
        choices.highlighted = 0
        choices.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.dismiss(message.option.id)

    def action_cancel(self) -> None:
        self.dismiss(None)

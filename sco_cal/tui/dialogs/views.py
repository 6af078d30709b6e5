"""The saved views of the configuration, in a short list to choose one from."""

from __future__ import annotations

from collections.abc import Iterable

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.screen import ModalScreen
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.tui.speech import Speaking

NO_VIEW = ""  # what choosing "(no view)" returns: back to the unfiltered agenda


class ViewsDialog(Speaking, ModalScreen[str | None]):
    """Enter applies the highlighted view; Escape leaves the agenda as it is."""

    CSS_PATH = "ingest.tcss"
    BINDINGS = [Binding("escape", "cancel", N_("Cancel"), id="views.cancel")]

    def __init__(self, names: Iterable[str], *, current: str = NO_VIEW) -> None:
        super().__init__()
        self.names = list(names)
        self.current = current

    def compose(self) -> ComposeResult:
        with Vertical(id="views-dialog", classes="small-dialog"):
            yield Label(_("Saved views ([views.NAME] in config.toml)"), classes="heading")
            options = [Option("(no view)", id="\0")]
            options += [Option(Text(safe(name)), id=name) for name in self.names]
            yield OptionList(*options, id="views")

    def on_mount(self) -> None:
        listing = self.query_one(OptionList)
        ids = [NO_VIEW, *self.names]
        listing.highlighted = ids.index(self.current) if self.current in ids else 0
        listing.focus()

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        option_id = message.option.id
        self.dismiss(NO_VIEW if option_id in (None, "\0") else option_id)

    def action_cancel(self) -> None:
        self.dismiss(None)

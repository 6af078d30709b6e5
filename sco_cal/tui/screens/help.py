"""Every key, as remapped by the configuration, on one screen."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import ModalScreen
from textual.widgets import Static

from sco_cal.i18n import N_, _
from sco_cal.tui.speech import Speaking

INTRO = N_(
    "Keys can be changed in config.toml under [keymap], by the id shown here, "
    'e.g. annotate = "ctrl+a". Ctrl+p opens the command palette.'
)


class HelpScreen(Speaking, ModalScreen[None]):
    """Grouped like the screens they work on; Escape, ? or q closes it."""

    CSS_PATH = "help.tcss"
    BINDINGS = [Binding("escape,question_mark,q", "close", N_("Close"), id="help.close")]

    def __init__(
        self, groups: Sequence[tuple[str, Sequence[BindingType]]], keymap: Mapping[str, str]
    ) -> None:
        super().__init__()
        self.groups = groups
        self.keymap = keymap

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(_("Keys"), id="title")
            yield Static(Text(_(INTRO)), id="intro")
            yield Static(self._table())

    def _table(self) -> Table:
        table = Table(box=None, show_header=True, padding=(0, 1))
        table.add_column(_("key"), style="bold", no_wrap=True)
        table.add_column(_("does"))
        table.add_column("id", style="dim", no_wrap=True)
        for title, bindings in self.groups:
            table.add_row(f"[b u]{_(title)}[/]", "", "")
            for binding in bindings:
                if not isinstance(binding, Binding):
                    continue
                key = self.keymap.get(binding.id or "", binding.key)
                keys = [replace_key(binding, k) for k in key.split(",")]
                shown = ", ".join(self.app.get_key_display(k) for k in keys)
                described = _(binding.description) if binding.description else binding.action
                table.add_row(shown, described, binding.id or "")
        return table

    def action_close(self) -> None:
        self.dismiss(None)


def replace_key(binding: Binding, key: str) -> Binding:
    from dataclasses import replace

    return replace(binding, key=key.strip(), key_display=None)

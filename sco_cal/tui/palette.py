"""Textual's command palette, every word of it in the run's language."""

from __future__ import annotations

from rich.align import Align
from rich.text import Text
from textual.command import CommandList, CommandPalette
from textual.widgets.option_list import Option

from sco_cal.i18n import _


class Palette(CommandPalette):
    """The palette, its search box's hint and its "no matches" line translated."""

    def __init__(self) -> None:
        super().__init__(placeholder=_("Search for commands…"), id="--command-palette")

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual (8.2, the range pyproject allows) writes "No matches found" inside this
        # method: the same countdown and line, in the run's language.
        self._stop_no_matches_countdown()

        def show_no_matches() -> None:
            # Only a search finds nothing; an empty box lists what there is to discover.
            if search_value:
                line = Align.center(Text(_("No matches found"), style="not bold"))
                self.query_one(CommandList).add_option(
                    Option(line, disabled=True, id=self._NO_MATCHES)
                )
            self._list_visible = bool(search_value)

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, show_no_matches)

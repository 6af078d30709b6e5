"""Facets with counts: organisation, state, country, theme and follow-up, to tick and untick."""

from __future__ import annotations

from dataclasses import dataclass

from rich.table import Table
from rich.text import Text
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import organisation_acronym
from sco_cal.domain.places import country_name
from sco_cal.domain.themes import theme_label
from sco_cal.i18n import _
from sco_cal.output.detail import name_or_code
from sco_cal.output.words import state_word
from sco_cal.tui.agenda_pages import FACETS, FOLLOW_UP, FacetValue

_SEP = "\t"


class FacetList(OptionList):
    """Each value shows how many events ticking it would give; Enter or a click toggles."""

    DEFAULT_CSS = """
    FacetList { width: 30; height: 1fr; border: none; border-right: solid $panel-lighten-2; }
    FacetList:focus { border: none; border-right: solid $accent; }
    """

    @dataclass
    class FacetToggled(Message):
        """A facet value was ticked or unticked."""

        facet: str
        value: str

    def __init__(self, *, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang

    def show_counts(self, values: list[FacetValue]) -> None:
        """Replace the list, keeping the highlighted value where it was."""
        kept = self.highlighted_option.id if self.highlighted_option else None
        options: list[Option | None] = []
        for facet, heading in FACETS:
            mine = [v for v in values if v.facet == facet]
            if facet == "theme":
                mine.sort(key=lambda v: v.value)  # each theme above its sub-themes
            options.append(Option(Text(_(heading), "bold"), disabled=True))
            options += [Option(self._prompt(v), id=f"{v.facet}{_SEP}{v.value}") for v in mine]
        self.set_options(options)
        ids = [o.id for o in self.options]
        if kept in ids:
            self.highlighted = ids.index(kept)

    def _prompt(self, value: FacetValue) -> Table:
        """`[x] label … 12`: the count kept at the right edge, the label cut to what is
        left, whatever the list's width (docked, over the agenda, with a scroll bar)."""
        box = "[x] " if value.chosen else "[ ] "
        label = Text(box, "bold" if value.chosen else "")
        label.append(self._label(value))
        row = Table.grid(expand=True)
        row.add_column(ratio=1, no_wrap=True, overflow="ellipsis")
        row.add_column(justify="right", no_wrap=True)
        row.add_row(label, Text(f" {value.count:,}", "dim"))
        return row

    def _label(self, value: FacetValue) -> str:
        if value.facet == "country":
            return name_or_code(country_name, value.value, self.lang)
        if value.facet == "theme":
            depth = value.value.count(".")
            return "  " * depth + name_or_code(theme_label, value.value, self.lang)
        if value.facet == FOLLOW_UP:
            return _("needs follow-up")
        if value.facet == "organisation":
            return organisation_acronym(value.value)
        if value.facet == "status":
            return state_word(ConfirmationState(value.value))
        return value.value

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            facet, _, value = event.option.id.partition(_SEP)
            self.post_message(self.FacetToggled(facet, value))

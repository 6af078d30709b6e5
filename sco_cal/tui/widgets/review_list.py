"""A document's review items, one block each, with space to accept or reject one."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.ingest.review import Action, ReviewItem
from sco_cal.output.review import action_word, shown_value
from sco_cal.tui.speech import Speaking

ACTION_STYLE = {
    Action.NEW: "bold green",
    Action.UPDATE: "bold yellow",
    Action.UNCHANGED: "dim",
    Action.AMBIGUOUS: "bold magenta",
    Action.UNREADABLE: "red",
}


class ReviewList(Speaking, OptionList):
    """Nothing is accepted at first; only new events and updates can be."""

    BINDINGS = [
        Binding("space", "toggle_item", N_("Accept/reject"), id="review.toggle"),
        Binding("A", "accept_all", N_("Accept all"), id="review.accept_all"),
        Binding("c", "choose", N_("Choose event"), id="review.choose"),
    ]

    @dataclass
    class ItemToggled(Message):
        """An item was accepted or rejected."""

        item: ReviewItem
        accepted: bool

    @dataclass
    class ChoiceWanted(Message):
        """An ambiguous item needs a person to choose the event it means."""

        item: ReviewItem

    @dataclass
    class ToggleRefused(Message):
        """Space on an item that cannot be applied (unchanged or unreadable)."""

        item: ReviewItem

    def __init__(self, items: Sequence[ReviewItem], *, lang: str, **kwargs: Any) -> None:
        self.items = list(items)
        self.lang = lang
        self.accepted: set[int] = set()
        options = [Option(self._prompt(item), id=str(item.number)) for item in self.items]
        super().__init__(*options, **kwargs)

    @property
    def current(self) -> ReviewItem | None:
        index = self.highlighted
        return self.items[index] if index is not None and index < len(self.items) else None

    def action_toggle_item(self) -> None:
        item = self.current
        if item is None:
            return
        if item.action is Action.AMBIGUOUS:
            self.post_message(self.ChoiceWanted(item))
            return
        if not item.applicable:
            self.post_message(self.ToggleRefused(item))
            return
        self.accepted ^= {item.number}
        self.replace_option_prompt(str(item.number), self._prompt(item))
        self.post_message(self.ItemToggled(item, item.number in self.accepted))

    def action_accept_all(self) -> None:
        """Accept every item that can be applied (again: reject them all)."""
        applicable = {i.number for i in self.items if i.applicable}
        self.accepted = set() if applicable <= self.accepted else applicable
        for item in self.items:
            self.replace_option_prompt(str(item.number), self._prompt(item))
        if self.items:
            self.post_message(self.ItemToggled(self.items[0], bool(self.accepted)))

    def action_choose(self) -> None:
        item = self.current
        if item is not None and item.action is Action.AMBIGUOUS:
            self.post_message(self.ChoiceWanted(item))
        elif item is not None:
            self.post_message(self.ToggleRefused(item))

    def replace_item(self, item: ReviewItem) -> None:
        """Put `item` (an ambiguous one, now chosen) in place of the one with its number."""
        index = next(i for i, old in enumerate(self.items) if old.number == item.number)
        self.items[index] = item
        if item.applicable:
            self.accepted.add(item.number)
        self.replace_option_prompt(str(item.number), self._prompt(item))
        self.post_message(self.ItemToggled(item, item.number in self.accepted))

    def _prompt(self, item: ReviewItem) -> Text:
        if not item.applicable:
            mark = " ? " if item.action is Action.AMBIGUOUS else "   "
        else:
            mark = "[x]" if item.number in self.accepted else "[ ]"
        text = Text(f"{mark} #{item.number} ")
        text.append(f"{action_word(item.action):<10}", ACTION_STYLE[item.action])
        text.append(f" {safe(_id(item))}", "cyan")
        text.append(f"  {item.confidence:.2f}", "dim")
        text.append("\n      " + " · ".join(item_lines(item, self.lang)))
        return text


def item_lines(item: ReviewItem, lang: str) -> list[str]:
    """The title and date of what the item proposes, then each change old -> new."""
    lines = []
    if item.proposed is not None:
        lines.append(safe(item.proposed.title_in(lang)))
        lines.append(format_window(item.proposed.window, lang))
    for name, (old, new) in item.changes.items():
        by_hand = "  " + _("(set by hand: kept)") if name in item.user_edited else ""
        lines.append(f"{name}: {shown_value(old)} -> {shown_value(new)}{by_hand}")
    if item.action is Action.UNREADABLE:
        lines.append("; ".join(safe(r) for r in item.reasons))
    if item.action is Action.AMBIGUOUS:
        lines.append(
            _("or {ids}: c chooses").format(ids=" / ".join(c.event_id for c in item.candidates))
        )
    return lines


def _id(item: ReviewItem) -> str:
    if item.event_id is not None:
        return item.event_id
    return item.proposed.id if item.proposed is not None else ""

"""A document's review: accept or reject each item, read its excerpt, apply the accepted."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from functools import partial

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.message import Message
from textual.screen import Screen
from textual.widgets import Button, Footer, OptionList, Static

from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext
from sco_cal.ingest.plan import ApplyReport
from sco_cal.ingest.review import Action, ReviewItem
from sco_cal.output.review import candidate_lines, summary
from sco_cal.service import CalendarService
from sco_cal.tui.dialogs.choose import ChooseDialog
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets.review_list import ReviewList


class ReviewScreen(Speaking, Screen[ApplyReport | None]):
    """Dismissed with what the apply wrote, or None when left without applying."""

    CSS_PATH = "review.tcss"
    BINDINGS = [
        Binding("a", "apply", N_("Apply accepted"), id="review.apply"),
        Binding("escape", "cancel", N_("Cancel"), id="review.cancel"),
    ]

    @dataclass
    class Applied(Message):
        """The accepted items were written."""

        report: ApplyReport

    @dataclass
    class Refused(Message):
        """The store refused the apply; `text` says why."""

        text: str

    def __init__(self, service: CalendarService, items: Sequence[ReviewItem], *, lang: str) -> None:
        super().__init__()
        self.service = service
        self.items = list(items)
        self.lang = lang

    @property
    def review_list(self) -> ReviewList:
        return self.query_one(ReviewList)

    def compose(self) -> ComposeResult:
        yield Static(id="review-status")
        yield ReviewList(self.items, lang=self.lang, id="review-items")
        yield Static(id="excerpt")
        with Horizontal(id="review-buttons"):
            yield Button("Apply accepted  a", variant="primary", id="apply")
            yield Button("Cancel  esc", id="cancel")
        yield Footer(show_command_palette=False)

    def on_mount(self) -> None:
        for button in self.query(Button):
            button.compact = True
        self._show_status()
        if self.items:
            self.review_list.highlighted = 0
        self.review_list.focus()

    def _show_status(self) -> None:
        document = self.items[0].document if self.items else _("the document")
        if not self.items:
            told = _("nothing to review: the document announces no meeting sco-cal can read")
        else:
            told = ngettext(
                "{summary} · {n} accepted",
                "{summary} · {n} accepted",
                len(self.review_list.accepted),
            ).format(summary=summary(self.items), n=len(self.review_list.accepted))
            if self.items[0].date_assumed:
                told += " · " + _("no date in it: read as of today, {day}").format(
                    day=self.items[0].document_date
                )
        text = _("Review of {document} · {told} · space accepts, A all, c chooses").format(
            document=safe(document), told=told
        )
        self.query_one("#review-status", Static).update(Text(text))

    def on_option_list_option_highlighted(self, message: OptionList.OptionHighlighted) -> None:
        self._show_detail()

    def _show_detail(self) -> None:
        item = self.review_list.current
        excerpt = " ".join(item.excerpt.split()) if item is not None else ""
        lines = [f"“{safe(excerpt)}”"] if excerpt else []
        if item is not None and item.action is Action.AMBIGUOUS:
            lines = [*candidate_lines(item, self.lang), *lines]
        self.query_one("#excerpt", Static).update(Text("\n".join(lines)))

    def on_review_list_item_toggled(self, message: ReviewList.ItemToggled) -> None:
        self._show_status()

    def on_review_list_choice_wanted(self, message: ReviewList.ChoiceWanted) -> None:
        item = message.item
        self.app.push_screen(ChooseDialog(item, lang=self.lang), partial(self._chosen, item))

    def _chosen(self, item: ReviewItem, choice: str | None) -> None:
        if choice is None:
            return
        try:
            (chosen,) = self.service.documents.choose([item], {item.number: choice})
        except ScoCalError as exc:
            self.notify(str(exc), severity="error")
            return
        self.items = [chosen if i.number == item.number else i for i in self.items]
        self.review_list.replace_item(chosen)
        self._show_detail()

    def on_review_list_toggle_refused(self, message: ReviewList.ToggleRefused) -> None:
        what = message.item.action.value
        self.notify(f"#{message.item.number} is {what}: nothing to apply.", severity="warning")

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "apply":
            self.action_apply()
        else:
            self.action_cancel()

    def action_apply(self) -> None:
        self._apply(set(self.review_list.accepted))

    def action_cancel(self) -> None:
        self.dismiss(None)

    @work(thread=True, exclusive=True, group="apply")
    def _apply(self, accepted: set[int]) -> None:
        try:
            self.post_message(self.Applied(self.service.documents.apply(self.items, accepted)))
        except ScoCalError as exc:
            self.post_message(self.Refused(str(exc)))

    def on_review_screen_applied(self, message: Applied) -> None:
        self.dismiss(message.report)

    def on_review_screen_refused(self, message: Refused) -> None:
        self.notify(message.text, title="Nothing was written", severity="error")

"""Everything about the selected event: fields, sources with excerpts, notes, history,
reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sco_cal.domain.event import Event, Excerpt, Reminder
from sco_cal.i18n import _, ngettext
from sco_cal.output.detail import event_sheet, label_width, labelled


class DetailPane(VerticalScroll, can_focus=True):
    """A scrollable sheet for one event; it shows what it is given and reads nothing."""

    DEFAULT_CSS = """
    DetailPane { border-top: solid $panel-lighten-2; padding: 0 1; }
    DetailPane:focus { border-top: solid $accent; }
    DetailPane > Static { width: 1fr; }
    """

    def __init__(self, *, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.today = today
        self.lang = lang
        self.event: Event | None = None

    def compose(self) -> ComposeResult:
        yield Static("Select an event to see its sources, notes and history.", id="sheet")

    def show(self, excerpt: Excerpt, reminders: Sequence[Reminder] = ()) -> None:
        self.event = excerpt.event
        self.query_one("#sheet", Static).update(render_sheet(excerpt, reminders, self))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        self.event = None
        self.query_one("#sheet", Static).update(_("No event selected."))


# The newest items of a section a sheet reads and draws: Textual lays out every line of
# the pane at each change, and an event with 900 notes and their history (2,800 lines)
# took a second to draw, each time a colleague wrote one.
SHEET_ITEMS = 50


def render_sheet(excerpt: Excerpt, reminders: Sequence[Reminder], pane: DetailPane) -> Text:
    """The event's sheet (the one `sco-cal show` prints) drawn with Rich styles; of a
    long section, the newest SHEET_ITEMS and how many earlier ones `show` lists."""
    sheet = event_sheet(excerpt, pane.today, pane.lang, reminders)
    text = Text()
    text.append(sheet.title + "\n", "bold")
    if sheet.other_title:
        text.append(sheet.other_title + "\n", "italic")
    width = label_width(sheet)
    for name, value, style in sheet.fields:
        text.append(f"{labelled(name):<{width}}", "bold")
        text.append(value + "\n", style)
    for heading, items, total in sheet.sections:
        if items:
            shown = items[-SHEET_ITEMS:]
            text.append(f"\n{heading} ({total})\n", "bold underline")
            if (earlier := total - len(shown)) > 0:
                told = ngettext(
                    "… {count} earlier one (sco-cal show {id} lists them all)",
                    "… {count} earlier ones (sco-cal show {id} lists them all)",
                    earlier,
                )
                text.append("  " + told.format(count=earlier, id=excerpt.event.id) + "\n", "dim")
            for item in shown:
                text.append(f"  {item}\n")
    return text

"""Everything about the selected event: fields, sources with excerpts, notes, history,
reminders."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.style import Style
from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Static

from sco_cal.date_labels import format_window
from sco_cal.model import Event, Reminder
from sco_cal.organisations import organisation_name
from sco_cal.output.detail import history_line
from sco_cal.text import safe
from sco_cal.themes import theme_label
from sco_cal.tui.widgets import cells

LABEL = 14


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

    def show(self, event: Event, reminders: Sequence[Reminder] = ()) -> None:
        self.event = event
        self.query_one("#sheet", Static).update(render_sheet(event, reminders, self))
        self.scroll_home(animate=False)

    def clear(self) -> None:
        self.event = None
        self.query_one("#sheet", Static).update("No event selected.")


def render_sheet(event: Event, reminders: Sequence[Reminder], pane: DetailPane) -> Text:
    lang, today = pane.lang, pane.today
    other = "en" if lang == "fr" else "fr"
    sheet = Text()
    sheet.append(safe(event.title_in(lang)) + "\n", "bold")
    if event.title_in(other) != event.title_in(lang):
        sheet.append(safe(event.title_in(other)) + "\n", "italic")
    for name, value, style in _fields(event, lang, today):
        sheet.append(f"{name + ':':<{LABEL}}", "bold")
        sheet.append(value + "\n", style)
    _section(
        sheet,
        "Sources",
        [
            f"{safe(s.document)}"
            + (f" ({s.document_date})" if s.document_date else "")
            + f"\n    “{safe(s.excerpt)}”"
            for s in event.sources
        ],
    )
    _section(
        sheet,
        "Annotations",
        [
            f"#{a.id} {a.created_at:%Y-%m-%d %H:%M} {safe(a.author)}"
            + (" (deleted)" if a.deleted_at else "")
            + ":\n    "
            + safe(a.text).replace("\n", "\n    ")
            for a in event.annotations
        ],
    )
    _section(sheet, "History", [history_line(h) for h in event.history])
    _section(
        sheet,
        "Reminders",
        [
            f"#{r.id} due {r.due} ({safe(r.spec)})" + (" delivered" if r.delivered_at else "")
            for r in reminders
        ],
    )
    return sheet


def _fields(event: Event, lang: str, today: date) -> list[tuple[str, str, Style | str]]:
    w = event.window
    when = f"{format_window(w, lang)}  ({w.start} .. {w.end}, {w.precision.value}"
    when += ", open-ended)" if w.open_ended else ")"
    state = event.status.value
    if event.needs_follow_up(today):
        state += "  ! needs follow-up: the window has ended, no outcome recorded"
    series = f"{event.series}" + (f" #{event.number}" if event.number else "")
    rows: list[tuple[str, str | None, Style | str]] = [
        ("When", when, ""),
        ("Wording", safe(w.text), "italic"),
        ("Time", f"{event.start_time} {event.timezone or ''}".strip(), ""),
        ("State", state, cells.STATE_RICH[event.status]),
        ("Organisation", _organisation(event.organisation, lang), ""),
        ("Kind", event.kind.value, ""),
        ("Series", series if event.series else None, ""),
        ("Place", cells.place(event, lang), ""),
        ("Theme", _theme(event.theme, lang), ""),
        ("Tags", ", ".join(event.tags), ""),
        ("Summary", safe(event.summary or ""), ""),
        ("Id", f"{event.id}  (version {event.version})", "dim"),
    ]
    return [(n, safe(v), s) for n, v, s in rows if v and (n != "Time" or event.start_time)]


def _organisation(code: str, lang: str) -> str:
    name = cells.name_of(organisation_name, code, lang)
    return code if name == code else f"{code} ({name})"


def _theme(theme_id: str | None, lang: str) -> str | None:
    if theme_id is None:
        return None
    name = cells.name_of(theme_label, theme_id, lang)
    return theme_id if name == theme_id else f"{name} ({theme_id})"


def _section(sheet: Text, title: str, items: list[str]) -> None:
    if not items:
        return
    sheet.append(f"\n{title} ({len(items)})\n", "bold underline")
    for item in items:
        sheet.append(f"  {safe(item)}\n")

"""The agenda: one line per event, month headings, and a marker where today falls."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from rich.segment import Segment
from rich.style import Style

from sco_cal.domain.date_labels import month_name
from sco_cal.domain.event import Event
from sco_cal.domain.text import safe
from sco_cal.output.detail import place
from sco_cal.output.table import month_heading, organisation_label
from sco_cal.tui.agenda_pages import AgendaWindow
from sco_cal.tui.widgets import cells
from sco_cal.tui.widgets.event_window import EventWindow, ListLine


@dataclass(frozen=True, slots=True)
class Columns:
    """Cell widths for a given screen width; the title takes what is left."""

    when: int
    state: int
    org: int
    title: int
    place: int
    ident: int

    @classmethod
    def for_width(cls, width: int) -> Columns:
        when, place = (17, 14) if width < 110 else (22, 22)
        ident = 30 if width >= 150 else 0
        # Separators: the follow-up mark and one space before each of the other cells.
        fixed = 2 + when + 1 + 11 + 1 + 6 + 1 + 1 + place + (1 + ident if ident else 0)
        return cls(when, 11, 6, max(10, width - fixed), place, ident)


class EventTable(EventWindow):
    """Upcoming first, grouped by month; the state is a coloured word, `!` asks for follow-up."""

    COMPONENT_CLASSES = {
        "event-table--header",
        "event-table--cursor",
        "event-table--heading",
        "event-table--today",
        "event-table--past",
        "event-table--follow-up",
    }
    DEFAULT_CSS = """
    EventTable { height: 1fr; }
    EventTable > .event-table--header { text-style: bold; background: $panel; }
    EventTable > .event-table--cursor { background: $panel-lighten-2; }
    EventTable:focus > .event-table--cursor { background: $accent; color: $text; }
    EventTable > .event-table--heading { color: $text-muted; text-style: bold; }
    EventTable > .event-table--today { color: $warning; text-style: bold; }
    EventTable > .event-table--past { color: $text-muted; }
    EventTable > .event-table--follow-up { color: $error; text-style: bold; }
    """

    class EventHighlighted(EventWindow.EventHighlighted):
        """The cursor came to rest on an event of the agenda."""

    class EventSelected(EventWindow.EventSelected):
        """Enter or a double click on an event of the agenda."""

    class EdgeReached(EventWindow.EdgeReached):
        """The agenda needs the page around its cursor."""

    def __init__(self, *, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(lang=lang, id=id)
        self.today = today

    def build_lines(self, window: AgendaWindow) -> list[ListLine]:
        if not window.events:
            return [ListLine(caption="No events match. (u: include past and closed events)")]
        lines: list[ListLine] = []
        heading = None
        marked = False
        for i, event in enumerate(window.events):
            if not marked and event.window.start >= self.today:
                earlier = window.events[i - 1].window.start < self.today if i else None
                if earlier or (earlier is None and not window.more_before):
                    lines.append(ListLine(caption=self._today_caption(), kind="today"))
                marked = True
            this = month_heading(event, self.lang)
            if this != heading:
                lines.append(ListLine(caption=this, kind="heading"))
                heading = this
            lines.append(ListLine(index=i))
        if not marked and not window.more_after:
            lines.append(ListLine(caption=self._today_caption(), kind="today"))
        return lines

    def _today_caption(self) -> str:
        day = self.today
        return f"today · {day.day} {month_name(day.month, self.lang)} {day.year}"

    def render_header(self, width: int, y: int) -> list[Segment]:
        cols = Columns.for_width(width)
        style = self.get_component_rich_style("event-table--header")
        parts = [
            "  " + cells.fit("WHEN", cols.when),
            cells.fit("STATE", cols.state),
            cells.fit("ORG", cols.org),
            cells.fit("EVENT", cols.title),
            cells.fit("PLACE", cols.place),
        ]
        if cols.ident:
            parts.append(cells.fit("ID", cols.ident))
        return [Segment(cells.fit(" ".join(parts), width), style)]

    def render_caption(self, line: ListLine, width: int) -> list[Segment]:
        if line.kind == "today":
            style = self.get_component_rich_style("event-table--today")
            return [Segment(cells.rule(f"━━ {line.caption} ", "━", width), style)]
        if line.kind == "heading":
            style = self.get_component_rich_style("event-table--heading")
            return [Segment(cells.rule(f"── {line.caption} ", "─", width), style)]
        return [Segment(cells.fit(f"  {line.caption}", width))]

    def render_event(self, event: Event, width: int, selected: bool) -> list[Segment]:
        cols = Columns.for_width(width)
        past = event.window.end < self.today
        base = self.get_component_rich_style("event-table--past") if past else Style()
        follow_up = event.needs_follow_up(self.today)
        segments = [
            Segment(
                cells.FOLLOW_UP_MARK if follow_up else " ",
                self.get_component_rich_style("event-table--follow-up"),
            ),
            Segment(" " + cells.fit(cells.when(event, self.lang), cols.when) + " ", base),
            Segment(cells.fit(event.status.value, cols.state), cells.STATE_RICH[event.status]),
            Segment(" " + cells.fit(organisation_label(event), cols.org), base),
            Segment(" " + cells.fit(cells.title(event, self.lang), cols.title), base),
            Segment(" " + cells.fit(place(event, self.lang), cols.place), base),
        ]
        if cols.ident:
            segments.append(Segment(" " + cells.fit(safe(event.id), cols.ident), base))
        if selected:
            cursor = self.get_component_rich_style("event-table--cursor")
            segments = [Segment(s.text, (s.style or Style()) + cursor) for s in segments]
        return segments

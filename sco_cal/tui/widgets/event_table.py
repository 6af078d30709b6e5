"""The agenda: one line per event under the agenda's headings, a band for the meetings
that need follow-up, and a marker where today falls."""

from __future__ import annotations

from datetime import date

from rich.segment import Segment
from rich.style import Style

from sco_cal.domain.date_labels import month_name
from sco_cal.domain.event import Event
from sco_cal.domain.ordering import group_heading, group_key, position_of, today_position
from sco_cal.domain.query import Scope
from sco_cal.domain.text import cell_width, safe
from sco_cal.i18n import _
from sco_cal.output.columns import Columns, plan
from sco_cal.output.detail import place
from sco_cal.output.table import organisation_label
from sco_cal.tui.agenda_pages import AgendaWindow
from sco_cal.tui.widgets import cells
from sco_cal.tui.widgets.event_window import EventWindow, ListLine


class EventTable(EventWindow):
    """In the agenda's order; the state is a coloured word, `!` asks for follow-up."""

    COMPONENT_CLASSES = {
        "event-table--header",
        "event-table--cursor",
        "event-table--heading",
        "event-table--today",
        "event-table--band",
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
    EventTable > .event-table--band { color: $error; text-style: bold; }
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
        self._widths = {"when": 9, "org": 3, "place": 5}
        self._columns: tuple[int, Columns] | None = None

    def build_lines(self, window: AgendaWindow) -> list[ListLine]:
        self._measure(window)
        if not window.events:
            return [ListLine(caption=_("No events match. (u: include past and closed events)"))]
        lines: list[ListLine] = []
        key = None
        today = today_position(self.today)
        marked = False
        first = window.events[0]
        # What a desk still has to act on opens with the meetings to follow up.
        if window.flt.scope is Scope.AGENDA and first.needs_follow_up(self.today):
            if not window.more_before:
                caption = _("needs follow-up: the window has ended, no outcome recorded")
                lines.append(ListLine(caption=caption, kind="band"))
        for i, event in enumerate(window.events):
            if not marked and position_of(event) >= today:
                if i > 0 or not window.more_before:
                    lines.append(ListLine(caption=self._today_caption(), kind="today"))
                marked = True
            this = group_key(event.window)
            if this != key:
                lines.append(
                    ListLine(caption=safe(group_heading(event.window, self.lang)), kind="heading")
                )
                key = this
            lines.append(ListLine(index=i))
        if not marked and not window.more_after:
            lines.append(ListLine(caption=self._today_caption(), kind="today"))
        return lines

    def _measure(self, window: AgendaWindow) -> None:
        """The widest labels of the page: the date column never cuts one."""
        events = window.events
        self._widths = {
            "when": max([9, *(cell_width(cells.when(e, self.lang)) for e in events)]),
            "org": max([3, *(cell_width(organisation_label(e)) for e in events)]),
            "place": max([5, *(cell_width(place(e, self.lang)) for e in events)]),
        }
        self._columns = None

    def columns(self, width: int) -> Columns:
        """The cell widths at `width`, for the page shown."""
        if self._columns is None or self._columns[0] != width:
            self._columns = (width, plan(width, **self._widths))
        return self._columns[1]

    def _today_caption(self) -> str:
        day = self.today
        return _("today · {date}").format(
            date=f"{day.day} {month_name(day.month, self.lang)} {day.year}"
        )

    def render_header(self, width: int, y: int) -> list[Segment]:
        cols = self.columns(width)
        style = self.get_component_rich_style("event-table--header")
        parts = [
            "  " + cells.fit(_("WHEN"), cols.when),
            cells.fit(_("STATE"), cols.state),
            cells.fit(_("ORG"), cols.org),
            cells.fit(_("EVENT"), cols.title),
            cells.fit(_("PLACE"), cols.place),
        ]
        return [Segment(cells.fit(" ".join(parts), width), style)]

    def render_caption(self, line: ListLine, width: int) -> list[Segment]:
        if line.kind == "today":
            style = self.get_component_rich_style("event-table--today")
            return [Segment(cells.rule(f"━━ {line.caption} ", "━", width), style)]
        if line.kind == "band":
            style = self.get_component_rich_style("event-table--band")
            return [Segment(cells.rule(f"!! {line.caption} ", "━", width), style)]
        if line.kind == "heading":
            style = self.get_component_rich_style("event-table--heading")
            return [Segment(cells.rule(f"── {line.caption} ", "─", width), style)]
        return [Segment(cells.fit(f"  {line.caption}", width))]

    def render_event(self, event: Event, width: int, selected: bool) -> list[Segment]:
        cols = self.columns(width)
        past = event.window.end < self.today
        base = self.get_component_rich_style("event-table--past") if past else Style()
        follow_up = event.needs_follow_up(self.today)
        segments = [
            Segment(
                cells.FOLLOW_UP_MARK if follow_up else " ",
                self.get_component_rich_style("event-table--follow-up"),
            ),
            Segment(" " + cells.fit(cells.when(event, self.lang), cols.when) + " ", base),
            Segment(
                cells.fit(cols.state_label(event.status), cols.state),
                cells.STATE_RICH[event.status],
            ),
            Segment(" " + cells.fit(organisation_label(event), cols.org), base),
            Segment(" " + cells.fit(cells.title(event, self.lang), cols.title), base),
            Segment(" " + cells.fit(place(event, self.lang), cols.place), base),
        ]
        if selected:
            cursor = self.get_component_rich_style("event-table--cursor")
            segments = [Segment(s.text, (s.style or Style()) + cursor) for s in segments]
        return segments

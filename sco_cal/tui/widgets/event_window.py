"""A cursor over a page of events, drawn line by line, that asks for more near its edges.

Only the lines on screen are rendered, and only a page of events is ever held: when
the cursor comes near the end of the page and more events lie beyond, the widget
posts `EdgeReached` and the screen reads the page around the cursor.
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.segment import Segment
from textual import events
from textual.binding import Binding
from textual.message import Message
from textual.strip import Strip
from textual.widget import Widget

from sco_cal.domain.event import Event
from sco_cal.i18n import N_
from sco_cal.tui.agenda_pages import AgendaWindow, Anchor
from sco_cal.tui.speech import Speaking

EDGE = 12  # events from the page's edge at which the next page is read


@dataclass(frozen=True, slots=True)
class ListLine:
    """One line of the list: an event (by index in the page) or a caption between them."""

    index: int | None = None
    caption: str = ""
    kind: str = "event"  # event, heading, today


class EventWindow(Speaking, Widget, can_focus=True):
    """Base of the agenda table and the timeline: paging, cursor, keys and mouse."""

    BINDINGS = [
        Binding("up,k", "move(-1)", N_("Up"), show=False, id="list.up"),
        Binding("down,j", "move(1)", N_("Down"), show=False, id="list.down"),
        Binding("pageup", "page(-1)", N_("Page up"), show=False, id="list.page_up"),
        Binding("pagedown", "page(1)", N_("Page down"), show=False, id="list.page_down"),
        Binding("home", "first", N_("First"), show=False, id="list.first"),
        Binding("end", "last", N_("Last"), show=False, id="list.last"),
        Binding("enter", "select", N_("Open the event"), show=False, id="list.select"),
    ]
    HEADER_HEIGHT = 1

    @dataclass
    class EventHighlighted(Message):
        """The cursor came to rest on an event."""

        event: Event

    @dataclass
    class EventSelected(Message):
        """Enter or a double click on an event."""

        event: Event

    @dataclass
    class EdgeReached(Message):
        """The cursor is near the end of the page and more events lie beyond."""

        anchor: Anchor

    def __init__(self, *, lang: str, id: str | None = None) -> None:
        super().__init__(id=id)
        self.lang = lang
        self.window: AgendaWindow | None = None
        self.cursor = 0
        self._lines: list[ListLine] = []
        self._line_of: dict[int, int] = {}
        self._top = 0
        self._asked = False

    # -- what subclasses draw -----------------------------------------------------------
    def build_lines(self, window: AgendaWindow) -> list[ListLine]:
        return [ListLine(index=i) for i in range(len(window.events))]

    def render_header(self, width: int, y: int) -> list[Segment]:
        """Header line `y` (of HEADER_HEIGHT), fixed above the scrolling lines."""
        return []

    def render_event(self, event: Event, width: int, selected: bool) -> list[Segment]:
        raise NotImplementedError

    def render_caption(self, line: ListLine, width: int) -> list[Segment]:
        return [Segment(line.caption)]

    # -- state --------------------------------------------------------------------------
    @property
    def current(self) -> Event | None:
        if self.window is None or not self.window.events:
            return None
        return self.window.events[self.cursor]

    @property
    def body_height(self) -> int:
        return max(1, self.size.height - self.HEADER_HEIGHT)

    def show_window(self, window: AgendaWindow, *, keep_row: bool = False) -> None:
        """Display `window`, the cursor on its focus; `keep_row` keeps the cursor's
        screen row (for a page read while scrolling)."""
        row = self._cursor_line() - self._top
        self.window = window
        self._asked = False
        self._lines = self.build_lines(window)
        self._line_of = {ln.index: n for n, ln in enumerate(self._lines) if ln.index is not None}
        self.cursor = window.index_of(window.focus_id) or 0
        line = self._cursor_line()
        # After a jump, show a little of what precedes: the month or the today marker.
        self._top = line - row if keep_row else line - 3
        self._clamp_top()
        self.refresh()
        self._announce()

    def _cursor_line(self) -> int:
        return self._line_of.get(self.cursor, 0)

    def _clamp_top(self) -> None:
        line = self._cursor_line()
        if line < self._top:
            self._top = line
        if line >= self._top + self.body_height:
            self._top = line - self.body_height + 1
        self._top = max(0, min(self._top, len(self._lines) - self.body_height))

    def _announce(self) -> None:
        if (event := self.current) is not None:
            self.post_message(self.EventHighlighted(event))

    def _ask_for_more(self) -> None:
        window, event = self.window, self.current
        if window is None or event is None or self._asked:
            return
        near_end = window.more_after and self.cursor >= len(window.events) - EDGE
        near_start = window.more_before and self.cursor < EDGE
        if near_end or near_start:
            self._asked = True
            self.post_message(self.EdgeReached(Anchor.event(event)))

    def move_to(self, index: int) -> None:
        if self.window is None or not self.window.events:
            return
        index = max(0, min(index, len(self.window.events) - 1))
        if index == self.cursor:
            return
        self.cursor = index
        self._clamp_top()
        self.refresh()
        self._announce()
        self._ask_for_more()

    # -- keys and mouse -----------------------------------------------------------------
    def action_move(self, delta: int) -> None:
        self.move_to(self.cursor + delta)

    def action_page(self, direction: int) -> None:
        self.move_to(self.cursor + direction * max(1, self.body_height - 1))

    def action_first(self) -> None:
        if self.window is not None and self.window.more_before:
            self.post_message(self.EdgeReached(Anchor()))
        else:
            self.move_to(0)

    def action_last(self) -> None:
        if self.window is not None and self.window.more_after:
            self.post_message(self.EdgeReached(Anchor(at_end=True)))
        elif self.window is not None:
            self.move_to(len(self.window.events) - 1)

    def action_select(self) -> None:
        if (event := self.current) is not None:
            self.post_message(self.EventSelected(event))

    def on_click(self, event: events.Click) -> None:
        n = self._top + event.y - self.HEADER_HEIGHT
        if 0 <= n < len(self._lines) and (index := self._lines[n].index) is not None:
            self.move_to(index)
            if event.chain >= 2:
                self.action_select()

    def on_mouse_scroll_down(self, event: events.MouseScrollDown) -> None:
        event.stop()
        self.move_to(self.cursor + 3)

    def on_mouse_scroll_up(self, event: events.MouseScrollUp) -> None:
        event.stop()
        self.move_to(self.cursor - 3)

    def on_resize(self, event: events.Resize) -> None:
        self._clamp_top()

    def on_focus(self) -> None:
        self.refresh()

    def on_blur(self) -> None:
        self.refresh()

    # -- drawing ------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y < self.HEADER_HEIGHT:
            segments = self.render_header(width, y)
        else:
            n = self._top + y - self.HEADER_HEIGHT
            if n >= len(self._lines) or self.window is None:
                return Strip.blank(width, self.rich_style)
            line = self._lines[n]
            if line.index is None:
                segments = self.render_caption(line, width)
            else:
                event = self.window.events[line.index]
                segments = self.render_event(event, width, line.index == self.cursor)
        # ListLine strips are drawn as given: lay the widget's own colours under each segment
        # (and NO_COLOR's filter needs a style on every one).
        base = self.rich_style
        drawn = [Segment(s.text, base + s.style if s.style else base) for s in segments]
        return Strip(drawn).adjust_cell_length(width, base)

"""A year across the screen: each event's window drawn as a bar as long as it is vague."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date

from rich.segment import Segment
from rich.style import Style

from sco_cal.domain.date_labels import month_name
from sco_cal.domain.event import Event
from sco_cal.i18n import _
from sco_cal.tui.agenda_pages import AgendaWindow
from sco_cal.tui.widgets import cells
from sco_cal.tui.widgets.event_window import EventWindow, ListLine

SPARK = " ▁▂▃▄▅▆▇█"


class YearScale:
    """Maps the days of one year onto `width` cells."""

    def __init__(self, year: int, width: int) -> None:
        self.year = year
        self.width = max(12, width)
        self.first = date(year, 1, 1)
        self.days = (date(year + 1, 1, 1) - self.first).days

    def x(self, day: date) -> int:
        offset = min(max((day - self.first).days, 0), self.days - 1)
        return offset * self.width // self.days

    def month_x(self, month: int) -> int:
        return self.x(date(self.year, month, 1))

    def span(self, start: date, end: date) -> tuple[int, int]:
        """First and last cell of a window, at least one cell wide."""
        a, b = self.x(start), self.x(end)
        return a, max(a, b)


class TimelineChart(EventWindow):
    """Months across, events down; bars coloured and shaped by state, today a vertical rule."""

    HEADER_HEIGHT = 2
    COMPONENT_CLASSES = {
        "timeline--header",
        "timeline--cursor",
        "timeline--today",
        "timeline--grid",
        "timeline--density",
    }
    DEFAULT_CSS = """
    TimelineChart { height: 1fr; }
    TimelineChart > .timeline--header { text-style: bold; background: $panel; }
    TimelineChart > .timeline--cursor { background: $panel-lighten-2; }
    TimelineChart:focus > .timeline--cursor { background: $accent; color: $text; }
    TimelineChart > .timeline--today { color: $warning; text-style: bold; }
    TimelineChart > .timeline--grid { color: $panel-lighten-2; }
    TimelineChart > .timeline--density { color: $secondary; }
    """

    class EventHighlighted(EventWindow.EventHighlighted):
        """The cursor came to rest on an event of the timeline."""

    class EventSelected(EventWindow.EventSelected):
        """Enter or a double click on an event of the timeline."""

    class EdgeReached(EventWindow.EdgeReached):
        """The timeline needs the page around its cursor."""

    def __init__(self, *, year: int, today: date, lang: str, id: str | None = None) -> None:
        super().__init__(lang=lang, id=id)
        self.year = year
        self.today = today
        self.density: list[int] = [0] * 12

    def set_density(self, counts: Sequence[int]) -> None:
        """Events overlapping each month, drawn under the month names."""
        self.density = list(counts)
        self.refresh()

    def build_lines(self, window: AgendaWindow) -> list[ListLine]:
        lines = super().build_lines(window)
        return lines or [ListLine(caption=_("No events in {year} match.").format(year=self.year))]

    def _split(self, width: int) -> tuple[int, YearScale]:
        label = min(28, max(14, width // 3))
        return label, YearScale(self.year, width - label - 1)

    # -- drawing ------------------------------------------------------------------------
    def render_header(self, width: int, y: int) -> list[Segment]:
        return self._months_line(width) if y == 0 else self._density_line(width)

    def _months_line(self, width: int) -> list[Segment]:
        label_w, scale = self._split(width)
        cells_ = [" "] * scale.width
        per_month = scale.width / 12
        for month in range(1, 13):
            name = month_name(month, self.lang)
            name = name if per_month >= len(name) + 1 else name[0].upper()
            x = scale.month_x(month)
            for i, ch in enumerate(name):
                if x + i < scale.width:
                    cells_[x + i] = ch
        header = self.get_component_rich_style("timeline--header")
        segments = [Segment(cells.fit(str(self.year), label_w) + " ", header)]
        if self.today.year == self.year:
            tx = scale.x(self.today)
            today = header + self.get_component_rich_style("timeline--today")
            return segments + [
                Segment("".join(cells_[:tx]), header),
                Segment("▼", today),
                Segment("".join(cells_[tx + 1 :]), header),
            ]
        return segments + [Segment("".join(cells_), header)]

    def _density_line(self, width: int) -> list[Segment]:
        label_w, scale = self._split(width)
        top = max(self.density) if any(self.density) else 1
        bar = self.get_component_rich_style("timeline--density")
        plain = Style()
        line: list[tuple[str, Style]] = [(" ", plain)] * scale.width
        for month, count in enumerate(self.density, start=1):
            a = scale.month_x(month)
            b = scale.month_x(month + 1) if month < 12 else scale.width
            # The count, then a bar as high as the month is crowded, then a gap.
            level = SPARK[min(8, (count * 8 + top - 1) // top)] if count else " "
            text = str(count) if b - a > len(str(count)) else ""
            for x in range(a, b - 1):
                offset = x - a
                line[x] = (text[offset], plain) if offset < len(text) else (level, bar)
        head = Segment(cells.fit(_("events per month"), label_w) + " ", Style(dim=True))
        return [head] + [Segment(ch, style) for ch, style in line]

    def render_event(self, event: Event, width: int, selected: bool) -> list[Segment]:
        label_w, scale = self._split(width)
        label_style = self.get_component_rich_style("timeline--cursor") if selected else Style()
        segments = [Segment(cells.fit(cells.title(event, self.lang), label_w) + " ", label_style)]
        return segments + self._bar(event, scale)

    def _bar(self, event: Event, scale: YearScale) -> list[Segment]:
        first, last = date(self.year, 1, 1), date(self.year, 12, 31)
        start, end = max(event.window.start, first), min(event.window.end, last)
        a, b = scale.span(start, end)
        glyph = cells.STATE_GLYPH[event.status]
        row = self._grid(scale)
        for x in range(a, b + 1):
            row[x] = (glyph, cells.STATE_RICH[event.status])
        if event.window.start < first:
            row[a] = ("◂", cells.STATE_RICH[event.status])
        if event.window.end > last or event.window.open_ended:
            row[b] = ("▸", cells.STATE_RICH[event.status])
        return [Segment(ch, style) for ch, style in row]

    def _grid(self, scale: YearScale) -> list[tuple[str, Style]]:
        grid = self.get_component_rich_style("timeline--grid")
        row = [(" ", Style())] * scale.width
        for month in range(2, 13):
            row[scale.month_x(month)] = ("┊", grid)
        if self.today.year == self.year:
            row[scale.x(self.today)] = ("┃", self.get_component_rich_style("timeline--today"))
        return row

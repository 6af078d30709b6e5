"""A month as a grid of weeks (ISO numbers down the side), a cursor on one day, days that
hold meetings in the colour and mark of their state."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, timedelta

from rich.style import Style
from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.reactive import reactive
from textual.widget import Widget

from sco_cal.domain.date_labels import month_name, weekday_name
from sco_cal.domain.month import MonthView, add_months, weeks_of
from sco_cal.i18n import N_, _
from sco_cal.output.style import DAY_MARK
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets import cells

WIDTH = 3 + 7 * 4


class MonthGrid(Speaking, Widget, can_focus=True):
    """Arrows move the day, PageUp/PageDown or [ ] the month, { } the year, Enter picks."""

    BINDINGS = [
        Binding("left", "move(-1)", N_("Day before"), show=False, id="month.left"),
        Binding("right", "move(1)", N_("Day after"), show=False, id="month.right"),
        Binding("up", "move(-7)", N_("Week before"), show=False, id="month.up"),
        Binding("down", "move(7)", N_("Week after"), show=False, id="month.down"),
        Binding("pageup,left_square_bracket", "months(-1)", N_("Month -1"), id="month.previous"),
        Binding("pagedown,right_square_bracket", "months(1)", N_("Month +1"), id="month.next"),
        Binding(
            "left_curly_bracket",
            "months(-12)",
            N_("Year before"),
            show=False,
            id="month.previous_year",
        ),
        Binding(
            "right_curly_bracket", "months(12)", N_("Year after"), show=False, id="month.next_year"
        ),
        Binding("home", "today", N_("Today"), show=False, id="month.today"),
        Binding("enter", "pick", N_("Agenda"), id="month.pick"),
    ]
    DEFAULT_CSS = """
    MonthGrid { width: 33; height: auto; padding: 0 1; margin-bottom: 1; }
    MonthGrid:focus { background: $boost; }
    """

    day: reactive[date] = reactive(date(2000, 1, 1), always_update=True)

    @dataclass
    class DayMoved(Message):
        """The cursor came to another day (maybe of another month)."""

        day: date
        month_changed: bool = False

    @dataclass
    class DayPicked(Message):
        """Enter on a day: show it in the agenda."""

        day: date

    def __init__(
        self,
        *,
        day: date,
        today: date,
        lang: str,
        kept: Callable[[date], MonthView | None] = lambda first: None,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.set_reactive(MonthGrid.day, day)
        self.today = today
        self.lang = lang
        self.kept = kept  # a month already read, by its first day, to draw with the move
        self.view: MonthView | None = None

    def show(self, view: MonthView) -> None:
        """Mark the days of `view` (ignored unless it is the month on screen)."""
        if view.first == self.day.replace(day=1):
            self.view = view
            self.refresh()

    def watch_day(self, old: date, new: date) -> None:
        changed = (old.year, old.month) != (new.year, new.month)
        if changed:  # the new month's marks as last read, if they were; read anew anyway
            self.view = self.kept(new.replace(day=1))
        self.post_message(self.DayMoved(new, changed))

    def action_move(self, days: int) -> None:
        self.day += timedelta(days=days)

    def action_months(self, months: int) -> None:
        first = add_months(self.day, months)
        last_day = (add_months(first, 1) - timedelta(days=1)).day
        self.day = first.replace(day=min(self.day.day, last_day))

    def action_today(self) -> None:
        self.day = self.today

    def action_pick(self) -> None:
        self.post_message(self.DayPicked(self.day))

    def render(self) -> Text:
        day, lang = self.day, self.lang
        text = Text(no_wrap=True, overflow="crop")
        title = f"{month_name(day.month, lang, short=False)} {day.year}"
        text.append(title.center(WIDTH) + "\n", "bold")
        names = "".join(f" {weekday_name(n, lang):>2} " for n in range(7))
        text.append(cells.fit(_("Wk"), 2) + " " + names + "\n", "dim")
        for week in weeks_of(day.year, day.month):
            text.append(f"{week.number:>2} ", "dim")
            for cell in week.days:
                self._cell(text, cell)
            text.append("\n")
        return text

    def _cell(self, text: Text, day: date | None) -> None:
        if day is None:
            text.append("    ")
            return
        tally = self.view.days.get(day) if self.view else None
        style, mark = Style(), " "
        if tally is not None:
            style = cells.STATE_RICH[tally.state] + Style(bold=True)
            mark = DAY_MARK[tally.state]
        if day == self.today:
            style += Style(underline=True)
        if day == self.day:
            style += Style(reverse=True)
        text.append(f"{day.day:>3}", style)
        text.append(mark, style)

"""The sco-cal terminal app: its global keys, its screens and the command palette."""

from __future__ import annotations

from collections.abc import Iterable
from functools import partial

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.command import CommandPalette
from textual.screen import Screen

from sco_cal.config.settings import Settings, remember
from sco_cal.i18n import N_, _
from sco_cal.service import CalendarService
from sco_cal.tui.dialogs.base import EventDialog
from sco_cal.tui.palette import Palette
from sco_cal.tui.screens.agenda import AgendaScreen
from sco_cal.tui.screens.help import HelpScreen
from sco_cal.tui.screens.month import MonthScreen
from sco_cal.tui.screens.review import ReviewScreen
from sco_cal.tui.screens.timeline import TimelineScreen
from sco_cal.tui.speech import Speaking
from sco_cal.tui.widgets.event_window import EventWindow
from sco_cal.tui.widgets.month_grid import MonthGrid
from sco_cal.tui.widgets.review_list import ReviewList

# Textual's own words, said in the run's language like every other: the palette's key
# in the footer (a binding Textual adds, translated with the app's own) and its commands.
_TEXTUAL_WORDS = (
    N_("palette"),
    N_("Open the command palette"),
    N_("Theme"),
    N_("Change the current theme"),
    N_("Quit"),
    N_("Quit the application as soon as possible"),
    N_("Keys"),
    N_("Hide the keys and widget help panel"),
    N_("Show help for the focused widget and a summary of available keys"),
    N_("Minimize"),
    N_("Minimize the widget and restore to normal size"),
    N_("Maximize"),
    N_("Maximize the focused widget"),
    N_("Screenshot"),
    N_("Save an SVG 'screenshot' of the current screen"),
)


class ScoCalApp(Speaking, App[None]):
    """Opens on the agenda; `?` lists every key, ctrl+p every action."""

    TITLE = "sco-cal"
    BINDINGS = [
        Binding("q", "quit", N_("Quit"), id="quit"),
        Binding("question_mark", "help", N_("Help"), id="help"),
    ]

    def __init__(
        self,
        service: CalendarService,
        settings: Settings,
        *,
        lang: str,
        show_all: bool = False,
        poll_seconds: float = 0.5,
    ) -> None:
        super().__init__()
        self.service = service
        self.settings = settings
        self.lang = lang
        self.show_all = show_all
        self.poll_seconds = poll_seconds
        self.cursor_blink = True
        """Whether text cursors blink (tests and screenshots switch it off)."""

    def on_mount(self) -> None:
        self.set_keymap(self.settings.keymap)
        self.push_screen(
            AgendaScreen(
                self.service,
                lang=self.lang,
                show_all=self.show_all,
                poll_seconds=self.poll_seconds,
                views=self.settings.views,
                panes=self.settings.tui,
                remember=partial(remember, "tui"),
            )
        )

    def action_help(self) -> None:
        groups = [
            (N_("Anywhere"), self.BINDINGS),
            (N_("Agenda"), AgendaScreen.BINDINGS),
            (N_("Lists and the timeline"), EventWindow.BINDINGS),
            (N_("Timeline"), TimelineScreen.BINDINGS),
            (N_("Month"), [*MonthScreen.BINDINGS, *MonthGrid.BINDINGS]),
            (N_("Review of a document"), [*ReviewScreen.BINDINGS, *ReviewList.BINDINGS]),
            (N_("Dialogs"), EventDialog.BINDINGS),
        ]
        self.push_screen(HelpScreen(groups, self.settings.keymap))

    def action_command_palette(self) -> None:
        """Textual's palette, in the run's language."""
        if self.use_command_palette and not isinstance(self.screen, CommandPalette):
            self.push_screen(Palette())

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        for command in super().get_system_commands(screen):
            yield command._replace(title=_(command.title), help=_(command.help))
        if isinstance(screen, AgendaScreen):
            yield from screen.commands()

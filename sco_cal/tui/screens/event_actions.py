"""The actions on the highlighted event: each opens its dialog, then the list reads again."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.binding import Binding
from textual.screen import Screen

from sco_cal.domain.event import Event
from sco_cal.service import CalendarService
from sco_cal.tui.dialogs import (
    AnnotateDialog,
    MoveDialog,
    NewEventDialog,
    ReminderDialog,
    StateDialog,
    TagDialog,
)
from sco_cal.tui.widgets.event_table import EventTable


class EventActions(Screen[None]):
    """A screen with an agenda table whose highlighted event the dialogs work on."""

    # The bindings that call these actions.
    KEYS = [
        Binding("a", "annotate", "Note", id="annotate"),
        Binding("s", "change_state", "State", id="state"),
        Binding("p", "postpone", "Postpone", show=False, id="postpone"),
        Binding("d", "reschedule", "Re-date", show=False, id="reschedule"),
        Binding("r", "reminder", "Remind", id="reminder"),
        Binding("plus", "tag", "Tag", show=False, id="tag"),
        Binding("n", "new_event", "New", id="new_event"),
    ]

    service: CalendarService
    lang: str

    @property
    def table(self) -> EventTable:
        return self.query_one(EventTable)

    def reload(self, *, follow: Event | None = None, keep_row: bool = False) -> None:
        """Read the list again, following `follow` to where it now sorts."""
        raise NotImplementedError

    def action_annotate(self) -> None:
        self._open(AnnotateDialog)

    def action_change_state(self) -> None:
        self._open(StateDialog)

    def action_postpone(self) -> None:
        self._open(MoveDialog, postpone=True)

    def action_reschedule(self) -> None:
        self._open(MoveDialog, postpone=False)

    def action_reminder(self) -> None:
        self._open(ReminderDialog)

    def action_tag(self) -> None:
        self._open(TagDialog)

    def action_new_event(self) -> None:
        self.app.push_screen(NewEventDialog(self.service, None, lang=self.lang), self._written)

    def _open(self, dialog: Callable[..., Any], **options: Any) -> None:
        event = self.table.current
        if event is None:
            self.notify("No event is selected.", severity="warning")
            return
        self.app.push_screen(dialog(self.service, event, lang=self.lang, **options), self._written)

    def _written(self, event: Event | None) -> None:
        if event is not None:
            self.notify(f"Saved {event.id}.", timeout=3)
            self.reload(follow=event, keep_row=True)

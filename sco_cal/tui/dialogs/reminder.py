"""Reminders on one event: add one ("14d", "2w" or a date phrase), remove one."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Input, Label, OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.durations import parse_duration
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import Event, Reminder
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import EventDialog, value_of


class ReminderDialog(EventDialog):
    """The list shows the event's reminders; Delete removes the highlighted one."""

    HEADING = N_("Reminders")
    BINDINGS = [Binding("delete", "remove", N_("Remove reminder"), id="dialog.remove_reminder")]

    @dataclass
    class RemindersRead(Message):
        reminders: list[Reminder]

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.changed = False

    def fields(self) -> ComposeResult:
        yield OptionList(id="reminders")
        if self.event is None or self.event.has_known_day:
            yield Label(_("Remind me (14d, 2w before it starts, or on a date):"))
        else:
            yield Label(_("Remind me (14d, 2w before its day, once known; or on a date):"))
        yield Input(placeholder="14d", id="spec")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one("#spec", Input).focus()
        self._read()

    @work(thread=True, exclusive=True, group="reminders")
    def _read(self, remove: int | None = None) -> None:
        try:
            if remove is not None:
                self.service.reminders.remove(remove)
            self.post_message(self.RemindersRead(self.service.reminders.stored(self.event_id)))
        except ScoCalError as exc:
            self.post_message(self.Refused(str(exc)))

    def on_reminder_dialog_reminders_read(self, message: RemindersRead) -> None:
        listing = self.query_one("#reminders", OptionList)
        options = [Option(_line(r), id=str(r.id)) for r in message.reminders]
        listing.set_options(options or [Option(_("No reminders yet."), disabled=True)])

    def action_remove(self) -> None:
        option = self.query_one("#reminders", OptionList).highlighted_option
        if option is not None and option.id is not None:
            self.changed = True
            self._read(remove=int(option.id))

    def action_cancel(self) -> None:
        self.dismiss(self.event if self.changed else None)

    def values(self) -> dict[str, Any]:
        return {"spec": value_of(self, "#spec")}

    def perform(self, values: dict[str, Any]) -> Event:
        # A lead time on a meeting with no known day can only mean "once it has one".
        lead = parse_duration(values["spec"]) is not None
        undated = self.event is not None and not self.event.has_known_day
        self.service.reminders.add(self.event_id, [values["spec"]], when_dated=lead and undated)
        return self.service.events.get(self.event_id)


def _line(reminder: Reminder) -> str:
    delivered = "  " + _("delivered") if reminder.delivered_at else ""
    due = _("due {day}").format(day=reminder.due)
    return f"{due}  ({safe(reminder.spec)}){delivered}"

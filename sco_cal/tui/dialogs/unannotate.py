"""Delete one of an event's notes; the deletion is recorded, the note kept in history."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual import work
from textual.app import ComposeResult
from textual.message import Message
from textual.widgets import Label, OptionList
from textual.widgets.option_list import Option

from sco_cal.domain.errors import InvalidInput, ScoCalError
from sco_cal.domain.event import Annotation, Event
from sco_cal.domain.text import safe_line
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import EventDialog


class UnannotateDialog(EventDialog):
    """The event's notes, the newest first; ctrl+s (or Enter) deletes the highlighted one."""

    HEADING = N_("Delete a note")

    @dataclass
    class NotesRead(Message):
        notes: list[Annotation]

    def fields(self) -> ComposeResult:
        yield Label(_("Which note? (it stays in the history)"))
        yield OptionList(id="notes")

    def on_mount(self) -> None:
        super().on_mount()
        self.query_one(OptionList).focus()
        self._read()

    @work(thread=True, exclusive=True, group="notes")
    def _read(self) -> None:
        try:
            event = self.service.events.get(self.event_id)
        except ScoCalError as exc:
            self.post_message(self.Refused(str(exc)))
            return
        live = [a for a in event.annotations if a.deleted_at is None]
        self.post_message(self.NotesRead(live[::-1]))

    def on_unannotate_dialog_notes_read(self, message: NotesRead) -> None:
        listing = self.query_one(OptionList)
        options = [
            Option(f"{a.created_at:%Y-%m-%d} {a.author}: {safe_line(a.text)}", id=str(a.id))
            for a in message.notes
        ]
        listing.set_options(options or [Option(_("This event has no note."), disabled=True)])
        if options:
            listing.highlighted = 0

    def on_option_list_option_selected(self, message: OptionList.OptionSelected) -> None:
        message.stop()
        self.action_save()

    def values(self) -> dict[str, Any]:
        listing = self.query_one(OptionList)
        index = listing.highlighted
        option = listing.get_option_at_index(index) if index is not None else None
        return {"note": option.id if option is not None and not option.disabled else None}

    def perform(self, values: dict[str, Any]) -> Event:
        if values["note"] is None:
            raise InvalidInput(_("no note is chosen"))
        self.service.records.unannotate(self.event_id, int(values["note"]))
        return self.service.events.get(self.event_id)

"""Add a note to an event, in a multi-line editor."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Label, TextArea

from sco_cal.domain.event import Event
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import EventDialog


class AnnotateDialog(EventDialog):
    """Enter starts a new line; ctrl+s saves the note."""

    HEADING = N_("Add a note")

    def fields(self) -> ComposeResult:
        yield Label(_("Note (who attends, what to prepare, what was said):"))
        yield TextArea(id="note", soft_wrap=True)

    def values(self) -> dict[str, Any]:
        return {"text": self.query_one("#note", TextArea).text}

    def perform(self, values: dict[str, Any]) -> Event:
        self.service.records.annotate(self.event_id, values["text"])
        return self.service.events.get(self.event_id)

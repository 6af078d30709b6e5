"""Add and remove tags: `+brief -later` (a bare word adds)."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Label

from sco_cal.domain.event import Event
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import EventDialog, value_of


class TagDialog(EventDialog):
    """Words to add, or with a leading '-' to remove."""

    HEADING = N_("Tags")

    def fields(self) -> ComposeResult:
        current = ", ".join(self.event.tags) if self.event and self.event.tags else _("none")
        yield Label(_("Now: {tags}").format(tags=current))
        yield Input(placeholder=_("+briefing -later"), id="tags")

    def values(self) -> dict[str, Any]:
        return {"words": value_of(self, "#tags").split()}

    def perform(self, values: dict[str, Any]) -> Event:
        from sco_cal.domain.errors import InvalidInput

        words: list[str] = values["words"]
        if not words:
            raise InvalidInput(_("type a tag to add (or -tag to remove)"))
        remove = [w[1:] for w in words if w.startswith("-")]
        add = [w for w in words if not w.startswith("-")]
        self.service.records.tag(self.event_id, add, remove)
        return self.service.events.get(self.event_id)

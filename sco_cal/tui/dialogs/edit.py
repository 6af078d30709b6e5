"""Every field `sco-cal edit` changes, in one form: what was changed is saved as one entry
of the history, refused (nothing written) if someone changed the event meanwhile."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Input, Label

from sco_cal.domain.edits import EDITABLE
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import EventDialog, value_of

# The label of each field, in the order of `EDITABLE`.
LABELS = {
    "title": N_("Title (French)"),
    "title_en": N_("Title (English)"),
    "organisation": N_("Organisation"),
    "kind": N_("Kind"),
    "series": N_("Series"),
    "number": N_("Number"),
    "country": N_("Country"),
    "cities": N_("Cities"),
    "theme": N_("Theme"),
    "summary": N_("Summary"),
    "start_time": N_("Time (HH:MM)"),
    "timezone": N_("Time zone"),
}


def typed_value(event: Event, field: str) -> str:
    """A field as a person would type it again: cities comma-separated, codes as codes."""
    value = getattr(event, field)
    if field == "cities":
        return ", ".join(value)
    if value is None:
        return ""
    return str(getattr(value, "value", value))


class EditDialog(EventDialog):
    """Each field as it stands; only those changed are saved (any spelling of a place,
    a theme by id or name, a time zone by IANA name)."""

    HEADING = N_("Edit")

    def fields(self) -> ComposeResult:
        assert self.event is not None
        with VerticalScroll(id="edit-fields"):
            for field in EDITABLE:
                with Horizontal(classes="edit-row"):
                    yield Label(_(LABELS[field]), classes="edit-label")
                    yield Input(typed_value(self.event, field), id=f"edit-{field}")

    def values(self) -> dict[str, Any]:
        assert self.event is not None
        typed = {f: value_of(self, f"#edit-{f}").strip() for f in EDITABLE}
        return {f: v for f, v in typed.items() if v != typed_value(self.event, f)}

    def perform(self, values: dict[str, Any]) -> Event:
        assert self.event is not None
        if not values:
            raise InvalidInput(_("nothing was changed"))
        return self.service.records.edit(self.event_id, values, expected_version=self.event.version)

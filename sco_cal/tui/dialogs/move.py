"""Move an event to a new date: a postponement (a state change) or a correction."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from sco_cal.domain.event import Event
from sco_cal.i18n import _
from sco_cal.service import CalendarService
from sco_cal.tui.dialogs.base import DateInput, EventDialog, value_of


class MoveDialog(EventDialog):
    """`postpone` records the postponed state; otherwise the date is only corrected."""

    def __init__(
        self, service: CalendarService, event: Event | None, *, lang: str, postpone: bool
    ) -> None:
        super().__init__(service, event, lang=lang)
        self.postpone = postpone

    def fields(self) -> ComposeResult:
        yield Label(
            _("Postpone to (any date phrase):")
            if self.postpone
            else _("Reschedule to (any date phrase):")
        )
        yield DateInput(placeholder=_("e.g. début octobre 2026, Q3 2027, 2026-12-01"), id="date")
        yield Static("", id="preview")
        yield Label(_("Why (optional):"))
        yield Input(id="note")

    def on_mount(self) -> None:
        heading = _("Postpone") if self.postpone else _("Reschedule (correct the date)")
        self.query_one("#heading", Label).update(heading)
        super().on_mount()

    def values(self) -> dict[str, Any]:
        return {"date": value_of(self, "#date"), "note": value_of(self, "#note").strip() or None}

    def perform(self, values: dict[str, Any]) -> Event:
        move = self.service.records.postpone if self.postpone else self.service.records.reschedule
        return move(self.event_id, values["date"], note=values["note"])

"""Record a new confirmation state: confirmed, held, cancelled, or postponed to a date."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import DateInput, EventDialog, value_of

_CHOICES = (
    (ConfirmationState.CONFIRMED, N_("confirmed: the organisers announced date and place")),
    (ConfirmationState.HELD, N_("held: it took place")),
    (ConfirmationState.CANCELLED, N_("cancelled")),
    (ConfirmationState.POSTPONED, N_("postponed: give the new date below")),
    (ConfirmationState.PROVISIONAL, N_("provisional: on an agenda, not firm")),
    (ConfirmationState.PROPOSED, N_("proposed: only an idea so far")),
)


class StateDialog(EventDialog):
    """Arrows choose a state; a postponement needs the new date."""

    HEADING = N_("Change the state")

    def fields(self) -> ComposeResult:
        current = self.event.status if self.event else None
        with RadioSet(id="state"):
            for state, text in _CHOICES:
                yield RadioButton(_(text), value=state is current, name=state.value)
        yield Label(_("New date (for a postponement):"))
        yield DateInput(placeholder=_("e.g. début octobre 2026"), id="date")
        yield Static("", id="preview")
        yield Label(_("Note and source (optional):"))
        yield Input(placeholder=_("why, e.g. MFA note of 12 May"), id="note")
        yield Input(placeholder=_("source document"), id="source")

    def values(self) -> dict[str, Any]:
        pressed = self.query_one("#state", RadioSet).pressed_button
        return {
            "state": pressed.name if pressed is not None else None,
            "date": value_of(self, "#date"),
            "note": value_of(self, "#note").strip() or None,
            "source": value_of(self, "#source").strip() or None,
        }

    def perform(self, values: dict[str, Any]) -> Event:
        from sco_cal.domain.errors import InvalidInput

        if values["state"] is None:
            raise InvalidInput(_("choose a state"))
        note, source = values["note"], values["source"]
        if values["state"] == ConfirmationState.POSTPONED.value:
            if not values["date"].strip():
                raise InvalidInput(_("a postponement needs the new date"))
            return self.service.records.postpone(
                self.event_id, values["date"], note=note, source=source
            )
        return self.service.records.change_status(
            self.event_id, values["state"], note=note, source=source
        )

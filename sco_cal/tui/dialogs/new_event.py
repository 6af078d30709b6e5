"""A new event typed in by hand: title, date phrase, organisation, place."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.widgets import Input, Label, Static

from sco_cal.domain.event import Event
from sco_cal.i18n import N_, _
from sco_cal.tui.dialogs.base import DateInput, EventDialog, value_of


class NewEventDialog(EventDialog):
    """Places in any spelling; the date in any phrase the calendar reads."""

    HEADING = N_("New event")

    def fields(self) -> ComposeResult:
        yield Label(_("Title:"))
        yield Input(placeholder=_("e.g. Meeting of SCO energy ministers"), id="title")
        yield Label(_("Date:"))
        yield DateInput(placeholder=_("e.g. mi-mai 2027, 2027-05-14"), id="date")
        yield Static("", id="preview")
        yield Label(_("Organisation, country, city:"))
        yield Input(placeholder="SCO", id="org")
        yield Input(placeholder=_("country (optional), e.g. Kirghizstan"), id="country")
        yield Input(placeholder=_("city (optional), e.g. Bichkek"), id="city")

    def values(self) -> dict[str, Any]:
        names = ("title", "date", "org", "country", "city")
        return {name: value_of(self, f"#{name}").strip() for name in names}

    def perform(self, values: dict[str, Any]) -> Event:
        return self.service.records.add_event(
            title=values["title"],
            date_phrase=values["date"],
            organisation=values["org"] or "SCO",
            country=values["country"] or None,
            cities=[values["city"]] if values["city"] else None,
        )

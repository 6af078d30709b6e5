"""What a finding would change in a known event, field by field, and what a person set."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from sco_cal.domain.event import Event, HistoryEntry
from sco_cal.domain.lifecycle import CLOSED, ConfirmationState
from sco_cal.domain.provenance import fields_set_by_people
from sco_cal.ingest.extract import Finding
from sco_cal.ingest.match import inside

WINDOW_FIELDS = ("start", "end", "precision", "open_ended", "date_text")
# Review field -> the event's field, as its history names it.
COLUMNS = {
    "start": "start_date",
    "end": "end_date",
    "precision": "precision",
    "open_ended": "open_ended",
    "date_text": "date_text",
    "status": "status",
    "country": "country",
    "cities": "cities",
    "number": "number",
    "theme": "theme",
}
_S = ConfirmationState
_UPGRADES = {
    _S.CONFIRMED: frozenset({_S.PROPOSED, _S.PROVISIONAL, _S.POSTPONED}),
    _S.PROVISIONAL: frozenset({_S.PROPOSED}),
    _S.PROPOSED: frozenset[ConfirmationState](),
}


def changes_for(event: Event, finding: Finding) -> dict[str, tuple[Any, Any]]:
    """{field: (old, new)} with JSON-ready values; empty when the finding adds nothing."""
    changes = _window_changes(event, finding)
    status = _status_change(event.status, finding)
    if status is not None:
        changes["status"] = (event.status.value, status.value)
    if finding.country and finding.country != event.country:
        changes["country"] = (event.country, finding.country)
    cities = _cities(event, finding, moved="country" in changes)
    if cities is not None:
        changes["cities"] = (list(event.cities), cities)
    if finding.number is not None and event.number is None:
        changes["number"] = (None, finding.number)
    if finding.theme and event.theme is None:
        changes["theme"] = (None, finding.theme)
    return changes


def _window_changes(event: Event, finding: Finding) -> dict[str, tuple[Any, Any]]:
    new, old = finding.window, event.window
    if new is None:
        return {}
    same = (new.start, new.end, new.precision, new.open_ended)
    if same == (old.start, old.end, old.precision, old.open_ended):
        return {}
    moved = finding.stated_status and finding.status is ConfirmationState.POSTPONED
    if not moved:
        if inside(old, new):
            return {}  # a vaguer (or equal) restatement of what is known
        if old.is_exact and new.overlaps(old.start, old.end):
            return {}  # one of the known days
    changes: dict[str, tuple[Any, Any]] = {}
    for key, before, after in (
        ("start", old.start.isoformat(), new.start.isoformat()),
        ("end", old.end.isoformat(), new.end.isoformat()),
        ("precision", old.precision.value, new.precision.value),
        ("open_ended", old.open_ended, new.open_ended),
    ):
        if before != after:
            changes[key] = (before, after)
    changes["date_text"] = (old.text, new.text)
    return changes


def _status_change(old: ConfirmationState, finding: Finding) -> ConfirmationState | None:
    new = finding.status
    if new is old:
        return None
    if old in CLOSED and new not in CLOSED:
        return None  # a restatement does not reopen a meeting held or cancelled
    if new in CLOSED or new is ConfirmationState.POSTPONED:
        return new if finding.stated_status else None
    return new if old in _UPGRADES[new] else None


def _cities(event: Event, finding: Finding, *, moved: bool) -> list[str] | None:
    if moved:
        cities = list(finding.cities)
    else:
        cities = list(event.cities) + [c for c in finding.cities if c not in event.cities]
    return cities if cities != list(event.cities) else None


def user_edited_fields(
    event: Event, history: Iterable[HistoryEntry], changes: Mapping[str, Any]
) -> tuple[str, ...]:
    """The changed fields whose value a person set by hand (all, for an event a person added).

    `history` is oldest first; a field a document or an import changed after the
    person did holds no hand-set value any more.
    """
    edited = fields_set_by_people(history)
    window = any(COLUMNS[name] in edited for name in WINDOW_FIELDS)
    return tuple(
        name
        for name in changes
        if event.origin == "user"
        or COLUMNS.get(name) in edited
        or (name in WINDOW_FIELDS and window)
    )

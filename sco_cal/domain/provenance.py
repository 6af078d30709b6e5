"""Who set an event's fields: a person, or a machine (the seed, an import, a document read).

What a person set by hand is never overwritten silently, by an import or by a bulletin;
the history says who set what, and this module reads it one way for both.
"""

from __future__ import annotations

from collections.abc import Iterable

from sco_cal.domain.event import HistoryEntry

# History notes that mark a change as read from a document or a file, not typed by a person.
MACHINE_NOTES = ("ingest:", "import:")
MACHINE_AUTHORS = frozenset({"seed"})
PERSON_ACTIONS = frozenset({"edit", "status", "reschedule"})


def set_by_person(entry: HistoryEntry) -> bool:
    """Whether the change is a person's own: an edit, a state or a date they recorded."""
    return (
        entry.action in PERSON_ACTIONS
        and entry.author not in MACHINE_AUTHORS
        and not (entry.note or "").startswith(MACHINE_NOTES)
    )


def fields_set_by_people(history: Iterable[HistoryEntry]) -> dict[str, HistoryEntry]:
    """For each field a person set, the entry that set it; `history` is oldest first, and a
    field that a machine changed after the person holds no hand-set value any more."""
    owners: dict[str, HistoryEntry] = {}
    for entry in history:
        for field in entry.fields:
            if set_by_person(entry):
                owners[field] = entry
            else:
                owners.pop(field, None)
    return owners

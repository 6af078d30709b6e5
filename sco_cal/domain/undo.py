"""What undoing an entry of the history means, and what cannot be undone."""

from __future__ import annotations

from typing import Literal

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import CONTENT_FIELDS, HistoryEntry
from sco_cal.domain.provenance import MACHINE_NOTES
from sco_cal.i18n import _

Reversal = Literal["fields", "delete", "restore", "tags", "note"]
_BY_ACTION: dict[str, Reversal] = {
    "edit": "fields",
    "status": "fields",
    "reschedule": "fields",
    "created": "delete",  # an event a person added goes away again, restorable
    "delete": "restore",
    "restore": "delete",
    "tag": "tags",
    "annotate": "note",
    "unannotate": "note",
}


def reverse(entry: HistoryEntry) -> Reversal:
    """How `entry` is undone; InvalidInput for what undo does not take back."""
    reversal = _BY_ACTION.get(entry.action)
    if reversal == "fields" and not all(c.field in CONTENT_FIELDS for c in entry.changes):
        reversal = None
    # A file imported or a document applied wrote many entries at once: taking one of
    # them back would leave the others, so none is.
    if (entry.note or "").startswith(MACHINE_NOTES) or (entry.source or "").startswith("import:"):
        reversal = None
    if reversal is None:
        raise InvalidInput(
            _(
                "the last change ({action} on {id}, {when}) cannot be undone: "
                "undo takes back edits, states, dates, notes, tags, additions and deletions"
            ).format(action=entry.action, id=entry.event_id, when=f"{entry.at:%Y-%m-%d %H:%M}")
        )
    return reversal

"""Turning accepted review items into the writes that apply them, and what they will do."""

from __future__ import annotations

from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from datetime import date
from typing import Any

from sco_cal.domain.event import Event, Source
from sco_cal.domain.history_notes import REVIEWED
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.changes import COLUMNS, WINDOW_FIELDS
from sco_cal.ingest.review import Action, ReviewItem

# A postponement is a state and a new window together: neither is applied alone.
_TIED = frozenset({*WINDOW_FIELDS, "status"})


@dataclass(frozen=True, slots=True)
class Insert:
    """Add a new event (its sources come with it)."""

    event: Event
    note: str
    document: str


@dataclass(frozen=True, slots=True)
class Update:
    """Change columns of an event, recorded in its history under `action`."""

    event_id: str
    columns: dict[str, Any]
    action: str
    note: str
    document: str
    expected_version: int | None


@dataclass(frozen=True, slots=True)
class AddSource:
    """Cite the document's sentence as a source of an event."""

    event_id: str
    source: Source
    origin: str


Step = Insert | Update | AddSource


@dataclass
class ApplyReport:
    """What applying a review did: events added and updated, fields left as a person set them."""

    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)
    kept: dict[str, list[str]] = field(default_factory=dict)
    skipped: int = 0


def plan(
    items: Sequence[ReviewItem],
    accepted: Collection[int] | None = None,
    *,
    overwrite: Collection[int] = (),
    force_user_fields: bool = False,
) -> tuple[list[Step], ApplyReport]:
    """The writes for the accepted items (all applicable ones when `accepted` is None).

    Fields a person set by hand are left alone unless the item is in `overwrite`
    or `force_user_fields` is set; they are listed in the report's `kept`.
    """
    steps: list[Step] = []
    report = ApplyReport()
    touched: set[str] = set()  # events this apply already changed: their version moved on
    for item in items:
        if not item.applicable or (accepted is not None and item.number not in accepted):
            report.skipped += 1
            continue
        note = REVIEWED.format(file=item.document)
        if item.action is Action.NEW and item.proposed is not None:
            steps.append(Insert(item.proposed, note, item.document))
            report.added.append(item.proposed.id)
            continue
        keep = () if force_user_fields or item.number in overwrite else item.user_edited
        steps += _updates(item, note, set(keep), report, checked=item.event_id not in touched)
        touched.add(item.event_id or "")
    return steps, report


def _updates(
    item: ReviewItem, note: str, keep: set[str], report: ApplyReport, *, checked: bool
) -> list[Step]:
    assert item.event_id is not None
    if keep & _TIED and item.changes.get("status", ("", ""))[1] == "postponed":
        keep |= _TIED
    changes = {k: v for k, v in item.changes.items() if k not in keep}
    kept = [k for k in item.changes if k in keep]
    if kept:
        report.kept[item.event_id] = kept
    if not changes:
        return []
    report.updated[item.event_id] = list(changes)
    steps: list[Step] = []
    version = item.event_version if checked else None
    for action, names in _groups(changes):
        columns = {COLUMNS[name]: _column(name, changes[name][1]) for name in names}
        steps.append(Update(item.event_id, columns, action, note, item.document, version))
        version = None  # checked once: later writes build on this transaction's own
    source = Source(item.document, item.excerpt, item.document_date)
    steps.append(AddSource(item.event_id, source, f"ingest:{item.document}"))
    return steps


def _groups(changes: dict[str, Any]) -> list[tuple[str, list[str]]]:
    """History actions as the CLI records them: a state change (with a postponement's
    new window), a reschedule, an edit of other fields."""
    window = [k for k in changes if k in WINDOW_FIELDS]
    rest = [k for k in changes if k not in WINDOW_FIELDS and k != "status"]
    groups: list[tuple[str, list[str]]] = []
    if "status" in changes:
        postponed = changes["status"][1] == ConfirmationState.POSTPONED.value
        groups.append(("status", ["status", *(window if postponed else [])]))
        window = [] if postponed else window
    if window:
        groups.append(("reschedule", window))
    if rest:
        groups.append(("edit", rest))
    return groups


def _column(name: str, value: Any) -> Any:
    if name in ("start", "end"):
        return date.fromisoformat(value)
    if name == "cities":
        return tuple(value)
    return value

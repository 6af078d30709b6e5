"""The daily digest as plain values: which events and changes go in which section, in order."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sco_cal.domain.dates import Precision
from sco_cal.domain.event import Event, HistoryEntry
from sco_cal.domain.lifecycle import AWAITING_CONFIRMATION, ConfirmationState
from sco_cal.domain.ordering import position_of
from sco_cal.domain.reminders import DueReminder

T = TypeVar("T")
SECTIONS = (
    "today",
    "coming_up",
    "reminders_due",
    "awaiting_confirmation",
    "needs_follow_up",
    "changed",
)
# Windows at most a month wide are news on each of their days; a meeting "in 2026" is
# not news every day of 2026 (it shows as coming up, and as awaiting confirmation).
TODAY_PRECISIONS = frozenset({Precision.DAY, Precision.DAYS, Precision.MONTH})


class ChangeKind(StrEnum):
    """What a history entry means for a reader of the digest."""

    STATE = "state"
    NEW = "new"
    RESCHEDULED = "rescheduled"
    ANNOTATION = "annotation"


# The field whose change makes an entry what the digest calls it.
_PRINCIPAL = {
    ChangeKind.STATE: "status",
    ChangeKind.NEW: "status",
    ChangeKind.RESCHEDULED: "date_text",
    ChangeKind.ANNOTATION: "annotation",
}


@dataclass(frozen=True, slots=True)
class Change:
    """One change since the last digest, with the event it happened to."""

    kind: ChangeKind
    entry: HistoryEntry
    event: Event | None

    @property
    def field(self) -> str:
        """The field the change is about: the state, the date's wording, the note."""
        return _PRINCIPAL[self.kind]


@dataclass(frozen=True, slots=True)
class FollowUpTally:
    """Every follow-up counted, for when only the oldest ones are at hand."""

    total: int
    by_document: Mapping[str, int]


@dataclass(frozen=True, slots=True)
class Digest:
    """Everything a desk officer should know this morning, section by section.

    Each section holds at most `limit` items (None: all); `totals` says how many
    there are in all, so a long list can say what it leaves out.
    """

    today: date
    days: int
    awaiting_days: int
    since: datetime
    today_events: tuple[Event, ...] = ()
    coming_up: tuple[Event, ...] = ()
    reminders_due: tuple[DueReminder, ...] = ()
    awaiting_confirmation: tuple[Event, ...] = ()
    needs_follow_up: tuple[Event, ...] = ()
    changes: tuple[Change, ...] = ()
    totals: Mapping[str, int] = field(default_factory=dict)
    limit: int | None = None
    follow_up_by_document: tuple[tuple[str, str, int], ...] = ()  # (file, title, count)

    @property
    def is_empty(self) -> bool:
        return not any(self.totals.values())


def build_digest(
    events: Iterable[Event],
    *,
    today: date,
    days: int,
    awaiting_days: int,
    since: datetime,
    reminders: Sequence[DueReminder] = (),
    history: Sequence[HistoryEntry] = (),
    documents: Mapping[str, str] | None = None,
    limit: int | None = None,
    follow_up: FollowUpTally | None = None,
) -> Digest:
    """The digest for `today`; `events` may hold more than needed, each section picks its own.

    `follow_up` gives the true count when `events` holds only the oldest follow-ups.
    """
    pool = {e.id: e for e in events}
    listed = list(pool.values())
    on_today = _on_today(listed, today)
    # An exact window under way today is fully told by "today"; a fuzzy one may still
    # fall on any of the coming days, so it is coming up as well.
    certain_today = {e.id for e in on_today if e.window.is_exact}
    tomorrow = today + timedelta(days=1)
    coming = [
        e
        for e in listed
        if e.is_upcoming(today)
        and e.window.overlaps(tomorrow, today + timedelta(days=days))
        and e.id not in certain_today
    ]
    until = today + timedelta(days=awaiting_days)
    awaiting = [
        e for e in listed if e.status in AWAITING_CONFIRMATION and e.window.overlaps(today, until)
    ]
    # Every section reads in the agenda's order (`ordering`): by month, a window of several
    # months after the last of them, as `sco-cal list` and the TUI show them.
    overdue = sorted((e for e in listed if e.needs_follow_up(today)), key=position_of)
    follow_up = follow_up or _tally(overdue)
    coming.sort(key=position_of)
    awaiting.sort(key=position_of)
    changes = _changes(history, pool)
    lengths = (len(on_today), len(coming), len(reminders), len(awaiting), follow_up.total)
    totals = dict(zip(SECTIONS, (*lengths, len(changes)), strict=True))
    names = documents or {}
    return Digest(
        today=today,
        days=days,
        awaiting_days=awaiting_days,
        since=since,
        today_events=_first(on_today, limit),
        coming_up=_first(coming, limit),
        reminders_due=tuple(reminders),  # never cut: they may have just been delivered
        awaiting_confirmation=_first(awaiting, limit),
        needs_follow_up=_first(overdue, limit),
        changes=_first(changes, limit),
        totals=totals,
        limit=limit,
        follow_up_by_document=tuple(
            (doc, names.get(doc, ""), n)
            for doc, n in sorted(follow_up.by_document.items(), key=lambda i: (-i[1], i[0]))
        ),
    )


def change_kind(entry: HistoryEntry) -> ChangeKind | None:
    """The digest's reading of a history entry; None for what it leaves out (tags, edits)."""
    if entry.action == "created":
        return ChangeKind.NEW
    if entry.action == "annotate":
        return ChangeKind.ANNOTATION
    if entry.action in ("status", "reschedule", "seed"):
        # A postponement changes the state and the window in one entry: the state says more.
        if "status" in entry.fields:
            return ChangeKind.STATE
        if "date_text" in entry.fields:
            return ChangeKind.RESCHEDULED
    return None


def _on_today(events: Iterable[Event], today: date) -> list[Event]:
    found = (
        e
        for e in events
        if e.window.contains(today)
        and e.window.precision in TODAY_PRECISIONS
        and e.status is not ConfirmationState.CANCELLED
    )
    return sorted(found, key=lambda e: (not e.window.is_exact, _width(e), e.window.start, e.id))


def _changes(history: Iterable[HistoryEntry], pool: Mapping[str, Event]) -> list[Change]:
    found = []
    for entry in sorted(history, key=lambda h: (h.at, h.id)):
        kind = change_kind(entry)
        if kind is not None:
            found.append(Change(kind=kind, entry=entry, event=pool.get(entry.event_id)))
    return found


def _tally(overdue: Sequence[Event]) -> FollowUpTally:
    counts = Counter(doc for e in overdue for doc in {s.document for s in e.sources})
    return FollowUpTally(total=len(overdue), by_document=counts)


def _width(event: Event) -> timedelta:
    return event.window.end - event.window.start


def _first(items: Sequence[T], limit: int | None) -> tuple[T, ...]:
    return tuple(items if limit is None else items[:limit])

"""The digest as plain values: each actionable item once, in the section that says why it is
there, with the rule that put it there."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, timedelta
from enum import StrEnum
from typing import TypeVar

from sco_cal.domain.dates import Precision
from sco_cal.domain.digest_items import (
    DATE_UNKNOWN_GROUP,
    Listed,
    Listing,
    Reason,
    by_day,
    follow_ups,
    open_dates,
    soonest,
)
from sco_cal.domain.event import Event, HistoryEntry
from sco_cal.domain.lifecycle import AWAITING_CONFIRMATION, CLOSED, ConfirmationState
from sco_cal.domain.reminders import FOLLOW_UP_KEY, DueReminder

T = TypeVar("T")
SECTIONS = (
    "today",
    "coming_up",
    "dates_open",
    "awaiting_confirmation",
    "needs_follow_up",
    "reminders_due",
    "changed",
)
# A window a month wide or narrower is near-term news once it opens; a meeting "in 2026"
# is not news every day of 2026: its date is still open, and said so once a week.
NEAR_TERM = frozenset({Precision.DAY, Precision.DAYS, Precision.MONTH})
# A date still open is listed again after a week, or as soon as it changes.
RELIST_DAYS = 7


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
    today_events: tuple[Listed, ...] = ()
    coming_up: tuple[Listed, ...] = ()
    dates_open: tuple[Listed, ...] = ()
    awaiting_confirmation: tuple[Listed, ...] = ()
    needs_follow_up: tuple[Listed, ...] = ()
    reminders_due: tuple[DueReminder, ...] = ()
    changes: tuple[Change, ...] = ()
    totals: Mapping[str, int] = field(default_factory=dict)
    limit: int | None = None
    follow_up_by_document: tuple[tuple[str, str, int], ...] = ()  # (file, title, count)
    documents: Mapping[str, str] = field(default_factory=dict)  # file -> title

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
    listed_open: Mapping[str, Listing] | None = None,
) -> Digest:
    """The digest for `today`; `events` may hold more than needed, each section picks its own.

    An event goes to the first section whose rule it meets, in this order: under way
    today, awaiting confirmation, coming up, date still open; needing follow-up is apart
    (those windows have ended). `listed_open` says when a digest last listed each date
    still open; `follow_up` gives the true count when `events` holds only the oldest
    follow-ups.
    """
    pool = list({e.id: e for e in events}.values())
    changes = _changes(history, {e.id: e for e in pool})
    taken: set[str] = set()

    def pick(found: Iterable[Listed]) -> list[Listed]:
        kept = [item for item in found if item.event.id not in taken]
        taken.update(item.event.id for item in kept)
        return kept

    on_today = pick(by_day(_under_way(pool, today)))
    awaiting = pick(soonest(_awaiting(pool, today, awaiting_days), today))
    coming = pick(soonest(_coming(pool, today, days), today))
    moved = _last_moved(changes)
    still_open = pick(open_dates(_open_dates(pool, today, days, moved, listed_open or {})))
    # The oldest `limit` of them, then grouped: the store hands over only the oldest.
    overdue = follow_ups(_first(sorted(_follow_ups(pool, today), key=_oldest_first), limit))
    follow_up = follow_up or _tally([item.event for item in overdue])
    shown_reminders = _reminders(reminders, {item.event.id for item in overdue})
    lengths = (len(on_today), len(coming), len(still_open), len(awaiting), follow_up.total)
    totals = dict(zip(SECTIONS, (*lengths, len(shown_reminders), len(changes)), strict=True))
    names = documents or {}
    return Digest(
        today=today,
        days=days,
        awaiting_days=awaiting_days,
        since=since,
        today_events=_first(on_today, limit),
        coming_up=_first(coming, limit),
        dates_open=_first(still_open, limit),
        awaiting_confirmation=_first(awaiting, limit),
        needs_follow_up=tuple(overdue),
        reminders_due=tuple(shown_reminders),  # never cut: they may have just been delivered
        changes=_first(changes, limit),
        totals=totals,
        limit=limit,
        follow_up_by_document=tuple(
            (doc, names.get(doc, ""), n)
            for doc, n in sorted(follow_up.by_document.items(), key=lambda i: (-i[1], i[0]))
        ),
        documents=names,
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


def _under_way(pool: Iterable[Event], today: date) -> Iterable[Listed]:
    """Known days that include today."""
    for e in pool:
        if (
            e.has_known_day
            and e.window.contains(today)
            and e.status is not ConfirmationState.CANCELLED
        ):
            yield Listed(e, Reason.UNDER_WAY)


def _awaiting(pool: Iterable[Event], today: date, awaiting_days: int) -> Iterable[Listed]:
    """Proposed or provisional, dated, and starting within `awaiting_days`."""
    until = today + timedelta(days=awaiting_days)
    for e in pool:
        if e.status in AWAITING_CONFIRMATION and e.sine_die is None:
            if today <= e.window.start <= until:
                yield Listed(e, Reason.UNCONFIRMED_STARTS_SOON)


def _coming(pool: Iterable[Event], today: date, days: int) -> Iterable[Listed]:
    """A known day, or a window of a month or finer, that opens within `days`."""
    until = today + timedelta(days=days)
    for e in pool:
        if e.status in CLOSED or e.sine_die is not None or e.window.precision not in NEAR_TERM:
            continue
        if today < e.window.start <= until:
            yield Listed(e, Reason.KNOWN_DAY_SOON if e.has_known_day else Reason.WINDOW_OPENS_SOON)


def _open_dates(
    pool: Iterable[Event],
    today: date,
    days: int,
    moved: Mapping[str, datetime],
    listed_open: Mapping[str, Listing],
) -> Iterable[Listed]:
    """Meetings with no known day that may be happening (their window is open, or opens
    within `days`) or that were postponed sine die: listed when no digest listed them in
    the last week, or when their state or window changed since one did."""
    until = today + timedelta(days=days)
    for e in pool:
        if not e.is_upcoming(today) or e.needs_follow_up(today):
            continue
        undated = e.sine_die is not None
        if not undated and (e.has_known_day or not e.window.overlaps(today, until)):
            continue
        last = listed_open.get(e.id)
        changed = last is not None and moved.get(e.id, last.at) > last.at
        if last is not None and not changed and (today - last.on).days < RELIST_DAYS:
            continue
        if undated:
            yield Listed(e, Reason.DATE_UNKNOWN, DATE_UNKNOWN_GROUP)
        else:
            yield Listed(e, Reason.OPEN_DATE_CHANGED if changed else Reason.OPEN_DATE_WEEKLY)


def _last_moved(changes: Iterable[Change]) -> dict[str, datetime]:
    """When each event's state or window last changed, among `changes`."""
    moved: dict[str, datetime] = {}
    for change in changes:
        if change.kind in (ChangeKind.STATE, ChangeKind.RESCHEDULED):
            moved[change.entry.event_id] = change.entry.at
    return moved


def _follow_ups(pool: Iterable[Event], today: date) -> Iterable[Listed]:
    for e in pool:
        if not e.needs_follow_up(today):
            continue
        if e.sine_die is not None:
            yield Listed(e, Reason.SINE_DIE_OVERDUE, DATE_UNKNOWN_GROUP)
            continue
        reason = (
            Reason.POSTPONED_WINDOW_ENDED
            if e.status is ConfirmationState.POSTPONED
            else Reason.ENDED_NO_OUTCOME
        )
        yield Listed(e, reason, e.sources[0].document if e.sources else "")


def _oldest_first(item: Listed) -> tuple[date, date, str]:
    """In the order `list` uses, so the store can hand over the first few."""
    w = item.event.window
    return w.start, w.end, item.event.id


def _reminders(due: Sequence[DueReminder], following_up: set[str]) -> list[DueReminder]:
    """The reminders due, less a default follow-up one about a meeting that the follow-up
    section names already."""
    return [r for r in due if not (r.rule == FOLLOW_UP_KEY and r.event.id in following_up)]


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


def _first(items: Sequence[T], limit: int | None) -> tuple[T, ...]:
    return tuple(items if limit is None else items[:limit])

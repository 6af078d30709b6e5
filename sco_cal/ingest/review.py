"""The review of a document: for each finding, a new event, an update, or nothing to do."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum
from typing import Any

from sco_cal.domain.dates import DateWindow
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, HistoryEntry, Source
from sco_cal.domain.text import unique
from sco_cal.i18n import _
from sco_cal.ingest.changes import changes_for, user_edited_fields
from sco_cal.ingest.english import slug
from sco_cal.ingest.extract import Extraction, Finding
from sco_cal.ingest.judging import CONFIDENT
from sco_cal.ingest.match import (
    Candidate,
    align_series,
    common_words,
    decide,
    earlier_windows,
    likeness,
    title_words,
)

INGEST_ORIGIN = "ingest:"


class Action(StrEnum):
    """What applying a review item would do."""

    NEW = "new"
    UPDATE = "update"
    UNCHANGED = "unchanged"
    AMBIGUOUS = "ambiguous"  # several events could be meant: applied only once a person chooses
    UNREADABLE = "unreadable"


NEW_CHOICE = "new"  # the choice, for an ambiguous item, of none of its candidates


@dataclass(frozen=True, slots=True)
class ReviewItem:
    """One finding, judged against the calendar: what it proposes and why.

    `changes` maps a field (the keys of `sco-cal list --format json`) to its
    (old, new) values, JSON-ready; `user_edited` names the changed fields a person
    set by hand, which a plain apply leaves alone.
    """

    number: int
    action: Action
    finding: Finding
    document: str
    document_date: date
    event_id: str | None = None
    proposed: Event | None = None
    changes: Mapping[str, tuple[Any, Any]] = field(default_factory=dict)
    user_edited: tuple[str, ...] = ()
    event_version: int | None = None
    reasons: tuple[str, ...] = ()
    candidates: tuple[Candidate, ...] = ()  # for an ambiguous item: the events it may mean
    new_allowed: bool = True  # for an ambiguous item: whether it may be a new meeting
    dated_by: str = ""  # where the document's date came from
    date_assumed: bool = False  # the document prints no date: today's was taken

    @property
    def excerpt(self) -> str:
        return self.finding.excerpt

    @property
    def confidence(self) -> float:
        return self.finding.confidence

    @property
    def applicable(self) -> bool:
        return self.action in (Action.NEW, Action.UPDATE)


def build_review(
    extraction: Extraction,
    events: Sequence[Event],
    history_of: Callable[[str], Sequence[HistoryEntry]],
) -> list[ReviewItem]:
    """The review items of a document read against the calendar's events, in its order."""
    taken = {event.id for event in events}
    proposed = _Proposed()
    earlier = _earlier(history_of)
    common = common_words(events)
    items = []
    for number, finding in enumerate(extraction.findings, 1):
        aligned = align_series(finding, events)
        item = _item(number, aligned, extraction, events, history_of, earlier, common)
        item = proposed.repeated(item) or item
        if item.action is Action.NEW and item.proposed is not None:
            event = replace(item.proposed, id=unique_id(item.proposed, taken))
            taken.add(event.id)
            item = replace(item, proposed=event)
            proposed.add(event)
        items.append(item)
    return items


def choose(
    item: ReviewItem,
    choice: str,
    events: Sequence[Event],
    history_of: Callable[[str], Sequence[HistoryEntry]],
) -> ReviewItem:
    """An ambiguous item once a person has chosen the event it means (or `new`)."""
    if item.action is not Action.AMBIGUOUS:
        raise InvalidInput(
            _("#{number} is {action}, not ambiguous: nothing to choose").format(
                number=item.number, action=_(item.action.value)
            )
        )
    if choice == NEW_CHOICE:
        if not item.new_allowed:
            raise InvalidInput(
                _("#{number} must be one of its candidates, not a new event").format(
                    number=item.number
                )
            )
        taken = {event.id for event in events}
        base = replace(item, candidates=(), reasons=("chosen by a person: a new meeting",))
        proposed = _event(item.finding, base)
        if proposed is None:
            raise InvalidInput(
                _("#{number} has no date: it cannot be a new event").format(number=item.number)
            )
        proposed = replace(proposed, id=unique_id(proposed, taken))
        return replace(base, action=Action.NEW, proposed=proposed)
    allowed = {c.event_id for c in item.candidates}
    event = next((e for e in events if e.id == choice), None)
    if event is None or choice not in allowed:
        names = ", ".join(sorted(allowed) + ([NEW_CHOICE] if item.new_allowed else []))
        raise InvalidInput(
            _("#{number} may be {names}, not '{choice}'").format(
                number=item.number, names=names, choice=choice
            )
        )
    base = replace(item, candidates=())
    return _linked(base, item.finding, event, "chosen by a person", history_of)


def _earlier(
    history_of: Callable[[str], Sequence[HistoryEntry]],
) -> Callable[[str], Sequence[DateWindow]]:
    cache: dict[str, Sequence[DateWindow]] = {}

    def earlier(event_id: str) -> Sequence[DateWindow]:
        if event_id not in cache:
            cache[event_id] = earlier_windows(history_of(event_id))
        return cache[event_id]

    return earlier


def _item(
    number: int,
    finding: Finding,
    extraction: Extraction,
    events: Sequence[Event],
    history_of: Callable[[str], Sequence[HistoryEntry]],
    earlier: Callable[[str], Sequence[DateWindow]],
    common: frozenset[str],
) -> ReviewItem:
    base = ReviewItem(
        number,
        Action.UNREADABLE,
        finding,
        extraction.document,
        extraction.document_date,
        dated_by=extraction.dated.source,
        date_assumed=extraction.dated.assumed,
    )
    if finding.problem is not None:
        return _unreadable(base, finding.problem)
    decision = decide(finding, events, earlier, common)
    if decision.ambiguous:
        names = ", ".join(c.event_id for c in decision.candidates)
        return replace(
            base,
            action=Action.AMBIGUOUS,
            proposed=_event(finding, base),
            candidates=decision.candidates,
            new_allowed=decision.new_allowed,
            reasons=(f"several events could be meant ({names}): choose one, or a new event",),
        )
    if decision.event is None:
        if finding.window is None and finding.previous is None:
            return _unreadable(base, "a change of state for a meeting the calendar does not know")
        if finding.confidence < CONFIDENT:
            return _unreadable(base, "not read with confidence", proposed=_event(finding, base))
        return replace(
            base,
            action=Action.NEW,
            proposed=_event(finding, base),
            reasons=("no known event matches",),
        )
    return _linked(base, finding, decision.event, decision.how, history_of)


def _linked(
    base: ReviewItem,
    finding: Finding,
    event: Event,
    how: str,
    history_of: Callable[[str], Sequence[HistoryEntry]],
) -> ReviewItem:
    proposed = _event(finding, base, event)
    changes = changes_for(event, finding)
    matched = (f"matches {event.id}: {how}",)
    if changes and finding.confidence < CONFIDENT:
        return _unreadable(base, "not read with confidence", proposed=proposed, event=event)
    edited = user_edited_fields(event, history_of(event.id), changes)
    return replace(
        base,
        action=Action.UPDATE if changes else Action.UNCHANGED,
        event_id=event.id,
        proposed=proposed,
        changes=changes,
        user_edited=edited,
        event_version=event.version,
        reasons=matched,
    )


def _unreadable(
    item: ReviewItem, why: str, *, proposed: Event | None = None, event: Event | None = None
) -> ReviewItem:
    return replace(
        item,
        action=Action.UNREADABLE,
        proposed=proposed,
        event_id=event.id if event is not None else None,
        reasons=(why,),
    )


class _Proposed:
    """The new events a review proposes, indexed so that a meeting named twice is found
    among them without comparing every pair (a long document stays linear)."""

    def __init__(self) -> None:
        self._numbered: dict[tuple[str | None, int], Event] = {}
        self._by_words: dict[tuple[str, frozenset[str], str | None], list[Event]] = {}

    def add(self, event: Event) -> None:
        if event.number is not None:
            self._numbered.setdefault((event.series, event.number), event)
        self._by_words.setdefault(self._key(event), []).append(event)

    def repeated(self, item: ReviewItem) -> ReviewItem | None:
        """A meeting the document names twice is one new event, not two."""
        if item.action is not Action.NEW or item.proposed is None:
            return None
        mine = item.proposed
        same = self._numbered.get((mine.series, mine.number)) if mine.number is not None else None
        if same is None:
            for other in self._by_words.get(self._key(mine), ()):
                if mine.number is not None and other.number not in (None, mine.number):
                    continue
                if likeness(item.finding, other) >= 0.8 and other.window.overlaps(
                    mine.window.start, mine.window.end
                ):
                    same = other
                    break
        if same is None:
            return None
        return replace(
            item,
            action=Action.UNCHANGED,
            event_id=same.id,
            reasons=(f"the same meeting as {same.id}, proposed earlier in this review",),
        )

    @staticmethod
    def _key(event: Event) -> tuple[str, frozenset[str], str | None]:
        return event.organisation, title_words(event.title), event.country


def _event(finding: Finding, item: ReviewItem, known: Event | None = None) -> Event | None:
    """The finding as an event: what the document says, under the known id if matched.

    A meeting postponed sine die keeps the window it had (or the one it was planned for).
    """
    window = finding.window or (known.window if known is not None else finding.previous)
    if window is None:
        return None
    return Event(
        id=known.id if known is not None else "",
        organisation=finding.organisation,
        kind=finding.kind,
        title=finding.title,
        title_en=finding.title_en,
        window=window,
        status=finding.status,
        theme=finding.theme,
        series=finding.series,
        number=finding.number,
        country=finding.country,
        cities=finding.cities,
        summary=finding.summary,
        origin=INGEST_ORIGIN + item.document,
        version=known.version if known is not None else 0,
        sources=(Source(item.document, finding.excerpt, item.document_date),),
    )


def unique_id(event: Event, taken: set[str]) -> str:
    """A readable id in the seed's style, `sco-defence-ministers-24`, not already taken."""
    org = event.organisation.lower()
    if event.series and event.number is not None:
        base = f"{org}-{event.series}-{event.number}"
    else:
        topic = event.series or slug(event.title_en or event.title)
        base = f"{org}-{topic}-{event.window.start.year}"
        if event.cities:
            base += "-" + slug(event.cities[0])
    return unique(base, taken.__contains__)

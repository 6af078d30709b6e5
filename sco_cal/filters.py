"""What a list of events is narrowed to, and the one definition of a match."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from sco_cal.errors import InvalidInput
from sco_cal.model import HIDDEN_KINDS, Event, Kind
from sco_cal.search import event_search_text
from sco_cal.states import ConfirmationState
from sco_cal.text import fold
from sco_cal.themes import theme_matches

MAX_SEARCH_WORDS = 50
MAX_SEARCH_LENGTH = 1000


class Scope(StrEnum):
    """Which part of time a listing covers."""

    UPCOMING = "upcoming"  # window ends today or later, not held or cancelled
    PAST = "past"  # window ended before today
    ALL = "all"


class SortKey(StrEnum):
    DATE = "date"
    TITLE = "title"
    COUNTRY = "country"
    STATUS = "status"
    ORGANISATION = "org"
    UPDATED = "updated"


@dataclass(frozen=True, slots=True)
class EventFilter:
    """A combination of criteria; empty criteria match everything.

    Values are already canonical (ISO country codes, English city names, theme ids):
    resolving what a user typed is the caller's job.
    """

    scope: Scope = Scope.UPCOMING
    organisations: tuple[str, ...] = ()
    countries: tuple[str, ...] = ()
    cities: tuple[str, ...] = ()
    statuses: tuple[ConfirmationState, ...] = ()
    themes: tuple[str, ...] = ()
    kinds: tuple[Kind, ...] = ()
    series: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    follow_up: bool = False
    annotated: bool = False
    search: str = ""

    def __post_init__(self) -> None:
        # Each word is one more condition in the query: a pasted page would exhaust the
        # database's limits (and is no search a person means).
        if len(self.search) > MAX_SEARCH_LENGTH:
            raise InvalidInput(f"the search is longer than {MAX_SEARCH_LENGTH} characters")
        if len(words := self.search.split()) > MAX_SEARCH_WORDS:
            raise InvalidInput(f"the search has {len(words)} words: at most {MAX_SEARCH_WORDS}")

    @property
    def terms(self) -> tuple[str, ...]:
        """The search words, folded; an event must contain every one of them."""
        return tuple(fold(self.search).split())

    @property
    def shows_hidden_kinds(self) -> bool:
        return any(k in HIDDEN_KINDS for k in self.kinds)

    def matches(self, event: Event, today: date) -> bool:
        """Whether `event` passes every criterion, judged against `today`."""
        return (
            self._in_scope(event, today)
            and _any_or_all(self.organisations, event.organisation)
            and _any_or_all(self.countries, event.country)
            and (not self.cities or any(c in event.cities for c in self.cities))
            and _any_or_all(self.statuses, event.status)
            and (not self.themes or any(theme_matches(t, event.theme) for t in self.themes))
            and (
                _any_or_all(self.kinds, event.kind)
                if self.kinds
                else event.kind not in HIDDEN_KINDS
            )
            and _any_or_all(self.series, event.series)
            and (not self.tags or any(t in event.tags for t in self.tags))
            and event.window.overlaps(self.date_from, self.date_to)
            and (not self.follow_up or event.needs_follow_up(today))
            and (not self.annotated or event.annotation_count > 0)
            and self._matches_text(event)
        )

    def _in_scope(self, event: Event, today: date) -> bool:
        if self.scope is Scope.UPCOMING:
            return event.is_upcoming(today)
        if self.scope is Scope.PAST:
            return event.window.end < today
        return True

    def _matches_text(self, event: Event) -> bool:
        if not self.terms:
            return True
        haystack = event_search_text(event)
        return all(term in haystack for term in self.terms)


def _any_or_all(wanted: Iterable[object], value: object) -> bool:
    wanted = tuple(wanted)
    return not wanted or value in wanted

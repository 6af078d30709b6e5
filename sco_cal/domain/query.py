"""What a list of events is narrowed to: the words a person typed (`Criteria`), the canonical
filter they resolve to (`EventFilter`) with the one definition of a match, and the text
an event is found by."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields, replace
from datetime import date
from enum import StrEnum
from functools import lru_cache
from typing import Any

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import HIDDEN_KINDS, Event, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.text import fold
from sco_cal.domain.themes import theme_matches
from sco_cal.i18n import _

# The words of a filter, as `sco-cal list` options and saved views (`[views.NAME]`) name
# them: each takes one value or a list of them.
MANY_KEYS = ("org", "country", "city", "status", "theme", "kind", "series", "tag")
FILTER_KEYS = ("scope", *MANY_KEYS, "from", "to", "follow_up", "annotated", "search")
VIEW_KEYS = (*FILTER_KEYS, "sort", "limit")
MAX_SEARCH_WORDS = 50
MAX_SEARCH_LENGTH = 1000


class Scope(StrEnum):
    """Which part of time a listing covers."""

    UPCOMING = "upcoming"  # window ends today or later, not held or cancelled
    PAST = "past"  # window ended before today
    ALL = "all"
    # What a desk still has to act on: upcoming, and past meetings needing follow-up.
    AGENDA = "agenda"


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
    exact: bool | None = None  # True: only windows whose days are known; False: only fuzzy

    def __post_init__(self) -> None:
        # Each word is one more condition in the query: a pasted page would exhaust the
        # database's limits (and is no search a person means).
        if len(self.search) > MAX_SEARCH_LENGTH:
            raise InvalidInput(
                _("the search is longer than {max_search_length} characters").format(
                    max_search_length=MAX_SEARCH_LENGTH
                )
            )
        if len(words := self.search.split()) > MAX_SEARCH_WORDS:
            raise InvalidInput(
                _("the search has {n} words: at most {max_search_words}").format(
                    n=len(words), max_search_words=MAX_SEARCH_WORDS
                )
            )

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
            event.deleted_at is None
            and self._in_scope(event, today)
            and (self.exact is None or event.window.is_exact == self.exact)
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
        if self.scope is Scope.AGENDA:
            return event.is_upcoming(today) or event.needs_follow_up(today)
        return True

    def _matches_text(self, event: Event) -> bool:
        if not self.terms:
            return True
        haystack = event_search_text(event)
        return all(term in haystack for term in self.terms)


def _any_or_all(wanted: Iterable[object], value: object) -> bool:
    wanted = tuple(wanted)
    return not wanted or value in wanted


@dataclass(frozen=True, slots=True)
class Criteria:
    """Filter words as typed: any spelling of a country, any date phrase."""

    scope: str | None = None
    org: tuple[str, ...] = ()
    country: tuple[str, ...] = ()
    city: tuple[str, ...] = ()
    status: tuple[str, ...] = ()
    theme: tuple[str, ...] = ()
    kind: tuple[str, ...] = ()
    series: tuple[str, ...] = ()
    tag: tuple[str, ...] = ()
    date_from: str | None = None
    date_to: str | None = None
    follow_up: bool = False
    annotated: bool = False
    search: str = ""
    extra: dict[str, Any] = field(default_factory=dict)  # sort, limit from a saved view

    @classmethod
    def from_view(cls, view: Mapping[str, Any]) -> Criteria:
        """Criteria named as in a saved view of the configuration (`[views.NAME]`) or as
        the options of `sco-cal list` (`from`, `to`, lists or single strings)."""

        def many(key: str) -> tuple[str, ...]:
            value = view.get(key) or ()
            return (value,) if isinstance(value, str) else tuple(str(v) for v in value)

        return cls(
            scope=view.get("scope"),
            **{key: many(key) for key in MANY_KEYS},
            date_from=_opt_str(view.get("from")),
            date_to=_opt_str(view.get("to")),
            follow_up=bool(view.get("follow_up", False)),
            annotated=bool(view.get("annotated", False)),
            search=str(view.get("search", "")),
            extra={k: view[k] for k in ("sort", "limit") if k in view},
        )

    def over(self, base: Criteria) -> Criteria:
        """These criteria laid over `base`: whatever is set here wins."""
        changes = {
            f.name: getattr(self, f.name)
            for f in fields(self)
            if getattr(self, f.name) not in (None, (), "", False, {})
        }
        return replace(base, **changes)

    def resolve(self, today: date) -> EventFilter:
        """The canonical filter; an unknown spelling or date raises a one-line error."""
        # The vocabularies load here, not with every listing; the phrase parser only for
        # --from or --to.
        from sco_cal.domain.organisations import organisation_code
        from sco_cal.domain.places import city, country_code
        from sco_cal.domain.themes import resolve_theme

        start = _day_of(self.date_from, today)
        end = _day_of(self.date_to, today, last=True)
        if start and end and start > end:
            raise InvalidInput(
                _("--from {date_from} is after --to {date_to}").format(
                    date_from=self.date_from, date_to=self.date_to
                )
            )
        return EventFilter(
            scope=self._scope(),
            organisations=tuple(organisation_code(o) for o in self.org),
            countries=tuple(country_code(c) for c in self.country),
            cities=tuple(city(c).name for c in self.city),
            statuses=tuple(ConfirmationState.parse(s) for s in self.status),
            themes=tuple(resolve_theme(t) for t in self.theme),
            kinds=tuple(Kind.parse(k) for k in self.kind),
            series=self.series,
            tags=tuple(t.lstrip("#").casefold() for t in self.tag),
            date_from=start,
            date_to=end,
            follow_up=self.follow_up,
            annotated=self.annotated,
            search=self.search,
        )

    def _scope(self) -> Scope:
        if self.scope:
            try:
                return Scope(self.scope)
            except ValueError:
                names = ", ".join(s.value for s in Scope)
                raise InvalidInput(
                    _("unknown scope '{scope}' ({names})").format(scope=self.scope, names=names)
                ) from None
        # Asking for a date range or for follow-ups means looking beyond what is upcoming.
        if self.date_from or self.date_to or self.follow_up:
            return Scope.ALL
        return Scope.UPCOMING


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)


def _day_of(phrase: str | None, today: date, *, last: bool = False) -> date | None:
    """The first (or `last`) day of a date phrase; None when there is no phrase."""
    if not phrase:
        return None
    from sco_cal.domain.date_phrases import parse_date_phrase

    window = parse_date_phrase(phrase, today=today)
    return window.end if last else window.start


def event_search_text(event: Event) -> str:
    """One folded string holding every word a user might search the event by.

    Places are indexed under all their known spellings, so `bichkek` finds an event
    stored with the canonical `Bishkek`.
    """
    before = [event.id, event.title, event.title_en, event.organisation]
    before += [event.series or "", event.summary or "", event.theme or ""]
    after = [s.excerpt for s in event.sources]
    after += [a.text for a in event.live_annotations]
    after += event.tags
    # Folding text joined or part by part gives the same string (fold maps each
    # character on its own, and whitespace between parts collapses to one space either
    # way): the event's own words are folded in two runs, and the many spellings of its
    # places, shared by other events, once for all (an import of 100,000 events spent
    # a third of its writing folding them again and again).
    parts = (
        _folded_run(before),
        _place_words(event.country, event.cities),
        _folded_run(after),
    )
    return " ".join(part for part in parts if part)


def _folded_run(parts: list[str]) -> str:
    # Joined by a space (a line break would always send the run the slow way, through
    # the expression that collapses whitespace).
    return fold(" ".join(p for p in parts if p))


@lru_cache(maxsize=1024)
def _place_words(country: str | None, cities: tuple[str, ...]) -> str:
    """Every known spelling of a country and its cities, folded."""
    from sco_cal.domain.places import city_spellings, country_spellings  # gazetteer: only on writes

    spellings = list(country_spellings(country)) if country else []
    for city in cities:
        spellings += city_spellings(city)
    return " ".join(folded for folded in map(fold, spellings) if folded)

"""Turning what a person typed (options, a saved view, the TUI) into an EventFilter."""

from __future__ import annotations

from dataclasses import dataclass, field, fields, replace
from datetime import date
from typing import Any

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import organisation_code
from sco_cal.domain.places import city, country_code
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.themes import resolve_theme


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
    def from_view(cls, view: dict[str, Any]) -> Criteria:
        """Criteria named as in a saved view of the configuration (`[views.NAME]`) or as
        the options of `sco-cal list` (`from`, `to`, lists or single strings)."""

        def many(key: str) -> tuple[str, ...]:
            value = view.get(key) or ()
            return (value,) if isinstance(value, str) else tuple(str(v) for v in value)

        return cls(
            scope=view.get("scope"),
            org=many("org"),
            country=many("country"),
            city=many("city"),
            status=many("status"),
            theme=many("theme"),
            kind=many("kind"),
            series=many("series"),
            tag=many("tag"),
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
        start = parse_date_phrase(self.date_from, today=today).start if self.date_from else None
        end = parse_date_phrase(self.date_to, today=today).end if self.date_to else None
        if start and end and start > end:
            raise InvalidInput(f"--from {self.date_from} is after --to {self.date_to}")
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
                raise InvalidInput(f"unknown scope '{self.scope}' (upcoming, past, all)") from None
        # Asking for a date range or for follow-ups means looking beyond what is upcoming.
        if self.date_from or self.date_to or self.follow_up:
            return Scope.ALL
        return Scope.UPCOMING


def _opt_str(value: Any) -> str | None:
    return None if value is None else str(value)

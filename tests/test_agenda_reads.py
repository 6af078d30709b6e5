"""The agenda's paged reads agree with `sco-cal list`: same events, same order, same counts."""

from __future__ import annotations

from collections import Counter
from datetime import date

import pytest

from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.ordering import position_of, today_position
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.themes import theme_matches
from sco_cal.service import CalendarService

TODAY = date(2026, 11, 23)
FILTERS = {
    "upcoming": EventFilter(),
    "all": EventFilter(scope=Scope.ALL),
    "past": EventFilter(scope=Scope.PAST),
    "search": EventFilter(scope=Scope.ALL, search="Kirghizistan"),
    "accents": EventFilter(scope=Scope.ALL, search="energie"),
    "org and state": EventFilter(
        scope=Scope.ALL, organisations=("SCO",), statuses=(ConfirmationState.HELD,)
    ),
    "follow-up": EventFilter(scope=Scope.ALL, follow_up=True),
    "theme": EventFilter(scope=Scope.ALL, themes=("economy",)),
    "nothing": EventFilter(scope=Scope.ALL, search="no such words anywhere"),
}


def ids(events: list[Event]) -> list[str]:
    return [e.id for e in events]


def _parents(theme: str) -> list[str]:
    parts = theme.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]


@pytest.mark.parametrize("name", FILTERS)
def test_pages_walk_the_listing_in_order(service: CalendarService, name: str) -> None:
    flt = FILTERS[name]
    listed = ids(service.events.find(flt))
    assert ids(service.agenda.page(flt, anchor=None, limit=500)) == listed
    page = service.agenda.page(flt, anchor=None, limit=7)
    walked = list(page)
    while len(page) == 7:  # a page from an event starts with that event
        page = service.agenda.page(flt, anchor=position_of(walked[-1]), limit=8)[1:]
        walked += page
    assert ids(walked) == listed


@pytest.mark.parametrize("name", ["all", "search", "follow-up"])
def test_a_page_backwards_ends_just_before_its_anchor(service: CalendarService, name: str) -> None:
    flt = FILTERS[name]
    listed = service.events.find(flt)
    for i, event in enumerate(listed):
        before = service.agenda.page(flt, anchor=position_of(event), limit=5, backward=True)
        assert ids(before) == ids(listed[max(0, i - 5) : i])
        after = service.agenda.page(flt, anchor=position_of(event), limit=3)
        assert ids(after) == ids(listed[i : i + 3])
    assert ids(service.agenda.page(flt, anchor=None, limit=4, backward=True)) == ids(listed[-4:])


@pytest.mark.parametrize("name", FILTERS)
def test_tally_counts_what_the_listing_shows(service: CalendarService, name: str) -> None:
    flt = FILTERS[name]
    listed = service.events.find(flt)
    anchor = listed[len(listed) // 2] if listed else None
    tally = service.agenda.tally(flt, position_of(anchor) if anchor else None)
    assert tally.total == len(listed)
    assert tally.before_today == sum(position_of(e) < today_position(TODAY) for e in listed)
    assert tally.follow_up == sum(e.needs_follow_up(TODAY) for e in listed)
    assert tally.before_anchor == (len(listed) // 2 if listed else 0)


def test_today_sorts_in_its_month_after_what_starts_earlier(service: CalendarService) -> None:
    flt = FILTERS["all"]
    after_today = service.agenda.page(flt, anchor=today_position(TODAY), limit=500)
    # In November 2026, or a window of several months ending this month or later.
    assert after_today and all(
        e.window.start >= TODAY or e.window.end.replace(day=1) >= TODAY.replace(day=1)
        for e in after_today
    )
    tally = service.agenda.tally(flt, today_position(TODAY))
    assert tally.before_anchor == tally.before_today == tally.total - len(after_today)


@pytest.mark.parametrize("name", ["upcoming", "all", "search", "theme"])
def test_facet_counts_match_the_listing(service: CalendarService, name: str) -> None:
    flt = FILTERS[name]
    listed = service.events.find(flt)
    counts = service.agenda.facet_counts(flt, ["organisation", "status", "country", "theme"])
    assert dict(counts["organisation"]) == Counter(e.organisation for e in listed)
    assert dict(counts["status"]) == Counter(e.status.value for e in listed)
    assert dict(counts["country"]) == Counter(e.country for e in listed if e.country)
    # A theme counts its sub-themes too, as filtering on it would.
    assert dict(counts["theme"]) == {
        theme: sum(theme_matches(theme, e.theme) for e in listed)
        for theme in {p for e in listed if e.theme for p in _parents(e.theme)}
    }
    assert counts["status"] == sorted(counts["status"], key=lambda kv: (-kv[1], kv[0]))


def test_overlap_counts_count_windows_touching_each_span(service: CalendarService) -> None:
    flt = FILTERS["all"]
    spans = [(date(2026, 1, 1), date(2026, 1, 31)), (date(2026, 7, 1), date(2026, 12, 31))]
    listed = service.events.find(flt)
    expected = [sum(e.window.overlaps(a, b) for e in listed) for a, b in spans]
    assert service.agenda.overlap_counts(flt, spans) == expected


def test_the_change_token_moves_with_every_kind_of_write(service: CalendarService) -> None:
    event_id = "sco-defence-ministers-23"
    seen = {service.agenda.change_token()}
    service.records.annotate(event_id, "briefing due")
    seen.add(service.agenda.change_token())
    (reminder,) = service.reminders.add(event_id, ["14d"], when_dated=True)
    seen.add(service.agenda.change_token())
    service.reminders.remove(reminder.id)
    seen.add(service.agenda.change_token())
    service.records.change_status(event_id, "confirmed")
    seen.add(service.agenda.change_token())
    assert len(seen) == 5
    assert service.agenda.change_token() == service.agenda.change_token()

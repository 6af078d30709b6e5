"""Clashes: known days that overlap, and fuzzy windows that might."""

from __future__ import annotations

from datetime import date

from sco_cal.domain.clashes import find_clashes
from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from tests.support.cli import Cli


def event(event_id: str, phrase: str, org: str = "SCO") -> Event:
    return Event(
        id=event_id,
        organisation=org,
        kind=Kind.MEETING,
        title=event_id,
        title_en=event_id,
        window=parse_date_phrase(phrase),
        status=ConfirmationState.CONFIRMED,
    )


def test_known_days_that_overlap_clash() -> None:
    found = find_clashes(
        [
            event("a", "3-5 mars 2026"),
            event("b", "5 mars 2026", "CSTO"),
            event("c", "6 mars 2026"),
            event("d", "mars 2026"),
        ]
    )
    assert [(c.first.id, c.second.id, c.start, c.end, c.certain) for c in found] == [
        ("a", "b", date(2026, 3, 5), date(2026, 3, 5), True)
    ]
    assert not found[0].same_organisation


def test_possible_clashes_include_months_but_not_vaguer_windows() -> None:
    events = [
        event("a", "3-5 mars 2026"),
        event("m", "mars 2026"),
        event("y", "2026"),
        event("q", "T1 2026"),
    ]
    pairs = {(c.first.id, c.second.id, c.certain) for c in find_clashes(events, possible=True)}
    assert pairs == {("m", "a", False)}


def test_clashes_command(cli: Cli) -> None:
    records = cli.json("clashes", "--from", "2025-07-01", "--to", "2025-07-31")
    # The industry ministers met on the margins of INNOPROM, the same day as the festival.
    assert {(r["first"], r["second"]) for r in records} == {
        ("sco-arts-festival-2025-qingdao", "sco-industry-ministers-2025-yekaterinburg"),
        ("ru-innoprom-2025-yekaterinburg", "sco-arts-festival-2025-qingdao"),
        ("ru-innoprom-2025-yekaterinburg", "sco-industry-ministers-2025-yekaterinburg"),
    }
    assert records[0]["certain"] is True
    maybe = cli.json("clashes", "--possible", "--from", "2025-11-01", "--to", "2025-11-30")
    assert any(not r["certain"] for r in maybe)

"""Checks on the curated seed calendar: provenance, vocabulary, places, dates, spot facts."""

from __future__ import annotations

import re
import tomllib
from collections import Counter
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import organisation_codes
from sco_cal.domain.places import city, country_code
from sco_cal.domain.text import fold
from sco_cal.domain.themes import theme_ids

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "seed" / "calendar.toml"
SOURCES = ROOT / "seed" / "sources"

BULLETIN = "000_946a16491ebacd0d.txt"
TIANJIN = "001_f1d3799a4f6eca95.txt"
CSTO = "002_48349266c3c76e3d.txt"
KAZAKHSTAN = "003_1a09eb44ae0f2027.txt"
ASTANA = "004_13ba78da531d4b99.txt"

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")

DATA: dict[str, Any] = tomllib.loads(SEED.read_text(encoding="utf-8"))
EVENTS: list[dict[str, Any]] = DATA["event"]
DOCUMENTS: dict[str, dict[str, Any]] = {d["file"]: d for d in DATA["document"]}
BY_ID: dict[str, dict[str, Any]] = {e["id"]: e for e in EVENTS}


def _text(document: str) -> str:
    return (SOURCES / document).read_text(encoding="utf-8")


def _docs(event: dict[str, Any]) -> list[str]:
    return [s["document"] for s in event["source"]]


def _ids(event: dict[str, Any]) -> str:
    return str(event["id"])


per_event = pytest.mark.parametrize("event", EVENTS, ids=_ids)


# --- documents --------------------------------------------------------------------------


def test_every_source_file_is_described_once() -> None:
    files = sorted(p.name for p in SOURCES.glob("*.txt"))
    assert sorted(DOCUMENTS) == files
    assert len(DATA["document"]) == len(files)


@pytest.mark.parametrize("document", DATA["document"], ids=lambda d: str(d["file"]))
def test_document_has_title_and_date(document: dict[str, Any]) -> None:
    assert document["title"].strip()
    assert isinstance(document["date"], date)


@pytest.mark.parametrize(
    ("document", "published", "inferred"),
    [
        (BULLETIN, date(2025, 10, 27), False),
        (TIANJIN, date(2025, 9, 2), True),
        (CSTO, date(2025, 11, 27), True),
        (KAZAKHSTAN, date(2025, 9, 1), True),
        (ASTANA, date(2024, 7, 4), True),
    ],
)
def test_document_dates(document: str, published: date, inferred: bool) -> None:
    assert DOCUMENTS[document]["date"] == published
    assert bool(DOCUMENTS[document].get("date_note")) is inferred


def test_every_document_is_cited() -> None:
    cited = {doc for e in EVENTS for doc in _docs(e)}
    assert cited == set(DOCUMENTS)


# --- provenance -------------------------------------------------------------------------


@per_event
def test_excerpts_are_exact_substrings(event: dict[str, Any]) -> None:
    assert event["source"], "an event needs at least one source"
    for source in event["source"]:
        assert source["document"] in DOCUMENTS
        assert source["excerpt"].strip()
        assert source["excerpt"] in _text(source["document"]), source["excerpt"]


@per_event
def test_date_and_status_come_from_cited_documents(event: dict[str, Any]) -> None:
    assert event["date_source"] in _docs(event)
    assert event["status_source"] in _docs(event)


@per_event
def test_date_wording_is_in_its_source_excerpt(event: dict[str, Any]) -> None:
    excerpts = [s["excerpt"] for s in event["source"] if s["document"] == event["date_source"]]
    assert any(fold(event["date"]) in fold(x) for x in excerpts), event["date"]


# --- vocabulary -------------------------------------------------------------------------


def test_ids_are_unique() -> None:
    duplicates = [i for i, n in Counter(e["id"] for e in EVENTS).items() if n > 1]
    assert duplicates == []


@per_event
def test_fields_use_the_vocabulary(event: dict[str, Any]) -> None:
    assert SLUG.match(event["id"]), event["id"]
    assert event["organisation"] in organisation_codes()
    assert event["kind"] in {k.value for k in Kind}
    assert event["status"] in {s.value for s in ConfirmationState}
    assert event["theme"] in theme_ids()
    assert event["title"].strip()
    assert event["title_en"].strip()
    if "series" in event:
        assert SLUG.match(event["series"]), event["series"]
    if "number" in event:
        assert isinstance(event["number"], int)
        assert event["number"] > 0


@per_event
def test_places_are_canonical(event: dict[str, Any]) -> None:
    code = event.get("country")
    if code is not None:
        assert country_code(code) == code
    assert isinstance(event["cities"], list)
    for name in event["cities"]:
        found = city(name)
        assert found.name == name
        assert found.country == code, f"{name} is not in {code}"


# --- dates ------------------------------------------------------------------------------


def _parse(event: dict[str, Any]) -> Any:
    from sco_cal.domain.date_phrases import parse_date_phrase

    year = DOCUMENTS[event["date_source"]]["date"].year
    return parse_date_phrase(event["date"], default_year=year)


@per_event
def test_date_phrase_parses(event: dict[str, Any]) -> None:
    window = _parse(event)
    assert window.start <= window.end


@per_event
def test_state_agrees_with_when_it_was_written(event: dict[str, Any]) -> None:
    window = _parse(event)
    written = DOCUMENTS[event["status_source"]]["date"]
    if event["status"] == "held":
        assert window.start <= written, "reported held before it began"
    else:
        assert window.end >= written, "announced as future after it was over"


# --- spot checks a reader would make ----------------------------------------------------


def test_more_than_fifty_meetings() -> None:
    meetings = [e for e in EVENTS if e["kind"] != "signing"]
    assert len(meetings) > 50


def test_signings_are_held_and_sco() -> None:
    signings = [e for e in EVENTS if e["kind"] == "signing"]
    assert len(signings) == 8
    assert {e["status"] for e in signings} == {"held"}
    assert {e["organisation"] for e in signings} == {"SCO"}


def test_bulletin_agenda_is_all_provisional() -> None:
    agenda = [e for e in EVENTS if BULLETIN in _docs(e)]
    assert len(agenda) == 16
    for event in agenda:
        assert event["status"] == "provisional", event["id"]
        assert event["status_source"] == BULLETIN
        assert event["date_source"] == BULLETIN


def test_next_csto_summit_is_confirmed_in_moscow() -> None:
    event = BY_ID["csto-collective-security-council-2026-moscow"]
    assert (event["organisation"], event["status"]) == ("CSTO", "confirmed")
    assert (event["country"], event["cities"]) == ("RU", ["Moscow"])
    window = _parse(event)
    assert (window.start, window.end) == (date(2026, 11, 11), date(2026, 11, 11))


def test_bishkek_csto_summit_takes_its_year_from_the_document() -> None:
    event = BY_ID["csto-collective-security-council-2025-bishkek"]
    assert event["status"] == "held"
    window = _parse(event)
    assert (window.start, window.end) == (date(2025, 11, 27), date(2025, 11, 27))


def test_aktau_ports_meeting_has_three_sources() -> None:
    event = BY_ID["sco-ports-logistics-heads-2025-aktau"]
    assert _docs(event) == [BULLETIN, TIANJIN, KAZAKHSTAN]
    assert event["status"] == "provisional"
    assert (event["country"], event["cities"]) == ("KZ", ["Aktau"])


def test_tianjin_summit_is_held_with_two_sources() -> None:
    event = BY_ID["sco-heads-of-state-council-25"]
    assert event["status"] == "held"
    assert sorted(_docs(event)) == [TIANJIN, KAZAKHSTAN]
    assert (event["number"], event["cities"]) == (25, ["Tianjin"])
    window = _parse(event)
    assert (window.start, window.end) == (date(2025, 8, 31), date(2025, 9, 1))


def test_heads_of_state_series() -> None:
    summits = {e["id"]: e for e in EVENTS if e.get("series") == "heads-of-state-council"}
    assert summits["sco-heads-of-state-council-24"]["cities"] == ["Astana"]
    assert summits["sco-heads-of-state-council-24"]["status"] == "held"
    bishkek = summits["sco-heads-of-state-council-2026-bishkek"]
    assert (bishkek["status"], bishkek["cities"]) == ("provisional", ["Bishkek"])
    assert sorted(_docs(bishkek)) == [BULLETIN, TIANJIN]
    assert "number" not in bishkek, "no source numbers the 2026 summit"
    assert len(summits) == 3


def test_defence_ministers_series_runs_22_then_23() -> None:
    numbered = {e["number"]: e["country"] for e in EVENTS if e.get("series") == "defence-ministers"}
    assert numbered == {22: "CN", 23: "RU"}


@pytest.mark.parametrize(
    ("event_id", "status"),
    [
        ("sco-transport-ministers-2025-tianjin", "held"),
        ("sco-health-ministers-2025-xian", "held"),
        ("ru-intervision-2025-moscow", "provisional"),
        ("unesco-general-conference-43", "provisional"),
        ("un-dushanbe-process-conference-2026-new-york", "proposed"),
        ("sco-open-cup-2026", "proposed"),
        ("kz-ai-economies-conference-2027", "proposed"),
        ("kz-ai-experts-forum-2026-astana", "provisional"),
        ("sco-heads-of-state-council-24", "held"),
    ],
)
def test_states_of_known_events(event_id: str, status: str) -> None:
    assert BY_ID[event_id]["status"] == status


def test_transport_ministers_series_spans_documents() -> None:
    series = {e["id"] for e in EVENTS if e.get("series") == "transport-ministers"}
    assert series == {"sco-transport-ministers-2025-tianjin", "sco-transport-ministers-13"}

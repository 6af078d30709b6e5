"""Linking a finding to a stored event: never a confident wrong link.

Unit tests of the heuristics on findings built by hand, then the behaviour a person
sees: a meeting they postponed is not proposed again, an ambiguous item is applied
only once chosen.
"""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import Event, FieldChange, HistoryEntry, Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.extract import Finding
from sco_cal.ingest.match import common_words, decide, earlier_windows
from sco_cal.service import CalendarService
from sco_cal.store.seed_file import load_seed

SEED = [s.event for s in load_seed().events]


def month(year: int, number: int) -> DateWindow:
    last = (date(year + number // 12, number % 12 + 1, 1) - date.resolution).day
    return DateWindow(date(year, number, 1), date(year, number, last), Precision.MONTH)


def finding(title: str, **values: Any) -> Finding:
    base = Finding(
        excerpt=title,
        line=1,
        organisation="SCO",
        kind=Kind.MEETING,
        title=title,
        title_en=title,
        status=ConfirmationState.PROVISIONAL,
    )
    return replace(base, **values)


def event(event_id: str) -> Event:
    return next(e for e in SEED if e.id == event_id)


def test_series_and_number_link_even_when_the_place_changes() -> None:
    moved = finding(
        "43e session du Conseil de la SRAT",
        series="rats-council",
        number=43,
        country="UZ",
        cities=("Tashkent",),
        window=DateWindow(date(2026, 2, 24), date(2026, 2, 25), Precision.DAYS),
    )
    decision = decide(moved, SEED)

    assert decision.event is not None and decision.event.id == "sco-rats-council-43"


def test_another_number_of_the_same_series_is_a_new_meeting() -> None:
    second = finding(
        "Deuxième réunion des responsables des ports et centres logistiques",
        number=2,
        series="ports-logistics-heads",
        country="KZ",
        cities=("Aktau",),
        window=month(2025, 11),
    )
    decision = decide(second, SEED)

    assert decision.event is None and not decision.candidates


def test_two_meetings_of_one_city_and_month_are_left_to_a_person() -> None:
    moscow = finding(
        "Réunion de Moscou",
        country="RU",
        cities=("Moscow",),
        status=ConfirmationState.HELD,
        window=month(2024, 11),
    )
    decision = decide(moscow, SEED, common=common_words(SEED))

    assert decision.ambiguous
    assert {c.event_id for c in decision.candidates} == {
        "sco-road-transport-commission-2024-moscow",
        "sco-railway-heads-2024-moscow",
    }
    assert all(c.why for c in decision.candidates)


def test_a_meeting_the_document_moves_elsewhere_may_be_the_known_one_or_a_new_one() -> None:
    moved = finding(
        "Conférence de haut niveau du processus de Douchanbé",
        organisation="UN",
        kind=Kind.CONFERENCE,
        country="TJ",
        cities=("Dushanbe",),
        window=month(2027, 6),
        moved=True,
    )
    decision = decide(moved, SEED)

    assert decision.ambiguous and decision.new_allowed
    assert [c.event_id for c in decision.candidates] == [
        "un-dushanbe-process-conference-2026-new-york"
    ]
    held = [
        replace(e, status=ConfirmationState.HELD) if e.id.startswith("un-dushanbe") else e
        for e in SEED
    ]
    assert decide(replace(moved, moved=False), held).candidates == ()


def test_a_council_of_heads_of_government_is_not_the_heads_of_state_summit() -> None:
    council = finding(
        "Council of Heads of Government",
        country="KG",
        cities=("Bishkek",),
        status=ConfirmationState.CONFIRMED,
        window=DateWindow(date(2026, 11, 3), date(2026, 11, 3), Precision.DAY),
    )
    decision = decide(council, SEED, common=common_words(SEED))

    assert decision.event is None and not decision.candidates


def test_a_word_every_other_title_uses_links_nothing() -> None:
    council = finding(
        "UN Security Council",
        organisation="UN",
        country="US",
        cities=("New York",),
        window=DateWindow(date(2026, 7, 20), date(2026, 7, 26), Precision.DAYS),
    )
    decision = decide(council, SEED, common=common_words(SEED))

    assert decision.event is None


def test_the_one_summit_of_a_body_in_the_window_is_linked_and_gets_its_number() -> None:
    summit = finding(
        "26th summit",
        kind=Kind.SUMMIT,
        number=26,
        country="KG",
        cities=("Bishkek",),
        window=DateWindow(date(2026, 8, 27), date(2026, 8, 28), Precision.DAYS),
    )
    decision = decide(summit, SEED)

    assert decision.event is not None
    assert decision.event.id == "sco-heads-of-state-council-2026-bishkek"


def test_a_window_the_event_had_before_it_was_moved_still_links() -> None:
    energy = event("sco-energy-ministers-extraordinary-2026")
    moved = replace(energy, window=month(2026, 6), status=ConfirmationState.POSTPONED)
    history = [
        HistoryEntry(
            1,
            energy.id,
            _at(),
            "ann",
            "status",
            (
                FieldChange("start_date", "2026-02-01", "2026-06-01"),
                FieldChange("end_date", "2026-02-28", "2026-06-30"),
            ),
        ),
    ]
    mention = finding(
        "Réunion extraordinaire des ministres de l’Énergie",
        kind=Kind.MINISTERIAL,
        country="RU",
        window=month(2026, 2),
    )
    others = [e for e in SEED if e.id != energy.id]

    assert decide(mention, [*others, moved]).event is None
    earlier = earlier_windows(history)
    decision = decide(mention, [*others, moved], lambda i: earlier if i == energy.id else ())
    assert decision.event is not None and decision.event.id == energy.id


def test_a_title_alone_never_moves_an_open_event_a_year_on() -> None:
    offer = finding(
        "Meeting of the transport ministers",
        kind=Kind.MINISTERIAL,
        status=ConfirmationState.PROPOSED,
        country="KG",
        cities=("Cholpon-Ata",),
        window=month(2027, 9),
    )
    decision = decide(offer, SEED, common=common_words(SEED))

    assert decision.ambiguous and decision.new_allowed
    assert [c.event_id for c in decision.candidates] == ["sco-transport-ministers-13"]


def test_a_held_meeting_of_another_year_is_not_a_candidate() -> None:
    later = finding(
        "Meeting of SCO Health Ministers",
        kind=Kind.MINISTERIAL,
        country="CN",
        window=month(2026, 4),
    )

    assert decide(later, SEED, common=common_words(SEED)) == decide(later, [])


def test_an_ordinal_moves_an_event_a_year_only_on_a_year_the_document_writes() -> None:
    defence = event("sco-defence-ministers-23")
    april = DateWindow(date(2027, 4, 28), date(2027, 4, 29), Precision.DAYS)
    read = finding(
        "23rd Meeting of SCO Defence Ministers",
        kind=Kind.MINISTERIAL,
        series=defence.series,
        number=23,
        window=april,
        year_inferred=True,
    )

    guessed = decide(read, SEED)
    written = decide(replace(read, year_inferred=False), SEED)
    this_year = decide(replace(read, window=month(2026, 4)), SEED)

    assert guessed.ambiguous and [c.event_id for c in guessed.candidates] == [defence.id]
    assert "away from" in guessed.candidates[0].why
    assert written.event is not None and written.event.id == defence.id
    assert this_year.event is not None and this_year.event.id == defence.id


def test_a_postponement_from_where_the_calendar_has_it_may_move_it_far() -> None:
    postponed = finding(
        "Meeting of Agriculture Ministers",
        kind=Kind.MINISTERIAL,
        status=ConfirmationState.POSTPONED,
        stated_status=True,
        country="PK",
        window=month(2027, 3),
        previous=month(2026, 5),
        year_inferred=True,
    )
    decision = decide(postponed, SEED, common=common_words(SEED))

    assert decision.event is not None and decision.event.id == "sco-agriculture-ministers-11"
    assert decide(replace(postponed, previous=None), SEED).event is None


def test_a_title_like_another_bodys_meeting_links_only_when_no_body_is_named() -> None:
    conference = finding(
        "Conférence de haut niveau du processus de Douchanbé sur la sécurité des frontières",
        kind=Kind.CONFERENCE,
        status=ConfirmationState.POSTPONED,
        stated_status=True,
        country="US",
        cities=("New York",),
        window=DateWindow(date(2026, 9, 1), date(2026, 11, 30), Precision.SEASON),
        previous=month(2026, 5),
    )

    named = decide(conference, SEED, common=common_words(SEED))
    guessed = decide(replace(conference, body_inferred=True), SEED, common=common_words(SEED))

    assert named.event is None and not named.candidates
    assert guessed.event is not None
    assert guessed.event.id == "un-dushanbe-process-conference-2026-new-york"


def test_agencies_and_services_are_one_word_for_linking() -> None:
    heads = finding(
        "Meeting of Heads of the anti-drug agencies of the SCO member states",
        country="KZ",
        cities=("Astana",),
        status=ConfirmationState.HELD,
        window=DateWindow(date(2025, 10, 14), date(2025, 10, 14), Precision.DAY),
    )
    decision = decide(heads, SEED, common=common_words(SEED))

    assert decision.event is not None and decision.event.id == "sco-anti-drug-heads-16"


def test_the_same_day_and_city_as_a_summit_links_a_nameless_meeting_not_a_committee() -> None:
    day = DateWindow(date(2026, 11, 11), date(2026, 11, 11), Precision.DAY)
    nameless = finding(
        "Réunion de ce type", organisation="CSTO", country="RU", cities=("Moscow",), window=day
    )
    committee = replace(nameless, title="Committee of Secretaries of Security Councils")
    committee = replace(committee, title_en=committee.title)

    linked = decide(nameless, SEED, common=common_words(SEED))
    apart = decide(committee, SEED, common=common_words(SEED))

    assert linked.event is not None
    assert linked.event.id == "csto-collective-security-council-2026-moscow"
    assert apart.event is None


def _at() -> Any:
    from datetime import UTC, datetime

    return datetime(2026, 3, 1, tzinfo=UTC)


# -- title words that hide a difference of body, number, kind or of several bodies -------


def test_a_first_expert_group_meeting_is_not_a_countrys_forum_elsewhere() -> None:
    group = finding(
        "1st meeting of its expert group on artificial intelligence",
        number=1,
        window=DateWindow(date(2026, 1, 1), date(2026, 12, 31), Precision.YEAR),
    )
    decision = decide(group, SEED)

    assert decision.event is None
    assert "kz-ai-experts-forum-2026-astana" not in [c.event_id for c in decision.candidates]


def test_a_countrys_own_forum_links_where_the_calendar_has_it() -> None:
    forum = finding(
        "Artificial Intelligence Experts' Forum",
        kind=Kind.FORUM,
        country="KZ",
        cities=("Astana",),
        window=DateWindow(date(2026, 11, 19), date(2026, 11, 20), Precision.DAYS),
    )
    decision = decide(forum, SEED)

    assert decision.event is not None and decision.event.id == "kz-ai-experts-forum-2026-astana"


def test_a_number_the_calendar_lacks_leaves_a_title_link_to_a_person() -> None:
    first = finding(
        "1st meeting of the heads of the media and information policy bodies",
        number=1,
        country="KZ",
        cities=("Almaty",),
        window=month(2026, 12),
    )
    decision = decide(first, SEED)

    assert decision.event is None
    assert [c.event_id for c in decision.candidates] == [
        "sco-media-information-policy-meeting-2026-astana"
    ]
    assert "numbers it" in decision.candidates[0].why


def test_a_forum_is_not_a_meeting_of_the_same_words_on_title_alone() -> None:
    forum = finding(
        "Forum on media and information policy",
        kind=Kind.FORUM,
        country="KZ",
        window=month(2026, 10),
    )
    decision = decide(forum, SEED)

    assert decision.event is None
    assert "not a meeting" in decision.candidates[0].why


def test_a_joint_meeting_of_two_councils_is_neither_one_of_them() -> None:
    joint = finding(
        "Joint meeting of the ministers of foreign affairs and the ministers of defence",
        kind=Kind.MINISTERIAL,
        country="RU",
        cities=("Moscow",),
        window=month(2026, 11),
    )
    decision = decide(joint, SEED)

    assert decision.event is None
    assert "sco-defence-ministers-23" in [c.event_id for c in decision.candidates]


def test_a_numbered_summit_in_the_citys_window_still_links() -> None:
    summit = finding(
        "26th meeting of the Council of Heads of State",
        kind=Kind.SUMMIT,
        number=26,
        country="KG",
        cities=("Bishkek",),
        window=DateWindow(date(2026, 8, 27), date(2026, 8, 28), Precision.DAYS),
    )
    decision = decide(summit, SEED)

    assert decision.event is not None
    assert decision.event.id == "sco-heads-of-state-council-2026-bishkek"


# -- what a person sees ------------------------------------------------------------------


def test_a_meeting_postponed_by_hand_is_not_proposed_again(
    service: CalendarService, tmp_path: Path
) -> None:
    service.records.postpone(
        "sco-energy-ministers-extraordinary-2026", "juin 2026", allow_past=True
    )
    doc = tmp_path / "note.txt"
    doc.write_text(
        "En février 2026, une réunion extraordinaire des ministres de l’Énergie de l’OCS "
        "se tiendra en Russie.\n",
        encoding="utf-8",
    )
    (item,) = service.documents.review(doc, as_of="2026-01-15")

    assert item.event_id == "sco-energy-ministers-extraordinary-2026"
    assert item.action.value in ("unchanged", "update")
    assert set(item.user_edited) >= {"start", "end"} or item.action.value == "unchanged"


AMBIGUOUS = (
    "Paris, le 5 octobre 2026\n\n"
    "Le compte rendu de la réunion de Moscou de novembre 2024 sur les transports a été "
    "publié par le Secrétariat de l’OCS.\n"
)


def test_an_ambiguous_item_is_never_applied_without_a_choice(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(AMBIGUOUS, encoding="utf-8")

    (record,) = cli.json("ingest", str(doc))
    assert record["action"] == "ambiguous"
    assert {c["event_id"] for c in record["candidates"]} == {
        "sco-road-transport-commission-2024-moscow",
        "sco-railway-heads-2024-moscow",
    }
    assert all(c["why"] and c["title"] for c in record["candidates"])

    applied = cli("ingest", str(doc), "--apply")
    assert applied.exit_code == 0, applied.output
    assert "added 0, updated 0" in applied.stderr
    history = cli.json("history", "sco-railway-heads-2024-moscow")
    assert not any(h.get("source") == "note.txt" for h in history)

    (chosen,) = cli.json("ingest", str(doc), "--choose", "1=sco-railway-heads-2024-moscow")
    assert (chosen["action"], chosen["event_id"]) == ("unchanged", "sco-railway-heads-2024-moscow")
    assert chosen["candidates"] == []


def test_a_choice_is_applied_like_any_update(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(
        "Paris, le 5 octobre 2026\n\nLa réunion de Moscou de novembre 2024 sur les transports "
        "a en fait été annulée, selon le Secrétariat de l’OCS.\n",
        encoding="utf-8",
    )
    (record,) = cli.json("ingest", str(doc))
    assert record["action"] == "ambiguous"

    chosen = cli("ingest", str(doc), "--apply", "--choose", "1=sco-railway-heads-2024-moscow")

    assert chosen.exit_code == 0, chosen.output
    assert "updated sco-railway-heads-2024-moscow: status" in chosen.stderr
    assert cli.json("show", "sco-railway-heads-2024-moscow")["status"] == "cancelled"
    assert cli.json("show", "sco-road-transport-commission-2024-moscow")["status"] == "held"


@pytest.mark.parametrize(
    ("choice", "message"),
    [
        ("1=sco-defence-ministers-23", "may be"),
        ("2=new", "no item #2"),
        ("one=new", "N=EVENT_ID"),
    ],
)
def test_a_wrong_choice_is_a_one_line_error(
    cli: Any, tmp_path: Path, choice: str, message: str
) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(AMBIGUOUS, encoding="utf-8")

    result = cli("ingest", str(doc), "--apply", "--choose", choice)

    assert result.exit_code == 2
    assert result.stderr.startswith("sco-cal: error:") and message in result.stderr
    assert result.stderr.count("\n") == 1


@pytest.mark.parametrize("path", ["DIR", "/dev/null", "missing.txt"])
def test_a_path_that_is_not_a_document_is_a_clear_error(
    cli: Any, tmp_path: Path, path: str
) -> None:
    target = {"DIR": str(tmp_path), "missing.txt": str(tmp_path / "missing.txt")}.get(path, path)

    result = cli("ingest", target)

    assert result.exit_code == 2
    line = result.stderr.strip()
    assert line.startswith(f"sco-cal: error: cannot read {target}: ")
    assert any(w in line for w in ("directory", "not a regular file", "no such file"))
    assert json.dumps(line).count("\\n") == 0


@pytest.mark.parametrize(
    "sentence",
    [
        "A joint session of the Council of Foreign Ministers, the Council of Defence Ministers "
        "and the Committee of Secretaries of Security Councils of the CSTO will be held in "
        "Moscow on 10 November, on the eve of the CSTO summit.",
        "Une session conjointe du Conseil des ministres des Affaires étrangères, du Conseil des "
        "ministres de la Défense et du Comité des secrétaires des conseils de sécurité de "
        "l'OTSC se tiendra à Moscou le 10 novembre, à la veille du sommet.",
    ],
)
def test_a_joint_session_of_three_councils_is_one_meeting_of_none_of_them(
    service: CalendarService, tmp_path: Path, sentence: str
) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(f"Moscow, 14 September 2026\n\n{sentence}\n", encoding="utf-8")

    (item,) = service.documents.review(doc)

    assert item.finding.organisation == "CSTO"
    assert item.finding.window is not None and item.finding.window.start == date(2026, 11, 10)
    assert item.action.value == "new"


# -- rubrics: "the organisation" is the rubric's body -------------------------------------

_RUBRICS = {
    "numbered": ("1. OCS", "2. OTSC", "3. Divers"),
    "roman": ("I – OCS", "II – OTSC", "III – Divers"),
    "lettered": ("A) SCO", "B) CSTO", "C) Other"),
    "bold": ("**1. SCO**", "**2. CSTO**", "**3. Other**"),
    "colon": ("OCS :", "OTSC :", "Divers :"),
    "colon-en": ("SCO:", "CSTO:", "Other:"),
    "spelled": ("1. OCS", "2. OTSC (Organisation du traité de sécurité collective)", "3. Divers"),
}


_UNDER_CSTO = (
    "- Selon le Secrétariat de l'organisation, la session du Conseil des ministres de la "
    "Défense est prévue en juin à Moscou.\n"
    "- The bloc's defence ministers will gather in Moscow in the second half of the year.\n"
    "- L'Organisation tiendra la session de son Conseil des ministres de la Défense en "
    "juillet à Moscou.\n"
)


@pytest.mark.parametrize("style", list(_RUBRICS))
def test_a_meeting_under_a_rubric_is_the_rubrics_bodys(
    service: CalendarService, tmp_path: Path, style: str
) -> None:
    sco, csto, other = _RUBRICS[style]
    doc = tmp_path / "review.md"
    doc.write_text(
        f"Revue de la semaine, 22/05/2026\n\n{sco}\n\n"
        "- Le Conseil des coordinateurs nationaux s'est réuni mardi à Bichkek.\n\n"
        f"{csto}\n\n{_UNDER_CSTO}\n{other}\n\n"
        "- Le ministre ouzbek a rencontré mardi son homologue kazakh à Astana.\n"
        "- Les ministres du Commerce se réuniront en septembre à Tachkent.\n",
        encoding="utf-8",
    )
    items = service.documents.review(doc)
    coordinators = [i for i in items if "coordinateurs" in i.finding.excerpt]
    defence = [i for i in items if "Moscow" in i.finding.cities]

    assert [i.finding.organisation for i in coordinators] == ["SCO"]
    trade = [i for i in items if "Tashkent" in i.finding.cities]
    assert [i.finding.organisation for i in trade] == ["SCO"]  # the CSTO rubric has ended
    assert [i.finding.organisation for i in defence] == ["CSTO"] * 3
    # the SCO's defence ministers meet in Russia in 2026 too: not these meetings
    assert all(i.event_id != "sco-defence-ministers-23" for i in defence)
    bloc = next(i for i in defence if "bloc" in i.finding.excerpt)
    assert bloc.finding.title == "Meeting of defence ministers"  # not "of s defence"


def test_a_meeting_on_another_subject_is_not_tied_to_one_known_only_for_its_year() -> None:
    # The calendar holds an Astana media meeting "in 2026": a meeting of heads of
    # migration services in Astana in April shares its city and year, not its subject.
    migration = finding(
        "Meeting of the heads of migration services",
        country="KZ",
        cities=("Astana",),
        window=month(2026, 4),
    )
    decision = decide(migration, SEED)

    assert decision.event is None and not decision.candidates


def test_a_meeting_on_another_subject_the_same_month_and_city_stays_a_question() -> None:
    # The calendar's two Moscow meetings of November 2024: another title that month in
    # the same city may be one of them under another name.
    customs = finding(
        "Meeting of the heads of customs services",
        country="RU",
        cities=("Moscow",),
        window=month(2024, 11),
        status=ConfirmationState.HELD,
    )
    decision = decide(customs, SEED)

    assert decision.event is None and decision.ambiguous


def test_a_later_meeting_not_called_extraordinary_is_not_the_extraordinary_one_put_off() -> None:
    # The calendar's extraordinary energy ministers' meeting (Russia, February 2026).
    regular = finding(
        "Meeting of SCO Energy Ministers",
        kind=event("sco-energy-ministers-extraordinary-2026").kind,
        excerpt="Q1 2027 | Energy Ministers (regular) | — | Proposed by Russia",
        window=DateWindow(date(2027, 1, 1), date(2027, 3, 31), Precision.QUARTER),
        status=ConfirmationState.PROPOSED,
    )
    extraordinary = replace(
        regular, excerpt="An extraordinary meeting of SCO energy ministers in Q1 2027."
    )

    assert not decide(regular, SEED).candidates and decide(regular, SEED).event is None
    assert any(
        c.event_id == "sco-energy-ministers-extraordinary-2026"
        for c in decide(extraordinary, SEED).candidates
    )

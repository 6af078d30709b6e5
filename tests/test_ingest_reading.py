"""What the reader makes of the ways documents date, place and name meetings: tables under
year headings, days read from the day they follow, durations, weekdays with their day,
held meetings quoted in brackets, and what is not a meeting at all."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from sco_cal.ingest.dating import DocumentDate
from sco_cal.ingest.document import parse_document
from sco_cal.ingest.extract import extract


def read(text: str, day: date) -> list[Any]:
    dated = DocumentDate(day, "--as-of")
    return list(extract(parse_document(text.encode("utf-8")), document_date=dated).findings)


def days(finding: Any) -> tuple[str, str]:
    assert finding.window is not None, finding
    return finding.window.start.isoformat(), finding.window.end.isoformat()


def test_table_rows_take_the_year_of_their_heading() -> None:
    text = """\
### 2026

| When | Meeting | Where | Status |
|---|---|---|---|
| early Jan | SCO Council of National Coordinators | Bishkek | Held |
| TBC | SCO forum of women entrepreneurs | Tashkent | TBC |
| Feb (TBC) | SCO energy forum | Moscow | |

### 2027

| When | Meeting | Where | Status |
|---|---|---|---|
| Apr | 12th meeting of SCO agriculture ministers | New Delhi | Expected |
"""
    coordinators, women, energy, agriculture = read(text, date(2026, 1, 12))

    assert days(coordinators) == ("2026-01-01", "2026-01-10")
    assert coordinators.status.value == "held" and coordinators.cities == ("Bishkek",)
    assert days(women) == ("2026-01-01", "2026-12-31") and women.status.value == "provisional"
    assert days(energy) == ("2026-02-01", "2026-02-28") and energy.status.value == "provisional"
    assert days(agriculture) == ("2027-04-01", "2027-04-30") and agriculture.number == 12


@pytest.mark.parametrize(
    ("text", "day", "wanted"),
    [
        (
            "The foreign ministers will meet in Osh on 2 June; the RATS Council will hold its "
            "44th session there the following day.",
            date(2026, 2, 27),
            [("2026-06-02", "2026-06-02"), ("2026-06-03", "2026-06-03")],
        ),
        (
            "The heads of state will meet for their summit in Bishkek on 27-28 August. "
            "The SCO Business Council will meet in Bishkek on the eve of the summit.",
            date(2026, 2, 27),
            [("2026-08-27", "2026-08-28"), ("2026-08-26", "2026-08-26")],
        ),
        (
            "A two-day SCO forum on media policy will open in Astana on Thursday.",
            date(2026, 1, 20),
            [("2026-01-22", "2026-01-23")],
        ),
        (
            "Le forum des jeunes de l’OCS s’ouvrira à Khodjent le 18 novembre pour trois jours.",
            date(2025, 11, 3),
            [("2025-11-18", "2025-11-20")],
        ),
        (
            'The CSTO exercise "Cooperation-2026" will begin in Tajikistan on 7 September and '
            "run for a week.",
            date(2026, 8, 5),
            [("2026-09-07", "2026-09-13")],
        ),
        (
            "Le festival des arts de l’OCS s’est ouvert le 9 août à Bichkek ; il dure jusqu’au "
            "22 août.",
            date(2026, 8, 10),
            [("2026-08-09", "2026-08-22")],
        ),
        (
            "Les exercices « Mission de paix – 2026 » se sont achevés le 8 août au Kazakhstan, "
            "après douze jours de manœuvres.",
            date(2026, 8, 10),
            [("2026-07-28", "2026-08-08")],
        ),
        (
            "The working group on the SCO Development Bank will meet again by the end of the "
            "year, and the National Coordinators in Bishkek in the first half of April.",
            date(2026, 2, 27),
            [("2026-01-01", "2026-12-31"), ("2026-04-01", "2026-04-15")],
        ),
        (
            "Lundi 9 – mercredi 11 : exercice antiterroriste conjoint des États membres de l’OCS "
            "« Solidarité-2026 », en Chine.",
            date(2026, 3, 6),
            [("2026-03-09", "2026-03-11")],
        ),
    ],
)
def test_days_read_from_another_day_a_duration_or_a_weekday(
    text: str, day: date, wanted: list[tuple[str, str]]
) -> None:
    assert [days(f) for f in read(text, day)] == wanted


def test_a_meeting_moved_from_a_month_keeps_it_as_the_one_it_left() -> None:
    (energy,) = read(
        "Jeudi 12 : la réunion extraordinaire des ministres de l’Énergie de l’OCS, reportée de "
        "février, se tiendra à Moscou.",
        date(2026, 3, 6),
    )
    (agriculture,) = read(
        "The meeting of the ministers of agriculture, originally planned for May in Islamabad, "
        "has been postponed to the autumn.",
        date(2026, 6, 3),
    )

    assert days(energy) == ("2026-03-12", "2026-03-12")
    assert energy.status.value == "postponed" and energy.previous.start == date(2026, 2, 1)
    assert days(agriculture) == ("2026-09-01", "2026-11-30")
    assert agriculture.previous.start == date(2026, 5, 1)  # the May before the autumn


def test_held_meetings_quoted_in_brackets_are_each_read_as_held() -> None:
    found = read(
        "Les réunions des chefs des services d’urgence (Tachkent, 4-5 septembre) et des "
        "procureurs généraux (Douchanbé, 18 septembre) se sont tenues dans un esprit "
        "constructif.",
        date(2025, 10, 6),
    )

    assert [(days(f), f.cities, f.status.value) for f in found] == [
        (("2025-09-04", "2025-09-05"), ("Tashkent",), "held"),
        (("2025-09-18", "2025-09-18"), ("Dushanbe",), "held"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "Kazakh Foreign Minister Murat Nurtleu met Chinese Foreign Minister Wang Yi in Astana "
        "on Monday to discuss the agenda of the summit.",
        "Le ministre des Affaires étrangères a rencontré son homologue ouzbek à Tachkent le "
        "30 octobre.",
        "The ministers welcomed the results of the summit held in Tianjin.",
    ],
)
def test_one_person_meeting_another_is_not_a_meeting_the_desk_follows(text: str) -> None:
    assert [f for f in read(text, date(2026, 1, 20)) if f.window is not None] == []


def test_people_named_together_who_hold_one_meeting_are_one_meeting() -> None:
    (finance,) = read(
        "The SCO finance ministers and central bank governors will hold their seventh meeting "
        "in Tashkent next month.",
        date(2026, 2, 27),
    )

    assert finance.number == 7
    assert "central bank governors" in finance.title_en.lower()
    assert days(finance) == ("2026-03-01", "2026-03-31")


def test_a_second_meeting_sharing_the_first_ones_verb_is_read() -> None:
    council, justice = read(
        "The Council of Heads of Government will meet in Bishkek in October, and the "
        "ministers of justice in Dushanbe by the end of the year.",
        date(2026, 6, 3),
    )

    assert days(council) == ("2026-10-01", "2026-10-31") and council.cities == ("Bishkek",)
    assert days(justice) == ("2026-01-01", "2026-12-31") and justice.cities == ("Dushanbe",)


def test_a_rubric_and_a_bracketed_caveat_speak_only_of_their_own_item() -> None:
    text = """\
- Sommet : la présidence a confirmé que le sommet se tiendra à Bichkek les 27 et 28 août.
- Fin mars : 21e réunion des présidents des Cours suprêmes de l’OCS, à Pékin (dates à confirmer).
- Mardi 17 et mercredi 18 : forum des partis politiques des États membres de l’OCS, à Osh.
"""
    summit, courts, parties = read(text, date(2026, 3, 6))

    assert summit.status.value == "confirmed" and days(summit) == ("2026-08-27", "2026-08-28")
    assert courts.status.value == "provisional"
    assert parties.status.value == "confirmed" and days(parties) == ("2026-03-17", "2026-03-18")


def test_chiefs_of_general_staff_are_not_heads_of_state() -> None:
    (staff,) = read(
        "Les chefs d’état-major des forces armées de l’OCS se réuniront à Tcholpon-Ata en "
        "septembre.",
        date(2026, 1, 19),
    )

    assert staff.kind.value != "summit"


def test_people_who_met_and_those_who_meet_in_the_same_city_the_following_day() -> None:
    deputies = read(
        "Les vice-ministres de la Défense des États membres de l’OTSC se sont retrouvés lundi "
        "et mardi à Minsk.",
        date(2026, 3, 6),
    )
    experts, ministers = read(
        "Experts will meet in Shymkent on Feb. 4 to prepare the meeting of SCO culture "
        "ministers, to be held in the same city the following day.",
        date(2026, 1, 20),
    )
    secretaries, foreign = read(
        "CSTO secretaries of security councils will meet in Moscow on 9 November, and the CSTO "
        "foreign ministers the following day.",
        date(2026, 8, 5),
    )

    assert [(days(f), f.cities, f.status.value) for f in deputies] == [
        (("2026-03-02", "2026-03-03"), ("Minsk",), "held")
    ]
    assert days(experts) == ("2026-02-04", "2026-02-04")
    assert days(ministers) == ("2026-02-05", "2026-02-05") and ministers.cities == ("Shymkent",)
    assert days(foreign) == ("2026-11-10", "2026-11-10") and foreign.cities == ("Moscow",)
    assert foreign.status.value == "confirmed"


def test_the_ministers_of_two_countries_meeting_is_a_bilateral_meeting() -> None:
    found = read(
        "Le 30 septembre, les ministres des Affaires étrangères du Kirghizistan et du "
        "Kazakhstan se sont rencontrés à Astana.",
        date(2025, 10, 6),
    )

    assert found == []


def test_a_town_of_a_city_is_where_the_meeting_is() -> None:
    (council,) = read(
        "The Council of Foreign Ministers will meet in the resort town of Cholpon-Ata on 2 June.",
        date(2026, 2, 27),
    )

    assert council.cities == ("Cholpon-Ata",) and council.status.value == "confirmed"


def test_a_meeting_adjourned_sine_die_was_planned_for_the_month_nearest_the_document() -> None:
    (education,) = read(
        "La réunion des ministres de l’Éducation, prévue en décembre au Tadjikistan, a été "
        "ajournée sans date.",
        date(2026, 2, 9),
    )

    assert education.window is None and education.status.value == "postponed"
    assert education.previous.start == date(2025, 12, 1)


@pytest.mark.parametrize(
    ("text", "status", "window"),
    [
        (
            "La 43e session du Conseil de la SRAT est repoussée à avril.",
            "postponed",
            ("2026-04-01", "2026-04-30"),
        ),
        (
            "La réunion des ministres de l’Économie et du Commerce, annoncée pour décembre en "
            "Inde, ne se tiendra finalement pas.",
            "cancelled",
            ("2025-12-01", "2025-12-31"),
        ),
        (
            "On ignore encore si la réunion des chefs des services d’urgence prévue à Tachkent "
            "le 20 février a eu lieu.",
            "provisional",
            ("2026-02-20", "2026-02-20"),
        ),
        (
            "The 9th meeting of SCO health ministers is postponed until further notice.",
            "postponed",
            None,
        ),
        (
            "La réunion des ministres de l’Énergie est repoussée à une date ultérieure.",
            "postponed",
            None,
        ),
    ],
)
def test_states_said_in_other_words(text: str, status: str, window: tuple[str, str] | None) -> None:
    (finding,) = read(text, date(2026, 3, 2))

    assert finding.status.value == status
    assert (days(finding) if window is not None else finding.window) == window


def test_a_section_of_other_news_is_read_like_any_other() -> None:
    text = """\
c) Autres informations

8. Les ministres de la Santé, réunis en décembre dernier à New Delhi, ont adopté un plan.
"""
    (health,) = read(text, date(2026, 3, 2))

    assert days(health) == ("2025-12-01", "2025-12-31") and health.status.value == "held"


def test_a_wire_story_of_named_drills_an_appositive_eve_and_a_shared_verb() -> None:
    text = """\
MOSCOW, April 9, 2026 — The Collective Security Treaty Organization will hold its
"Interaction-2026" joint exercise in Belarus in September.

CSTO foreign ministers will gather in Moscow on Nov. 10, on the eve of the summit, and
the Committee of Secretaries of Security Councils the following day.

The CSTO Parliamentary Assembly and an informal CIS summit will both be held in
St. Petersburg in December.

SCO defence ministers are to meet later this month, a defence ministry spokesman said.
"""
    drill, ministers, committee, assembly, cis, defence = read(text, date(2026, 4, 9))

    assert drill.title_en == 'Exercise "Interaction-2026"' and days(drill)[0] == "2026-09-01"
    assert days(ministers) == ("2026-11-10", "2026-11-10")
    assert days(committee) == ("2026-11-11", "2026-11-11") and committee.cities == ("Moscow",)
    assert committee.kind.value != "summit"
    assert (assembly.organisation, cis.organisation) == ("CSTO", "CIS")
    assert days(assembly) == days(cis) == ("2026-12-01", "2026-12-31")
    assert defence.title_en.lower().startswith("meeting of sco defence ministers")

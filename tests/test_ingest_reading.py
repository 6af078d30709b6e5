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
        (
            "La tenue d’une réunion des ministres du Numérique de l’OCS à Douchanbé est à "
            "l’étude pour l’automne.",
            "proposed",
            ("2026-09-01", "2026-11-30"),
        ),
        (
            "A meeting of SCO heads of statistics services in Dushanbe in September is under "
            "discussion.",
            "proposed",
            ("2026-09-01", "2026-09-30"),
        ),
        (
            "According to a draft calendar, the SCO culture ministers will meet in Bishkek on "
            "June 4.",
            "provisional",
            ("2026-06-04", "2026-06-04"),
        ),
        (
            "La réunion des ministres de la Culture de l'OCS se tiendrait le 4 juin à Bichkek.",
            "provisional",
            ("2026-06-04", "2026-06-04"),
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


@pytest.mark.parametrize(
    "text",
    [
        "Uzbekistan has offered to host the SCO energy ministers' meeting in 2027.",
        "India proposed holding an SCO start-up forum in New Delhi next year.",
        "Russia suggested that the heads of the railway administrations of the SCO member "
        "states meet in Kazan in 2027.",
        "Kazakhstan offered to host the SCO tourism forum in Almaty, possibly in May 2027.",
        "Le Tadjikistan a proposé d'accueillir la réunion des ministres de la Culture de "
        "l'OCS à Douchanbé en 2027.",
        "La Russie a suggéré que les chefs des administrations ferroviaires de l'OCS se "
        "réunissent à Kazan en 2027.",
    ],
)
def test_an_offer_or_a_proposal_is_proposed_even_when_hedged(text: str) -> None:
    (finding,) = read(text, date(2026, 10, 5))

    assert finding.status.value == "proposed"


def test_a_status_column_says_held_moved_or_planned_in_its_own_words() -> None:
    text = """\
| Date | Réunion | Lieu | Statut |
| --- | --- | --- | --- |
| 6-7 octobre | Réunion des ministres de la Culture de l'OCS | Douchanbé | Réalisée |
| 9 octobre | Forum des jeunes de l'OCS | Bichkek | Effectué |
| 15 octobre | Réunion des chefs des services douaniers de l'OCS | Pékin | Reportée à décembre |
| 1er trimestre 2027 | Réunion des ministres de la Justice de l'OCS | Douchanbé | En projet |
"""
    culture, youth, customs, justice = read(text, date(2026, 10, 12))

    assert culture.status.value == "held" and days(culture) == ("2026-10-06", "2026-10-07")
    assert youth.status.value == "held" and days(youth) == ("2026-10-09", "2026-10-09")
    assert customs.status.value == "postponed"
    assert days(customs) == ("2026-12-01", "2026-12-31")
    assert customs.previous is not None and customs.previous.start == date(2026, 10, 15)
    assert justice.status.value == "provisional"


def test_the_day_a_planned_meeting_was_called_off_is_not_its_date() -> None:
    (finding,) = read(
        "A meeting of the heads of the SCO emergency agencies, pencilled in for November, "
        "was called off last week.",
        date(2026, 10, 5),
    )

    assert finding.status.value == "cancelled"
    assert days(finding) == ("2026-11-01", "2026-11-30")


def test_a_gathering_named_for_its_people_is_that_gathering() -> None:
    (forum,) = read(
        "Kazakhstan will host its Artificial Intelligence Experts' Forum in Astana on "
        "19-20 November.",
        date(2026, 9, 14),
    )
    (meeting,) = read(
        "The SCO energy ministers' meeting will take place in Tashkent in May.",
        date(2026, 1, 14),
    )

    assert forum.kind.value == "forum" and forum.title == "Artificial Intelligence Experts' Forum"
    assert meeting.kind.value == "ministerial" and "energy ministers" in meeting.title


def test_people_who_hold_a_joint_meeting_are_its_members_not_meetings_of_their_own() -> None:
    (joint,) = read(
        "The ministers of foreign affairs and the ministers of defence of the SCO member "
        "states will hold a joint meeting in Moscow in November.",
        date(2026, 9, 14),
    )
    (heads,) = read(
        "Heads of the anti-drug agencies of the SCO member states met in Almaty on Monday "
        "and agreed to set up a joint working group on synthetic drugs.",
        date(2026, 1, 20),
    )

    assert joint.kind.value == "ministerial"
    assert joint.title.startswith("Joint meeting of ministers of foreign affairs and")
    assert heads.title.startswith("Meeting of Heads of the anti-drug agencies")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        ("The SCO agriculture ministers' meeting in Islamabad in May could be postponed.",
         "provisional"),
        ("La réunion des ministres de l'Agriculture de l'OCS, prévue en mai à Islamabad, "
         "pourrait être reportée.", "provisional"),
        ("A meeting of SCO health ministers, which was due to take place in Dushanbe this "
         "month, may be called off.", "provisional"),
        ("La réunion des ministres de la Santé de l'OCS, qui devait se tenir à Douchanbé ce "
         "mois-ci, risque d'être annulée.", "provisional"),
        ("The SCO tourism ministers' meeting was not cancelled, contrary to earlier reports, "
         "and will be held in Cholpon-Ata on March 19.", "confirmed"),
        ("La réunion des ministres du Tourisme de l'OCS n'a pas été annulée : elle se tiendra "
         "à Tcholpon-Ata le 19 mars.", "confirmed"),
        ("The heads of the SCO emergency agencies will not meet in Shymkent in April as "
         "planned: the meeting has been cancelled.", "cancelled"),
        ("Les chefs des services d'urgence de l'OCS ne se réuniront pas à Chymkent en avril "
         "comme prévu.", "cancelled"),
    ],
)  # fmt: skip
def test_a_change_that_only_may_happen_or_is_denied_is_no_change(text: str, status: str) -> None:
    (finding,) = read(text, date(2026, 3, 3))

    assert finding.status.value == status
    assert finding.window is not None and finding.window.start.year == 2026


@pytest.mark.parametrize(
    ("text", "window"),
    [
        ('The CSTO "Combat Brotherhood-2026" exercise began in Belarus on Sept. 8 and will '
         "run until Sept. 19.", ("2026-09-08", "2026-09-19")),
        ("L'exercice « Fraternité combattante-2026 » de l'OTSC a débuté le 8 septembre au "
         "Bélarus ; il se poursuivra jusqu'au 19 septembre.", ("2026-09-08", "2026-09-19")),
        ('The CSTO "Echelon-2026" logistics exercise opened in Russia on Sept. 1 and ended '
         "on Sept. 5.", ("2026-09-01", "2026-09-05")),
        ("L'exercice logistique « Echelon-2026 » de l'OTSC, ouvert le 1er septembre en "
         "Russie, s'est achevé le 5 septembre.", ("2026-09-01", "2026-09-05")),
    ],
)  # fmt: skip
def test_drills_begun_or_ended_are_held_over_their_days(text: str, window: tuple[str, str]) -> None:
    (finding,) = read(text, date(2026, 9, 14))

    assert finding.status.value == "held"
    assert days(finding) == window


def test_people_who_began_something_else_hold_no_meeting() -> None:
    (finding,) = read(
        "Uzbekistan has offered to host the SCO energy ministers' meeting in 2027, officials "
        "said, as the member states began drawing up next year's calendar.",
        date(2026, 10, 5),
    )

    assert finding.status.value == "proposed"


@pytest.mark.parametrize(
    "text",
    [
        'The CSTO "Search-2026" reconnaissance drills got under way in Kazakhstan on Sept. 10.',
        "Les manœuvres de reconnaissance « Poisk-2026 » de l'OTSC ont commencé le 10 septembre "
        "au Kazakhstan.",
    ],
)
def test_a_named_drill_without_a_meeting_noun_is_a_meeting(text: str) -> None:
    (finding,) = read(text, date(2026, 9, 14))

    assert finding.kind.value == "exercise" and finding.organisation == "CSTO"
    assert finding.status.value == "held" and days(finding) == ("2026-09-10", "2026-09-10")


@pytest.mark.parametrize(
    ("text", "status", "city", "window"),
    [
        (
            "La onzième réunion des ministres de l'Agriculture de l'OCS, d'abord envisagée à "
            "Islamabad, est désormais confirmée à Och les 19 et 20 mai.",
            "confirmed",
            "Osh",
            ("2026-05-19", "2026-05-20"),
        ),
        (
            "The SCO energy forum, originally planned in Moscow, is now confirmed in Kazan on "
            "June 4-5.",
            "confirmed",
            "Kazan",
            ("2026-06-04", "2026-06-05"),
        ),
        (
            "La réunion des présidents des cours suprêmes de l'OCS, programmée en avril, est "
            "ajournée jusqu'à nouvel ordre.",
            "postponed",
            None,
            None,
        ),
        (
            "Plans for the SCO Summer Games, initially pencilled in for July, have been put on "
            "hold until further notice.",
            "postponed",
            None,
            None,
        ),
        (
            "A session of SCO finance ministers originally set for March was postponed "
            "without a new date being fixed.",
            "postponed",
            None,
            None,
        ),
    ],
)
def test_the_plan_a_change_leaves_behind_is_not_the_meeting_s(
    text: str, status: str, city: str | None, window: tuple[str, str] | None
) -> None:
    """The place, state and date a meeting was first planned with, named beside the change
    ("d'abord envisagée à Islamabad", "initially pencilled in for July"), are not the new ones:
    the old place is not the host, the old plan's hedge does not weaken a confirmation, and a
    meeting put off with no new date has no window (its old one is where it moved from)."""
    (finding,) = read(text, date(2026, 3, 9))

    assert finding.status.value == status
    assert finding.cities == ((city,) if city else ())
    if window is None:
        assert finding.window is None and finding.previous is not None
    else:
        assert days(finding) == window


@pytest.mark.parametrize(
    ("text", "title"),
    [
        (
            "Le forum de l'OCS « Route de la soie numérique : l'IA au service du "
            "développement » se tiendra à Astana en juin.",
            "Forum de l'OCS « Route de la soie numérique : l'IA au service du développement »",
        ),
        ("La Coupe ouverte de l'OCS se tiendra à Bichkek en juin.", "Coupe ouverte de l'OCS"),
        ("The SCO Open Cup will not take place this year.", "SCO Open Cup"),
    ],
)
def test_a_name_is_read_whole(text: str, title: str) -> None:
    """A quoted name keeps its closing mark, and a cup is a gathering like a marathon."""
    (finding,) = read(text, date(2026, 3, 9))

    assert finding.title == title


@pytest.mark.parametrize(
    ("text", "cities", "country"),
    [
        (
            "The next meeting of SCO culture ministers has been confirmed for Kazan on "
            "14-15 May 2027, the ministry said.",
            ("Kazan",),
            "RU",
        ),
        ("The SCO youth forum is scheduled for Tashkent in October 2027.", ("Tashkent",), "UZ"),
        (
            "The SCO transport ministers' meeting, first mooted for the autumn, is now set "
            "for Bishkek on 3 March 2027.",
            ("Bishkek",),
            "KG",
        ),
        (
            "The SCO summit, originally scheduled for Islamabad, has been moved to Bishkek "
            "for June 2027.",
            ("Bishkek",),
            "KG",
        ),
    ],
)
def test_a_meeting_confirmed_scheduled_or_moved_for_a_city_is_held_there(
    text: str, cities: tuple[str, ...], country: str
) -> None:
    (finding,) = read(text, date(2026, 11, 20))

    assert (finding.cities, finding.country) == (cities, country)


@pytest.mark.parametrize(
    "text",
    [
        "Date\tRéunion\tLieu\tStatut\n"
        "20-21 janvier\tRéunion des chefs des services d'immigration de l'OCS\tТашкент\tfait\n"
        "10-11 mars\tRéunion des ministres de la Culture de l'OCS\tАлматы\tOK\n"
        "avril\tRéunion des chefs des services de statistique de l'OCS\tInde\tà confirmer\n",
        "Date          Meeting                               Venue          Status\n"
        "20-21 Jan     SCO heads of immigration services     Tashkent       done\n"
        "10-11 Mar     SCO culture ministers                 Almaty         OK\n"
        "Apr           SCO heads of statistics services      India          tbc\n",
    ],
)
def test_a_table_set_out_with_tabs_or_aligned_columns_is_read_row_by_row(text: str) -> None:
    immigration, culture, statistics = read(text, date(2026, 2, 2))

    assert days(immigration) == ("2026-01-20", "2026-01-21")
    assert immigration.status.value == "held" and immigration.cities == ("Tashkent",)
    assert days(culture) == ("2026-03-10", "2026-03-11") and culture.status.value == "confirmed"
    assert culture.cities == ("Almaty",)
    assert days(statistics) == ("2026-04-01", "2026-04-30")
    assert (statistics.country, statistics.status.value) == ("IN", "provisional")


def test_lines_with_wide_gaps_but_no_header_are_prose() -> None:
    text = "SCO MEETINGS - OUTLOOK          Prepared 3 July 2026\n\n" + (
        "The SCO culture ministers will meet in Qingdao on 14-15 July.   More below.\n"
    )
    (culture,) = read(text, date(2026, 7, 3))

    assert days(culture) == ("2026-07-14", "2026-07-15") and culture.cities == ("Qingdao",)


@pytest.mark.parametrize(
    "text",
    [
        "The SCO women's forum will take place by videoconference on March 5.",
        "La réunion des ministres de la Santé de l'OCS se tiendra en visioconférence le 5 mars.",
        "Date | Meeting | Venue | Status\n5 Mar | SCO youth council | online | planned\n",
    ],
)
def test_a_meeting_held_at_a_distance_on_a_stated_day_is_confirmed_with_no_place(
    text: str,
) -> None:
    (finding,) = read(text, date(2026, 2, 12))

    assert days(finding) == ("2026-03-05", "2026-03-05")
    assert (finding.country, finding.cities) == (None, ())
    assert finding.status.value == "confirmed"


@pytest.mark.parametrize(
    ("text", "country", "cities"),
    [
        (
            "The SCO heads of migration services will gather in the Kazakh capital in April.",
            "KZ",
            ("Astana",),
        ),
        (
            "Les procureurs généraux de l'OCS se réuniront en avril dans la capitale kirghize.",
            "KG",
            ("Bishkek",),
        ),
        (
            "The SCO culture ministers will meet on the shores of Issyk-Kul on 17-18 April.",
            "KG",
            (),
        ),
    ],
)
def test_a_capital_named_by_its_country_or_a_lake_is_a_place(
    text: str, country: str, cities: tuple[str, ...]
) -> None:
    (finding,) = read(text, date(2026, 2, 12))

    assert (finding.country, finding.cities) == (country, cities)


def test_the_one_of_other_people_is_a_second_meeting_with_its_own_place_and_state() -> None:
    border, customs = read(
        "La réunion des chefs des services des frontières de l'OCS (Bichkek, 3-4 novembre) est "
        "confirmée ; celle des chefs des services douaniers de l'OCS (Astana, novembre) est "
        "reportée à décembre.",
        date(2026, 9, 14),
    )

    assert border.status.value == "confirmed" and border.cities == ("Bishkek",)
    assert days(border) == ("2026-11-03", "2026-11-04")
    assert "douaniers" in customs.title and customs.cities == ("Astana",)
    assert customs.status.value == "postponed" and days(customs) == ("2026-12-01", "2026-12-31")


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "The meetings of the heads of SCO tax services in Astana on May 6, of the heads of "
            "statistics services in Dushanbe on May 12-13 and of the heads of audit institutions "
            "in Tashkent on May 20 are all still to be confirmed.",
            "provisional",
        ),
        (
            "Les réunions des chefs des services fiscaux de l'OCS à Astana le 6 mai, des chefs "
            "des services de statistique à Douchanbé les 12 et 13 mai et des chefs des "
            "institutions de contrôle à Tachkent le 20 mai sont toutes trois confirmées.",
            "confirmed",
        ),
    ],
)
def test_meetings_of_several_groups_each_with_its_place_and_day_share_one_state(
    text: str, status: str
) -> None:
    tax, statistics, audit = read(text, date(2026, 4, 14))

    assert [f.cities for f in (tax, statistics, audit)] == [
        ("Astana",),
        ("Dushanbe",),
        ("Tashkent",),
    ]
    assert days(tax) == ("2026-05-06", "2026-05-06")
    assert days(statistics) == ("2026-05-12", "2026-05-13")
    assert days(audit) == ("2026-05-20", "2026-05-20")
    assert {f.status.value for f in (tax, statistics, audit)} == {status}


def test_a_possessive_is_part_of_the_title() -> None:
    youth, women = read(
        "The SCO youth forum and the SCO women's forum, planned in Cholpon-Ata and Samarkand in "
        "July and August respectively, have both been called off.",
        date(2026, 4, 14),
    )

    assert women.title_en == "SCO Women's Forum" and women.status.value == "cancelled"
    assert youth.status.value == "cancelled"


@pytest.mark.parametrize(
    "text",
    [
        "The SCO ministers of culture and of sport will meet in Bishkek and Kazan on June 2 and "
        "June 18 respectively.",
        "Les ministres de la Culture et de la Santé de l'OCS se réuniront à Bichkek et à Kazan, "
        "les 2 et 18 juin respectivement.",
    ],
)
def test_two_groups_of_ministers_respectively_take_a_city_and_a_day_each(text: str) -> None:
    first, second = read(text, date(2026, 4, 14))

    assert (days(first), first.cities) == (("2026-06-02", "2026-06-02"), ("Bishkek",))
    assert (days(second), second.cities) == (("2026-06-18", "2026-06-18"), ("Kazan",))
    assert first.title_en != second.title_en


def test_two_months_written_as_one_phrase_are_dealt_out_respectively() -> None:
    youth, women = read(
        "The SCO youth forum and the SCO women's forum, planned in Cholpon-Ata and Samarkand in "
        "July and August respectively, have both been called off.",
        date(2026, 4, 14),
    )

    assert (days(youth), youth.cities) == (("2026-07-01", "2026-07-31"), ("Cholpon-Ata",))
    assert (days(women), women.cities) == (("2026-08-01", "2026-08-31"), ("Samarkand",))


def test_ministers_of_two_fields_without_respectively_hold_one_meeting() -> None:
    (finding,) = read(
        "Les ministres de l'Économie et du Commerce de l'OCS se réuniront à Bichkek les 2 et 3 "
        "juin.",
        date(2026, 4, 14),
    )

    assert days(finding) == ("2026-06-02", "2026-06-03")


def test_a_meeting_postponed_to_a_month_cut_short_moves_to_that_month() -> None:
    (forum,) = read(
        "The SCO women's forum in Dushanbe, planned for 10 Sep, was postponed to Oct.",
        date(2026, 7, 3),
    )

    assert forum.status.value == "postponed" and days(forum) == ("2026-10-01", "2026-10-31")
    assert forum.previous is not None and forum.previous.start == date(2026, 9, 10)


def test_a_day_alone_is_of_the_month_named_before_it_and_each_one_takes_the_noun() -> None:
    health, agriculture, digital = read(
        "Trois réunions d'experts de l'OCS auront lieu en octobre : celle des experts de la "
        "santé le 12 à Almaty, celle des experts de l'agriculture le 20 à Bichkek et celle des "
        "experts du numérique le 27 à Tachkent.",
        date(2026, 9, 14),
    )

    assert (days(health), health.cities) == (("2026-10-12", "2026-10-12"), ("Almaty",))
    assert (days(agriculture), agriculture.cities) == (("2026-10-20", "2026-10-20"), ("Bishkek",))
    assert (days(digital), digital.cities) == (("2026-10-27", "2026-10-27"), ("Tashkent",))


def test_an_ordinal_after_the_is_no_day() -> None:
    (finding,) = read(
        "The 12th meeting of SCO transport ministers will be held in October.", date(2026, 9, 14)
    )

    assert days(finding) == ("2026-10-01", "2026-10-31") and finding.number == 12


def test_an_english_table_row_keeps_its_english_title() -> None:
    (forum,) = read(
        "| Date | Meeting | Venue | Status |\n| --- | --- | --- | --- |\n"
        "| 10 Sep | SCO women's forum | Dushanbe | postponed to Oct |\n",
        date(2026, 7, 3),
    )

    assert forum.title_en == "SCO Women's Forum" and days(forum) == ("2026-10-01", "2026-10-31")


@pytest.mark.parametrize(
    ("text", "country", "cities"),
    [
        (
            "The SCO culture ministers will meet in Kyrgyzstan's Cholpon-Ata on June 4-5.",
            "KG",
            ("Cholpon-Ata",),
        ),
        (
            "The SCO sports ministers will meet on June 4 in Kazakhstan's largest city, Almaty.",
            "KZ",
            ("Almaty",),
        ),
    ],
)
def test_a_city_after_its_countrys_possessive_is_the_place(
    text: str, country: str, cities: tuple[str, ...]
) -> None:
    (finding,) = read(text, date(2026, 3, 10))

    assert (finding.country, finding.cities) == (country, cities)


def test_a_meeting_that_will_be_hosted_is_ahead_not_held() -> None:
    (finding,) = read(
        "The SCO culture ministers' meeting will be hosted by Uzbekistan on June 4.",
        date(2026, 3, 10),
    )

    assert finding.status.value == "confirmed" and days(finding) == ("2026-06-04", "2026-06-04")


def test_a_meeting_put_back_to_a_month_is_postponed_to_it() -> None:
    (finding,) = read(
        "The meeting of SCO transport ministers has been put back to September.",
        date(2026, 3, 10),
    )

    assert finding.status.value == "postponed" and days(finding) == ("2026-09-01", "2026-09-30")


def test_a_hedging_verb_is_not_part_of_the_title() -> None:
    (finding,) = read(
        "La réunion des ministres de la Culture de l'OCS devrait se tenir le 4 juin à Bichkek.",
        date(2026, 3, 10),
    )

    assert "devrait" not in finding.title and finding.status.value == "provisional"


def test_where_something_was_said_is_not_where_the_meeting_is() -> None:
    (finding,) = read(
        "The SCO defence ministers' meeting has been called off, the ministry said in Astana.",
        date(2026, 3, 10),
    )

    assert (finding.country, finding.cities) == (None, ())


@pytest.mark.parametrize(
    "text",
    [
        "The SCO energy ministers' meeting, which Kazakhstan had proposed, will take place in "
        "June 2027.",
        "La réunion des ministres des Transports de l'OCS, que le Kirghizstan avait proposée "
        "l'an dernier, se tiendra en mai 2027.",
        "The SCO youth council meeting proposed by Tajikistan will be held in March 2027.",
        "Le forum des médias de l'OCS, organisé à l'initiative de l'Ouzbékistan, aura lieu en "
        "septembre 2027.",
    ],
)
def test_the_country_that_proposed_a_meeting_is_not_its_place(text: str) -> None:
    (finding,) = read(text, date(2026, 11, 20))

    assert (finding.country, finding.cities) == (None, ())
    assert not {"Proposed", "Tajikistan", "initiative"} & set(finding.title_en.split())


@pytest.mark.parametrize(
    ("text", "country"),
    [
        ("Kazakhstan has proposed to host the SCO energy ministers' meeting in June 2027.", "KZ"),
        (
            "Le Kirghizstan a proposé d'accueillir la réunion des ministres des Transports de "
            "l'OCS en mai 2027.",
            "KG",
        ),
    ],
)
def test_a_country_that_proposes_to_host_is_still_the_place(text: str, country: str) -> None:
    (finding,) = read(text, date(2026, 11, 20))

    assert finding.country == country


@pytest.mark.parametrize(
    ("text", "status", "window"),
    [
        (
            "The meeting of SCO health ministers went ahead in Dushanbe on March 3.",
            "held",
            ("2026-03-03", "2026-03-03"),
        ),
        (
            "The SCO agriculture ministers' meeting scheduled for Islamabad in May is on hold.",
            "postponed",
            None,
        ),
        (
            "La réunion des ministres de la Santé de l'OCS, prévue en mai, est suspendue.",
            "postponed",
            None,
        ),
    ],
)
def test_went_ahead_and_on_hold(text: str, status: str, window: tuple[str, str] | None) -> None:
    (finding,) = read(text, date(2026, 3, 10))

    assert finding.status.value == status and "Went" not in finding.title_en
    assert (days(finding) if window is not None else finding.window) == window


def test_a_town_named_with_its_adjective_after_the_noun_is_the_place() -> None:
    (finding,) = read(
        "Le forum de l'OCS sur l'énergie aura lieu dans la ville ouzbèke de Samarcande en mai.",
        date(2026, 3, 10),
    )

    assert finding.cities == ("Samarkand",)


def test_a_meeting_moved_from_one_city_to_another_is_in_the_second() -> None:
    (finding,) = read(
        "The SCO prosecutors general meeting was moved from Moscow to Kazan and will take "
        "place on June 4.",
        date(2026, 3, 10),
    )

    assert finding.cities == ("Kazan",)


def test_took_place_ends_a_title() -> None:
    (finding,) = read(
        "The meeting of SCO prosecutors general took place on March 2 in Moscow.",
        date(2026, 3, 10),
    )

    assert finding.title_en == "Meeting of SCO Prosecutors General"
    assert finding.status.value == "held"


@pytest.mark.parametrize(
    ("text", "window"),
    [
        (
            "The SCO foreign ministers will meet in Tashkent from May 13 to 14.",
            ("2026-05-13", "2026-05-14"),
        ),
        (
            "The SCO foreign ministers will meet in Tashkent May 13 through 15.",
            ("2026-05-13", "2026-05-15"),
        ),
        (
            "The SCO foreign ministers met on May 13 - 2 ministers were absent.",
            ("2025-05-13", "2025-05-13"),
        ),
    ],
)
def test_a_day_of_a_month_through_a_later_day(text: str, window: tuple[str, str]) -> None:
    (finding,) = read(text, date(2026, 3, 10))

    assert days(finding) == window


@pytest.mark.parametrize(
    ("status", "state", "window"),
    [
        ("Proposed", "proposed", ("2026-05-12", "2026-05-12")),
        ("Offer by Kazakhstan", "proposed", ("2026-05-12", "2026-05-12")),
        ("Proposition", "proposed", ("2026-05-12", "2026-05-12")),
        ("TBD", "provisional", ("2026-05-12", "2026-05-12")),
        ("in preparation", "provisional", ("2026-05-12", "2026-05-12")),
        ("Not held", "cancelled", ("2026-05-12", "2026-05-12")),
        ("Dropped", "cancelled", ("2026-05-12", "2026-05-12")),
        ("moved to June", "postponed", ("2026-06-01", "2026-06-30")),
        ("Suspended", "postponed", None),
    ],
)
def test_a_status_cell_proposes_drops_or_moves_in_its_own_words(
    status: str, state: str, window: tuple[str, str] | None
) -> None:
    (finding,) = read(
        "| Date | Meeting | Venue | Status |\n| --- | --- | --- | --- |\n"
        f"| 12 May | SCO heads of migration services | Tashkent | {status} |\n",
        date(2026, 4, 20),
    )

    assert finding.status.value == state
    assert (days(finding) if window is not None else finding.window) == window


@pytest.mark.parametrize(
    ("text", "status"),
    [
        (
            "Tajikistan said it was ready to host the SCO culture ministers' meeting in 2027.",
            "proposed",
        ),
        (
            "Le Tadjikistan s'est dit prêt à accueillir la réunion des ministres de la Culture de "
            "l'OCS en 2027.",
            "proposed",
        ),
        ("The SCO culture ministers' meeting in Bishkek in May is off.", "cancelled"),
    ],
)
def test_ready_to_host_is_an_offer_and_off_is_cancelled(text: str, status: str) -> None:
    (finding,) = read(text, date(2026, 3, 10))

    assert finding.status.value == status


@pytest.mark.parametrize(
    "text",
    [
        "The SCO ministers of labour were to meet in Dushanbe on 25 November; the meeting has "
        "been called off.",
        "The SCO ministers of labour were due to meet in Dushanbe on 25 November, but the "
        "meeting was cancelled.",
        "The SCO ministers of labour, who were to meet in Dushanbe on 25 November, will not "
        "meet: the meeting has been called off.",
    ],
)
def test_the_meeting_called_off_after_its_people_were_to_meet_is_theirs(text: str) -> None:
    (finding,) = read(text, date(2026, 11, 20))

    assert finding.status.value == "cancelled" and finding.cities == ("Dushanbe",)
    assert days(finding) == ("2026-11-25", "2026-11-25")


@pytest.mark.parametrize(
    ("after", "status"),
    [
        ("Aucune n'est encore confirmée.", "provisional"),
        ("All three are still to be confirmed.", "provisional"),
        ("Toutes trois ont été annulées.", "cancelled"),
    ],
)
def test_a_sentence_after_gives_the_meetings_before_it_one_state(after: str, status: str) -> None:
    findings = read(
        "Trois réunions d'experts de l'OCS auront lieu en octobre : celle des experts de la "
        "santé le 12 à Almaty, celle des experts de l'agriculture le 20 à Bichkek et celle des "
        f"experts du numérique le 27 à Tachkent. {after}",
        date(2026, 9, 14),
    )

    assert [f.status.value for f in findings] == [status] * 3


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        (
            "Il a indiqué que la réunion de haut niveau OCS-ALC d'Astana, le 3 octobre, a bien eu "
            "lieu.",
            ("Astana",),
        ),
        (
            "Les États membres ont salué la tenue du marathon annuel de Kunming de l'OCS "
            "(29 décembre 2024).",
            ("Kunming",),
        ),
    ],
)
def test_a_meeting_named_for_its_city_is_held_there(text: str, cities: tuple[str, ...]) -> None:
    (finding,) = read(text, date(2025, 10, 20))

    assert finding.cities == cities


@pytest.mark.parametrize(
    ("text", "cities"),
    [
        (
            "Les forums de l'OCS tenus à Omsk et à Xi'an au printemps 2025 seront suivis d'un "
            "troisième forum sur le développement durable, à Almaty, en mai prochain.",
            ("Almaty",),
        ),
        (
            "Le Kazakhstan envisage d'accueillir à Astana, à l'automne, le forum d'experts sur "
            "l'intelligence artificielle annoncé à Tianjin.",
            ("Astana",),
        ),
    ],
)
def test_the_place_after_the_meeting_not_the_one_before_nor_where_it_was_announced(
    text: str, cities: tuple[str, ...]
) -> None:
    findings = read(text, date(2026, 4, 20))

    assert findings[-1].cities == cities


def test_here_the_capital_and_the_same_city_are_read_from_the_dateline_and_before() -> None:
    culture, tourism, youth, energy = read(
        "BISHKEK, March 3, 2026 (AKIpress) - The SCO culture ministers met in the capital on "
        "Tuesday.\n\nThe SCO tourism ministers will meet here on April 8.\n\n"
        "The SCO youth forum will open in Osh on May 5.\n\n"
        "The SCO energy forum will take place in the same city on May 20.\n",
        date(2026, 3, 3),
    )

    assert culture.cities == tourism.cities == ("Bishkek",)
    assert tourism.status.value == "confirmed"
    assert youth.cities == energy.cities == ("Osh",)


def test_the_capital_is_not_a_dateline_city_that_is_none() -> None:
    (finding,) = read(
        "ALMATY, March 3, 2026 - The SCO culture ministers will meet in the capital on April 8.\n",
        date(2026, 3, 3),
    )

    assert finding.cities != ("Almaty",)


@pytest.mark.parametrize(
    ("text", "country", "cities"),
    [
        (
            "La réunion des ministres de la Culture de l'OCS se tiendra dans la capitale du "
            "Kazakhstan le 4 juin.",
            "KZ",
            ("Astana",),
        ),
        (
            "The SCO culture ministers will meet in the capital of Uzbekistan on June 4.",
            "UZ",
            ("Tashkent",),
        ),
        ("The SCO culture ministers will meet in Almaty or Astana in June.", "KZ", ()),
        ("The SCO culture ministers will meet in Almaty or in Tashkent in June.", None, ()),
    ],
)
def test_the_capital_of_a_country_and_one_city_or_another(
    text: str, country: str | None, cities: tuple[str, ...]
) -> None:
    (finding,) = read(text, date(2026, 3, 10))

    assert (finding.country, finding.cities) == (country, cities)


def test_a_table_with_columns_the_reader_has_no_use_for_is_still_read() -> None:
    number, culture_table = (
        "| No. | Date | Meeting | Location | Level | Status |\n|---|---|---|---|---|---|\n"
        "| 1 | 4 June | SCO culture ministers | Bishkek | ministerial | confirmed |\n"
        "| 2 | July | SCO youth forum | Osh | expert | tbc |\n",
        "| Dates | Event | City | Country | Remarks |\n|---|---|---|---|---|\n"
        "| 4-5 June | SCO culture ministers | Bishkek | Kyrgyzstan | held |\n",
    )
    culture, youth = read(number, date(2026, 3, 10))
    (held,) = read(culture_table, date(2026, 7, 10))

    assert (days(culture), culture.cities, culture.status.value) == (
        ("2026-06-04", "2026-06-04"),
        ("Bishkek",),
        "confirmed",
    )
    assert (youth.cities, youth.status.value) == (("Osh",), "provisional")
    assert (held.country, held.cities, held.status.value) == ("KG", ("Bishkek",), "held")
    assert days(held) == ("2026-06-04", "2026-06-05")


def test_a_bilingual_header_names_its_columns() -> None:
    (culture,) = read(
        "| Date (2026) | Réunion / Meeting | Lieu / Venue | Statut / Status |\n|---|---|---|---|\n"
        "| 4 juin | Réunion des ministres de la Culture de l'OCS | Bichkek | confirmée |\n",
        date(2026, 3, 10),
    )

    assert culture.cities == ("Bishkek",) and culture.status.value == "confirmed"

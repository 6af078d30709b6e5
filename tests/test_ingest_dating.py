"""The document's own date: found in every common form, used for every year-less and
relative date, beaten only by --as-of, and said to be an assumption when there is none."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sco_cal.ingest.dating import document_date
from sco_cal.ingest.document import parse_document

READOUT = """\
SHANGHAI COOPERATION ORGANISATION
Kyrgyz Chairmanship 2025-2026
Press and Information Office
------------------------------------------------------------

READOUT
Meeting of the Council of Ministers of Foreign Affairs of the Member States
of the Shanghai Cooperation Organisation (SCO)
Cholpon-Ata, 3 June 2026

The Council of Ministers of Foreign Affairs of the SCO member states met in
Cholpon-Ata on 2-3 June 2026, chaired by the Minister of Foreign Affairs of the
Kyrgyz Republic. The ministers welcomed the results of the meeting of the
defence ministers (Bishkek, 28-29 April). The SCO summit will be held in
Bishkek next month.
"""


def dated(text: str) -> date | None:
    found = document_date([line.text for line in parse_document(text.encode()).lines])
    return found.day if found is not None else None


@pytest.mark.parametrize(
    ("text", "day"),
    [
        ("READOUT\nA title\nCholpon-Ata, 3 June 2026\n\nThe council met.", date(2026, 6, 3)),
        ("MOSCOW, April 9, 2026 — The CSTO said on Tuesday it would meet.", date(2026, 4, 9)),
        ("ASTANA, Jan. 20, 2026 /Kazinform/ -- The council will meet.", date(2026, 1, 20)),
        ("MOSCOW, April 9, 2026 /TASS/. The CSTO said it would meet.", date(2026, 4, 9)),
        ("MOSCOW, Thursday, April 9, 2026: the CSTO said it would meet.", date(2026, 4, 9)),
        (
            "MOSCOW, April 9, 2026 The Collective Security Treaty Organization said.",
            date(2026, 4, 9),
        ),
        (
            "CSTO steps up its drills ahead of the Moscow summit as the alliance prepares\n"
            "for the autumn, in a headline that runs on over two long lines of its own\n"
            "MOSCOW, April 9, 2026\n\nThe Collective Security Treaty Organization said.",
            date(2026, 4, 9),
        ),
        ("Note d'information\n12.06.2026\n\nLes ministres se réuniront.", date(2026, 6, 12)),
        ("COMMUNIQUÉ\nLe 15 décembre 2025\n\nLe sommet aura lieu.", date(2025, 12, 15)),
        ("REVUE\nDate : 06/03/2026\n\n- Mercredi, le Conseil s'est réuni.", date(2026, 3, 6)),
        ("<note>\n<date>Wednesday, 5 August 2026</date>\n</note>\n<p>Text.</p>", date(2026, 8, 5)),
        ("<meta><date>12.06.2026</date><from>Desk</from></meta><p>Text.</p>", date(2026, 6, 12)),
        ("Outlook, issue 3 — 12.01.2026\n\n| When | Meeting |", date(2026, 1, 12)),
        (
            "NOTE\n\n1. Les ministres se sont réunis le 18 septembre à Douchanbé pour la "
            "réunion annuelle, dans un esprit constructif.\n\n"
            "Bichkek, le 6 octobre 2025\nSecrétariat national",
            date(2025, 10, 6),
        ),
    ],
)
def test_the_document_date_is_found_in_every_common_form(text: str, day: date) -> None:
    assert dated(text) == day


@pytest.mark.parametrize(
    "text",
    [
        "AGENDA\nLa prochaine réunion aura lieu le 11 novembre 2026.\n\nTexte.",
        "Notes\n\nThe ministers met on 3 June 2026 in Bishkek and agreed to meet again.",
        "Calendar\n\nText of the calendar.\n\nNext issue: 9 February 2026.",
        "Note\n\nLes ministres, réunis à Astana le 14 octobre 2025. Ils ont adopté un plan.",
    ],
)
def test_a_line_about_a_meeting_or_the_next_issue_does_not_date_the_document(text: str) -> None:
    assert dated(text) is None


def test_a_weekly_digest_is_dated_by_its_week_and_its_weekdays_are_that_week(
    cli: Any, tmp_path: Path
) -> None:
    doc = tmp_path / "week.txt"
    doc.write_text(
        "REVUE DE LA SEMAINE\nSemaine du 9 au 13 février 2026\n\n"
        "- Mercredi, les coordinateurs nationaux de l’OCS se sont réunis à Bichkek.\n",
        encoding="utf-8",
    )

    review = cli.json("ingest", str(doc))

    assert review[0]["proposed"]["start"] == "2026-02-11"
    assert review[0]["proposed"]["status"] == "held"


def test_a_readout_is_read_against_its_own_date_not_today(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "readout.txt"
    doc.write_text(READOUT, encoding="utf-8")

    review = cli.json("ingest", str(doc), today="2026-11-23")
    by_words = {" ".join(item["excerpt"].split())[:40]: item for item in review}

    assert {item["document_date"] for item in review} == {"2026-06-03"}
    assert not any(item["document_date_assumed"] for item in review)
    council = next(i for k, i in by_words.items() if k.startswith("The Council of Ministers"))
    assert (council["proposed"]["start"], council["proposed"]["end"]) == (
        "2026-06-02",
        "2026-06-03",
    )
    assert council["proposed"]["cities"] == ["Cholpon-Ata"]
    defence = next(i for i in review if "28-29 April" in i["excerpt"])
    assert defence["proposed"]["start"] == "2026-04-28"  # not 2027: it is reported as held
    assert defence["proposed"]["status"] == "held"
    summit = next(i for i in review if "next month" in i["excerpt"])
    assert (summit["proposed"]["start"], summit["proposed"]["end"]) == ("2026-07-01", "2026-07-31")


def test_as_of_wins_over_the_printed_date(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "readout.txt"
    doc.write_text(READOUT, encoding="utf-8")

    review = cli.json("ingest", str(doc), "--as-of", "2027-06-03")

    assert {item["document_date"] for item in review} == {"2027-06-03"}
    assert {item["document_date_from"] for item in review} == {"--as-of"}
    summit = next(i for i in review if "next month" in i["excerpt"])
    assert summit["proposed"]["start"] == "2027-07-01"


UNDATED = "Les ministres de la Santé de l’OCS se réuniront à Minsk le 3 mars.\n"


def test_a_document_without_a_date_says_so_and_its_guesses_are_less_sure(
    cli: Any, tmp_path: Path
) -> None:
    doc = tmp_path / "undated.txt"
    doc.write_text(UNDATED, encoding="utf-8")

    table = cli("ingest", str(doc), "--format", "table", today="2026-11-23")
    guessed = cli.json("ingest", str(doc), today="2026-11-23")[0]
    given = cli.json("ingest", str(doc), "--as-of", "2026-11-23")[0]

    assert table.exit_code == 0, table.output
    assert "no date found in the document" in table.stdout
    assert "2026-11-23" in table.stdout.splitlines()[0]
    assert guessed["document_date_assumed"] is True and given["document_date_assumed"] is False
    assert guessed["proposed"]["start"] == given["proposed"]["start"] == "2027-03-03"
    assert guessed["confidence"] < given["confidence"]
    assert any("prints no date" in reason for reason in guessed["reasons"])

"""Prose hard-wrapped at a fixed width is read as the sentences it holds; table rows, list
items, headings and lines standing alone are not joined to their neighbours."""

from __future__ import annotations

from sco_cal.ingest.document import parse_document
from sco_cal.ingest.sentences import split_sentences


def units(text: str) -> list[str]:
    return [" ".join(u.text.split()) for u in split_sentences(parse_document(text.encode()))]


WRAPPED = """\
READOUT
Meeting of the Council of National Coordinators of the Member States
of the Shanghai Cooperation Organisation (SCO)
Bishkek, 27 February 2026

The Council of National Coordinators of the SCO member states met in
Bishkek on 25-26 February 2026, chaired by the National Coordinator of the
Kyrgyz Republic, to prepare the meetings of the second half of the year.

The heads of state will meet for their summit in Bishkek on 27-28
August. The SCO Business Council will hold its annual session in Bishkek on
the eve of the summit, and the experts will meet in Osh on Feb.
4 to prepare the documents of the Council of Foreign Ministers, to be held
in Cholpon-Ata in the first half of April.
"""


def test_a_sentence_broken_across_lines_is_one_unit() -> None:
    found = units(WRAPPED)

    assert (
        "The Council of National Coordinators of the SCO member states met in Bishkek on "
        "25-26 February 2026, chaired by the National Coordinator of the Kyrgyz Republic, to "
        "prepare the meetings of the second half of the year."
    ) in found
    assert "The heads of state will meet for their summit in Bishkek on 27-28 August." in found
    assert any(u.startswith("The SCO Business Council") and u.endswith("April.") for u in found)


def test_the_title_and_the_date_line_under_it_stay_apart_from_the_text() -> None:
    found = units(WRAPPED)

    assert "Bishkek, 27 February 2026" in found
    assert not any("2026 The Council" in u or "(SCO) Bishkek" in u for u in found)


def test_list_items_keep_their_wrapped_lines_and_nothing_more() -> None:
    text = """\
REVUE HEBDOMADAIRE
Date : 06/03/2026

OCS
- Mercredi, le Conseil des coordinateurs nationaux de l’OCS s’est réuni à Bichkek pour
  préparer le sommet ; sa prochaine réunion est prévue en avril.
- Les ministres des Finances et les gouverneurs des banques centrales tiendront leur
  septième réunion à Tachkent plus tard ce mois-ci.
- Le Conseil permanent de l’OTSC s’est réuni mardi à Moscou.
1. Depuis la passation de la présidence à Tianjin, le rythme des réunions sectorielles
s’est maintenu ; les réunions des chefs des services d’urgence (Tachkent, 4-5 septembre)
se sont tenues dans un esprit constructif.
2. La réunion des chefs des services antidrogue a été reportée.
"""
    found = units(text)

    assert [u[:31] for u in found[-5:]] == [
        "Mercredi, le Conseil des coordi",
        "Les ministres des Finances et l",
        "Le Conseil permanent de l’OTSC ",
        "Depuis la passation de la prési",
        "La réunion des chefs des servic",
    ]
    assert found[-4].endswith("plus tard ce mois-ci.")
    assert found[-2].endswith("dans un esprit constructif.")


def test_table_rows_and_lines_of_any_length_are_not_joined() -> None:
    text = """\
| When | Meeting | Where |
|---|---|---|
| early Feb | Extraordinary meeting of SCO energy ministers | Moscow |
| Mar | 7th meeting of SCO finance ministers | Tashkent |

En novembre 2025, réunion des chefs de ports et centres logistiques de l’OCS à Aktau, Kazakhstan (Aktau est un hub stratégique pour le transport maritime)
Second semestre 2026, 13e réunion des ministres des Transports de l’OCS au Kirghizstan
Décembre 2025 en Russie, 41e réunion du groupe de travail sur la coopération douanière
"""
    found = units(text)

    assert "| early Feb | Extraordinary meeting of SCO energy ministers | Moscow |" in found
    assert found[-3].endswith("transport maritime)")
    assert found[-2].startswith("Second semestre 2026")
    assert found[-1].startswith("Décembre 2025")

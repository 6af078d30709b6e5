"""CSV import: a simple column set, checked row by row, written all or nothing."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

HEADER = "title,date,organisation,country,city,status,kind,theme,title_fr,id\n"


def csv_file(tmp_path: Path, body: str, *, name: str = "events.csv", header: str = HEADER) -> Path:
    path = tmp_path / name
    path.write_text(header + body, encoding="utf-8")
    return path


def imported(cli: Any, path: Path, *args: str) -> Any:
    result = cli("import", str(path), *args, "--format", "json")
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_rows_become_events_with_every_column_read(cli: Any, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path,
        "Energy ministers,mi-mai 2027,OCS,Kirghizstan,Bichkek,confirmed,ministerial,energy,"
        "Ministres de l'énergie,\n"
        "Experts on transport,T3 2027,CSTO,,Douchanbé,,,,,csto-transport-experts-q3\n",
    )
    report = imported(cli, path)
    assert report["format"] == "csv"
    assert [a["id"] for a in report["added"]] == [
        "sco-energy-ministers-2027",
        "csto-transport-experts-q3",
    ]
    energy = cli.json("show", "sco-energy-ministers-2027")
    assert (energy["start"], energy["end"], energy["precision"]) == (
        "2027-05-11",
        "2027-05-20",
        "month",
    )
    assert energy["date_text"] == "mi-mai 2027"
    assert (energy["country"], energy["cities"], energy["status"]) == (
        "KG",
        ["Bishkek"],
        "confirmed",
    )
    assert (energy["kind"], energy["theme"], energy["title"]) == (
        "ministerial",
        "economy.energy",
        "Ministres de l'énergie",
    )
    assert energy["origin"] == "import:events.csv"
    assert energy["sources"][0]["document"] == "events.csv"
    assert energy["sources"][0]["excerpt"].startswith("row 2: title=Energy ministers")
    transport = cli.json("show", "csto-transport-experts-q3")
    # Defaults: provisional, a meeting; the country follows the city.
    assert (transport["status"], transport["kind"], transport["country"]) == (
        "provisional",
        "meeting",
        "TJ",
    )


def test_importing_the_same_rows_again_updates_instead_of_duplicating(
    cli: Any, tmp_path: Path
) -> None:
    path = csv_file(tmp_path, "Energy ministers,mai 2027,SCO,,,,,,,\n")
    imported(cli, path)
    assert imported(cli, path)["unchanged"] == ["sco-energy-ministers-2027"]
    csv_file(tmp_path, "Energy ministers,mai 2027,SCO,,,confirmed,,,,\n")
    report = imported(cli, path)
    assert report["updated"] == [{"id": "sco-energy-ministers-2027", "fields": ["status"]}]
    history = cli.json("history", "sco-energy-ministers-2027")
    assert [(h["action"], h["field"], h["source"]) for h in history] == [
        ("created", "status", "import:events.csv"),
        ("import", "status", "import:events.csv"),
    ]


BAD_ROWS = [
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,mai 2027,SCO,Atlantis,,,,,,\n",
        "events.csv row 3: unknown country 'Atlantis'",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,sometime,SCO,,,,,,,\n",
        "events.csv row 3: cannot read date phrase",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\n,mai 2027,SCO,,,,,,,\n",
        "events.csv row 3: the title is empty",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,mai 2027,SCO,,,maybe,,,,\n",
        "events.csv row 3: unknown state 'maybe'",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,mai 2027,,,,,,,,\n",
        "events.csv row 3: no organisation (fill the organisation column or pass --org)",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,mai 2027,SCO,,,,,,,Not An Id\n",
        "events.csv row 3: id 'Not An Id'",
    ),
    (
        "Fine,mai 2027,SCO,,,,,,,\nBad,mai 2027,SCO,,,,,,,,extra\n",
        "events.csv row 3: 11 cells but the header names 10 columns",
    ),
]
BAD_ROW_IDS = ["country", "date", "title", "status", "organisation", "id", "cells"]


@pytest.mark.parametrize(("rows", "message"), BAD_ROWS, ids=BAD_ROW_IDS)
def test_a_bad_row_refuses_a_strict_import_and_writes_nothing(
    cli: Any, tmp_path: Path, rows: str, message: str
) -> None:
    before = cli.json("list", "--all")
    result = cli("import", str(csv_file(tmp_path, rows)), "--strict")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"sco-cal: error: {message}")
    assert result.stderr.count("\n") == 1
    assert cli.json("list", "--all") == before
    assert cli("show", "sco-fine-2027").exit_code == 3


@pytest.mark.parametrize(("rows", "message"), BAD_ROWS, ids=BAD_ROW_IDS)
def test_a_bad_row_is_reported_and_the_good_ones_imported(
    cli: Any, tmp_path: Path, rows: str, message: str
) -> None:
    report = imported(cli, csv_file(tmp_path, rows))
    assert [a["id"] for a in report["added"]] == ["sco-fine-2027"]
    (skipped,) = report["skipped"]
    assert skipped["line"] == 3 and skipped["what"] == "row 3"
    assert message.removeprefix("events.csv row 3: ") in skipped["reason"]


def test_an_unknown_or_missing_column_is_named(cli: Any, tmp_path: Path) -> None:
    unknown = cli("import", str(csv_file(tmp_path, "", header="title,date,venue\n")))
    assert unknown.exit_code == 2
    assert "row 1: unknown column 'venue'" in unknown.stderr
    missing = cli("import", str(csv_file(tmp_path, "", header="title,organisation\n")))
    assert missing.exit_code == 2
    assert "row 1: no 'date' column" in missing.stderr


def test_a_french_spreadsheet_with_semicolons_and_a_bom(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "agenda.csv"
    path.write_bytes(
        "\ufefftitre;date\n".replace("titre", "title").encode("utf-8")
        + "Réunion des ministres de l'Énergie;fin juin 2027\n".encode()
    )
    report = imported(cli, path, "--org", "OCS")
    (added,) = report["added"]
    event = cli.json("show", added["id"])
    assert (event["title_en"], event["organisation"]) == (
        "Réunion des ministres de l'Énergie",
        "SCO",
    )
    assert (event["start"], event["end"]) == ("2027-06-21", "2027-06-30")


def test_the_same_id_twice_in_a_file_is_skipped(cli: Any, tmp_path: Path) -> None:
    path = csv_file(
        tmp_path, "Energy ministers,mai 2027,SCO,,,,,,,\nEnergy ministers,juin 2027,SCO,,,,,,,\n"
    )
    report = imported(cli, path)
    assert [a["id"] for a in report["added"]] == ["sco-energy-ministers-2027"]
    assert report["skipped"] == [
        {"what": "row 3 'Energy ministers'", "reason": "same id as row 2", "line": 3, "uid": None}
    ]


def test_dry_run_writes_nothing(cli: Any, tmp_path: Path) -> None:
    path = csv_file(tmp_path, "Energy ministers,mai 2027,SCO,,,,,,,\n")
    report = imported(cli, path, "--dry-run")
    assert report["dry_run"] is True and len(report["added"]) == 1
    assert cli("show", "sco-energy-ministers-2027").exit_code == 3


def test_a_seeded_event_is_not_overwritten_by_a_row_with_its_id(cli: Any, tmp_path: Path) -> None:
    seeded = cli.json("list", "--all")[0]
    path = csv_file(tmp_path, f"Renamed,2030,SCO,,,,,,,{seeded['id']}\n")
    report = imported(cli, path)
    assert report["updated"] == [] and report["added"] == []
    assert "added by the seed data, not by an import" in report["skipped"][0]["reason"]
    assert cli.json("show", seeded["id"])["title_en"] == seeded["title_en"]


def test_a_broken_csv_quote_is_named(cli: Any, tmp_path: Path) -> None:
    result = cli("import", str(csv_file(tmp_path, 'Fine,mai 2027,SCO\n"Bad" quote,mai 2027,SCO\n')))
    assert result.exit_code == 2
    assert "events.csv row 3: not valid CSV" in result.stderr

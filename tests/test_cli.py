"""The shell user's CLI, driven through Typer's runner and the installed entry point."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.ordering import agenda_day
from tests.support.cli import Cli
from tests.support.env import subprocess_env
from tests.support.privileges import run_bound, sco_cal_command

CONTRACT_KEYS = {
    "id",
    "title",
    "title_en",
    "organisation",
    "kind",
    "series",
    "number",
    "country",
    "city",
    "theme",
    "start",
    "end",
    "precision",
    "date_text",
    "status",
    "needs_follow_up",
    "sources",
    "annotations",
    "tags",
}


def ids(records: list[dict]) -> set[str]:  # type: ignore[type-arg]
    return {r["id"] for r in records}


def test_list_all_json_keeps_the_contract(cli: Cli) -> None:
    records = cli.json("list", "--all")
    assert len(records) > 50
    for record in records:
        assert CONTRACT_KEYS <= record.keys()
        assert record["sources"] and {"document", "excerpt"} <= record["sources"][0].keys()
        assert record["precision"] in {"day", "days", "month", "quarter", "half", "season", "year"}
    moscow = next(r for r in records if r["organisation"] == "CSTO" and r["start"] == "2026-11-11")
    assert (moscow["city"], moscow["country"], moscow["status"]) == ("Moscow", "RU", "confirmed")
    assert moscow["needs_follow_up"] is True  # its day has passed and nobody recorded the outcome


def test_default_list_is_upcoming_in_the_agendas_order(cli: Cli) -> None:
    records = cli.json("list", today="2025-11-01")
    order = [
        agenda_day(
            DateWindow(
                date.fromisoformat(r["start"]),
                date.fromisoformat(r["end"]),
                Precision(r["precision"]),
            )
        )
        for r in records
    ]
    assert order == sorted(order)
    # A window over several months is read after the last month it covers, not at its start.
    year = next(i for i, r in enumerate(records) if r["precision"] == "year")
    assert records[year - 1]["start"] > records[year]["start"]
    assert all(
        r["end"] >= "2025-11-01" and r["status"] not in ("held", "cancelled") for r in records
    )
    assert "sco-defence-ministers-22" in ids(records)


@pytest.mark.parametrize(
    "spelling", ["kg", "KG", "Kyrgyzstan", "Kirghizstan", "kirghizistan", "République kirghize"]
)
def test_country_filter_takes_every_spelling(cli: Cli, spelling: str) -> None:
    records = cli.json("list", "--all", "--country", spelling)
    assert records and all(r["country"] == "KG" for r in records)
    assert "sco-transport-ministers-13" in ids(records)


@pytest.mark.parametrize(
    ("words", "expected"),
    [
        (["energie"], "sco-energy-ministers-extraordinary-2026"),
        (["bichkek"], "csto-collective-security-council-2025-bishkek"),
        (["DOUCHANBE"], "un-glaciers-conference-2025-dushanbe"),
        (["toile", "araignee"], "sco-anti-drug-heads-16"),
    ],
)
def test_search_ignores_case_and_accents(cli: Cli, words: list[str], expected: str) -> None:
    assert expected in ids(cli.json("list", "--all", *words))


def test_filters_combine(cli: Cli) -> None:
    records = cli.json(
        "list",
        "--from",
        "2025-11",
        "--to",
        "2025-12",
        "--org",
        "OCS",
        "--status",
        "provisional",
        "--theme",
        "security",
    )
    assert ids(records) == {"sco-defence-ministers-22"}
    held = cli.json("list", "--past", "--status", "held", "--kind", "summit")
    assert {r["start"][:4] for r in held} == {"2024", "2025"}


def test_follow_up_lists_what_never_got_an_outcome(cli: Cli) -> None:
    records = cli.json("list", "--follow-up")
    assert records and all(r["needs_follow_up"] for r in records)
    assert "sco-ports-logistics-heads-2025-aktau" in ids(records)
    assert not any(r["status"] == "held" for r in records)


def test_signings_are_hidden_unless_asked_for(cli: Cli) -> None:
    assert not any(r["kind"] == "signing" for r in cli.json("list", "--all"))
    signings = cli.json("list", "--all", "--kind", "signing")
    assert signings and all(r["kind"] == "signing" for r in signings)


def test_show_accepts_a_unique_prefix(cli: Cli) -> None:
    record = cli.json("show", "csto-collective-security-council-2026")
    assert record["id"].startswith("csto-collective-security-council-2026")
    assert record["history"][0]["action"] == "created"
    assert "La prochaine réunion" in record["sources"][0]["excerpt"]


def test_newcomer_walk_through(cli: Cli) -> None:
    target = "sco-heads-of-state-council-2026-bishkek"
    assert cli("annotate", target, "The minister attends; briefing due on the 20th").exit_code == 0
    result = cli("confirm", target, "--note", "date announced", "--source", "MFA note 12")
    assert result.exit_code == 0, result.stderr
    bad = cli("postpone", target, "sometime in spring-ish")
    assert bad.exit_code == 2 and "cannot read date phrase" in bad.stderr
    assert cli("postpone", target, "début octobre 2027").exit_code == 0
    record = cli.json("show", target)
    assert record["status"] == "postponed"
    assert (record["start"], record["end"]) == ("2027-10-01", "2027-10-10")
    actions = [(h["action"], h["field"]) for h in record["history"]]
    assert ("annotate", "annotation") in actions and ("status", "status") in actions
    # The postponement is one entry, keeping the old and the new window beside the state.
    postponed = [h for h in record["history"] if h["action"] == "status"][-1]
    changed = {c["field"]: (c["old"], c["new"]) for c in postponed["changes"]}
    assert changed["status"] == ("confirmed", "postponed")
    assert (
        changed["start_date"][1] == "2027-10-01" and changed["date_text"][1] == "début octobre 2027"
    )
    assert record["annotations"][0]["author"] == "tester"
    log = cli.json("log", "--limit", "3")
    assert all(h["event_id"] == target for h in log)


def test_annotation_deletion_is_explicit_and_recorded(cli: Cli) -> None:
    target = "sco-summer-games-2026"
    note = cli.json("annotate", target, "temporary")
    assert cli("unannotate", target, str(note["id"])).exit_code == 0
    assert cli.json("annotations", target) == []
    assert cli.json("annotations", target, "--deleted")[0]["deleted_by"] == "tester"
    assert cli.json("history", target)[-1]["action"] == "unannotate"


def test_edit_tag_reschedule_and_add(cli: Cli) -> None:
    target = "sco-transport-ministers-13"
    assert cli("edit", target, "city=Tcholpon-Ata", "summary=Issyk-Kul").exit_code == 0
    assert cli("tag", target, "+priority", "+minister").exit_code == 0
    assert cli("tag", target, "-minister").exit_code == 0
    assert cli("reschedule", target, "mi-septembre 2027").exit_code == 0
    record = cli.json("show", target)
    assert record["cities"] == ["Cholpon-Ata"] and record["tags"] == ["priority"]
    assert (record["start"], record["end"], record["status"]) == (
        "2027-09-11",
        "2027-09-20",
        "provisional",
    )
    assert ids(cli.json("list", "--all", "--tag", "priority")) == {target}
    added = cli.json(
        "add",
        "Desk retreat",
        "--date",
        "Q1 2027",
        "--org",
        "SCO",
        "--country",
        "Ouzbékistan",
        "--city",
        "Tachkent",
    )
    assert (added["country"], added["city"], added["precision"]) == ("UZ", "Tashkent", "quarter")
    assert added["id"] in ids(cli.json("list", "desk", "retreat"))


def test_a_tag_to_remove_is_a_tag_whatever_its_letters(cli: Cli) -> None:
    """`-thanks` holds `-h`, and `-Fun` `-F`: Click alone reads a dash and letters as
    short options run together (the help, or a `--format`), and the tag stayed."""
    target = "sco-transport-ministers-13"
    assert cli("tag", target, "+thanks", "+Fun", "+watch", "+keep").exit_code == 0
    removed = cli("tag", target, "-thanks", "-Fun", "-watch")
    assert removed.exit_code == 0 and removed.stderr == "tags: keep\n"
    assert cli.json("show", target)["tags"] == ["keep"]
    # Options still are options, before the tags or after them, and unknown ones refused.
    assert cli.json("tag", target, "+later")["tags"] == ["keep", "later"]
    assert cli("tag", "-F", "json", target, "-later").stdout.startswith("{")
    unknown = cli("tag", target, "--bogus")
    assert unknown.exit_code == 2 and "No such option: --bogus" in unknown.stderr


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["show", "no-such-event"], 3, "no event with id"),
        (["show", "sco-d"], 3, "matches 2 events"),
        (["list", "--country", "Narnia"], 2, "unknown country"),
        (["list", "--from", "the other day"], 2, "cannot read date phrase"),
        (["status", "sco-summer-games-2026", "maybe"], 2, "unknown state"),
        (["edit", "sco-summer-games-2026", "colour=blue"], 2, "cannot edit"),
        (["edit", "sco-summer-games-2026", "timezone=Mars/Olympus"], 2, "unknown time zone"),
        (["annotate", "sco-summer-games-2026", "   "], 2, "empty"),
        (["list", "--from", "2027", "--to", "2026"], 2, "is after"),
        (["list", "@nowhere"], 2, "no saved view"),
        (["confirm", "csto-collective-security-council-2026-moscow"], 2, "already confirmed"),
    ],
)
def test_errors_are_one_line_with_an_exit_code(
    cli: Cli, args: list[str], code: int, message: str
) -> None:
    before = cli.json("log", "--limit", "1")
    result = cli(*args)
    assert result.exit_code == code
    assert message in result.stderr
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert cli.json("log", "--limit", "1") == before  # nothing was written


def test_csv_cells_cannot_become_formulas(cli: Cli) -> None:
    target = "sco-summer-games-2026"
    assert cli("edit", target, "summary=x", 'title_en==HYPERLINK("http://evil")').exit_code == 0
    rows = list(csv.DictReader(io.StringIO(cli("list", "--all", "--format", "csv").stdout)))
    row = next(r for r in rows if r["id"] == target)
    assert row["title_en"].startswith("'=")
    assert all(not v.startswith(("=", "+", "@")) for r in rows for v in r.values())


def test_terminal_escapes_from_the_store_are_neutralised(cli: Cli) -> None:
    target = "sco-summer-games-2026"
    assert cli("annotate", target, "evil \x1b]0;pwned\x07 \x1b[31mred").exit_code == 0
    shown = cli("show", target, "--format", "table").stdout
    assert "\x1b]" not in shown and "\x07" not in shown and "\\x1b" in shown


def test_saved_views_from_the_config(cli: Cli, isolated_env: Path) -> None:
    (isolated_env / "config.toml").write_text(
        '[views.kz-2026]\ncountry = "Kazakhstan"\nfrom = "2026"\nto = "2026"\n', encoding="utf-8"
    )
    records = cli.json("list", "@kz-2026")
    assert records and all(r["country"] == "KZ" and r["start"] <= "2026-12-31" for r in records)


def test_table_fits_80_columns_and_marks_follow_ups(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "80")
    out = cli("list", "--follow-up", "--format", "table").stdout
    lines = out.splitlines()
    assert max(len(line) for line in lines) <= 80
    row = next(line for line in lines if "Oct 2025" in line and "16th" in line)
    assert row.startswith("! Oct 2025") and " prov. " in row
    # At 80 columns the id column holds a short id, which `show` accepts.
    short = row.split()[-1]
    assert cli.json("show", short)["id"] == "sco-anti-drug-heads-16"


def test_md_output(cli: Cli) -> None:
    out = cli("list", "--country", "kg", "--format", "md").stdout
    assert out.startswith("| when | state |") and "H2 2026" in out


# -- through the installed entry point --------------------------------------------------


def run(home: Path, *args: str, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*sco_cal_command(), *args],
        capture_output=True,
        text=True,
        env=subprocess_env(home, **env),
        timeout=60,
        check=False,
    )


def test_entry_point_seeds_on_first_use_and_lists(isolated_env: Path) -> None:
    result = run(isolated_env, "list", "--today", "2025-11-01", "--format", "json")
    assert result.returncode == 0, result.stderr
    assert "sco-defence-ministers-22" in ids(json.loads(result.stdout))
    db = isolated_env / "data" / "sco-cal.db"
    assert db.exists() and oct(db.stat().st_mode & 0o777) == "0o600"
    path = run(isolated_env, "db", "path")
    assert path.stdout.strip() == str(db)


def test_entry_point_env_vars_and_pipes(isolated_env: Path, tmp_path: Path) -> None:
    db = tmp_path / "elsewhere.db"
    result = run(isolated_env, "list", SCO_CAL_DB=str(db), SCO_CAL_TODAY="2025-11-01")
    assert result.returncode == 0, result.stderr
    # Piped, a listing is a header line and tab-separated rows, as `cut` and `awk` read.
    header, *rows = result.stdout.splitlines()
    assert header.split("\t")[:3] == ["id", "when", "start"]
    assert rows and all(len(r.split("\t")) == len(header.split("\t")) for r in rows)
    assert "sco-defence-ministers-22" in {r.split("\t")[0] for r in rows}
    assert db.exists()
    assert "\x1b[" not in run(isolated_env, "list", "--format", "table", SCO_CAL_DB=str(db)).stdout


def test_entry_point_errors_and_version(isolated_env: Path) -> None:
    bad = run(isolated_env, "show", "nothing-like-this", "--today", "2026-11-23")
    assert bad.returncode == 3 and bad.stderr.startswith("sco-cal: error:")
    assert "Traceback" not in bad.stderr
    assert run(isolated_env, "--version").stdout.startswith("sco-cal ")
    broken = run(isolated_env, "list", "--db", "postgresql+psycopg://u:secret@127.0.0.1:1/x")
    assert (
        broken.returncode == 5
        and "secret" not in broken.stderr
        and "Traceback" not in broken.stderr
    )


def test_python_dash_m(isolated_env: Path) -> None:
    result = subprocess.run(
        [sys.executable, "-m", "sco_cal", "list", "--today", "2026-11-23", "--country", "kg"],
        capture_output=True,
        text=True,
        env=subprocess_env(isolated_env),
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    assert "sco-transport-ministers-13" in result.stdout


def test_unwritable_data_dir(isolated_env: Path, tmp_path: Path) -> None:
    locked = tmp_path / "locked"
    locked.mkdir(mode=0o500)
    result = run_bound(isolated_env, "list", "--db", str(locked / "sub" / "x.db"))
    assert result.returncode == 5 and "cannot create" in result.stderr
    assert not (locked / "sub").exists()

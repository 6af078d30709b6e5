"""What a desk reads at a glance from the shell: the one-line table, pipes, `cal`, `next`;
and taking things back: `rm`, `restore`, `undo`, one history entry per action."""

from __future__ import annotations

from typing import Any

import pytest

from sco_cal.domain.text import cell_width
from tests.support.cli import Cli

SUMMIT = "sco-heads-of-state-council-2026-bishkek"


def table(cli: Cli, *args: str, width: int, monkeypatch: pytest.MonkeyPatch) -> list[str]:
    monkeypatch.setenv("COLUMNS", str(width))
    result = cli("list", *args, "--format", "table")
    assert result.exit_code == 0, result.stderr
    return result.stdout.splitlines()


@pytest.mark.parametrize("width", [80, 100, 120, 200])
def test_every_event_takes_one_line_that_fits(
    cli: Cli, monkeypatch: pytest.MonkeyPatch, width: int
) -> None:
    lines = table(cli, "--all", width=width, monkeypatch=monkeypatch)
    events = cli.json("list", "--all")
    rows = [line for line in lines[1:] if not line.startswith("──")]
    assert len(rows) == len(events)
    assert all(cell_width(line) <= width for line in lines)
    # WHEN is never cut: the longest label of the seed is whole.
    assert any("30 Oct-13 Nov 2025" in row for row in rows)
    if width >= 200:  # the whole id beside a title of 50 cells or more
        assert any(row.endswith(SUMMIT) for row in rows)


def test_wide_characters_keep_the_columns_in_place(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert cli("edit", SUMMIT, "title_en=上海合作组织成员国元首理事会会议 Bishkek").exit_code == 0
    lines = table(cli, "--country", "kg", width=100, monkeypatch=monkeypatch)

    def place_starts(line: str) -> int:
        place = "Bishkek, KG" if "Bishkek, KG" in line else "Kyrgyzstan"
        return cell_width(line[: line.index(place)])

    rows = [line for line in lines if "Bishkek, KG" in line or "Kyrgyzstan" in line]
    assert any("上海" in row for row in rows) and len(rows) > 1
    # The place column starts in the same cell on the Chinese row as on the others.
    assert len({place_starts(row) for row in rows}) == 1


def test_a_short_id_from_the_table_names_the_event_everywhere(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    lines = table(cli, "--country", "kg", width=80, monkeypatch=monkeypatch)
    short = next(line for line in lines if "SCO Summit" in line).split()[-1]
    assert 4 <= len(short) <= 8
    assert cli.json("show", short)["id"] == SUMMIT
    assert cli("annotate", short, "via the short id").exit_code == 0
    assert cli.json("annotations", SUMMIT)[-1]["text"] == "via the short id"


def test_a_tab_separated_table_for_pipes(cli: Cli) -> None:
    out = cli("list", "--all", "--format", "tsv").stdout.splitlines()
    header = out[0].split("\t")
    assert header == ["id", "when", "start", "end", "status", "follow_up", "org", "title", "place"]
    rows = [dict(zip(header, line.split("\t"), strict=True)) for line in out[1:]]
    assert "\x1b[" not in "".join(out)
    summit = next(r for r in rows if r["id"] == SUMMIT)
    assert (summit["when"], summit["place"]) == ("H2 2026", "Bishkek, KG")


def test_an_upcoming_list_ends_with_the_follow_up_count(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("sco_cal.cli.common.Cli.on_terminal", property(lambda self: True))
    out = table(cli, width=100, monkeypatch=monkeypatch)
    follow_ups = len(cli.json("list", "--follow-up"))
    assert out[-1] == f"{follow_ups} meetings need follow-up: sco-cal list --follow-up"
    assert follow_ups == 17


def test_cal_draws_the_month_with_week_numbers_and_marked_days(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("COLUMNS", "120")
    result = cli("cal", "2025-10", "--no-color")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert "October 2025" in lines[0] and "Date still open" in lines[0]
    assert lines[1].split()[:8] == ["Wk", "Mo", "Tu", "We", "Th", "Fr", "Sa", "Su"]
    weeks = [line.split()[0] for line in lines[2:7]]
    assert weeks == ["40", "41", "42", "43", "44"]
    assert "3○" in lines[2]  # a proposed meeting on the 3rd
    assert "30◐ 31◐" in lines[6]  # the UNESCO conference, provisional, from the 30th
    assert "16th Meeting of Heads of Anti-Drug" in result.stdout  # "October 2025", no day
    assert "30 Oct-13 Nov 2025" in result.stdout  # the meetings of the month, listed


def test_cal_week_goes_day_by_day(cli: Cli, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("COLUMNS", "100")
    result = cli("cal", "--week", "2025-10-31", "--no-color")
    assert result.exit_code == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0].startswith("Week 44")
    days = [line.split()[0] for line in lines[1:8]]
    assert days == ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"]
    assert "UNESCO General Conference" in lines[4] and lines[3].rstrip().endswith("-")


def test_cal_refuses_an_unreadable_month(cli: Cli) -> None:
    result = cli("cal", "the other month")
    assert result.exit_code == 2 and result.stderr.startswith("sco-cal: error:")


def test_next_prints_the_next_meetings_on_known_days(cli: Cli) -> None:
    result = cli("next", "2", "--format", "{start} {title}", today="2025-10-01")
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [
        "2025-10-03 SCO–Latin America and Caribbean High-Level Meeting “Climate Change and "
        "Sustainable Energy”",
        "2025-10-30 43rd Session of the UNESCO General Conference",
    ]
    bad = cli("next", "--format", "{nope}")
    assert bad.exit_code == 2 and "{nope}" in bad.stderr and bad.stderr.count("\n") == 1


def history_of(cli: Cli, event_id: str) -> list[dict[str, Any]]:
    return cli.json("history", event_id)  # type: ignore[no-any-return]


def test_rm_keeps_the_history_and_restore_brings_it_back(cli: Cli) -> None:
    assert cli("rm", SUMMIT, "--note", "duplicate").exit_code == 0
    assert SUMMIT not in {r["id"] for r in cli.json("list", "--all")}
    gone = cli("show", SUMMIT)
    assert gone.exit_code == 3 and f"sco-cal restore {SUMMIT}" in gone.stderr
    assert cli("restore", SUMMIT).exit_code == 0
    assert SUMMIT in {r["id"] for r in cli.json("list", "--all")}
    actions = [h["action"] for h in history_of(cli, SUMMIT)]
    assert actions[-2:] == ["delete", "restore"]
    assert cli("restore", SUMMIT).exit_code == 3  # not deleted any more


def test_one_postponement_is_one_entry_and_undo_takes_it_back(cli: Cli) -> None:
    before = cli.json("show", SUMMIT)
    assert cli("postpone", SUMMIT, "début octobre 2027").exit_code == 0
    entry = history_of(cli, SUMMIT)[-1]
    fields = {c["field"] for c in entry["changes"]}
    assert entry["action"] == "status" and {"status", "start_date", "date_text"} <= fields
    assert len([h for h in history_of(cli, SUMMIT) if h["at"] == entry["at"]]) == 1
    lines = cli("history", SUMMIT, "--format", "table").stdout.splitlines()
    assert "status provisional -> postponed" in lines[-1]  # one line, every field said

    undone = cli("undo")
    assert undone.exit_code == 0 and "undid status" in undone.stderr
    after = cli.json("show", SUMMIT)
    keys = ("status", "start", "end", "date_text")
    assert [after[k] for k in keys] == [before[k] for k in keys]
    assert history_of(cli, SUMMIT)[-1]["action"] == "undo"


def test_undo_with_nothing_left_says_so(cli: Cli) -> None:
    result = cli("undo")
    assert result.exit_code == 2 and "no change left to undo" in result.stderr


def test_undo_is_per_person_and_refused_over_someone_elses_change(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCO_CAL_AUTHOR", "alice")
    assert cli("postpone", SUMMIT, "début octobre 2027").exit_code == 0
    monkeypatch.setenv("SCO_CAL_AUTHOR", "bob")
    assert cli("undo").exit_code == 2  # bob has nothing of his own to take back
    assert cli("confirm", SUMMIT).exit_code == 0
    monkeypatch.setenv("SCO_CAL_AUTHOR", "alice")
    refused = cli("undo")
    assert refused.exit_code == 4 and "nothing was undone" in refused.stderr
    assert cli.json("show", SUMMIT)["status"] == "confirmed"  # bob's change stands

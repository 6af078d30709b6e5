"""Long commands show their progress on a terminal's stderr, and nothing anywhere else."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from tests.support.terminal import on_a_terminal

EVENTS = 300


def calendar(path: Path) -> Path:
    events = "".join(
        f"BEGIN:VEVENT\r\nUID:e{i}@desk.example.org\r\n"
        f"DTSTART;VALUE=DATE:2027{1 + i % 12:02d}{1 + i % 28:02d}\r\n"
        f"SUMMARY:SCO experts meeting {i}\r\nEND:VEVENT\r\n"
        for i in range(EVENTS)
    )
    path.write_text(f"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n{events}END:VCALENDAR\r\n")
    return path


@pytest.fixture
def store(isolated_env: Path, tmp_path: Path) -> str:
    return str(tmp_path / "store.db")


def test_import_and_export_show_their_steps_on_a_terminal(
    isolated_env: Path, tmp_path: Path, store: str
) -> None:
    file = calendar(tmp_path / "desk.ics")
    code, out, shown = on_a_terminal(
        isolated_env, "import", str(file), "--org", "SCO", "--db", store, "--format", "json"
    )
    assert code == 0, shown
    assert len(json.loads(out)["added"]) == EVENTS  # stdout holds the report only
    assert "reading desk.ics" in shown and "writing events" in shown
    assert f"/{EVENTS}" in shown  # a bar that knows how far it has to go
    code, out, shown = on_a_terminal(isolated_env, "export", "--db", store, "--fuzzy", "span")
    assert code == 0 and out.startswith("BEGIN:VCALENDAR")
    assert "writing events" in shown


@pytest.mark.parametrize(
    ("args", "label"),
    [
        (["seed"], "seeding"),
        (["db", "backup", "{tmp}/copy.db"], "backing up to copy.db"),
    ],
    ids=["seed", "backup"],
)
def test_store_commands_show_their_step(
    isolated_env: Path, tmp_path: Path, store: str, args: list[str], label: str
) -> None:
    argv = [a.format(tmp=tmp_path) for a in args]
    code, _, shown = on_a_terminal(isolated_env, *argv, "--db", store)
    assert code == 0, shown
    assert label in shown


def test_nothing_is_shown_when_stderr_is_not_a_terminal(cli: Any, tmp_path: Path) -> None:
    file = calendar(tmp_path / "desk.ics")
    imported = cli("import", str(file), "--org", "SCO", "--format", "json")
    assert imported.exit_code == 0 and imported.stderr == ""
    count = len(cli.json("list", "--all"))
    exported = cli("export", "-o", str(tmp_path / "out.ics"))
    assert exported.stderr.splitlines() == [f"wrote {count} events to {tmp_path / 'out.ics'}"]

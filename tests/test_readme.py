"""The README runs as written: every `sco-cal` line of its shell blocks, in order, against
a fresh store, exits 0 unless the line's own comment announces another code."""

from __future__ import annotations

import re
import shlex
import shutil
from pathlib import Path

import pytest
from typer.testing import CliRunner

from tests.support.cli import app_for

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
# The files the README's examples name, played by the suite's fixtures.
FILES = {
    "bulletin_n3.txt": FIXTURES / "bulletin_n3.txt",
    "note.txt": FIXTURES / "note.txt",
    "outlook.ics": FIXTURES / "ics" / "outlook.ics",
    "team.ics": FIXTURES / "ics" / "google.ics",
    "colleague.ics": FIXTURES / "ics" / "apple.ics",
    "agenda.csv": FIXTURES / "agenda.csv",
}
ANNOUNCED = re.compile(r"exit (\d+)")
# Lines a shell runs but this test cannot: the server of the PostgreSQL example, the
# full-screen TUI (driven by its own tests), the installation lines, the resident server
# (it forks a process that outlives the command: its own tests start and stop it).
NOT_HERE = ("sco-cal tui", "sco-cal init", "sco-cal server")


def shell_blocks(text: str) -> list[list[str]]:
    return [block.splitlines() for block in re.findall(r"```sh\n(.*?)```", text, re.S)]


def readme_commands() -> list[tuple[str, set[int]]]:
    """Each `sco-cal` line with the exit codes it may end with."""
    commands = []
    for block in shell_blocks((ROOT / "README.md").read_text(encoding="utf-8")):
        if any("SCO_CAL_DB=" in line or "example.org" in line for line in block):
            continue  # points at a server of the README's invention (the sync's has its own tests)
        for line in block:
            if not line.startswith("sco-cal ") or line.startswith(NOT_HERE):
                continue
            command, _, comment = line.partition("#")
            codes = {0} | {int(n) for n in ANNOUNCED.findall(comment)}
            commands.append((command.strip(), codes))
    return commands


def test_the_readme_names_the_commands_it_teaches() -> None:
    commands = [c for c, _ in readme_commands()]
    assert len(commands) > 25
    for verb in ("list", "show", "postpone", "history", "log", "digest", "export", "import"):
        assert any(c.split()[1] == verb for c in commands), verb


def test_every_readme_command_runs_as_written(
    isolated_env: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "desk"
    work.mkdir()
    for name, fixture in FILES.items():
        shutil.copy(fixture, work / name)
    (work / "calendars").mkdir()
    monkeypatch.chdir(work)
    monkeypatch.setenv("SCO_CAL_TODAY", "2026-11-23")  # as the README exports it
    runner = CliRunner()
    for command, codes in readme_commands():
        # The server directory of the feed example is played by one of the test's.
        argv = [a.replace("/srv/desk", str(work)) for a in shlex.split(command)[1:]]
        result = runner.invoke(app_for(argv), argv)
        assert result.exit_code in codes, f"{command}: exit {result.exit_code}\n{result.output}"
        if argv[0] == "list" and result.exit_code == 0:
            assert result.stdout.strip(), f"{command}: finds nothing"

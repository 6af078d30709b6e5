"""The TUI in a real terminal: tmux runs `sco-cal tui`, keys are typed, the screen is read."""

from __future__ import annotations

import shlex
import shutil
import subprocess
import sys
import time
import uuid
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from sco_cal.wiring import build_service
from tests.support.env import subprocess_env

TMUX = shutil.which("tmux")
pytestmark = pytest.mark.skipif(
    TMUX is None, reason="tmux is not installed (apt-get install tmux): no real-terminal check"
)


class Terminal:
    """A tmux server of its own (so it takes our environment), one window, 120x40."""

    def __init__(self, env: dict[str, str], size: tuple[int, int] = (120, 40)) -> None:
        self.socket = f"scocal-test-{uuid.uuid4().hex[:8]}"
        self.env = env
        self.size = size

    def tmux(self, *args: str) -> subprocess.CompletedProcess[str]:
        assert TMUX is not None
        return subprocess.run(
            [TMUX, "-L", self.socket, *args],
            capture_output=True,
            text=True,
            env=self.env,
            timeout=30,
            check=False,
        )

    def start(self, command: list[str], status_file: Path) -> None:
        """Run `command` in the window; its exit status lands in `status_file`."""
        shell = " ".join(shlex.quote(part) for part in command)
        script = f"{shell}; echo $? > {shlex.quote(str(status_file))}"
        started = self.tmux(
            "new-session", "-d", "-s", "t", "-x", str(self.size[0]), "-y", str(self.size[1]), script
        )
        assert started.returncode == 0, started.stderr

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "t").stdout

    def type(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "t", *(["-l"] if literal else []), *keys)

    def wait_for(self, what: Callable[[str], bool], seconds: float = 20) -> str:
        """The screen, once `what` holds for it (a real terminal has no other signal)."""
        deadline = time.monotonic() + seconds
        while True:
            screen = self.screen()
            if what(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"the screen never showed what was expected:\n{screen}")
            time.sleep(0.1)

    def close(self) -> None:
        self.tmux("kill-server")


def agenda_lines(screen: str, header: str = "WHEN") -> list[str]:
    """The agenda's rows: under its header, above the rule that opens the event."""
    lines = screen.splitlines()
    start = next(i for i, line in enumerate(lines) if line.split()[:1] == [header]) + 1
    end = next(i for i in range(start, len(lines)) if set(lines[i].strip()) == {"─"})
    return [line.strip() for line in lines[start:end] if line.strip()]


@pytest.fixture
def terminal(isolated_env: Path) -> Iterator[Terminal]:
    env = subprocess_env(isolated_env, TERM="xterm-256color", LANG="C.UTF-8")
    term = Terminal(env)
    yield term
    term.close()


def test_search_and_quit_in_a_real_terminal(
    terminal: Terminal, db_path: Path, tmp_path: Path
) -> None:
    service, _ = build_service(db=str(db_path), today="2026-11-23")
    service.close()
    command = [
        sys.executable,
        "-m",
        "sco_cal",
        "tui",
        "--db",
        str(db_path),
        "--today",
        "2026-11-23",
    ]
    status = tmp_path / "exit-status"
    terminal.start(command, status)

    # The meetings that need follow-up come first, counted in the header; at 120 columns
    # a long title is read whole.
    first = terminal.wait_for(
        lambda s: "upcoming · 1/27 · ! 17 need follow-up" in s and "Wording:" in s
    )
    assert "WHEN" in first and "needs follow-up" in first and "Astana" in first
    assert "/ Search" in first and "t Timeline" in first  # the footer's keys

    # tmux starts the app at 80x24, then gives it its size: a key typed during that
    # resize can be lost, and a real terminal gives no signal that it is over.
    time.sleep(1)
    terminal.type("/")
    terminal.type("bichkek", literal=True)  # the French spelling of Bishkek
    terminal.type("Enter")
    found = terminal.wait_for(lambda s: "1/1 ·" in s)
    table = agenda_lines(found)
    (row,) = [i for i, line in enumerate(table) if "Bishkek" in line]
    assert "SCO Summit" in table[row] and table[row - 1].startswith("── H2 2026")
    assert "Wording:" in found  # the open event, below the list

    terminal.type("q")
    terminal.wait_for(lambda s: status.exists() and status.read_text().strip() != "")
    assert status.read_text().strip() == "0"


def test_search_and_quit_in_french_in_a_real_terminal(
    isolated_env: Path, db_path: Path, tmp_path: Path
) -> None:
    """A French locale is enough: the same session reads French from header to footer."""
    service, _ = build_service(db=str(db_path), today="2026-11-23")
    service.close()
    terminal = Terminal(subprocess_env(isolated_env, TERM="xterm-256color", LANG="fr_FR.UTF-8"))
    status = tmp_path / "exit-status"
    try:
        command = [sys.executable, "-m", "sco_cal", "tui", "--db", str(db_path)]
        terminal.start([*command, "--today", "2026-11-23"], status)
        first = terminal.wait_for(
            lambda s: "à venir · 1/27 · ! 17 à suivre" in s and "Libellé" in s
        )
        assert "QUAND" in first and "ÉTAT" in first and "LIEU" in first
        assert "/ Chercher" in first and "t Frise" in first and "upcoming" not in first

        time.sleep(1)  # the resize after start, as above
        terminal.type("/")
        terminal.type("bichkek", literal=True)
        terminal.type("Enter")
        found = terminal.wait_for(lambda s: "1/1 ·" in s)
        table = agenda_lines(found, header="QUAND")
        (row,) = [i for i, line in enumerate(table) if "Bichkek" in line]
        assert "Sommet de l’OCS" in table[row] and table[row - 1].startswith("── S2 2026")

        terminal.type("q")
        terminal.wait_for(lambda s: status.exists() and status.read_text().strip() != "")
        assert status.read_text().strip() == "0"
    finally:
        terminal.close()

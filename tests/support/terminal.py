"""Running `sco-cal` with its stderr on a pseudo-terminal, as a person at a terminal does."""

from __future__ import annotations

import os
import pty
import subprocess
import sys
from pathlib import Path

from tests.support.env import TODAY, subprocess_env


def on_a_terminal(home: Path, *args: str, **env_extra: str) -> tuple[int, str, str]:
    """Run sco-cal with stderr on a pseudo-terminal: (exit code, stdout, what the terminal got)."""
    exe = Path(sys.executable).with_name("sco-cal")
    controller, terminal = pty.openpty()
    env = subprocess_env(home, TERM="xterm", COLUMNS="100", **env_extra)
    stdout = home / "stdout"
    with stdout.open("wb") as out:  # a file, not a pipe: a full pipe would stall the command
        run = subprocess.Popen(
            [str(exe), *args, "--today", TODAY],
            stdout=out,
            stderr=terminal,
            stdin=subprocess.DEVNULL,
            env=env,
        )
        os.close(terminal)
        shown = shown_on(controller)
        code = run.wait(timeout=120)
    return code, stdout.read_text(), shown.decode("utf-8", "replace")


def shown_on(controller: int) -> bytes:
    """All a terminal got until its other end closed (the command is done); closes it."""
    shown = b""
    while True:
        try:
            chunk = os.read(controller, 65536)
        except OSError:  # Linux says the other end closed with EIO
            break
        if not chunk:
            break
        shown += chunk
    os.close(controller)
    return shown

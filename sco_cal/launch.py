"""The `sco-cal` command: handed to the resident server when one runs, else run here.

This module and what it imports are the whole cost of a command the server runs, so
it stays with the standard library's cheapest modules; the CLI (Typer and sco-cal's
commands) is imported only when the command runs in this process.
"""

from __future__ import annotations

import os
import sys

# The TUI needs the terminal as its own (it follows the window's size by the signals the
# terminal sends its process); the server's commands start or stop the server itself.
RUN_HERE = {"tui", "server"}


def main() -> None:
    args = sys.argv[1:]
    command = next((a for a in args if not a.startswith("-")), None)
    if command and command not in RUN_HERE and os.name == "posix":
        from sco_cal.resident.address import socket_path

        if os.path.exists(path := socket_path()):
            from sco_cal.resident.client import hand_over

            code = hand_over(path, ["sco-cal", *args])
            if code is not None:
                sys.exit(code)
    from sco_cal.cli import main as run_here

    run_here()

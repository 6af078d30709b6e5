"""Which modules a fresh interpreter loads: how the lean paths are held lean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "textual", "typer", "rich", "pydantic")


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    return _run(code, env)[1]


def modules_after_command(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules loaded by a fresh interpreter running `sco-cal ARGS` as a user would."""
    return command_run(args, env)[1]


def command_run(args: list[str], env: dict[str, str]) -> tuple[int, set[str]]:
    """How `sco-cal ARGS` exited in a fresh interpreter, and the modules it loaded."""
    code = (
        f"from sco_cal.cli import main\nsys.argv = ['sco-cal', *{args!r}]\ncode = 0\n"
        "try:\n    main()\nexcept SystemExit as exc:\n    code = exc.code or 0\n"
        "sys.stderr.write(f'\\nEXIT {code}\\n')"
    )
    said, modules = _run(code, env)
    return int(said.rpartition("\nEXIT ")[2].split()[0]), modules


def _run(code: str, env: dict[str, str] | None) -> tuple[str, set[str]]:
    """What `code` wrote on stderr, and the modules loaded when it was done."""
    script = f"import sys\n{code}\nsys.stderr.write('\\nMODULES ' + ' '.join(sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    )
    said, _, modules = run.stderr.rpartition("\nMODULES ")
    return said, set(modules.split())

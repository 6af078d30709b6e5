"""Which modules a fresh interpreter loads: how the lean paths are held lean."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent.parent
HEAVY = ("sqlalchemy", "sqlmodel", "textual", "typer", "rich", "pydantic")


def loaded_after(code: str, env: dict[str, str] | None = None) -> set[str]:
    """The modules a fresh interpreter has loaded after running `code`."""
    script = f"import sys\n{code}\nsys.stderr.write('MODULES ' + ' '.join(sys.modules))"
    run = subprocess.run(
        [sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
        env=env,
        cwd=ROOT,
    )
    return set(run.stderr.rpartition("MODULES ")[2].split())


def modules_after_command(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules loaded by a fresh interpreter running `sco-cal ARGS` as a user would."""
    run = (
        f"import sys\nfrom sco_cal.cli import main\nsys.argv = ['sco-cal', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    return loaded_after(run, env)

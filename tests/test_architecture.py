"""The layers hold, reads stay lean, and the code passes its linters."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.conftest import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
DOMAIN = [
    "sco_cal.domain.dates",
    "sco_cal.domain.date_phrases",
    "sco_cal.domain.date_labels",
    "sco_cal.domain.lifecycle",
    "sco_cal.domain.event",
    "sco_cal.domain.query",
    "sco_cal.domain.places",
    "sco_cal.domain.organisations",
    "sco_cal.domain.themes",
    "sco_cal.domain.reminders",
    "sco_cal.domain.digest",
]
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


def test_domain_imports_no_database_or_interface() -> None:
    modules = loaded_after("\n".join(f"import {m}" for m in DOMAIN))
    assert not {m.split(".")[0] for m in modules} & set(HEAVY)


def modules_after_command(args: list[str], env: dict[str, str]) -> set[str]:
    """The modules loaded by a fresh interpreter running `sco-cal ARGS` as a user would."""
    run = (
        f"import sys\nfrom sco_cal.cli import main\nsys.argv = ['sco-cal', *{args!r}]\n"
        "try:\n    main()\nexcept SystemExit:\n    pass"
    )
    return loaded_after(run, env)


def test_listing_an_existing_store_never_imports_the_orm(
    isolated_env: Path, tmp_path: Path
) -> None:
    db = tmp_path / "lean.db"
    env = subprocess_env(isolated_env)
    modules_after_command(["init", "--db", str(db)], env)  # creating it may use the ORM
    modules = modules_after_command(
        ["list", "--db", str(db), "--today", "2026-11-23", "--country", "kg", "--format", "table"],
        env,
    )
    assert "sco_cal.cli.listing" in modules
    # Nor the code of commands it does not run.
    assert (
        not {"sco_cal.cli.digest", "sco_cal.interchange", "sco_cal.ingest", "sco_cal.tui.app"}
        & modules
    )
    assert not {"sqlalchemy", "sqlmodel", "pydantic", "textual"} & {
        m.split(".")[0] for m in modules
    }


def tool(name: str) -> str:
    found = Path(sys.executable).with_name(name)
    if found.exists():
        return str(found)
    path = shutil.which(name)
    if path is None:
        pytest.skip(f"{name} is not installed (pip install -e '.[test]')")
    return path


@pytest.mark.parametrize(
    "command",
    [
        ["lint-imports"],
        ["ruff", "check", "."],
        ["ruff", "format", "--check", "."],
        ["mypy"],
    ],
    ids=lambda c: c[0] + (" " + c[1] if len(c) > 1 else ""),
)
def test_code_quality_gate(command: list[str]) -> None:
    result = subprocess.run(
        [tool(command[0]), *command[1:]],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=False,
        timeout=600,
    )
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]


def test_every_command_is_found_where_the_lazy_table_says() -> None:
    from sco_cal.cli import COMMAND_MODULES, _name, build_app

    full = build_app()
    names = {_name(c) for c in full.registered_commands}
    names |= {g.name for g in full.registered_groups}
    assert names == set(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        alone = build_app({command})
        found = {_name(c) for c in alone.registered_commands}
        found |= {g.name for g in alone.registered_groups}
        assert found == {command}

"""The layers hold, reads stay lean, and the code passes its linters."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.env import subprocess_env
from tests.support.modules import HEAVY, loaded_after, modules_after_command

ROOT = Path(__file__).resolve().parent.parent


def domain_modules() -> list[str]:
    """Every module of the domain folder: a new one is checked without being listed."""
    import sco_cal.domain

    return [
        info.name
        for info in pkgutil.walk_packages(sco_cal.domain.__path__, "sco_cal.domain.")
        if not info.ispkg
    ]


def test_domain_imports_no_database_or_interface() -> None:
    names = domain_modules()
    assert {"sco_cal.domain.event", "sco_cal.domain.query"} <= set(names)
    modules = loaded_after("\n".join(f"import {m}" for m in names))
    assert not {m.split(".")[0] for m in modules} & set(HEAVY)


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

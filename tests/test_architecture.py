"""The layers hold, reads stay lean, and the code passes its linters."""

from __future__ import annotations

import pkgutil
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.env import subprocess_env
from tests.support.modules import HEAVY, command_run, loaded_after, modules_after_command
from tests.support.writes import WRITES, check_writes_done

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
    # Nor the code of commands it does not run, nor the date-phrase parser, which only
    # --from and --to need.
    assert (
        not {"sco_cal.cli.digest", "sco_cal.interchange", "sco_cal.ingest", "sco_cal.tui.app"}
        & modules
    )
    assert not {"sco_cal.domain.date_phrases", *SERVICE_PARTS_A_WRITE_NEVER_USES} & modules
    # The places' spellings in other scripts fold without anyascii's tables.
    assert "anyascii" not in modules
    assert not {"sqlalchemy", "sqlmodel", "pydantic", "textual"} & {
        m.split(".")[0] for m in modules
    }
    # Typer's Rich help (a quarter of a second to load) only when help is shown.
    assert not {"typer.rich_utils", "rich.markdown"} & modules


# Only these writes read a date phrase; the others start without the parser's rules.
READ_A_DATE = {"postpone", "reschedule", "add"}
# Parts of the service (and their modules) that no write or `list` needs loaded.
SERVICE_PARTS_A_WRITE_NEVER_USES = {
    "sco_cal.service.agenda",
    "sco_cal.service.digests",
    "sco_cal.service.documents",
    "sco_cal.service.interchange",
    "sco_cal.service.sync",
}


def test_writing_commands_never_import_the_orm(db: str, isolated_env: Path) -> None:
    """Each write runs in a fresh interpreter on an existing store, on each engine, and
    does its work: the SQLModel tables stay the schema's definition, but a write
    reaches the database through its own driver."""
    env = subprocess_env(isolated_env, SCO_CAL_DB=db, SCO_CAL_TODAY="2026-11-23")
    driver = "sqlite3" if "://" not in db else "psycopg"
    for args in WRITES:
        code, modules = command_run(args, env)
        assert code == 0 or (args == ["remind", "due"] and code == 1), f"{args}: exit {code}"
        loaded = {m.split(".")[0] for m in modules}
        assert driver in loaded, args
        assert not {"sqlalchemy", "sqlmodel", "pydantic", "textual"} & loaded, args
        assert not {"sco_cal.store.engine", "sco_cal.store.schema"} & modules, args
        assert not {"typer.rich_utils", "rich.markdown"} & modules, args
        # Nor what start-up had loaded for every command: the agenda's and the files'
        # parts of the service, the sheet's rendering, the date phrases, anyascii (the
        # search text folds the places' Cyrillic and Chinese spellings).
        assert not {"anyascii", *SERVICE_PARTS_A_WRITE_NEVER_USES} & modules, args
        assert ("sco_cal.output.detail" in modules) == (args == ["undo"]), args
        if args[0] not in READ_A_DATE or "sine die" in args:
            assert "sco_cal.domain.date_phrases" not in modules, args
    check_writes_done(db)


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
    names = [_name(c) for c in full.registered_commands]
    names += [g.name or "" for g in full.registered_groups]
    # Once each: a group's subcommand (`server status`) is not also a command of its own.
    assert sorted(names) == sorted(COMMAND_MODULES)
    for command in COMMAND_MODULES:
        alone = build_app({command})
        found = [_name(c) for c in alone.registered_commands]
        found += [g.name or "" for g in alone.registered_groups]
        assert found == [command]
        if alone.registered_commands:  # the same function whichever way the CLI is built
            (callback,) = [c.callback for c in full.registered_commands if _name(c) == command]
            assert alone.registered_commands[0].callback is callback

"""PostgreSQL's own tools for backups: `pg_dump`, `pg_restore` and `psql`.

Their command lines are readable by every local user (`ps`), so they get a URL
without the password, which travels in their environment (readable by its owner).
"""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import BinaryIO

from sco_cal.domain.errors import InvalidInput, StoreError
from sco_cal.i18n import N_, _
from sco_cal.store.target import DatabaseTarget


def pg_dump(target: DatabaseTarget, out: BinaryIO) -> None:
    """A dump of the store written to `out` (a file sco-cal created private)."""
    argv = [_tool("pg_dump", "backing up"), "--format=custom", "--no-owner", target.libpq_url()]
    _run(argv, target, stdout=out)


def check_pg_dump(source: Path) -> set[tuple[str, str]]:
    """The tables (schema, name) of the dump at `source`, which must hold a store; it is
    refused before anything is saved or dropped."""
    from sco_cal.store.candidate import check_pg_listing, read_backup_file

    read_backup_file(source)  # a regular file, readable
    listed = subprocess.run(
        [_tool("pg_restore", "restoring"), "--list", str(source)],
        capture_output=True,
        text=True,
        check=False,
    )
    if listed.returncode != 0:
        why = (listed.stderr.strip().splitlines() or ["unreadable"])[-1]
        raise InvalidInput(
            _("{source} is not a sco-cal database that can be restored: {why}").format(
                source=source, why=why
            )
        )
    return check_pg_listing(listed.stdout, source)


def pg_restore(target: DatabaseTarget, source: Path, tables: set[tuple[str, str]]) -> None:
    """Replace the store by the dump at `source`, in one transaction.

    `pg_restore --clean` cannot drop a store newer than the dump (a table the dump
    lacks still points at the tables it drops), so the store's tables are dropped
    first and the dump's SQL run after, all in one `psql` transaction: the store is
    replaced whole or not at all.
    """
    from sqlmodel import SQLModel

    import sco_cal.store.schema  # noqa: F401  (registers the tables)

    script = subprocess.run(
        [
            _tool("pg_restore", "restoring"),
            "--no-owner",
            "--no-privileges",
            "--file=-",
            str(source),
        ],
        capture_output=True,
        check=False,
    )
    if script.returncode != 0:
        raise StoreError(f"pg_restore: {_last_line(script.stderr.decode(errors='replace'))}")
    names = [f'"{schema}"."{name}"' for schema, name in sorted(tables)]
    names += [f'"{name}"' for name in sorted(SQLModel.metadata.tables)]
    drops = f"DROP TABLE IF EXISTS {', '.join(names)} CASCADE;\n".encode()
    argv = [_tool("psql", "restoring"), "--no-psqlrc", "--quiet", "--single-transaction"]
    argv += ["--set", "ON_ERROR_STOP=1", "--dbname", target.libpq_url()]
    _run(argv, target, stdin=drops + script.stdout)


# One sentence per task, so that each language can word it whole.
_NEEDS = {
    "backing up": N_("backing up PostgreSQL needs {name} (package postgresql-client)"),
    "restoring": N_("restoring PostgreSQL needs {name} (package postgresql-client)"),
}


def _tool(name: str, doing: str) -> str:
    found = shutil.which(name)
    if found is None:
        raise StoreError(_(_NEEDS[doing]).format(name=name))
    return found


def _tool_env(target: DatabaseTarget) -> dict[str, str]:
    env = dict(os.environ)
    if target.password:
        env["PGPASSWORD"] = target.password
    return env


def _run(
    argv: list[str],
    target: DatabaseTarget,
    *,
    stdout: BinaryIO | None = None,
    stdin: bytes | None = None,
) -> None:
    done = subprocess.run(
        argv,
        input=stdin,
        stdout=stdout if stdout is not None else subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        check=False,
        env=_tool_env(target),
    )
    if done.returncode != 0:
        name = Path(argv[0]).name
        raise StoreError(f"{name}: {_last_line(done.stderr.decode(errors='replace'))}")


def _last_line(text: str) -> str:
    return (text.strip().splitlines() or [_("failed")])[-1]

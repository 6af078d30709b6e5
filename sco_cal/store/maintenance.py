"""Looking after the database: integrity checks, online backups and restores."""

from __future__ import annotations

import shutil
import sqlite3
import subprocess
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path

from sco_cal.config.paths import data_dir
from sco_cal.domain.errors import InvalidInput, StoreError
from sco_cal.store.store import Store
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.version import SCHEMA_VERSION

# Tables whose rows belong to an event: a row pointing nowhere is an orphan.
CHILD_TABLES = (
    "source",
    "seed_record",
    "annotation",
    "history",
    "tag",
    "reminder",
    "sync_item",
)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


def check(store: Store) -> list[Check]:
    """Integrity, schema version and orphan rows; every check runs, none stops the others."""
    reader = store.reader
    version = reader.schema_version()
    checks = [
        Check(
            "schema version",
            version == SCHEMA_VERSION,
            f"{version} (this sco-cal: {SCHEMA_VERSION})",
        )
    ]
    if store.target.path is not None:
        checks += _sqlite_checks(store.target.path)
    for table in CHILD_TABLES:
        rows = store.reader.scalar(
            f"SELECT count(*) FROM {table} c WHERE NOT EXISTS "
            "(SELECT 1 FROM event e WHERE e.id = c.event_id)"
        )
        checks.append(Check(f"orphan {table} rows", rows == 0, str(rows)))
    checks.append(Check("events", True, str(reader.count())))
    return checks


def _sqlite_checks(path: Path) -> list[Check]:
    with sqlite3.connect(path) as conn:
        integrity = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        foreign = conn.execute("PRAGMA foreign_key_check").fetchall()
    return [
        Check("sqlite integrity", integrity == ["ok"], "; ".join(integrity[:3])),
        Check("foreign keys", not foreign, f"{len(foreign)} broken references"),
    ]


def backup(target: DatabaseTarget, destination: Path) -> Path:
    """A consistent copy taken while others may be writing (SQLite backup API, pg_dump)."""
    destination = destination.expanduser().absolute()
    if destination.exists():
        raise InvalidInput(f"{destination} exists already: choose a new file name")
    destination.parent.mkdir(parents=True, exist_ok=True)
    if target.path is None:
        return _pg_dump(target, destination)
    if not target.path.exists():
        raise StoreError(f"there is no database at {target.path}")
    partial = destination.with_name(destination.name + ".partial")
    try:
        with sqlite3.connect(target.path) as source, sqlite3.connect(partial) as copy:
            source.backup(copy)
        partial.chmod(0o600)
        partial.replace(destination)
    except (sqlite3.Error, OSError) as exc:
        partial.unlink(missing_ok=True)
        raise StoreError(f"backup to {destination} failed: {exc}") from None
    return destination


def restore(target: DatabaseTarget, source: Path) -> Path:
    """Replace the store by a backup; the current store is backed up first."""
    source = source.expanduser().absolute()
    if not source.exists():
        raise InvalidInput(f"no backup at {source}")
    if target.path is None:
        saved = backup(target, backup_name(data_dir() / "postgresql.dump", "before-restore"))
        _pg_restore(target, source)
        return saved
    _check_backup_file(source)
    saved = (
        backup(target, backup_name(target.path, "before-restore"))
        if (target.path.exists())
        else target.path
    )
    try:
        with sqlite3.connect(source) as backup_db, sqlite3.connect(target.path) as live:
            backup_db.backup(live)
    except sqlite3.Error as exc:
        raise StoreError(f"restore from {source} failed: {exc}") from None
    return saved


def backup_name(path: Path, label: str) -> Path:
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    return path.with_name(f"{path.stem}.{label}-{stamp}{path.suffix}")


def _check_backup_file(path: Path) -> None:
    try:
        with sqlite3.connect(f"file:{path}?mode=ro", uri=True) as conn:
            version = conn.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
            ok = conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    except sqlite3.Error:
        raise InvalidInput(f"{path} is not a sco-cal database") from None
    if version is None or not ok:
        raise InvalidInput(f"{path} is not a sound sco-cal database")
    if int(version[0]) > SCHEMA_VERSION:
        raise InvalidInput(f"{path} was written by a newer sco-cal (schema {version[0]})")


def _libpq_url(target: DatabaseTarget) -> str:
    return target.url.replace("postgresql+psycopg://", "postgresql://", 1)


def _pg_dump(target: DatabaseTarget, destination: Path) -> Path:
    tool = shutil.which("pg_dump")
    if tool is None:
        raise StoreError("backing up PostgreSQL needs pg_dump (package postgresql-client)")
    _run(
        [tool, "--format=custom", "--no-owner", "--file", str(destination), _libpq_url(target)],
        "pg_dump",
    )
    return destination


def _pg_restore(target: DatabaseTarget, source: Path) -> None:
    tool = shutil.which("pg_restore")
    if tool is None:
        raise StoreError("restoring PostgreSQL needs pg_restore (package postgresql-client)")
    _run(
        [
            tool,
            "--clean",
            "--if-exists",
            "--no-owner",
            "--single-transaction",
            "--dbname",
            _libpq_url(target),
            str(source),
        ],
        "pg_restore",
    )


def _run(argv: list[str], name: str) -> None:
    done = subprocess.run(argv, capture_output=True, text=True, check=False)
    if done.returncode != 0:
        message = (done.stderr.strip().splitlines() or ["failed"])[-1]
        raise StoreError(f"{name}: {message}")

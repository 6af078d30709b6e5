"""Looking after the database: integrity checks, online backups and restores."""

from __future__ import annotations

import functools
import os
import sqlite3
from collections.abc import Callable
from contextlib import closing
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import BinaryIO

from sco_cal.config.paths import data_dir
from sco_cal.domain.errors import InvalidInput, StoreError
from sco_cal.i18n import _
from sco_cal.store.files import TargetExists, write_new
from sco_cal.store.pg_tools import check_pg_dump, pg_dump, pg_restore
from sco_cal.store.store import Store
from sco_cal.store.target import DatabaseTarget
from sco_cal.store.version import SCHEMA_VERSION

BUSY_SECONDS = 30.0
# Tables whose rows belong to an event: a row pointing nowhere is an orphan.
CHILD_TABLES = (
    "source",
    "seed_record",
    "annotation",
    "history",
    "tag",
    "reminder",
    "sync_item",
    "reminder_delivery",
    "digest_mark",
)


@dataclass(frozen=True, slots=True)
class Check:
    name: str
    ok: bool
    detail: str


def check(store: Store) -> list[Check]:
    """Integrity, schema version and orphan rows; every check runs, none stops the others,
    and a check the store is too damaged to answer fails with the reason."""
    reader = store.reader

    def version() -> tuple[bool, str]:
        found = reader.schema_version()
        return found == SCHEMA_VERSION, f"{found} (this sco-cal: {SCHEMA_VERSION})"

    checks = [_checked("schema version", version), *file_checks(store)]
    checks += [
        _checked(f"orphan {t} rows", functools.partial(_orphans, store, t)) for t in CHILD_TABLES
    ]
    checks.append(_checked("events", lambda: (True, str(reader.count()))))
    return checks


def _orphans(store: Store, table: str) -> tuple[bool, str]:
    rows = store.reader.scalar(
        f"SELECT count(*) FROM {table} c WHERE NOT EXISTS "
        "(SELECT 1 FROM event e WHERE e.id = c.event_id)"
    )
    return rows == 0, str(rows)


def _checked(name: str, run: Callable[[], tuple[bool, str]]) -> Check:
    try:
        ok, detail = run()
    except (StoreError, sqlite3.Error, UnicodeDecodeError) as exc:
        return Check(name, False, f"cannot tell: {exc}")
    return Check(name, ok, detail)


def file_checks(store: Store) -> list[Check]:
    """What SQLite itself says of the file: integrity and foreign keys (none on a server)."""
    if store.target.path is None:
        return []
    path: Path = store.target.path

    def integrity() -> tuple[bool, str]:
        with closing(sqlite3.connect(path)) as conn:
            found = [r[0] for r in conn.execute("PRAGMA integrity_check")]
        return found == ["ok"], "; ".join(found[:3])

    def foreign_keys() -> tuple[bool, str]:
        with closing(sqlite3.connect(path)) as conn:
            broken = conn.execute("PRAGMA foreign_key_check").fetchall()
        return not broken, f"{len(broken)} broken references"

    return [_checked("sqlite integrity", integrity), _checked("foreign keys", foreign_keys)]


def backup(target: DatabaseTarget, destination: Path) -> Path:
    """A consistent copy taken while others may be writing (SQLite, or `pg_dump`).

    The copy is private (0600) from its first byte and appears only once complete.
    """
    destination = Path(os.path.abspath(destination.expanduser()))
    if destination.exists():
        raise TargetExists(
            _("{destination} exists already: choose a new file name").format(
                destination=destination
            )
        )
    _make_folder(destination.parent)
    if target.path is None:
        return write_new(destination, lambda out: pg_dump(target, out), what="backup")
    if not target.path.exists():
        raise StoreError(_("there is no database at {path}").format(path=target.path))
    source_path = target.path

    def copy(out: BinaryIO) -> None:
        try:
            out.write(_snapshot(source_path))
        except sqlite3.Error as exc:
            raise StoreError(
                _("backup to {destination} failed: {exc}").format(destination=destination, exc=exc)
            ) from None

    return write_new(destination, copy, what="backup")


def _snapshot(path: Path) -> bytes:
    """The database's pages as of one moment, read in one read transaction."""
    with closing(sqlite3.connect(path, timeout=BUSY_SECONDS)) as source:
        source.execute("BEGIN")
        source.execute("SELECT count(*) FROM sqlite_master").fetchone()
        return source.serialize()


def _make_folder(folder: Path) -> None:
    """A missing folder for a backup is made private to its owner (0700)."""
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    except OSError as exc:
        raise InvalidInput(
            _("cannot make the folder {folder}: {reason}").format(
                folder=folder, reason=exc.strerror or exc
            )
        ) from None
    if not folder.is_dir():
        raise InvalidInput(
            _("cannot write into {folder}: it is not a folder").format(folder=folder)
        )


def restore(target: DatabaseTarget, source: Path) -> Path | None:
    """Replace the store by a backup, checked whole first; the current store is saved
    beside it (PostgreSQL: in the data folder) before it is replaced, and where it was
    saved is returned (None when there was no store)."""
    from sco_cal.store.candidate import checked_sqlite_backup
    from sco_cal.store.engine import ensure_private_file

    source = Path(os.path.abspath(source.expanduser()))
    if target.path is None:
        tables = check_pg_dump(source)
        dumped = save_copy(target, data_dir() / "postgresql.dump", "before-restore")
        pg_restore(target, source, tables)
        return dumped
    with closing(checked_sqlite_backup(source)) as checked:
        saved: Path | None = None
        if target.path.exists():
            saved = save_copy(target, target.path, "before-restore")
        ensure_private_file(target.path)
        try:
            with closing(sqlite3.connect(target.path, timeout=BUSY_SECONDS)) as live:
                checked.backup(live)
        except sqlite3.Error as exc:
            raise StoreError(
                _("restore from {source} failed: {exc}").format(source=source, exc=exc)
            ) from None
    return saved


def save_copy(target: DatabaseTarget, beside: Path, label: str) -> Path:
    """A backup named after `beside`, `label` and the time (`sco-cal.v1-20261123T120000Z.db`);
    a second one in the same second gets `-2`, and so on, never overwriting the first."""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    for n in range(1, 1000):
        suffix = f"-{n}" if n > 1 else ""
        name = beside.with_name(f"{beside.stem}.{label}-{stamp}{suffix}{beside.suffix}")
        try:
            return backup(target, name)
        except TargetExists:
            continue
    raise StoreError(_("cannot find a free name for a copy beside {beside}").format(beside=beside))

"""Checking a backup whole before it replaces the store: a restore that would leave a
broken or foreign store must be refused while the live store is still untouched.

An SQLite backup is read once into memory, checked (integrity, references, the
tables and columns of its schema version) and upgraded there; what is then
restored is that checked copy, so nothing can change between check and copy.
A PostgreSQL dump is listed by `pg_restore` to see that it holds a store.
"""

from __future__ import annotations

import os
import re
import sqlite3
import stat
from pathlib import Path

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _
from sco_cal.store.version import SCHEMA_VERSION

# The tables every version of the store has had (later versions add to them).
STORE_TABLES = (
    "meta",
    "event",
    "source",
    "seed_record",
    "annotation",
    "history",
    "tag",
    "reminder",
)
_SQLITE_HEADER = b"SQLite format 3\x00"


def read_backup_file(source: Path) -> bytes:
    """The bytes of `source`, which must be a regular file (a FIFO or a device is refused
    rather than read for ever)."""
    try:
        fd = os.open(source, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    except FileNotFoundError:
        raise InvalidInput(_("no backup at {source}").format(source=source)) from None
    except OSError as exc:
        raise InvalidInput(
            _("cannot read {source}: {reason}").format(source=source, reason=exc.strerror or exc)
        ) from None
    if not stat.S_ISREG(os.fstat(fd).st_mode):
        os.close(fd)
        raise InvalidInput(
            _("{source} is not a regular file: give a backup file").format(source=source)
        )
    with os.fdopen(fd, "rb") as file:
        try:
            return file.read()
        except OSError as exc:
            raise InvalidInput(
                _("cannot read {source}: {reason}").format(
                    source=source, reason=exc.strerror or exc
                )
            ) from None


def checked_sqlite_backup(source: Path) -> sqlite3.Connection:
    """An in-memory copy of the backup at `source`, checked and upgraded to this
    sco-cal's schema; InvalidInput says what is wrong with it."""
    data = bytearray(read_backup_file(source))
    if not data.startswith(_SQLITE_HEADER):
        raise _refused(source, "it is not an SQLite database")
    # A copy of a WAL-mode file says so in its header (bytes 18 and 19); memory has
    # no write-ahead log, so the copy is read as a plain database.
    data[18:20] = b"\x01\x01"
    copy = sqlite3.connect(":memory:")
    try:
        copy.deserialize(bytes(data))
        _check_sound(copy, source)
        _upgrade(copy, source)
    except sqlite3.Error as exc:
        copy.close()
        raise _refused(source, str(exc)) from None
    except BaseException:
        copy.close()
        raise
    return copy


def _check_sound(copy: sqlite3.Connection, source: Path) -> None:
    problems = [r[0] for r in copy.execute("PRAGMA integrity_check")]
    if problems != ["ok"]:
        raise _refused(source, "it is damaged: " + "; ".join(problems[:2]))
    tables = {r[0] for r in copy.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}
    _check_tables(tables, source)
    found = copy.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    _check_version(found[0] if found else None, source)
    if copy.execute("PRAGMA foreign_key_check").fetchone() is not None:
        raise _refused(source, "some of its rows point to events it does not hold")


def _check_tables(tables: set[str], source: Path) -> None:
    """`tables` has every table of a store (the oldest store had these too)."""
    if missing := [t for t in STORE_TABLES if t not in tables]:
        raise _refused(source, f"it has no table {', '.join(missing)}")


def _check_version(value: object, source: Path) -> None:
    try:
        version = int(str(value))
    except ValueError:
        raise _refused(source, f"its schema version is {value!r}") from None
    if version > SCHEMA_VERSION:
        raise _refused(source, f"it was written by a newer sco-cal (schema {version})")
    if version < 1:
        raise _refused(source, f"its schema version is {version}")


def _upgrade(copy: sqlite3.Connection, source: Path) -> None:
    """Run this sco-cal's upgrades on the copy, then look for every table and column."""
    from sqlalchemy import create_engine, inspect
    from sqlalchemy.exc import SQLAlchemyError
    from sqlalchemy.pool import StaticPool
    from sqlmodel import SQLModel

    from sco_cal.store.migrations import migrate_in

    engine = create_engine("sqlite://", creator=lambda: copy, poolclass=StaticPool)
    try:
        with engine.begin() as conn:
            migrate_in(conn)
            inspector = inspect(conn)
            for table in SQLModel.metadata.sorted_tables:
                have = {c["name"] for c in inspector.get_columns(table.name)}
                if missing := [c.name for c in table.columns if c.name not in have]:
                    raise _refused(source, f"its table {table.name} lacks {', '.join(missing)}")
    except SQLAlchemyError as exc:
        message = str(getattr(exc, "orig", exc)).strip().splitlines()[0]
        raise _refused(source, f"it cannot be brought up to date ({message})") from None


_LISTED_TABLE = re.compile(r"^\d+; \d+ \d+ TABLE (\S+) (\S+) ", re.MULTILINE)


def check_pg_listing(listing: str, source: Path) -> set[tuple[str, str]]:
    """The tables (schema, name) in the table of contents `pg_restore --list` printed for
    `source`, which must hold a store."""
    tables = set(_LISTED_TABLE.findall(listing))
    _check_tables({name for _, name in tables}, source)
    return tables


def _refused(source: Path, why: str) -> InvalidInput:
    return InvalidInput(
        _("{source} is not a sco-cal database that can be restored: {why}").format(
            source=source, why=why
        )
    )

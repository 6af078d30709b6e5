"""Schema creation and upgrades: an ordered list of steps, one transaction for all.

A small list of functions rather than Alembic: the store has a handful of tables,
the steps must run on SQLite and PostgreSQL alike, and users upgrade by simply
running a newer sco-cal, with no migration environment to ship or configure.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Engine, inspect, text
from sqlmodel import SQLModel

import sco_cal.store.schema  # noqa: F401  (registers the tables on SQLModel.metadata)
from sco_cal.domain.errors import StoreError
from sco_cal.store.version import SCHEMA_VERSION

# MIGRATIONS[n] upgrades a store from version n + 1 to n + 2; a new store is created
# from the current tables and stamped with SCHEMA_VERSION directly.
Step = Callable[[Connection], None]


def _add_reminder_delivery(conn: Connection) -> None:
    """Version 2: default reminders from the configuration are delivered once too."""
    from sco_cal.store.schema import ReminderDeliveryRow

    ReminderDeliveryRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def _add_span_days(conn: Connection) -> None:
    """Version 3: each window's length in days, indexed, for fast date-range queries."""
    conn.execute(text("ALTER TABLE event ADD COLUMN span_days INTEGER NOT NULL DEFAULT 0"))
    if conn.dialect.name == "sqlite":
        days = "CAST(julianday(end_date) - julianday(start_date) AS INTEGER)"
    else:
        days = "end_date - start_date"
    conn.execute(text(f"UPDATE event SET span_days = {days}"))
    conn.execute(text("CREATE INDEX ix_event_span_days ON event (span_days)"))


MIGRATIONS: list[Step] = [_add_reminder_delivery, _add_span_days]


def stored_version(conn: Connection) -> int:
    """The store's schema version; 0 for an empty database."""
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> tuple[int, int]:
    """Bring the store to SCHEMA_VERSION; returns (version before, version after)."""
    with engine.begin() as conn:
        lock_schema(conn)
        return migrate_in(conn)


# Any constant will do: every sco-cal that changes the schema takes this one lock.
_SCHEMA_LOCK = 0x5C0CA1


def lock_schema(conn: Connection) -> None:
    """Hold the store's schema for the rest of the transaction, so that of several
    processes finding an old store, one upgrades it and the others wait, then see it done.

    On SQLite every write transaction already starts with the write lock (BEGIN
    IMMEDIATE); PostgreSQL needs an explicit lock, held until commit.
    """
    if conn.dialect.name == "postgresql":
        conn.execute(text("SELECT pg_advisory_xact_lock(:key)"), {"key": _SCHEMA_LOCK})


class ForeignDatabase(StoreError):
    """A database that holds another program's tables and no sco-cal store."""


def _where(conn: Connection) -> str:
    url = conn.engine.url
    return str(url.database) if url.get_backend_name() == "sqlite" else "the database"


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM meta WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )


def migrate_in(conn: Connection, *, adopt: bool = False) -> tuple[int, int]:
    """Like `migrate`, inside the caller's transaction (so creation and seeding are one).

    A database that already holds other tables is not made a store unless `adopt`:
    a mistyped `--db` must not fill another program's database with sco-cal's tables.
    """
    before = stored_version(conn)
    if before == 0 and not adopt and (others := inspect(conn).get_table_names()):
        shown = ", ".join(sorted(others)[:5]) + (", ..." if len(others) > 5 else "")
        raise ForeignDatabase(
            f"{_where(conn)} is not a sco-cal store: it holds other tables ({shown}); "
            "give another --db, or run `sco-cal init --force` to add sco-cal's tables beside them"
        )
    if before > SCHEMA_VERSION:
        raise StoreError(
            f"the store has schema version {before}, newer than this sco-cal "
            f"understands ({SCHEMA_VERSION}): upgrade sco-cal"
        )
    if before == 0:
        SQLModel.metadata.create_all(conn)
    else:
        for step in MIGRATIONS[before - 1 :]:
            step(conn)
    if before != SCHEMA_VERSION:
        _stamp(conn, SCHEMA_VERSION)
    return before, SCHEMA_VERSION

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


def _add_sync_state(conn: Connection) -> None:
    """Version 4: what each CalDAV collection and this store last agreed on."""
    from sco_cal.store.schema import SyncCollectionRow, SyncItemRow

    SyncCollectionRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
    SyncItemRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


MIGRATIONS: list[Step] = [_add_reminder_delivery, _add_span_days, _add_sync_state]


def stored_version(conn: Connection) -> int:
    """The store's schema version; 0 for an empty database."""
    if not inspect(conn).has_table("meta"):
        return 0
    row = conn.execute(text("SELECT value FROM meta WHERE key = 'schema_version'")).first()
    return int(row[0]) if row else 0


def migrate(engine: Engine) -> tuple[int, int]:
    """Bring the store to SCHEMA_VERSION; returns (version before, version after)."""
    with engine.begin() as conn:
        return migrate_in(conn)


def _stamp(conn: Connection, version: int) -> None:
    conn.execute(text("DELETE FROM meta WHERE key = 'schema_version'"))
    conn.execute(
        text("INSERT INTO meta (key, value) VALUES ('schema_version', :v)"), {"v": str(version)}
    )


def migrate_in(conn: Connection) -> tuple[int, int]:
    """Like `migrate`, inside the caller's transaction (so creation and seeding are one)."""
    before = stored_version(conn)
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

"""Schema creation and upgrades: an ordered list of steps, one transaction for all.

A small list of functions rather than Alembic: the store has a handful of tables,
the steps must run on SQLite and PostgreSQL alike, and users upgrade by simply
running a newer sco-cal, with no migration environment to ship or configure.
"""

from __future__ import annotations

from collections.abc import Callable

from sqlalchemy import Connection, Date, Engine, bindparam, inspect, text
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
    """Version 6: what each CalDAV collection and this store last agreed on."""
    from sco_cal.store.schema import SyncCollectionRow, SyncItemRow

    SyncCollectionRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
    SyncItemRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


def _entries_deletions_and_agenda_day(conn: Connection) -> None:
    """Version 4: one history entry per action, listing each field it changed; events
    that a person deleted (and may restore); the agenda's order kept beside each window."""
    _one_entry_per_action(conn)
    conn.execute(text("ALTER TABLE history ADD COLUMN undoes INTEGER"))
    conn.execute(text(f"ALTER TABLE event ADD COLUMN deleted_at {_timestamp(conn)}"))
    _add_agenda_day(conn)


# What the value of an old field-less history row was about, by its action.
_SUBJECT_OF = {
    "created": "status",
    "annotate": "annotation",
    "unannotate": "annotation",
    "tag": "tag",
    "untag": "tag",
    "remind": "reminder",
    "unremind": "reminder",
    "snooze": "reminder",
}


def _one_entry_per_action(conn: Connection) -> None:
    """Rows written by one action (same event, moment, author, action, note and source)
    become one entry; each row's field, old and new value become one of its changes."""
    from sco_cal.store.schema import HistoryChangeRow

    HistoryChangeRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]
    rows = conn.execute(
        text(
            "SELECT id, event_id, at, author, action, note, source, field, old, new "
            "FROM history ORDER BY id"
        )
    ).all()
    leaders: dict[tuple[object, ...], int] = {}
    changes, merged = [], []
    for id_, event_id, at, author, action, note, source, field, old, new in rows:
        key = (event_id, at, author, action, note, source)
        leader = leaders.setdefault(key, id_)
        if leader != id_:
            merged.append({"id": id_})
        if field is not None or old is not None or new is not None:
            name = field or _SUBJECT_OF.get(action, action)
            changes.append({"history_id": leader, "field": name, "old": old, "new": new})
    if changes:
        conn.execute(
            text(
                "INSERT INTO history_change (history_id, field, old, new) "
                "VALUES (:history_id, :field, :old, :new)"
            ),
            changes,
        )
    if merged:
        conn.execute(text("DELETE FROM history WHERE id = :id"), merged)
    if _drops_columns(conn):
        for column in ("field", "old", "new"):
            conn.execute(text(f"ALTER TABLE history DROP COLUMN {column}"))


def _drops_columns(conn: Connection) -> bool:
    # SQLite learnt DROP COLUMN in 3.35; an older library keeps the emptied columns,
    # which nothing reads or writes any more.
    if conn.dialect.name != "sqlite":
        return True
    import sqlite3

    return sqlite3.sqlite_version_info >= (3, 35)


def _timestamp(conn: Connection) -> str:
    return "TIMESTAMP" if conn.dialect.name == "sqlite" else "TIMESTAMP WITH TIME ZONE"


def _add_agenda_day(conn: Connection) -> None:
    from sco_cal.domain.dates import DateWindow, Precision
    from sco_cal.domain.ordering import agenda_day
    from sco_cal.store.mapping import as_date

    conn.execute(text("ALTER TABLE event ADD COLUMN agenda_day DATE NOT NULL DEFAULT '1970-01-01'"))
    rows = conn.execute(text("SELECT id, start_date, end_date, precision FROM event")).all()
    days = [
        {
            "id": id_,
            "day": agenda_day(DateWindow(as_date(start), as_date(end), Precision(precision))),
        }
        for id_, start, end, precision in rows
    ]
    if days:
        update = text("UPDATE event SET agenda_day = :day WHERE id = :id")
        conn.execute(update.bindparams(bindparam("day", type_=Date)), days)
    conn.execute(text("CREATE INDEX ix_event_agenda_day ON event (agenda_day)"))


def _add_follow_up_state(conn: Connection) -> None:
    """Version 5: postponements with no new date (sine die), how each reminder counts
    (before a known day, on a given day, or once the meeting is dated), and when a digest
    last listed each event."""
    from sco_cal.domain.durations import parse_duration
    from sco_cal.store.schema import DigestMarkRow

    for column in ("sine_die_since", "sine_die_follow_up"):
        conn.execute(text(f"ALTER TABLE event ADD COLUMN {column} DATE"))
    conn.execute(text("ALTER TABLE reminder ADD COLUMN mode VARCHAR NOT NULL DEFAULT 'before'"))
    # A reminder typed as a date phrase was always due on that day; one typed as a lead
    # time keeps counting from its event's first day, as it did when it was set.
    on_a_day = [
        row[0]
        for row in conn.execute(text("SELECT id, spec FROM reminder"))
        if parse_duration(row[1]) is None
    ]
    for reminder_id in on_a_day:
        conn.execute(text("UPDATE reminder SET mode = 'on' WHERE id = :id"), {"id": reminder_id})
    DigestMarkRow.__table__.create(conn, checkfirst=True)  # type: ignore[attr-defined]


MIGRATIONS: list[Step] = [
    _add_reminder_delivery,
    _add_span_days,
    _entries_deletions_and_agenda_day,
    _add_follow_up_state,
    _add_sync_state,
]


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

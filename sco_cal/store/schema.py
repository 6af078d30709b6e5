"""The tables: the single source of truth for the database's shape.

What the seed writes (`event`, `source`, `seed_record`) and what people write
(`annotation`, `history` and its `history_change`, `tag`, `reminder`) live in separate
tables, so that re-seeding can never touch a user's words.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import DateTime, Index, Text
from sqlmodel import Field, SQLModel

UTC_TIMESTAMP = DateTime(timezone=True)


class EventBase(SQLModel):
    """An event's own fields, as both the seed and people set them."""

    organisation: str = Field(index=True)
    kind: str
    title: str
    title_en: str
    series: str | None = Field(default=None)
    number: int | None = None
    country: str | None = Field(default=None, index=True)
    cities: str = "[]"  # JSON list of canonical English names
    theme: str | None = None
    start_date: date = Field(index=True)
    end_date: date = Field(index=True)
    precision: str
    date_text: str
    open_ended: bool = False
    start_time: str | None = None
    timezone: str | None = None
    status: str = Field(index=True)
    # Postponed with no new date: since when, and from when it needs follow-up.
    sine_die_since: date | None = None
    sine_die_follow_up: date | None = None
    summary: str | None = None


class EventRow(EventBase, table=True):
    __tablename__ = "event"
    __table_args__ = (Index("ix_event_series_number", "series", "number"),)

    id: str = Field(primary_key=True)
    origin: str = "user"
    version: int = 1
    created_at: datetime = Field(sa_type=UTC_TIMESTAMP)
    updated_at: datetime = Field(sa_type=UTC_TIMESTAMP)
    # Folded titles, places in every spelling, excerpts and notes: what search scans.
    search_text: str = Field(default="", sa_type=Text)
    # Days from start to end: lets a date-range query walk the start-date index over a
    # short stretch and pick the few long (quarter, half-year, year) windows apart.
    span_days: int = Field(default=0, index=True)
    # Where the event's group sorts in the agenda (`domain.ordering`): pages of the
    # agenda walk this index.
    agenda_day: date = Field(index=True)
    # Set when a person deletes the event: it leaves every list but keeps its history,
    # and `sco-cal restore` brings it back.
    deleted_at: datetime | None = Field(default=None, sa_type=UTC_TIMESTAMP)


class DocumentRow(SQLModel, table=True):
    __tablename__ = "document"

    file: str = Field(primary_key=True)
    title: str
    published: date | None = None
    date_note: str | None = None


class SourceRow(SQLModel, table=True):
    __tablename__ = "source"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    document: str
    excerpt: str = Field(sa_type=Text)
    document_date: date | None = None
    origin: str = "seed"


class SeedRecordRow(SQLModel, table=True):
    """The seed's values as last applied: what a user's edit is told apart from."""

    __tablename__ = "seed_record"

    event_id: str = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE")
    data: str = Field(sa_type=Text)  # JSON of the seeded fields
    applied_at: datetime = Field(sa_type=UTC_TIMESTAMP)


class AnnotationRow(SQLModel, table=True):
    __tablename__ = "annotation"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    text: str = Field(sa_type=Text)
    author: str
    created_at: datetime = Field(sa_type=UTC_TIMESTAMP)
    deleted_at: datetime | None = Field(default=None, sa_type=UTC_TIMESTAMP)
    deleted_by: str | None = None


class HistoryRow(SQLModel, table=True):
    """One thing a person (or the seed, an import, a document) did to an event."""

    __tablename__ = "history"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    at: datetime = Field(sa_type=UTC_TIMESTAMP, index=True)
    author: str
    action: str
    note: str | None = Field(default=None, sa_type=Text)
    source: str | None = None
    undoes: int | None = None  # the entry an `undo` reverted


class HistoryChangeRow(SQLModel, table=True):
    """One field an entry of the history changed, from which value to which."""

    __tablename__ = "history_change"

    id: int | None = Field(default=None, primary_key=True)
    history_id: int = Field(foreign_key="history.id", index=True, ondelete="CASCADE")
    field: str
    old: str | None = Field(default=None, sa_type=Text)
    new: str | None = Field(default=None, sa_type=Text)


class TagRow(SQLModel, table=True):
    __tablename__ = "tag"

    event_id: str = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE")
    tag: str = Field(primary_key=True, index=True)


class ReminderRow(SQLModel, table=True):
    __tablename__ = "reminder"

    id: int | None = Field(default=None, primary_key=True)
    event_id: str = Field(foreign_key="event.id", index=True, ondelete="CASCADE")
    due: date = Field(index=True)
    spec: str
    mode: str = "before"  # before (a known day), on (a given day), when-dated
    author: str
    created_at: datetime = Field(sa_type=UTC_TIMESTAMP)
    delivered_at: datetime | None = Field(default=None, sa_type=UTC_TIMESTAMP)
    snoozed_until: date | None = None


class ReminderDeliveryRow(SQLModel, table=True):
    """A default reminder (from the configuration) delivered: it has no row of its own."""

    __tablename__ = "reminder_delivery"

    event_id: str = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE")
    rule_key: str = Field(primary_key=True)
    due: date = Field(primary_key=True)
    delivered_at: datetime = Field(sa_type=UTC_TIMESTAMP)


class DigestMarkRow(SQLModel, table=True):
    """When a digest (one that moved the mark) last listed an event in a section: a date
    still open is listed once a week, not every morning."""

    __tablename__ = "digest_mark"

    event_id: str = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE")
    section: str = Field(primary_key=True)
    listed_on: date  # the digest's today
    listed_at: datetime = Field(sa_type=UTC_TIMESTAMP)  # when it ran


class MetaRow(SQLModel, table=True):
    __tablename__ = "meta"

    key: str = Field(primary_key=True)
    value: str


class SyncCollectionRow(SQLModel, table=True):
    """A calendar collection on a CalDAV server this store syncs with."""

    __tablename__ = "sync_collection"

    url: str = Field(primary_key=True)  # never with credentials in it
    token: str | None = Field(default=None, sa_type=Text)  # the server's sync-token
    synced_at: datetime | None = Field(default=None, sa_type=UTC_TIMESTAMP)


class SyncItemRow(SQLModel, table=True):
    """One event as it was when this store and a collection last agreed on it."""

    __tablename__ = "sync_item"

    collection: str = Field(primary_key=True)
    event_id: str = Field(primary_key=True, foreign_key="event.id", ondelete="CASCADE")
    href: str | None = None  # None: removed from the collection on the server
    etag: str | None = None
    version: int  # the event's version when both sides last agreed
    base: str = Field(sa_type=Text)  # JSON: the synced fields both sides agreed on
    shown: str = Field(sa_type=Text)  # JSON: what calendar programs see, as last written
    uid: str | None = None  # the UID another program gave the event (None: sco-cal's own)

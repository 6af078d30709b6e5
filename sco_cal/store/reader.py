"""The lean read path: plain SQL over a DB-API connection, no ORM on the way.

Listing is what people do most, from the shell and from cron, so it must not pay
for importing SQLAlchemy: on SQLite it runs on the standard library's sqlite3.
Every filter is translated to SQL with exactly the meaning of
`EventFilter.matches`; a test holds the two to the same answers.
"""

from __future__ import annotations

import sqlite3
from collections import defaultdict
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, timedelta
from functools import lru_cache, partial
from pathlib import Path
from typing import Any, Protocol

from sco_cal.domain.dates import EXACT_PRECISIONS
from sco_cal.domain.errors import AmbiguousId, NotFound, StoreError
from sco_cal.domain.event import HIDDEN_KINDS, Event, Excerpt, HistoryEntry
from sco_cal.domain.lifecycle import AWAITING_OUTCOME, CLOSED
from sco_cal.domain.query import EventFilter, Scope, SortKey
from sco_cal.domain.short_ids import ids_with_short_id, looks_short
from sco_cal.i18n import _
from sco_cal.store.mapping import (
    ANNOTATION_COLUMNS,
    EVENT_COLUMNS,
    REMINDER_COLUMNS,
    SOURCE_COLUMNS,
    annotation_from_row,
    as_opt_date,
    entries_from_rows,
    event_from_row,
    history_query,
    reminder_from_row,
    source_from_row,
)
from sco_cal.store.pool import Pool

Row = Sequence[Any]
SHORT_SPAN_DAYS = 31
_IDS = "SELECT id FROM event"
_CHUNK = 500  # ids a query names at most
# Deleted events too: read from the primary key's index alone, five times faster than
# through the rows for `deleted_at`; and a short id kept unique among them stays the same
# when one is restored.
_EVERY_ID = f"{_IDS} ORDER BY id"
_LIVE_NOTES = "(SELECT count(*) FROM annotation a WHERE a.event_id = e.id AND a.deleted_at IS NULL)"
EVENT_SELECT = ", ".join(f"e.{c}" for c in EVENT_COLUMNS) + f", {_LIVE_NOTES}"
# The agenda's order (`domain.ordering`), `direction` ASC or DESC.
AGENDA_ORDER = "e.agenda_day {0}, e.start_date {0}, e.end_date {0}, e.id {0}"


class Rows(Protocol):
    """The one thing the reader needs from a database: rows for a query."""

    @property
    def dialect(self) -> str:
        """`sqlite` or `postgresql`, for the queries whose fast form differs."""
        ...

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]: ...

    def close(self) -> None: ...


class SqliteRows:
    """Rows from an SQLite file through the standard library, on pooled read-only
    connections (the TUI's worker threads read side by side)."""

    dialect = "sqlite"

    def __init__(self, path: Path, timeout: float = 30.0) -> None:
        self._path, self._timeout = path, timeout
        self._pool = Pool(self._connect)
        with self._pool.borrow():
            pass  # a file that cannot be opened is said at once

    def _connect(self) -> sqlite3.Connection:
        try:
            conn = sqlite3.connect(self._path, timeout=self._timeout, check_same_thread=False)
            conn.execute("PRAGMA query_only = ON")
            # Scans read the file through the OS page cache, shared by every connection.
            conn.execute("PRAGMA mmap_size = 268435456")
        except sqlite3.Error as exc:
            raise sqlite_store_error(exc, self._path) from None
        return conn

    def fetch(self, sql: str, params: Mapping[str, Any]) -> list[Row]:
        plain = sqlite_params(params)
        with self._pool.borrow() as conn:
            try:
                return conn.execute(sql, plain).fetchall()
            except sqlite3.Error as exc:
                raise sqlite_store_error(exc, self._path) from None
            except UnicodeDecodeError:
                raise damaged_store(self._path, "text that is not UTF-8") from None

    def close(self) -> None:
        self._pool.close()


def sqlite_store_error(exc: Exception, path: Path) -> StoreError:
    """What an SQLite error means for the person who named the file."""
    message = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
    if "file is not a database" in message:
        return StoreError(_("{path} is not an SQLite database").format(path=path))
    if "malformed" in message or "corrupt" in message:
        return damaged_store(path, message)
    if "readonly" in message.replace(" ", "").lower():
        return StoreError(_("the database is read-only: {message}").format(message=message))
    return StoreError(
        _("cannot read the database {path}: {message}").format(path=path, message=message)
    )


def damaged_store(path: Path, what: str) -> StoreError:
    return StoreError(
        _(
            "the database {path} is damaged ({what}): see `sco-cal db check`; "
            "`sco-cal db restore` puts a backup back"
        ).format(path=path, what=what)
    )


def sqlite_value(value: Any) -> Any:
    """A parameter as SQLAlchemy stores it in SQLite, so comparisons with stored text hold."""
    if isinstance(value, datetime):
        return _stamp_text(value)
    return value.isoformat() if isinstance(value, date) else value


# What SQLite takes as it is: most of the values of a row (an import's million).
_AS_GIVEN = frozenset({str, int, float, bool, bytes, type(None)})


def sqlite_params(params: Mapping[str, Any]) -> dict[str, Any]:
    """Parameters as `sqlite_value` gives them."""
    as_given = _AS_GIVEN
    return {k: v if type(v) in as_given else sqlite_value(v) for k, v in params.items()}


def sqlite_row(values: Sequence[Any]) -> list[Any]:
    """A row of positional parameters as `sqlite_value` gives them."""
    as_given = _AS_GIVEN
    return [v if type(v) in as_given else sqlite_value(v) for v in values]


@lru_cache(maxsize=256)  # a write stamps each of its rows with the same moment
def _stamp_text(value: datetime) -> str:
    # Stored timestamps are naive UTC text with a space: "2026-11-23 13:17:27.696573".
    aware = value if value.tzinfo is not None else value.replace(tzinfo=UTC)
    return aware.astimezone(UTC).strftime("%Y-%m-%d %H:%M:%S.%f")


class Reader:
    """Queries for everything the CLI and the TUI display."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    @property
    def rows(self) -> Rows:
        """The connection's rows, for read modules beside this one (reminders, digest)."""
        return self._rows

    def close(self) -> None:
        self._rows.close()

    def schema_version(self) -> int:
        try:
            found = self._rows.fetch("SELECT value FROM meta WHERE key = 'schema_version'", {})
        except StoreError as exc:
            if "no such table" in str(exc) or "does not exist" in str(exc):
                return 0  # an empty database, not a broken one
            raise
        return int(found[0][0]) if found else 0

    def events(
        self,
        flt: EventFilter,
        today: date,
        *,
        sort: SortKey = SortKey.DATE,
        limit: int | None = None,
        details: bool = False,
    ) -> list[Event]:
        """Events matching `flt`, sorted; with `details`, their sources, notes and tags."""
        paged = sort is SortKey.DATE and limit is not None
        where, params = where_clause(flt, today, self._rows.dialect, paged=paged)
        sql = f"SELECT {EVENT_SELECT} FROM event e WHERE {where}"
        if sort is SortKey.DATE:
            sql += " ORDER BY " + AGENDA_ORDER.format("ASC")
            if limit is not None:
                sql += f" LIMIT {int(limit)}"
        rows = self._rows.fetch(sql, params)
        if details and sort is SortKey.DATE:  # each event built once, with its details
            # Without a limit, the details of every event the filter matches are read
            # with one query a table rather than one per 500 ids (an export's 60 queries).
            matching = (where, params) if limit is None and len(rows) > _CHUNK else None
            return self._built_with_details(rows, matching)
        events = [event_from_row(r[:-1], r[-1]) for r in rows]
        if sort is not SortKey.DATE:
            events.sort(key=_SORTS[sort])
            events = events[:limit] if limit is not None else events
        return self._with_details(events) if details else events

    def deleted_events(self, limit: int) -> list[Event]:
        sql = (
            f"SELECT {EVENT_SELECT} FROM event e WHERE e.deleted_at IS NOT NULL "
            f"ORDER BY e.deleted_at DESC, e.id LIMIT {int(limit)}"
        )
        return [event_from_row(r[:-1], r[-1]) for r in self._rows.fetch(sql, {})]

    def count_matching(self, flt: EventFilter, today: date) -> int:
        where, params = where_clause(flt, today, self._rows.dialect)
        return int(self._rows.fetch(f"SELECT count(*) FROM event e WHERE {where}", params)[0][0])

    def resolve_id(self, text: str, *, deleted: bool = False) -> str:
        """The id that `text` names exactly, as a unique prefix, or as the short id of a
        narrow table; among deleted events when `deleted`."""
        live = "IS NOT NULL" if deleted else "IS NULL"
        # The whole id, as typed and as the TUI passes it, is found on the key's index;
        # the prefix search scans every id (LIKE ignores case, which the index cannot).
        if self._rows.fetch(
            f"SELECT 1 FROM event WHERE id = :id AND deleted_at {live}", {"id": text}
        ):
            return text
        found = self._rows.fetch(
            f"SELECT id FROM event WHERE deleted_at {live} AND "
            "(id = :id OR id LIKE :prefix ESCAPE '\\') ORDER BY id",
            {"id": text, "prefix": _escape_like(text) + "%"},
        )
        ids = [r[0] for r in found]
        if text in ids:
            return text
        if not ids and looks_short(text):
            ids = self._by_short_id(text, live)
        if not ids:
            raise NotFound(self._not_found(text, deleted))
        if len(ids) > 1:
            shown = ", ".join(ids[:5]) + (", ..." if len(ids) > 5 else "")
            raise AmbiguousId(
                _("'{text}' matches {n} events: {ids}").format(text=text, n=len(ids), ids=shown)
            )
        return str(ids[0])

    def all_ids(self) -> list[str]:
        """Every event's id, deleted ones too, sorted: what short ids are made unique among."""
        return [r[0] for r in self._rows.fetch(_EVERY_ID, {})]

    def _by_short_id(self, text: str, live: str) -> list[str]:
        ids = [str(r[0]) for r in self._rows.fetch(f"{_IDS} WHERE deleted_at {live}", {})]
        return ids_with_short_id(text, ids)

    def _not_found(self, text: str, deleted: bool) -> str:
        if deleted:
            return _("no deleted event with id '{id}'").format(id=text)
        gone = self._rows.fetch(
            "SELECT id FROM event WHERE deleted_at IS NOT NULL AND "
            "(id = :id OR id LIKE :prefix ESCAPE '\\') ORDER BY id LIMIT 1",
            {"id": text, "prefix": _escape_like(text) + "%"},
        )
        if gone:
            return _("'{id}' was deleted: `sco-cal restore {found}` brings it back").format(
                id=text, found=gone[0][0]
            )
        return _("no event with id '{id}'").format(id=text)

    def event(self, event_id: str, *, everything: bool = True) -> Event:
        """One event with its sources, live notes and tags (what its search text is made
        of); with `everything`, also its deleted notes, history and reminders."""
        if everything:
            return self.excerpt(event_id).event
        (found,) = self._with_details([self.bare_event(event_id)])
        return found

    def excerpt(self, event_id: str, newest: int | None = None) -> Excerpt:
        """One event with its sources, tags, reminders, notes (deleted ones too) and
        history: all of them, or of the notes and of the history the newest `newest`,
        with how many there are in all. A screen redrawn at every colleague's note reads
        50 of an event's 900 notes, not all of them and their history."""
        event = self.bare_event(event_id)
        related = partial(self._related, ids=[event_id])
        sources = related(SOURCE_COLUMNS, "source", order="id")[event_id]
        tags = related(("event_id", "tag"), "tag", order="tag")[event_id]
        limit = "" if newest is None else f" LIMIT {int(newest)}"
        notes = self._rows.fetch(
            f"SELECT {', '.join(ANNOTATION_COLUMNS)} FROM annotation WHERE event_id = :id "
            f"ORDER BY created_at DESC, id DESC{limit}",
            {"id": event_id},
        )
        history = self.history(event_id=event_id, limit=newest)
        reminders = self._rows.fetch(
            f"SELECT {', '.join(REMINDER_COLUMNS)} FROM reminder "
            "WHERE event_id = :id ORDER BY due, id",
            {"id": event_id},
        )
        full = replace(
            event,
            sources=tuple(source_from_row(r) for r in sources),
            annotations=tuple(annotation_from_row(r) for r in reversed(notes)),
            tags=tuple(r[1] for r in tags),
            history=tuple(reversed(history)),
            reminders=tuple(reminder_from_row(r) for r in reminders),
        )
        return Excerpt(
            full,
            self._in_all("annotation", event_id, len(notes), newest),
            self._in_all("history", event_id, len(history), newest),
        )

    def bare_event(self, event_id: str) -> Event:
        """One event's own fields, without its sources, notes, tags, history or reminders."""
        found = self._rows.fetch(
            f"SELECT {EVENT_SELECT} FROM event e WHERE e.id = :id", {"id": event_id}
        )
        if not found:
            raise NotFound(_("no event with id '{id}'").format(id=event_id))
        return event_from_row(found[0][:-1], found[0][-1])

    def _in_all(self, table: str, event_id: str, read: int, newest: int | None) -> int:
        """How many rows of `table` the event has, when `read` of them may not be all."""
        if newest is None or read < newest:
            return read
        sql = f"SELECT count(*) FROM {table} WHERE event_id = :id"
        return int(self._rows.fetch(sql, {"id": event_id})[0][0])

    def history(
        self,
        *,
        event_id: str | None = None,
        since: datetime | None = None,
        limit: int | None = None,
        oldest_first: bool = False,
        author: str | None = None,
    ) -> list[HistoryEntry]:
        """Recorded entries with their changes, newest first unless `oldest_first`."""
        clauses, params = ["1 = 1"], dict[str, Any]()
        if event_id is not None:
            clauses.append("h.event_id = :event_id")
            params["event_id"] = event_id
        if since is not None:
            clauses.append("h.at > :since")
            params["since"] = since
        if author is not None:
            clauses.append("h.author = :author")
            params["author"] = author
        order = "ASC" if oldest_first else "DESC"
        sql = history_query(" AND ".join(clauses), f"h.at {order}, h.id {order}", limit)
        return entries_from_rows(self._rows.fetch(sql, params))

    def document_published(self, file: str) -> date | None:
        """The publication date the store knows for a source document, if any."""
        found = self._rows.fetch("SELECT published FROM document WHERE file = :f", {"f": file})
        return as_opt_date(found[0][0]) if found else None

    def count(self) -> int:
        """How many events there are, deleted ones left out."""
        return int(
            self._rows.fetch("SELECT count(*) FROM event WHERE deleted_at IS NULL", {})[0][0]
        )

    def scalar(self, sql: str, params: Mapping[str, Any] | None = None) -> Any:
        """The first column of the first row of a query (for checks and counts)."""
        rows = self._rows.fetch(sql, params or {})
        return rows[0][0] if rows else None

    def _with_details(self, events: list[Event]) -> list[Event]:
        if not events:
            return events
        sources, notes, tags = self._details([e.id for e in events])
        return [
            replace(
                e,
                sources=tuple(source_from_row(r) for r in sources[e.id]),
                annotations=tuple(annotation_from_row(r) for r in notes[e.id]),
                tags=tuple(r[1] for r in tags[e.id]),
            )
            for e in events
        ]

    def _built_with_details(
        self, rows: list[Row], matching: tuple[str, dict[str, Any]] | None = None
    ) -> list[Event]:
        """Events from their rows, with sources, live notes and tags: the same as
        `_with_details`, without building each event twice (an export of 10,000
        events spent a third of its reading in `replace`). `matching` is the filter's
        WHERE clause (on alias `e`) and its parameters, when the rows are all it picks."""
        sources, notes, tags = self._details([r[0] for r in rows], matching)
        return [
            event_from_row(
                r[:-1],
                r[-1],
                sources=tuple(source_from_row(s) for s in sources[r[0]]),
                annotations=tuple(annotation_from_row(n) for n in notes[r[0]]),
                tags=tuple(t[1] for t in tags[r[0]]),
            )
            for r in rows
        ]

    def _details(
        self,
        ids: list[str],
        matching: tuple[str, dict[str, Any]] | None = None,
    ) -> tuple[dict[str, list[Row]], dict[str, list[Row]], dict[str, list[Row]]]:
        """Each event's sources, live notes and tags."""
        related = partial(self._related, ids=ids, matching=matching)
        sources = related(SOURCE_COLUMNS, "source", order="id")
        live = " AND deleted_at IS NULL"
        notes = related(ANNOTATION_COLUMNS, "annotation", order="created_at, id", extra=live)
        tags = related(("event_id", "tag"), "tag", order="tag")
        return sources, notes, tags

    def _related(
        self,
        columns: Sequence[str],
        table: str,
        *,
        ids: list[str],
        order: str,
        extra: str = "",
        matching: tuple[str, dict[str, Any]] | None = None,
    ) -> dict[str, list[Row]]:
        """The rows of `table` for each event, in `order`: those of `ids`, or of every
        event `matching` picks (one query, however many they are)."""
        by_event: dict[str, list[Row]] = defaultdict(list)
        event_col = columns.index("event_id")
        select = f"SELECT {', '.join(columns)} FROM {table} WHERE event_id IN"
        queries: list[tuple[str, dict[str, Any]]] = []
        if matching is not None:
            where, params = matching
            picked = f"SELECT e.id FROM event e WHERE {where}"
            queries.append((f"{select} ({picked}){extra} ORDER BY {order}", params))
        else:
            for chunk_start in range(0, len(ids), _CHUNK):
                params = {}
                marks = _in_list("i", ids[chunk_start : chunk_start + _CHUNK], params)
                queries.append((f"{select} ({marks}){extra} ORDER BY {order}", params))
        for sql, params in queries:
            for row in self._rows.fetch(sql, params):
                by_event[row[event_col]].append(row)
        return by_event


def where_clause(
    flt: EventFilter, today: date, dialect: str, *, paged: bool = False
) -> tuple[str, dict[str, Any]]:
    """SQL conditions (on alias `e`) with the meaning of `EventFilter.matches`, in the form
    `dialect`'s planner answers fastest; `paged`: for a query that takes the first
    matches in an index's order (ORDER BY ... LIMIT)."""
    clauses: list[str] = ["e.deleted_at IS NULL"]
    params: dict[str, Any] = {"today": today}
    # A meeting postponed sine die stays upcoming: it has no window left to end.
    upcoming = (
        "(e.end_date >= :today OR e.sine_die_since IS NOT NULL) "
        f"AND e.status NOT IN ({_in_list('cl', CLOSED, params)})"
    )
    if flt.scope is Scope.UPCOMING:
        clauses.append(upcoming)
    elif flt.scope is Scope.PAST:
        clauses.append("e.end_date < :today")
    elif flt.scope is Scope.AGENDA:
        clauses.append(f"(({upcoming}) OR ({follow_up_condition(params)}))")
    if flt.exact is not None:
        known = _in_list("kd", EXACT_PRECISIONS, params)
        clauses.append(f"e.precision {'' if flt.exact else 'NOT '}IN ({known})")
    for column, values, key in (
        ("organisation", flt.organisations, "org"),
        ("country", flt.countries, "cc"),
        ("status", flt.statuses, "st"),
        ("series", flt.series, "se"),
    ):
        if values:
            clauses.append(f"e.{column} IN ({_in_list(key, values, params)})")
    if flt.kinds:
        clauses.append(f"e.kind IN ({_in_list('k', flt.kinds, params)})")
    else:
        clauses.append(f"e.kind NOT IN ({_in_list('hk', HIDDEN_KINDS, params)})")
    if flt.cities:
        clauses.append(_any_like("e.cities", "ci", [f'%"{c}"%' for c in flt.cities], params))
    if flt.themes:
        ors = []
        for i, theme in enumerate(flt.themes):
            params[f"th{i}"], params[f"thp{i}"] = theme, _escape_like(theme) + ".%"
            ors.append(f"e.theme = :th{i} OR e.theme LIKE :thp{i} ESCAPE '\\'")
        clauses.append("(" + " OR ".join(ors) + ")")
    if flt.tags:
        marks = _in_list("tg", flt.tags, params)
        clauses.append(
            f"EXISTS (SELECT 1 FROM tag t WHERE t.event_id = e.id AND t.tag IN ({marks}))"
        )
    if flt.date_from is not None:
        clauses.append("e.end_date >= :date_from")
        params["date_from"] = flt.date_from
        if flt.date_to is not None:
            clauses.append(_starts_near(dialect, paged))
            params["short_from"] = flt.date_from - timedelta(days=SHORT_SPAN_DAYS)
    if flt.date_to is not None:
        clauses.append("e.start_date <= :date_to")
        params["date_to"] = flt.date_to
    if flt.follow_up:
        clauses.append(follow_up_condition(params))
    if flt.annotated:
        clauses.append(f"{_LIVE_NOTES} > 0")
    for i, term in enumerate(flt.terms):
        params[f"q{i}"] = "%" + _escape_like(term) + "%"
        clauses.append(f"e.search_text LIKE :q{i} ESCAPE '\\'")
    return " AND ".join(clauses) or "1 = 1", params


def _starts_near(dialect: str, paged: bool) -> str:
    """Windows starting from `:short_from` to `:date_to`, or longer than a short span: with
    the conditions on both ends of a date range, the same rows, found fast. Short windows
    must start shortly before the range, so the start-date index covers them; long ones
    are few and have their own index."""
    long = f"span_days > {SHORT_SPAN_DAYS}"
    if dialect == "sqlite":
        # SQLite walks both indexes at once (a multi-index OR) when the long windows come
        # as a list of ids, and reads each row by its rowid: half the time of a list of
        # all the ids, each looked up by its key. Given the bare OR, it walks the
        # start-date index from its first day.
        return (
            "((e.start_date >= :short_from AND e.start_date <= :date_to) "
            f"OR e.id IN (SELECT id FROM event WHERE {long}))"
        )
    if paged:
        # Given an OR, PostgreSQL may walk the index of ORDER BY ... LIMIT and filter
        # nearly every row (it expects the matches spread over it); a semi-join on the
        # ids of both ranges keeps to them.
        return (
            "e.id IN (SELECT id FROM event WHERE start_date >= :short_from AND "
            f"start_date <= :date_to UNION ALL SELECT id FROM event WHERE {long})"
        )
    # PostgreSQL ORs the bitmaps of both indexes, a fifth of the time of the semi-join.
    return f"((e.start_date >= :short_from AND e.start_date <= :date_to) OR e.{long})"


def follow_up_condition(params: dict[str, Any]) -> str:
    """SQL (on alias `e`) for `needs_follow_up`, against the parameter `:today`."""
    marks = _in_list("aw", AWAITING_OUTCOME, params)
    return (
        f"e.status IN ({marks}) AND CASE WHEN e.sine_die_since IS NULL "
        "THEN e.end_date < :today "
        "ELSE COALESCE(e.sine_die_follow_up, e.sine_die_since) <= :today END"
    )


def _in_list(prefix: str, values: Iterable[object], params: dict[str, Any]) -> str:
    names = []
    for i, value in enumerate(sorted(str(v) for v in values)):
        params[f"{prefix}{i}"] = value
        names.append(f":{prefix}{i}")
    return ", ".join(names)


def _any_like(column: str, prefix: str, patterns: list[str], params: dict[str, Any]) -> str:
    ors = []
    for i, pattern in enumerate(patterns):
        params[f"{prefix}{i}"] = pattern
        ors.append(f"{column} LIKE :{prefix}{i}")
    return "(" + " OR ".join(ors) + ")"


def _escape_like(text: str) -> str:
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


_SORTS: dict[SortKey, Any] = {
    SortKey.TITLE: lambda e: (e.title_en.casefold(), e.window.start),
    SortKey.COUNTRY: lambda e: (e.country or "~", e.window.start),
    SortKey.STATUS: lambda e: (e.status.value, e.window.start),
    SortKey.ORGANISATION: lambda e: (e.organisation, e.window.start),
    SortKey.UPDATED: lambda e: (e.updated_at.timestamp() if e.updated_at else 0.0, e.id),
}

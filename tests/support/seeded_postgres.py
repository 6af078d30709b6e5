"""One seeded PostgreSQL database per test worker, put back as seeded before each test.

Cloning the seeded template for every test (`CREATE DATABASE ... TEMPLATE`) copies the
whole catalogue through the WAL: a tenth of a second on an idle machine, most of a
second on a busy one. Emptying the store's tables and copying the seeded rows back in
costs a few milliseconds, and most tests only read: a database found as seeded is not
written at all. A database is reused only when that provably gives what a clone would:
its catalogue (everything a test could change besides rows, down to database settings
and planner statistics) must equal the template's, the reset must finish without
waiting on a lock, and nobody else may still be connected to it.
Otherwise it is dropped and a fresh clone made, as before.
"""

from __future__ import annotations

import time
from collections.abc import Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from tests.support.databases import (
    admin_url,
    create_postgres_database,
    drop_postgres_database,
    postgres_url,
)

if TYPE_CHECKING:
    import psycopg

# The schemas a test could have added objects to: all but PostgreSQL's own.
_USER_SCHEMAS = "n.nspname NOT LIKE 'pg\\_%' AND n.nspname <> 'information_schema'"

# Every catalogue row a test could change besides table rows and sequence values,
# named rather than numbered (OIDs change when a restore recreates the tables), as
# sorted text. Objects PostgreSQL made for the database's own use (oid < 16384) are
# left out where a catalogue holds both. The planner's statistics (pg_class sizes,
# pg_statistic) are left out too: they choose plans, not results, and clones already
# differ in them, as autovacuum analyses the template part-way through a session.
_FINGERPRINT = f"""
SELECT 'database', concat_ws(' | ', d.datdba::regrole, d.datallowconn, d.datconnlimit,
       d.datacl, d.datistemplate, d.dattablespace, shobj_description(d.oid, 'pg_database'))
  FROM pg_database d WHERE d.datname = current_database()
UNION ALL
SELECT 'setting', concat_ws(' | ', s.setrole, s.setconfig)
  FROM pg_db_role_setting s JOIN pg_database d ON d.oid = s.setdatabase
 WHERE d.datname = current_database()
UNION ALL
SELECT 'schema', concat_ws(' | ', n.nspname, n.nspowner::regrole, n.nspacl,
       obj_description(n.oid, 'pg_namespace'))
  FROM pg_namespace n WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'relation', concat_ws(' | ', n.nspname, c.relname, c.relkind, c.relowner::regrole,
       c.relacl, c.relpersistence, c.relrowsecurity, c.relforcerowsecurity, c.relreplident,
       c.reloptions, c.reltablespace, c.relispartition, c.relhasrules, c.relhastriggers,
       c.reltype::regtype, c.reloftype,
       obj_description(c.oid, 'pg_class'),
       CASE WHEN c.relkind IN ('v', 'm') THEN pg_get_viewdef(c.oid) END,
       CASE WHEN c.relkind = 'i' THEN pg_get_indexdef(c.oid) END,
       CASE WHEN c.relkind = 'p' THEN pg_get_partkeydef(c.oid) END,
       CASE WHEN c.relispartition THEN pg_get_expr(c.relpartbound, c.oid) END)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'column', concat_ws(' | ', a.attrelid::regclass, a.attnum, a.attname,
       format_type(a.atttypid, a.atttypmod), a.attnotnull, a.attidentity, a.attgenerated,
       a.attisdropped, a.attcollation, a.attacl, a.attoptions, a.attfdwoptions,
       a.attstattarget, a.attstorage, a.attcompression, a.atthasmissing,
       pg_get_expr(ad.adbin, ad.adrelid), col_description(a.attrelid, a.attnum))
  FROM pg_attribute a JOIN pg_class c ON c.oid = a.attrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace
  LEFT JOIN pg_attrdef ad ON ad.adrelid = a.attrelid AND ad.adnum = a.attnum
 WHERE a.attnum > 0 AND {_USER_SCHEMAS}
UNION ALL
SELECT 'index', concat_ws(' | ', i.indexrelid::regclass, i.indisunique, i.indisprimary,
       i.indisclustered, i.indisvalid, i.indisready, i.indislive, i.indisreplident)
  FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'constraint', concat_ws(' | ', n.nspname, con.conname, con.contype,
       con.conrelid::regclass, con.contypid::regtype, pg_get_constraintdef(con.oid),
       con.condeferrable, con.condeferred, con.convalidated, con.conislocal)
  FROM pg_constraint con JOIN pg_namespace n ON n.oid = con.connamespace
 WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'trigger', concat_ws(' | ', t.tgrelid::regclass, t.tgenabled, t.tgisinternal,
       CASE WHEN t.tgisinternal THEN concat(t.tgfoid::regproc, ' ', t.tgtype)
            ELSE pg_get_triggerdef(t.oid) END)
  FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'rule', concat_ws(' | ', r.ev_class::regclass, r.rulename, r.ev_enabled,
       pg_get_ruledef(r.oid))
  FROM pg_rewrite r JOIN pg_class c ON c.oid = r.ev_class
  JOIN pg_namespace n ON n.oid = c.relnamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'policy', concat_ws(' | ', p.polrelid::regclass, p.polname, p.polcmd,
       p.polpermissive, p.polroles::regrole[], pg_get_expr(p.polqual, p.polrelid),
       pg_get_expr(p.polwithcheck, p.polrelid))
  FROM pg_policy p
UNION ALL
SELECT 'function', concat_ws(' | ', n.nspname, p.proname,
       pg_get_function_identity_arguments(p.oid), p.prokind, p.proowner::regrole,
       p.proacl, p.prosecdef, p.proconfig, p.provolatile, p.prorettype::regtype,
       md5(p.prosrc), obj_description(p.oid, 'pg_proc'))
  FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'type', concat_ws(' | ', n.nspname, t.typname, t.typtype, t.typowner::regrole,
       t.typacl, t.typnotnull, t.typdefault, t.typbasetype::regtype,
       (SELECT string_agg(e.enumlabel, ',' ORDER BY e.enumsortorder)
          FROM pg_enum e WHERE e.enumtypid = t.oid))
  FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace WHERE {_USER_SCHEMAS}
UNION ALL
SELECT 'sequence', concat_ws(' | ', s.seqrelid::regclass, s.seqtypid::regtype, s.seqstart,
       s.seqincrement, s.seqmax, s.seqmin, s.seqcache, s.seqcycle,
       (SELECT string_agg(concat(dep.refobjid::regclass, '.', dep.refobjsubid, dep.deptype), ',')
          FROM pg_depend dep
         WHERE dep.classid = 'pg_class'::regclass AND dep.objid = s.seqrelid
           AND dep.refclassid = 'pg_class'::regclass))
  FROM pg_sequence s
UNION ALL
SELECT 'extension', concat_ws(' | ', e.extname, e.extversion, e.extnamespace::regnamespace,
       e.extowner::regrole)
  FROM pg_extension e
UNION ALL
SELECT 'default acl', concat_ws(' | ', a.defaclrole::regrole, a.defaclnamespace,
       a.defaclobjtype, a.defaclacl)
  FROM pg_default_acl a
UNION ALL
SELECT 'other object', concat_ws(' | ', kind, name)
  FROM (SELECT 'collation' AS kind, collname::text AS name FROM pg_collation WHERE oid >= 16384
        UNION ALL SELECT 'operator', oid::regoperator::text FROM pg_operator WHERE oid >= 16384
        UNION ALL SELECT 'opclass', opcname FROM pg_opclass WHERE oid >= 16384
        UNION ALL SELECT 'opfamily', opfname FROM pg_opfamily WHERE oid >= 16384
        UNION ALL SELECT 'cast', concat(castsource::regtype, '->', casttarget::regtype)
                    FROM pg_cast WHERE oid >= 16384
        UNION ALL SELECT 'conversion', conname FROM pg_conversion WHERE oid >= 16384
        UNION ALL SELECT 'text search', cfgname FROM pg_ts_config WHERE oid >= 16384
        UNION ALL SELECT 'text search', dictname FROM pg_ts_dict WHERE oid >= 16384
        UNION ALL SELECT 'language', lanname FROM pg_language WHERE oid >= 16384
        UNION ALL SELECT 'publication', pubname FROM pg_publication
        UNION ALL SELECT 'foreign server', srvname FROM pg_foreign_server
        UNION ALL SELECT 'statistics object', stxname FROM pg_statistic_ext
        UNION ALL SELECT 'large object', oid::text FROM pg_largeobject_metadata
        UNION ALL SELECT 'prepared transaction', gid FROM pg_prepared_xacts
                   WHERE database = current_database()) AS others
"""

# The store's tables, parents before the tables whose foreign keys point at them.
_TABLES = f"""
SELECT c.oid, quote_ident(n.nspname) || '.' || quote_ident(c.relname),
       array(SELECT quote_ident(a.attname) FROM pg_attribute a
              WHERE a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
                AND a.attgenerated = '' ORDER BY a.attnum),
       array(SELECT con.confrelid FROM pg_constraint con
              WHERE con.conrelid = c.oid AND con.contype = 'f' AND con.confrelid <> c.oid)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind IN ('r', 'p') AND {_USER_SCHEMAS}
 ORDER BY 2
"""

_SEQUENCES = f"""
SELECT quote_ident(n.nspname) || '.' || quote_ident(c.relname)
  FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
 WHERE c.relkind = 'S' AND {_USER_SCHEMAS}
 ORDER BY 1
"""

# Client sessions only: an autovacuum worker gives way to the reset's locks.
_OTHER_SESSIONS = (
    "SELECT count(*) FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid() "
    "AND backend_type = 'client backend'"
)


def fingerprint(conn: psycopg.Connection[Any]) -> list[tuple[str, str]]:
    """What a test could have changed in the connected database besides its rows."""
    rows = conn.execute(_FINGERPRINT).fetchall()
    return sorted((kind, text or "") for kind, text in rows)


@dataclass(frozen=True)
class _Table:
    name: str
    columns: tuple[str, ...]
    rows: bytes

    @property
    def column_list(self) -> str:
        return ", ".join(self.columns)


@dataclass(frozen=True)
class Seeded:
    """The seeded template as read once: its fingerprint, rows and sequence values."""

    fingerprint: list[tuple[str, str]]
    tables: tuple[_Table, ...]  # parents first
    sequences: tuple[tuple[str, int, bool], ...]

    @classmethod
    def read(cls, conn: psycopg.Connection[Any]) -> Seeded:
        with conn.transaction():
            conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
            found = conn.execute(_TABLES).fetchall()
            tables = [
                _Table(name, tuple(columns), _copy_out(conn, name, ", ".join(columns)))
                for _oid, name, columns, _parents in _parents_first(found)
            ]
            names = [name for (name,) in conn.execute(_SEQUENCES).fetchall()]
            sequences = _sequence_values(conn, names)
            return cls(fingerprint(conn), tuple(tables), tuple(sequences))

    def table_names(self) -> list[str]:
        return sorted(t.name for t in self.tables)


def _parents_first(found: list[tuple[Any, ...]]) -> list[tuple[Any, ...]]:
    """The tables ordered so that each comes after every table its foreign keys name."""
    by_oid = {row[0]: row for row in found}
    ordered: list[tuple[Any, ...]] = []
    placed: set[Any] = set()

    def place(oid: Any, path: frozenset[Any]) -> None:
        if oid in placed or oid not in by_oid:
            return
        if oid in path:
            raise RuntimeError("foreign keys in a cycle: the seeded rows have no safe order")
        for parent in by_oid[oid][3]:
            place(parent, path | {oid})
        placed.add(oid)
        ordered.append(by_oid[oid])

    for row in found:
        place(row[0], frozenset())
    return ordered


class NotAsSeeded(Exception):
    """The database cannot be proven as seeded; a fresh clone is needed."""


class WorkerDatabase:
    """A database of this worker's own, put back as seeded before each test.

    `outcomes` counts what each test got: "kept" (the database reused as the test before
    left it, which was as seeded), "reset" (reused, its rows written again) or "created"
    (a fresh clone), and why a clone was needed, for the tests of this class.
    """

    LOCK_TIMEOUT = "2s"
    # A session a test closed may linger a moment while its backend exits.
    SETTLE_SECONDS = 1.0

    def __init__(self, server: str, template: str) -> None:
        import psycopg

        self._server = server
        self._template = template
        with psycopg.connect(self._libpq(template), autocommit=True) as conn:
            self.seeded = Seeded.read(conn)
        self._name: str | None = None
        self.outcomes: list[str] = []

    @property
    def name(self) -> str | None:
        return self._name

    def _libpq(self, name: str) -> str:
        return postgres_url(self._server, name).replace("postgresql+psycopg://", "postgresql://")

    def database(self) -> Iterator[str]:
        """The seeded database for one test (a generator, for a fixture)."""
        name = self.acquire()
        try:
            yield postgres_url(self._server, name)
        finally:
            self.release()

    def acquire(self) -> str:
        if self._name is not None:
            try:
                self.outcomes.append(self._reset(self._name))
                return self._name
            except Exception as exc:  # anything unproven: start again from a clone
                self.outcomes.append(f"created: {type(exc).__name__}: {exc}")
                self._drop()
        else:
            self.outcomes.append("created")
        self._name = create_postgres_database(self._server, self._template)
        return self._name

    def release(self) -> None:
        """After a test: a database someone is still connected to is never reused."""
        if self._name is not None and self._others_connected(self._name):
            self.outcomes.append("dropped: a session was still connected")
            self._drop()

    def close(self) -> None:
        self._drop()

    def _drop(self) -> None:
        name, self._name = self._name, None
        if name is not None:
            drop_postgres_database(self._server, name)

    def _others_connected(self, name: str) -> bool:
        import psycopg

        deadline = time.monotonic() + self.SETTLE_SECONDS
        with psycopg.connect(admin_url(self._server), autocommit=True) as conn:
            while _sessions(conn, name):
                if time.monotonic() > deadline:
                    return True
                time.sleep(0.02)
        return False

    def _reset(self, name: str) -> str:
        """Put the database back as seeded: "kept" when the test left it so (most
        tests only read), "reset" when its rows had to be written again."""
        import psycopg

        seeded = self.seeded
        with psycopg.connect(self._libpq(name), autocommit=True) as conn:
            if _sessions(conn, name):
                raise NotAsSeeded("another session is connected")
            if _as_seeded(conn, seeded):
                return "kept"
            with conn.transaction():
                conn.execute(f"SET LOCAL lock_timeout = '{self.LOCK_TIMEOUT}'")
                tables = sorted(row[1] for row in conn.execute(_TABLES).fetchall())
                if tables != seeded.table_names():
                    raise NotAsSeeded(f"the tables are {tables}")
                # TRUNCATE gives every table and index new, empty files, so the rows
                # copied back lie where they lie in a clone, in the template's order.
                conn.execute(f"TRUNCATE {', '.join(tables)} RESTART IDENTITY CASCADE")
                _copy_in(conn, seeded)
                if not _rows_as_seeded(conn, seeded):
                    raise NotAsSeeded("the rows read back are not the seeded rows")
                for sequence, last, called in seeded.sequences:
                    conn.execute("SELECT setval(%s::regclass, %s, %s)", (sequence, last, called))
                sequences = _sequence_values(conn, [s[0] for s in seeded.sequences])
                if sequences != list(seeded.sequences):
                    raise NotAsSeeded(f"the sequences stand at {sequences}")
                now = fingerprint(conn)
                if now != seeded.fingerprint:
                    raise NotAsSeeded(_difference(now, seeded.fingerprint))
        return "reset"


def _as_seeded(conn: psycopg.Connection[Any], seeded: Seeded) -> bool:
    """Whether the database is already what a clone would be, read without writing:
    its rows in the template's order, its sequences, its catalogue, and no lock held
    in it by anyone else. Emptying and refilling the tables (TRUNCATE makes new files
    for every table and index) costs four times as much as this."""
    with conn.transaction():
        conn.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ")
        tables = sorted(row[1] for row in conn.execute(_TABLES).fetchall())
        return (
            tables == seeded.table_names()
            and not _locks_held_by_others(conn)
            and _sequence_values(conn, [s[0] for s in seeded.sequences]) == list(seeded.sequences)
            and _rows_as_seeded(conn, seeded)
            and fingerprint(conn) == seeded.fingerprint
        )


def _locks_held_by_others(conn: psycopg.Connection[Any]) -> bool:
    row = conn.execute(
        "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database "
        "WHERE d.datname = current_database() AND l.pid <> pg_backend_pid()"
    ).fetchone()
    return bool(row and row[0])


def _copy_in(conn: psycopg.Connection[Any], seeded: Seeded) -> None:
    for table in seeded.tables:
        with conn.cursor().copy(f"COPY {table.name} ({table.column_list}) FROM STDIN") as copy:
            copy.write(table.rows)


def _copy_out(conn: psycopg.Connection[Any], table: str, columns: str) -> bytes:
    """A table's rows as COPY writes them, in the order a sequential scan reads them."""
    with conn.cursor().copy(f"COPY {table} ({columns}) TO STDOUT") as copy:
        return b"".join(bytes(block) for block in copy)


def _rows_as_seeded(conn: psycopg.Connection[Any], seeded: Seeded) -> bool:
    return all(_copy_out(conn, t.name, t.column_list) == t.rows for t in seeded.tables)


def _sequence_values(
    conn: psycopg.Connection[Any], names: list[str]
) -> list[tuple[str, int, bool]]:
    values = []
    for name in names:
        row = conn.execute(f"SELECT last_value, is_called FROM {name}").fetchone()
        assert row is not None
        values.append((name, int(row[0]), bool(row[1])))
    return values


def _sessions(conn: psycopg.Connection[Any], name: str) -> int:
    row = conn.execute(_OTHER_SESSIONS, (name,)).fetchone()
    return int(row[0]) if row else 0


def _difference(now: list[tuple[str, str]], seeded: list[tuple[str, str]]) -> str:
    extra = sorted(set(now) - set(seeded))[:30]
    missing = sorted(set(seeded) - set(now))[:30]
    return f"catalogue differs: has {extra}, lacks {missing}"

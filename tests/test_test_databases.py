"""The seeded PostgreSQL database each test gets is the template's, whatever the test
before it did: the reset reuses a database only when it is put back exactly, and
otherwise a fresh clone is made.

Each case changes the worker's database as a test might, releases it, takes it again,
and compares the whole database (`pg_dump --schema-only --create`, every table's rows
sorted, every sequence's value, the database's own settings) with the template's.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import psycopg
import pytest

from tests.support.cli import Cli
from tests.support.databases import POSTGRES_ENV, admin_url, postgres_url
from tests.support.seeded_postgres import WorkerDatabase

pytestmark = pytest.mark.postgres

Snapshot = dict[str, Any]


def _libpq(server: str, name: str) -> str:
    return postgres_url(server, name).replace("postgresql+psycopg://", "postgresql://")


def snapshot(server: str, name: str) -> Snapshot:
    """Everything in database `name` a test could see, with its name taken out."""
    dump = subprocess.run(
        ["pg_dump", "--schema-only", "--create", _libpq(server, name)],
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    rows: dict[str, list[str]] = {}
    with psycopg.connect(_libpq(server, name), autocommit=True) as conn:
        for (table,) in conn.execute(
            "SELECT format('%I.%I', table_schema, table_name) FROM information_schema.tables "
            "WHERE table_schema NOT IN ('pg_catalog', 'information_schema')"
        ).fetchall():
            rows[table] = sorted(repr(r) for r in conn.execute(f"SELECT * FROM {table}"))
        sequences = {
            seq: conn.execute(f"SELECT last_value, is_called FROM {seq}").fetchone()
            for (seq,) in conn.execute(
                "SELECT format('%I.%I', sequence_schema, sequence_name) "
                "FROM information_schema.sequences"
            ).fetchall()
        }
        database = conn.execute(
            "SELECT d.datallowconn, d.datconnlimit, d.datacl::text, d.datdba::regrole::text, "
            "array(SELECT s.setconfig::text FROM pg_db_role_setting s "
            "WHERE s.setdatabase = d.oid) FROM pg_database d WHERE d.datname = %s",
            (name,),
        ).fetchone()
    # pg_dump fences its output with a random key per run (`\restrict KEY`).
    dump = re.sub(r"^\\(un)?restrict .*$", "", dump, flags=re.MULTILINE)
    return {
        "schema": re.sub(rf"\b{re.escape(name)}\b", "DATABASE", dump),
        "rows": rows,
        "sequences": sequences,
        "database": database,
    }


@pytest.fixture(scope="module")
def server() -> str:
    url = os.environ.get(POSTGRES_ENV)
    if not url:
        pytest.skip(f"PostgreSQL not tested: set {POSTGRES_ENV}")
    if shutil.which("pg_dump") is None:
        pytest.skip("pg_dump is not installed")
    return url


@pytest.fixture(scope="module")
def template(server: str, seeded_postgres: str) -> Snapshot:
    return snapshot(server, seeded_postgres)


@pytest.fixture
def worker(server: str, seeded_postgres: str, template: Snapshot) -> Iterator[WorkerDatabase]:
    """A worker database of its own (not the one the `db` fixture hands out), used once
    so that the next acquire is a reset."""
    databases = WorkerDatabase(server, seeded_postgres)
    databases.acquire()
    databases.release()
    assert databases.outcomes == ["created"]
    yield databases
    databases.close()


def _run(server: str, name: str, *statements: str) -> None:
    with psycopg.connect(_libpq(server, name), autocommit=True) as conn:
        for statement in statements:
            conn.execute(statement.replace("{db}", name))


ROW_CHANGES = [
    "INSERT INTO annotation (event_id, text, author, created_at) "
    "VALUES ('sco-summer-games-2026', 'left behind', 'tester', now())",
    "UPDATE event SET title = 'changed' WHERE id = 'sco-summer-games-2026'",
    "DELETE FROM source WHERE id IN (SELECT id FROM source ORDER BY id LIMIT 5)",
    "INSERT INTO tag (event_id, tag) VALUES ('sco-summer-games-2026', 'stray')",
    "SELECT nextval('history_id_seq'), nextval('reminder_id_seq')",
]


def _files(server: str, name: str) -> dict[str, int]:
    with psycopg.connect(_libpq(server, name), autocommit=True) as conn:
        rows = conn.execute(
            "SELECT relname, relfilenode FROM pg_class WHERE relkind IN ('r', 'i') "
            "AND relnamespace = 'public'::regnamespace"
        ).fetchall()
    return dict(rows)


def test_a_database_a_test_only_read_is_kept_as_it_is(
    server: str, worker: WorkerDatabase, template: Snapshot
) -> None:
    name = worker.name
    assert name is not None
    assert Cli(postgres_url(server, name))("list", "--all").exit_code == 0
    files = _files(server, name)
    worker.release()
    assert worker.acquire() == name
    assert worker.outcomes[-1] == "kept"
    assert _files(server, name) == files  # nothing emptied and written again
    assert snapshot(server, name) == template


@pytest.mark.parametrize("changes", [[c] for c in ROW_CHANGES] + [ROW_CHANGES])
def test_rows_a_test_wrote_are_reset_in_the_same_database(
    server: str, worker: WorkerDatabase, template: Snapshot, changes: list[str]
) -> None:
    name = worker.name
    assert name is not None
    _run(server, name, *changes)
    assert snapshot(server, name) != template  # the changes took
    assert worker.acquire() == name
    assert worker.outcomes[-1] == "reset"
    assert snapshot(server, name) == template


def test_a_store_restored_from_its_backup_is_reset_like_any_other(
    server: str, worker: WorkerDatabase, template: Snapshot, tmp_path: Path
) -> None:
    """A restore drops and recreates every table; what comes back is reset the same."""
    name = worker.name
    assert name is not None
    cli = Cli(postgres_url(server, name))
    assert cli("annotate", "sco-summer-games-2026", "in the backup").exit_code == 0
    assert cli("db", "backup", str(tmp_path / "store.dump")).exit_code == 0
    restored = cli("db", "restore", str(tmp_path / "store.dump"))
    assert restored.exit_code == 0, restored.stderr
    worker.release()
    worker.acquire()
    assert worker.outcomes[-1] == "reset"
    assert snapshot(server, name) == template


CATALOGUE_CHANGES = {
    "a column altered": "ALTER TABLE event ALTER COLUMN title TYPE varchar(400)",
    "a column default": "ALTER TABLE annotation ALTER COLUMN author SET DEFAULT 'someone'",
    "a column dropped": "ALTER TABLE annotation DROP COLUMN author",
    "a table added": "CREATE TABLE left_behind (id int PRIMARY KEY)",
    "an index added": "CREATE INDEX left_behind ON event (title)",
    "a constraint added": "ALTER TABLE event ADD CONSTRAINT left_behind CHECK (title <> '')",
    "a constraint dropped": "ALTER TABLE source DROP CONSTRAINT source_event_id_fkey",
    "a privilege granted": "GRANT SELECT ON event TO PUBLIC",
    "a schema added": "CREATE SCHEMA left_behind",
    "a function and trigger": (
        "CREATE FUNCTION left_behind() RETURNS trigger LANGUAGE plpgsql AS "
        "$$BEGIN RETURN NEW; END$$; "
        "CREATE TRIGGER left_behind BEFORE INSERT ON tag FOR EACH ROW EXECUTE FUNCTION left_behind()"
    ),
    "a sequence's increment": "ALTER SEQUENCE history_id_seq INCREMENT BY 7",
    "a database set read-only": "ALTER DATABASE {db} SET default_transaction_read_only = on",
    "a database setting": "ALTER DATABASE {db} SET search_path = left_behind, public",
    "a connection limit": "ALTER DATABASE {db} CONNECTION LIMIT 3",
    "a table's storage": "ALTER TABLE event SET (fillfactor = 50)",
    "a comment": "COMMENT ON TABLE event IS 'left behind'",
}


@pytest.mark.parametrize(
    ("rows", "change"),
    [([], change) for change in CATALOGUE_CHANGES.values()]
    + [(ROW_CHANGES[:1], CATALOGUE_CHANGES["a column altered"])],
    ids=[*CATALOGUE_CHANGES, "a column altered, rows written"],
)
def test_anything_but_rows_changed_gives_a_fresh_clone(
    server: str, worker: WorkerDatabase, template: Snapshot, rows: list[str], change: str
) -> None:
    """Alone (the database read as it stands) or with rows written (emptied and refilled)."""
    name = worker.name
    assert name is not None
    _run(server, name, *rows, change)
    assert snapshot(server, name) != template
    fresh = worker.acquire()
    assert fresh != name
    assert worker.outcomes[-1].startswith("created: ")
    assert snapshot(server, fresh) == template


def _holding(server: str, name: str) -> psycopg.Connection[Any]:
    """A connection left open in a transaction that has written, and so holds locks."""
    conn = psycopg.connect(_libpq(server, name))
    conn.execute(ROW_CHANGES[0])
    return conn


def _idle(server: str, name: str) -> psycopg.Connection[Any]:
    return psycopg.connect(_libpq(server, name), autocommit=True)


@pytest.mark.parametrize("left_open", [_holding, _idle], ids=["holding locks", "idle"])
def test_a_database_someone_is_still_connected_to_is_never_reused(
    server: str,
    worker: WorkerDatabase,
    template: Snapshot,
    left_open: Callable[[str, str], psycopg.Connection[Any]],
) -> None:
    name = worker.name
    assert name is not None
    worker.SETTLE_SECONDS = 0.1
    conn = left_open(server, name)
    try:
        worker.release()
        assert worker.outcomes[-1] == "dropped: a session was still connected"
        assert worker.name is None
        with psycopg.connect(admin_url(server), autocommit=True) as admin:
            gone = admin.execute("SELECT count(*) FROM pg_database WHERE datname = %s", (name,))
            assert gone.fetchone() == (0,)
        fresh = worker.acquire()
        assert fresh != name
        assert snapshot(server, fresh) == template
    finally:
        conn.close()


def test_a_reset_that_would_wait_on_a_lock_gives_a_fresh_clone(
    server: str, worker: WorkerDatabase, template: Snapshot, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A session that connects after the check (so that the release cannot see it) and
    holds a lock: the reset gives up at its lock timeout rather than wait or go on."""
    name = worker.name
    assert name is not None
    monkeypatch.setattr(WorkerDatabase, "LOCK_TIMEOUT", "100ms")
    monkeypatch.setattr("tests.support.seeded_postgres._sessions", lambda conn, name: 0)
    conn = _holding(server, name)
    try:
        fresh = worker.acquire()
        assert fresh != name
        assert "lock timeout" in worker.outcomes[-1]
        assert snapshot(server, fresh) == template
    finally:
        conn.close()

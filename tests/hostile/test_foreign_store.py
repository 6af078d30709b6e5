"""The store is sco-cal's alone: another program's database, a text file or a damaged
store is refused or reported in one line, and never written to."""

from __future__ import annotations

import json
import random
import shutil
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import pytest
from sqlalchemy import create_engine, inspect, text

from sco_cal.wiring import build_service
from tests.hostile.support import assert_refused
from tests.support.cli import Cli


def _engine_url(db: str) -> str:
    return db if "://" in db else f"sqlite:///{db}"


def _add_foreign_table(db: str) -> None:
    """What another application keeps in the same database."""
    engine = create_engine(_engine_url(db))
    with engine.begin() as conn:
        conn.execute(text("CREATE TABLE contacts (name VARCHAR(40), phone VARCHAR(20))"))
        conn.execute(text("INSERT INTO contacts VALUES ('Dupont', '+33 1 23 45 67 89')"))
    engine.dispose()


def _tables(db: str) -> set[str]:
    engine = create_engine(_engine_url(db))
    try:
        return set(inspect(engine).get_table_names())
    finally:
        engine.dispose()


@pytest.fixture
def foreign(fresh_db: str) -> str:
    if "://" not in fresh_db:
        Path(fresh_db).parent.mkdir(parents=True)
    _add_foreign_table(fresh_db)
    return fresh_db


@pytest.mark.parametrize(
    "args",
    [
        ["list"],
        ["init"],
        ["init", "--empty"],
        ["seed"],
        ["add", "Talks", "--date", "2027-03-01", "--org", "SCO"],
    ],
    ids=" ".join,
)
def test_another_programs_database_is_refused(foreign: str, args: list[str]) -> None:
    assert_refused(Cli(foreign)(*args), 5, "not a sco-cal store", "contacts", "init --force")
    assert _tables(foreign) == {"contacts"}


def test_init_force_adds_the_store_beside_the_other_tables(foreign: str) -> None:
    cli = Cli(foreign)
    forced = cli("init", "--force")
    assert forced.exit_code == 0, forced.stderr
    assert "contacts" in _tables(foreign) and "event" in _tables(foreign)
    assert cli.json("list", "--all")
    assert cli("list").exit_code == 0  # a sco-cal store from now on


@pytest.mark.parametrize("args", [["list"], ["show", "x"], ["seed"]], ids=" ".join)
def test_a_file_that_is_not_a_database_is_refused(tmp_path: Path, args: list[str]) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: bread, milk.\n" * 50)
    assert_refused(Cli(str(notes))(*args), 5, "not an SQLite database")
    assert notes.read_text() == "Shopping: bread, milk.\n" * 50


def test_db_check_reports_another_programs_database(foreign: str) -> None:
    result = Cli(foreign)("db", "check", "--format", "table")
    assert result.exit_code == 1 and result.stderr == ""
    assert "FAIL  store: " in result.stdout and "not a sco-cal store" in result.stdout
    assert _tables(foreign) == {"contacts"}


def test_db_check_reports_a_file_that_is_not_a_database(tmp_path: Path) -> None:
    notes = tmp_path / "notes.txt"
    notes.write_text("Shopping: bread, milk.\n")
    result = Cli(str(notes))("db", "check", "--format", "table")
    assert result.exit_code == 1 and result.stderr == ""
    assert "not an SQLite database" in result.stdout
    assert notes.read_text() == "Shopping: bread, milk.\n"


@pytest.fixture(scope="module")
def pristine(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    path = tmp_path_factory.mktemp("pristine") / "sco-cal.db"
    service, _ = build_service(db=str(path), today=date(2026, 11, 23))
    for n in range(20):
        service.records.annotate("sco-summer-games-2026", f"note {n} " * 40)
    service.close()
    yield path


def _corrupt(path: Path, seed: int) -> None:
    """Overwrite a few random runs of bytes, as a failing disk or a stray write would."""
    rng = random.Random(seed)
    data = bytearray(path.read_bytes())
    for _ in range(rng.randint(1, 8)):
        at = rng.randrange(len(data))
        run = rng.randint(1, 256)
        data[at : at + run] = rng.randbytes(len(data[at : at + run]))
    path.write_bytes(bytes(data))


@pytest.mark.parametrize("seed", range(40))
def test_db_check_reports_a_damaged_store(pristine: Path, tmp_path: Path, seed: int) -> None:
    damaged = tmp_path / "damaged.db"
    shutil.copyfile(pristine, damaged)
    _corrupt(damaged, seed)
    cli = Cli(str(damaged))
    check = cli("db", "check", "--format", "json")
    assert check.exit_code in (0, 1), (check.exit_code, check.stderr)
    assert check.stderr == "" and "Traceback" not in check.stdout
    results = json.loads(check.stdout)
    assert (check.exit_code == 1) == (not all(c["ok"] for c in results))
    listing = cli("list", "--all")
    assert listing.exit_code in (0, 5), (listing.exit_code, listing.stderr)
    if listing.exit_code:
        assert_refused(listing, 5)

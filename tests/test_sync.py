"""Two-way sync with a real CalDAV server (Radicale, started for each test)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import caldav
import pytest

from tests.support.cli import Cli
from tests.support.radicale import USERS, Radicale, make_collection, radicale

YEAR_EVENT = "sco-heads-of-state-council-2026-bishkek"  # "Second semestre 2026"
DAY_EVENT = "sco-defence-ministers-23"


@pytest.fixture
def server(tmp_path: Path) -> Iterator[Radicale]:
    with radicale(tmp_path / "radicale") as running:
        make_collection(running.url())
        yield running


@pytest.fixture
def desk(monkeypatch: pytest.MonkeyPatch) -> None:
    """The desk's credentials, in the environment."""
    monkeypatch.setenv("SCO_CAL_SYNC_USER", "desk")
    monkeypatch.setenv("SCO_CAL_SYNC_PASSWORD", USERS["desk"])


@pytest.fixture
def sqlite_cli(db_path: Path, seeded_sqlite: Path) -> Cli:
    from tests.support.databases import copy_sqlite

    copy_sqlite(seeded_sqlite, db_path)
    return Cli(str(db_path))


def colleague(url: str) -> Any:
    """The collection as a colleague's calendar program sees it."""
    client = caldav.DAVClient(url=url, username="colleague", password=USERS["colleague"])
    return client.calendar(url=url)


def resources(url: str) -> dict[str, Any]:
    """Every event of the collection, by UID, as icalendar components."""
    found = {}
    for obj in colleague(url).events():
        vevent = obj.icalendar_instance.walk("VEVENT")[0]
        found[str(vevent["UID"])] = vevent
    return found


def edit_on_server(url: str, event_id: str, change: Any) -> None:
    """Change one event the way a calendar program does: read, change, PUT back."""
    obj = colleague(url).event_by_uid(f"{event_id}@sco-cal")
    cal = obj.icalendar_instance
    change(cal.walk("VEVENT")[0])
    obj.icalendar_instance = cal
    obj.save()


def sync(cli: Cli, *args: str) -> Any:
    return cli("sync", *args)


def sync_json(cli: Cli, *args: str) -> dict[str, Any]:
    result = cli("sync", *args, "--format", "json")
    assert result.exit_code == 0, result.output + str(result.exception)
    (report,) = json.loads(result.stdout)
    return report


def test_first_push_writes_every_event_then_nothing_is_left_to_send(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    listed = {e["id"] for e in sqlite_cli.json("list", "--all")}
    report = sync_json(sqlite_cli, url)
    assert set(report["created"]) == listed
    assert report["conflicts"] == [] and report["pulled"] == []
    there = resources(url)
    assert set(there) == {f"{i}@sco-cal" for i in listed}
    council = there[f"{YEAR_EVENT}@sco-cal"]
    # A half-year window appears once, on its first day, not on every day of it.
    assert (council["DTEND"].dt - council["DTSTART"].dt).days == 1
    assert str(council["X-SCO-CAL-PRECISION"]) == "half"
    assert int(council["SEQUENCE"]) == sqlite_cli.json("show", YEAR_EVENT)["version"]

    again = sync_json(sqlite_cli, url)
    assert (again["created"], again["updated"], again["pulled"]) == ([], [], [])


def test_changes_made_here_reach_the_server_with_a_new_sequence(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    before = int(resources(url)[f"{DAY_EVENT}@sco-cal"]["SEQUENCE"])
    assert sqlite_cli("cancel", DAY_EVENT).exit_code == 0
    report = sync_json(sqlite_cli, url)
    assert report["updated"] == [DAY_EVENT] and report["created"] == []
    after = resources(url)[f"{DAY_EVENT}@sco-cal"]
    assert str(after["STATUS"]) == "CANCELLED"
    assert int(after["SEQUENCE"]) > before


def test_a_colleague_s_changes_on_the_server_come_back_as_recorded_changes(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    window_before = sqlite_cli.json("show", YEAR_EVENT)

    def confirm(vevent: Any) -> None:
        vevent["STATUS"] = "CONFIRMED"

    def rename(vevent: Any) -> None:
        vevent["SUMMARY"] = "Defence ministers, 23rd meeting (moved)"
        start = vevent["DTSTART"].dt
        vevent["DTSTART"].dt = start.replace(day=start.day + 1) if start.day < 27 else start
        vevent.pop("DTEND")

    edit_on_server(url, YEAR_EVENT, confirm)
    report = sync_json(sqlite_cli, url)
    assert report["pulled"] == [{"id": YEAR_EVENT, "changed": ["status"]}]
    council = sqlite_cli.json("show", YEAR_EVENT)
    assert council["status"] == "confirmed"
    # The marker on the window's first day did not narrow the half-year window.
    assert (council["start"], council["end"], council["precision"]) == (
        window_before["start"],
        window_before["end"],
        "half",
    )
    entry = [h for h in council["history"] if h.get("field") == "status"][-1]
    assert (entry["author"], entry["source"], entry["new"]) == ("desk", url, "confirmed")
    del rename

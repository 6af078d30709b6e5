"""Two-way sync with a real CalDAV server (Radicale, started for each test)."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import caldav
import pytest

from tests.support.cli import Cli
from tests.support.radicale import USERS, Radicale, make_collection, radicale

YEAR_EVENT = "sco-heads-of-state-council-2026-bishkek"  # "Second semestre 2026"
DAY_EVENT = "csto-collective-security-council-2026-moscow"  # 11 November 2026
MONTH_EVENT = "sco-finance-ministers-7"  # March 2026


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


def test_a_title_and_dates_changed_in_a_calendar_program_come_back(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)

    def move_and_rename(vevent: Any) -> None:
        # The month-long span dragged onto one day, and its title retyped (the window's
        # label sco-cal added to the summary left as it was).
        assert str(vevent["SUMMARY"]).endswith("]")
        vevent["SUMMARY"] = "Finance ministers, Astana [Mar 2026]"
        vevent["DTSTART"].dt = date(2026, 3, 17)
        vevent["DTEND"].dt = date(2026, 3, 18)

    edit_on_server(url, MONTH_EVENT, move_and_rename)
    report = sync_json(sqlite_cli, url)
    assert report["pulled"] == [{"id": MONTH_EVENT, "changed": ["dates", "title"]}]
    shown = sqlite_cli.json("show", MONTH_EVENT)
    assert (shown["start"], shown["end"], shown["precision"]) == ("2026-03-17", "2026-03-17", "day")
    assert shown["title_en"] == "Finance ministers, Astana"
    actions = {h["action"] for h in shown["history"] if h.get("source") == url}
    assert actions == {"reschedule", "edit"}
    # The server now holds the event as sco-cal writes it: one day, a new sequence.
    there = resources(url)[f"{MONTH_EVENT}@sco-cal"]
    assert str(there["X-SCO-CAL-PRECISION"]) == "day"
    assert int(there["SEQUENCE"]) == shown["version"]
    assert sync_json(sqlite_cli, url)["pulled"] == []


def test_a_conflict_is_listed_left_alone_and_settled_by_the_rule_given(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    assert sqlite_cli("edit", DAY_EVENT, "title_en=CSTO council (here)").exit_code == 0

    def retitle(vevent: Any) -> None:
        vevent["SUMMARY"] = "CSTO council (there)"

    edit_on_server(url, DAY_EVENT, retitle)
    dry = sync_json(sqlite_cli, url, "--dry-run")
    (conflict,) = dry["conflicts"]
    assert conflict["id"] == DAY_EVENT and conflict["parts"] == ["title"]
    assert (conflict["here"]["title"], conflict["there"]["title"]) == (
        "CSTO council (here)",
        "CSTO council (there)",
    )

    listed = sync(sqlite_cli, url, "--dry-run", "--format", "table")
    assert listed.exit_code == 0
    assert (
        f"  ! {DAY_EVENT}  CSTO council (here): title: here CSTO council (here) / "
        "there CSTO council (there)"
    ) in listed.stdout.splitlines()
    assert listed.stdout.splitlines()[-1] == "dry run: nothing was written"
    french = sync(sqlite_cli, url, "--dry-run", "--format", "table", "--lang", "fr")
    assert any(
        line.startswith(f"  ! {DAY_EVENT}") and "titre : ici " in line.replace("\u00a0", " ")
        for line in french.stdout.splitlines()
    ), french.stdout

    left = sync(sqlite_cli, url)
    assert left.exit_code == 4
    assert left.stderr.startswith("sco-cal: error: 1 event changed on both sides")
    # Neither side lost its change.
    assert sqlite_cli.json("show", DAY_EVENT)["title_en"] == "CSTO council (here)"
    assert str(resources(url)[f"{DAY_EVENT}@sco-cal"]["SUMMARY"]) == "CSTO council (there)"

    settled = sync_json(sqlite_cli, url, "--prefer", "remote")
    assert settled["pulled"] == [{"id": DAY_EVENT, "changed": ["title"]}]
    assert sqlite_cli.json("show", DAY_EVENT)["title_en"] == "CSTO council (there)"
    assert sync_json(sqlite_cli, url)["conflicts"] == []


def test_prefer_local_writes_this_side_over_the_server(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    assert sqlite_cli("cancel", DAY_EVENT).exit_code == 0

    def confirm(vevent: Any) -> None:
        vevent["STATUS"] = "TENTATIVE"

    edit_on_server(url, DAY_EVENT, confirm)
    assert sync(sqlite_cli, url).exit_code == 4
    settled = sync_json(sqlite_cli, url, "--prefer", "local")
    assert settled["updated"] == [DAY_EVENT]
    assert sqlite_cli.json("show", DAY_EVENT)["status"] == "cancelled"
    assert str(resources(url)[f"{DAY_EVENT}@sco-cal"]["STATUS"]) == "CANCELLED"


def test_an_event_deleted_on_the_server_is_kept_here_and_not_sent_back(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    colleague(url).event_by_uid(f"{DAY_EVENT}@sco-cal").delete()
    report = sync_json(sqlite_cli, url)
    assert report["removed_on_server"] == [DAY_EVENT]
    assert sqlite_cli.json("show", DAY_EVENT)["status"] == "confirmed"
    assert f"{DAY_EVENT}@sco-cal" not in resources(url)
    assert sync_json(sqlite_cli, url)["created"] == []
    # Changed here afterwards: a conflict (deleted there, changed here) until settled.
    assert sqlite_cli("held", DAY_EVENT).exit_code == 0
    (conflict,) = sync_json(sqlite_cli, url, "--dry-run")["conflicts"]
    assert conflict["parts"] == ["deleted"]
    assert sync_json(sqlite_cli, url, "--prefer", "local")["created"] == [DAY_EVENT]
    assert str(resources(url)[f"{DAY_EVENT}@sco-cal"]["STATUS"]) == "CONFIRMED"


class _StopServer:
    """Progress that stops the server at a given point of a sync, as a network would fail."""

    def __init__(self, server: Radicale, step: str, after: int = 0) -> None:
        self.server, self.step, self.after = server, step, after
        self.current = ""
        self.done = 0

    def start(self, label: str, total: int | None = None) -> None:
        self.current, self.done = label, 0
        if label.startswith(self.step) and self.after == 0:
            self.server.stop()

    def advance(self, amount: int = 1) -> None:
        self.done += amount
        if self.current.startswith(self.step) and self.done == self.after:
            self.server.stop()


def _sync_service(db: Path, url: str) -> tuple[Any, Any]:
    from sco_cal.interchange.server import Collection
    from sco_cal.service.sync import SyncTarget
    from sco_cal.wiring import build_service

    service, _ = build_service(db=str(db), today=date(2026, 11, 23))
    return service, SyncTarget(Collection(url, "desk", USERS["desk"], "the test"))


def _store_rows(db: Path) -> dict[str, list[Any]]:
    with sqlite3.connect(db) as conn:
        return {
            table: conn.execute(f"SELECT * FROM {table} ORDER BY 1, 2").fetchall()
            for table in ("event", "history", "sync_item", "sync_collection")
        }


def test_a_network_failure_while_reading_changes_leaves_the_store_as_it_was(
    server: Radicale, desk: None, sqlite_cli: Cli, db_path: Path
) -> None:
    from sco_cal.domain.errors import ServerError

    url = server.url()
    sync_json(sqlite_cli, url)

    def confirm(vevent: Any) -> None:
        vevent["STATUS"] = "CONFIRMED"

    edit_on_server(url, YEAR_EVENT, confirm)
    before = _store_rows(db_path)
    service, target = _sync_service(db_path, url)
    try:
        with pytest.raises(ServerError, match="cannot reach the server"):
            service.sync.run(target, progress=_StopServer(server, "reading changes"))
    finally:
        service.close()
    assert _store_rows(db_path) == before
    server.start()
    assert sync_json(sqlite_cli, url)["pulled"] == [{"id": YEAR_EVENT, "changed": ["status"]}]


def test_a_network_failure_while_writing_keeps_what_reached_the_server(
    server: Radicale, desk: None, sqlite_cli: Cli, db_path: Path
) -> None:
    url = server.url()
    everything = {e["id"] for e in sqlite_cli.json("list", "--all")}
    service, target = _sync_service(db_path, url)
    try:
        with pytest.raises(Exception, match="cannot reach the server"):
            service.sync.run(target, progress=_StopServer(server, "writing changes", after=10))
    finally:
        service.close()
    assert len(_store_rows(db_path)["sync_item"]) == 10
    server.start()
    assert len(resources(url)) == 10
    report = sync_json(sqlite_cli, url)
    assert len(report["created"]) == len(everything) - 10
    assert report["conflicts"] == [] and report["updated"] == []
    assert set(resources(url)) == {f"{i}@sco-cal" for i in everything}


def test_a_change_here_waiting_to_be_written_survives_a_failed_write(
    server: Radicale, desk: None, sqlite_cli: Cli, db_path: Path
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    assert sqlite_cli("cancel", DAY_EVENT).exit_code == 0

    def retitle(vevent: Any) -> None:
        vevent["SUMMARY"] = "CSTO council, retitled on a phone"

    edit_on_server(url, DAY_EVENT, retitle)
    service, target = _sync_service(db_path, url)
    try:
        with pytest.raises(Exception, match="cannot reach the server"):
            service.sync.run(target, progress=_StopServer(server, "writing changes"))
    finally:
        service.close()
    # The title was taken here; the cancellation had not reached the server yet.
    assert sqlite_cli.json("show", DAY_EVENT)["title_en"] == "CSTO council, retitled on a phone"
    server.start()
    report = sync_json(sqlite_cli, url)
    assert report["updated"] == [DAY_EVENT] and report["conflicts"] == []
    there = resources(url)[f"{DAY_EVENT}@sco-cal"]
    assert (str(there["STATUS"]), str(there["SUMMARY"])) == (
        "CANCELLED",
        "CSTO council, retitled on a phone",
    )


def test_a_wrong_password_is_one_line_and_exit_5_without_the_password(
    server: Radicale, sqlite_cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("SCO_CAL_SYNC_USER", "desk")
    monkeypatch.setenv("SCO_CAL_SYNC_PASSWORD", "not-the-Password-42")
    before = sqlite_cli.json("log", "--limit", "1000")
    result = sync(sqlite_cli, server.url())
    assert result.exit_code == 5
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith(f"sco-cal: error: {server.url()}: the server refused access")
    assert "not-the-Password-42" not in result.output
    assert sqlite_cli.json("log", "--limit", "1000") == before


def test_credentials_in_the_url_are_refused_and_never_repeated(
    server: Radicale, sqlite_cli: Cli
) -> None:
    url = server.url().replace("http://", f"http://desk:{USERS['desk']}@")
    result = sync(sqlite_cli, url)
    assert result.exit_code == 2
    assert "carries credentials" in result.stderr
    assert USERS["desk"] not in result.output


def test_credentials_from_the_config_file_or_netrc(
    server: Radicale, sqlite_cli: Cli, isolated_env: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    url = server.url()
    netrc = isolated_env / "netrc"
    netrc.write_text(f"machine 127.0.0.1 login desk password {USERS['desk']}\n")
    netrc.chmod(0o600)
    monkeypatch.setenv("NETRC", str(netrc))
    assert len(sync_json(sqlite_cli, url)["created"]) > 0
    netrc.unlink()
    (isolated_env / "config.toml").write_text(
        f'[sync]\nusername = "desk"\npassword = "{USERS["desk"]}"\n'
    )
    assert sync_json(sqlite_cli, url)["created"] == []


LUNCH = """BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Example//Phone calendar//EN
BEGIN:VEVENT
UID:briefing-7f3a@phone.example.org
DTSTAMP:20261120T090000Z
DTSTART;VALUE=DATE:20261203
DTEND;VALUE=DATE:20261204
SUMMARY:Briefing on the CSTO council
LOCATION:Moscou
STATUS:TENTATIVE
END:VEVENT
END:VCALENDAR
"""


def test_events_others_create_in_the_collection_come_in_under_org(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    colleague(url).save_event(LUNCH)
    left_out = sync_json(sqlite_cli, url)
    (skipped,) = left_out["skipped"]
    assert "--org" in skipped["reason"] and left_out["imported"] == []

    taken = sync_json(sqlite_cli, url, "--org", "CSTO")
    (new_id,) = taken["imported"]
    shown = sqlite_cli.json("show", new_id)
    assert (shown["title_en"], shown["organisation"], shown["status"]) == (
        "Briefing on the CSTO council",
        "CSTO",
        "provisional",
    )
    assert (shown["start"], shown["city"], shown["country"]) == ("2026-12-03", "Moscow", "RU")
    (created,) = [h for h in shown["history"] if h["action"] == "created"]
    assert (created["author"], created["source"]) == ("desk", url)

    # From then on it syncs like any other: confirmed on the phone, confirmed here.
    obj = colleague(url).event_by_uid("briefing-7f3a@phone.example.org")
    cal = obj.icalendar_instance
    cal.walk("VEVENT")[0]["STATUS"] = "CONFIRMED"
    obj.icalendar_instance = cal
    obj.save()
    assert sync_json(sqlite_cli, url)["pulled"] == [{"id": new_id, "changed": ["status"]}]
    assert sqlite_cli.json("show", new_id)["status"] == "confirmed"


def test_one_collection_per_organisation_by_config(
    server: Radicale, desk: None, sqlite_cli: Cli, isolated_env: Path
) -> None:
    make_collection(server.url(name="csto"))
    (isolated_env / "config.toml").write_text(
        "[sync.collections.sco]\n"
        f'url = "{server.url()}"\n'
        'org = "SCO"\n'
        "[sync.collections.csto]\n"
        f'url = "{server.url(name="csto")}"\n'
        'org = ["CSTO"]\n'
    )
    result = sqlite_cli("sync", "--format", "json")
    assert result.exit_code == 0, result.output
    sco, csto = json.loads(result.stdout)
    orgs = {e["id"]: e["organisation"] for e in sqlite_cli.json("list", "--all")}
    assert {orgs[i] for i in sco["created"]} == {"SCO"}
    assert {orgs[i] for i in csto["created"]} == {"CSTO"}
    assert set(resources(server.url(name="csto"))) == {f"{i}@sco-cal" for i in csto["created"]}
    assert DAY_EVENT in csto["created"]


def test_progress_shows_on_a_terminal_and_nothing_elsewhere(
    server: Radicale, desk: None, sqlite_cli: Cli, isolated_env: Path, tmp_path: Path
) -> None:
    from tests.support.terminal import on_a_terminal

    url = server.url()
    code, out, shown = on_a_terminal(
        isolated_env,
        "sync",
        url,
        "--db",
        str(tmp_path / "terminal.db"),
        SCO_CAL_SYNC_USER="desk",
        SCO_CAL_SYNC_PASSWORD=USERS["desk"],
    )
    assert code == 0, shown
    assert "writing changes to the server" in shown
    assert USERS["desk"] not in shown + out
    quiet = sync(sqlite_cli, url)
    assert quiet.exit_code == 0 and quiet.stderr == ""


@pytest.mark.postgres
def test_sync_state_lives_in_a_postgresql_store_too(
    server: Radicale, desk: None, cli: Cli, db: str
) -> None:
    if not db.startswith("postgresql"):
        pytest.skip("the SQLite store is covered by every other test here")
    url = server.url()
    assert len(sync_json(cli, url)["created"]) > 0

    def confirm(vevent: Any) -> None:
        vevent["STATUS"] = "CONFIRMED"

    edit_on_server(url, YEAR_EVENT, confirm)
    report = sync_json(cli, url)
    assert report["pulled"] == [{"id": YEAR_EVENT, "changed": ["status"]}]
    assert report["created"] == [] and report["updated"] == [YEAR_EVENT]
    assert cli.json("show", YEAR_EVENT)["status"] == "confirmed"


def test_nothing_to_sync_and_a_bad_configuration_are_one_line_errors(
    sqlite_cli: Cli, isolated_env: Path
) -> None:
    nothing = sync(sqlite_cli)
    assert nothing.exit_code == 2
    assert nothing.stderr == (
        "sco-cal: error: no collection to sync: give its URL, or list collections under "
        "[sync.collections] in the configuration file\n"
    )
    (isolated_env / "config.toml").write_text('[sync]\nuser = "desk"\n')
    wrong = sync(sqlite_cli, "https://dav.example.org/desk/sco/")
    assert wrong.exit_code == 2
    assert "[sync] has unknown keys: user" in wrong.stderr
    (isolated_env / "config.toml").write_text('[sync.collections.sco]\nurl = "ftp://x/"\n')
    assert "must start with https://" in sync(sqlite_cli).stderr


def test_a_password_in_the_wrong_place_is_hidden_in_the_error(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    # The password typed where the collection's name goes: the server has no such
    # collection, and the error names the URL without the password.
    result = sync(sqlite_cli, server.url(name=USERS["desk"]))
    assert result.exit_code == 5
    assert result.stderr == (
        f"sco-cal: error: {server.url(name='***')}: no calendar collection there\n"
    )
    assert USERS["desk"] not in result.output


def phone_event(uid: str, title: str) -> str:
    """LUNCH under another UID and title."""
    return LUNCH.replace("briefing-7f3a@phone.example.org", uid).replace(
        "Briefing on the CSTO council", title
    )


def test_what_the_server_holds_is_printed_escaped_and_what_the_store_refuses_left_out(
    server: Radicale, desk: None, sqlite_cli: Cli
) -> None:
    url = server.url()
    sync_json(sqlite_cli, url)
    # The server keeps C1 controls (8-bit CSI clears the screen, OSC retitles the
    # window) where it drops C0 ones; written as is, as a program could.
    title = "Briefing\x9b2J\x9d0;owned\x9c"
    stored = colleague(url).client.put(
        url + "briefing.ics",
        phone_event("briefing-1@phone.example.org", title),
        {"Content-Type": "text/calendar; charset=utf-8"},
    )
    assert stored.status == 201
    colleague(url).save_event(phone_event("Évé@sco-cal", "Not a slug"))
    result = sync(sqlite_cli, url, "--org", "CSTO", "--format", "table")
    assert result.exit_code == 0, result.output
    assert not any(c in result.stdout for c in "\x9b\x9d\x9c")
    assert "Briefing\\x9b2J\\x9d0;owned\\x9c" in result.stdout
    # The resource whose id the store would refuse is left out, and said so; the rest synced.
    (left_out,) = [line for line in result.stdout.splitlines() if line.startswith("  ? ")]
    assert "is not a slug" in left_out
    (new_id,) = [e["id"] for e in sqlite_cli.json("list", "--all") if "Briefing" in e["title_en"]]
    assert sqlite_cli.json("show", new_id)["title_en"] == title

"""Saved views and the review of a new document, driven through the TUI with Pilot."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.widgets import Input, Static

from sco_cal.config.settings import Settings
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.output.records import event_record
from sco_cal.tui.dialogs.ingest import IngestDialog
from sco_cal.tui.dialogs.views import ViewsDialog
from sco_cal.tui.screens.review import ReviewScreen
from tests.support.databases import copy_sqlite
from tests.support.tui import agenda, build, open_with, run, settle, text_of

SUMMIT = "sco-heads-of-state-council-2026-bishkek"
BULLETIN = Path(__file__).parent / "fixtures" / "bulletin_n3.txt"
VIEWS = """
[views.summit]
search = "bichkek"

[views.proposed]
status = "proposed"

[views.misspelt]
country = "Kazakstn"
"""


@pytest.fixture
def store(db_path: Path, seeded_sqlite: Path) -> Path:
    """A seeded SQLite store of the test's own, for the app and the CLI."""
    copy_sqlite(seeded_sqlite, db_path)
    return db_path


def shown(pilot: Any) -> list[Any]:
    window = agenda(pilot.app).table.window
    assert window is not None
    return list(window.events)


def status(pilot: Any) -> str:
    return text_of(agenda(pilot.app).query_one("#status", Static))


def notices(pilot: Any) -> list[str]:
    return [n.message for n in pilot.app._notifications]


async def choose_view(pilot: Any, name: str) -> None:
    await open_with(pilot, "v")
    dialog = pilot.app.screen
    assert isinstance(dialog, ViewsDialog)
    await pilot.press("home", *["down"] * ([*dialog.names].index(name) + 1), "enter")
    await settle(pilot)


def test_a_saved_view_replaces_the_search_and_escape_leaves_it(
    store: Path, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(VIEWS, encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        everything = len(shown(pilot))
        await open_with(pilot, "slash")
        await pilot.press(*"energ")
        await settle(pilot)
        await pilot.press("escape")
        await choose_view(pilot, "proposed")
        events = shown(pilot)
        assert len(events) == 4 and {e.status.value for e in events} == {"proposed"}
        assert "view proposed" in status(pilot)
        assert agenda(pilot.app).query_one("#search", Input).value == ""
        await choose_view(pilot, "summit")
        assert [e.id for e in shown(pilot)] == [SUMMIT]
        assert "view summit" in status(pilot)
        await pilot.press("escape")
        await settle(pilot)
        assert len(shown(pilot)) == everything and "view" not in status(pilot)

    run(build(store), scenario)


def test_no_view_in_the_list_goes_back_to_the_whole_agenda(store: Path) -> None:
    settings = Settings(author="tester", views={"summit": {"search": "bichkek"}})

    async def scenario(pilot: Any) -> None:
        everything = [e.id for e in shown(pilot)]
        await choose_view(pilot, "summit")
        assert [e.id for e in shown(pilot)] == [SUMMIT]
        await open_with(pilot, "v")
        await pilot.press("home", "enter")  # "(no view)" heads the list
        await settle(pilot)
        assert [e.id for e in shown(pilot)] == everything

    run(build(store, settings=settings), scenario)


def test_a_view_with_an_unknown_country_says_so_and_changes_nothing(
    store: Path, isolated_env: Path
) -> None:
    (isolated_env / "config.toml").write_text(VIEWS, encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        before = [e.id for e in shown(pilot)]
        await choose_view(pilot, "misspelt")
        assert pilot.app.screen is agenda(pilot.app)
        assert any("Kazakstn" in text for text in notices(pilot))
        assert [e.id for e in shown(pilot)] == before and "view" not in status(pilot)

    run(build(store), scenario)


def records(app: Any) -> dict[str, dict[str, Any]]:
    service = app.service
    events = service.events.find(EventFilter(scope=Scope.ALL))
    return {e.id: event_record(e, service.today, "en") for e in events}


async def open_review(pilot: Any, path: Path) -> ReviewScreen:
    await open_with(pilot, "i")
    assert isinstance(pilot.app.screen, IngestDialog)
    pilot.app.screen.query_one("#path", Input).value = str(path)
    await pilot.press("enter")
    await settle(pilot)
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    return screen


async def accept(pilot: Any, screen: ReviewScreen, number: int) -> None:
    screen.review_list.highlighted = number - 1
    await pilot.press("space")
    await settle(pilot)


def test_reviewing_a_bulletin_applies_only_the_accepted_items(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        before = records(pilot.app)
        screen = await open_review(pilot, BULLETIN)
        items = screen.review_list.items
        assert [i.action.value for i in items[:2]] == ["update", "new"]
        rats, new = items[0], items[1]
        assert rats.proposed is not None and new.proposed is not None
        first = str(screen.review_list.get_option_at_index(0).prompt)
        assert first.startswith("[ ] #1 update") and "status: provisional -> confirmed" in first
        assert "“" in text_of(screen.query_one("#excerpt", Static))
        await accept(pilot, screen, 1)
        await accept(pilot, screen, 2)
        unchanged = next(i for i in items if i.action.value == "unchanged")
        await accept(pilot, screen, unchanged.number)  # refused: nothing to apply
        assert screen.review_list.accepted == {1, 2}
        assert str(screen.review_list.get_option_at_index(0).prompt).startswith("[x] #1")
        await pilot.press("a")
        await settle(pilot)
        assert pilot.app.screen is agenda(pilot.app)
        after = records(pilot.app)
        assert set(after) - set(before) == {new.proposed.id}
        changed = {i for i in before if before[i] != after[i]}
        assert changed == {rats.event_id}
        assert after[rats.event_id or ""]["status"] == "confirmed"
        # Both are past: the agenda now shows past events too, from the first one written.
        assert {rats.event_id, new.proposed.id} <= {e.id for e in shown(pilot)}
        assert agenda(pilot.app).table.current.id == rats.event_id
        assert status(pilot).startswith("all events")

    run(build(store), scenario)


def test_rejecting_every_item_writes_nothing(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        before = records(pilot.app)
        screen = await open_review(pilot, BULLETIN)
        await accept(pilot, screen, 1)
        await accept(pilot, screen, 1)  # and rejected again
        assert screen.review_list.accepted == set()
        await pilot.press("a")
        await settle(pilot)
        assert pilot.app.screen is agenda(pilot.app)
        assert records(pilot.app) == before
        assert any("nothing written" in text for text in notices(pilot))

    run(build(store), scenario)


def test_a_missing_or_unreadable_file_is_refused_and_the_path_kept(
    store: Path, tmp_path: Path
) -> None:
    folder = tmp_path / "a-folder"
    folder.mkdir()
    copy = tmp_path / "bulletin.txt"
    shutil.copy(BULLETIN, copy)

    async def scenario(pilot: Any) -> None:
        await open_with(pilot, "i")
        dialog = pilot.app.screen
        for path in (tmp_path / "missing.txt", folder):
            dialog.query_one("#path", Input).value = str(path)
            await pilot.press("enter")
            await settle(pilot)
            assert pilot.app.screen is dialog
            assert "cannot read" in text_of(dialog.query_one("#ingest-error", Static))
            assert dialog.query_one("#path", Input).value == str(path)
        await pilot.press("escape")
        await settle(pilot)
        assert pilot.app.screen is agenda(pilot.app)

    run(build(store), scenario)


def test_the_palette_and_the_help_offer_views_and_review(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"Saved views", "Review a document"} <= titles
        await open_with(pilot, "question_mark")
        console = Console(record=True, width=100)
        console.print(pilot.app.screen.query(Static).last().content)
        ids = {line.split()[-1] for line in console.export_text().splitlines() if line.strip()}
        assert {"views", "ingest", "review.apply", "review.toggle"} <= ids

    run(build(store), scenario)


NOTE = """Paris, le 5 octobre 2026

La 11e réunion des ministres de l’Agriculture de l’OCS aura lieu à Islamabad les 12 et 13 octobre : la date est désormais confirmée.
La réunion de Moscou de novembre 2024 sur les transports a en fait été annulée, selon le Secrétariat de l’OCS.
La 44e session du Conseil de la SRAT de l’OCS se tiendra à Tachkent les 21 et 22 octobre.
La 26e réunion des ministres de l’Économie et du Commerce de l’OCS aura lieu à Téhéran les 8 et 9 décembre.
"""


def test_at_80_by_24_every_item_fits_all_are_accepted_and_the_ambiguous_one_chosen(
    store: Path, tmp_path: Path
) -> None:
    note = tmp_path / "note.txt"
    note.write_text(NOTE, encoding="utf-8")

    async def scenario(pilot: Any) -> None:
        screen = await open_review(pilot, note)
        items = screen.review_list.items
        assert [i.action.value for i in items] == ["update", "ambiguous", "new", "new"]
        # Two lines an item: the four of them and the excerpt fit the screen.
        assert screen.review_list.size.height >= 2 * len(items)
        await pilot.press("A")
        await settle(pilot)
        assert screen.review_list.accepted == {1, 3, 4}  # the ambiguous one waits
        screen.review_list.highlighted = 1
        await settle(pilot)
        assert "sco-railway-heads-2024-moscow" in text_of(screen.query_one("#excerpt", Static))
        await pilot.press("c")
        await settle(pilot)
        choices = pilot.app.screen.query_one("#choices")
        options = [choices.get_option_at_index(i).id for i in range(choices.option_count)]
        choices.highlighted = options.index("sco-railway-heads-2024-moscow")
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        assert screen.review_list.items[1].action.value == "update"
        assert screen.review_list.accepted == {1, 2, 3, 4}
        await pilot.press("a")
        await settle(pilot)
        after = records(pilot.app)
        assert after["sco-railway-heads-2024-moscow"]["status"] == "cancelled"
        assert after["sco-road-transport-commission-2024-moscow"]["status"] == "held"
        assert after["sco-agriculture-ministers-11"]["start"] == "2026-10-12"
        assert {"sco-rats-council-44", "sco-economy-trade-ministers-26"} <= set(after)

    run(build(store), scenario, size=(80, 24))

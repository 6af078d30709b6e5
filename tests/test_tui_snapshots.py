"""What the TUI looks like, pinned as pictures: the agenda, an open event, the timeline.

Regenerate after a deliberate change with `pytest tests/test_tui_snapshots.py
--snapshot-update` and look at the pictures before committing them.
"""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest

from sco_cal.service.context import ServiceContext
from sco_cal.wiring import build_service
from tests.support.tui import TODAY, build, open_with, settle

SUMMIT = "sco-heads-of-state-council-2026-bishkek"


@pytest.fixture
def store(db_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The seeded store with every timestamp at one fixed moment, and a note and a
    reminder on the Bishkek summit."""
    moment = datetime(2026, 11, 20, 9, 30, tzinfo=UTC)
    monkeypatch.setattr(ServiceContext, "now", lambda self: moment)
    service, _ = build_service(db=str(db_path), today=TODAY)
    service.records.annotate(SUMMIT, "Minister attends.\nBriefing due on the 20th.")
    service.reminders.add(SUMMIT, ["30d"], when_dated=True)
    service.close()
    return db_path


@pytest.mark.parametrize("size", [(80, 24), (100, 30), (120, 40), (200, 50)])
def test_agenda_at_every_size(snap_compare: Any, store: Path, size: tuple[int, int]) -> None:
    assert snap_compare(build(store), terminal_size=size, run_before=settle)


def test_an_open_event_beside_the_agenda(snap_compare: Any, store: Path) -> None:
    async def open_summit(pilot: Any) -> None:
        await settle(pilot)
        await open_with(pilot, "slash")
        await pilot.press(*"bishkek")
        for key in ("enter", "u", "down"):
            await open_with(pilot, key)
        await settle(pilot)

    assert snap_compare(build(store), terminal_size=(150, 36), run_before=open_summit)


def test_timeline_of_the_year(snap_compare: Any, store: Path) -> None:
    async def open_timeline(pilot: Any) -> None:
        await settle(pilot)
        await pilot.press("t")
        await settle(pilot)

    assert snap_compare(build(store), terminal_size=(100, 30), run_before=open_timeline)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_the_agenda_in_french(snap_compare: Any, store: Path, size: tuple[int, int]) -> None:
    assert snap_compare(build(store, lang="fr"), terminal_size=size, run_before=settle)


@pytest.mark.parametrize("size", [(80, 24), (120, 40)])
def test_an_open_event_in_french(snap_compare: Any, store: Path, size: tuple[int, int]) -> None:
    async def open_summit(pilot: Any) -> None:
        await settle(pilot)
        await open_with(pilot, "slash")
        await pilot.press(*"bishkek")
        for key in ("enter", "u", "down"):
            await open_with(pilot, key)
        await settle(pilot)

    assert snap_compare(build(store, lang="fr"), terminal_size=size, run_before=open_summit)


@pytest.mark.parametrize("screen", ["t", "m", "question_mark", "s"])
def test_screens_and_dialogs_in_french(snap_compare: Any, store: Path, screen: str) -> None:
    """The timeline, the month, the help screen and a dialog, at 120x40."""

    async def open_screen(pilot: Any) -> None:
        await settle(pilot)
        await open_with(pilot, screen)
        await settle(pilot)

    assert snap_compare(build(store, lang="fr"), terminal_size=(120, 40), run_before=open_screen)

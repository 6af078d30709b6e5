"""Driving the real TUI in tests: build it through the composition root, run it headless,
wait for its workers, and read what is on screen."""

from __future__ import annotations

import asyncio
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any

from textual.pilot import Pilot
from textual.widgets import Static
from textual.worker import WorkerCancelled

from sco_cal.config.settings import Settings
from sco_cal.tui.app import ScoCalApp
from sco_cal.tui.screens.agenda import AgendaScreen
from sco_cal.tui.widgets.event_window import EventWindow
from sco_cal.wiring import make_app

TODAY = "2026-11-23"
Scenario = Callable[[Pilot[None]], Awaitable[None]]


def build(
    db: Path | str, *, lang: str = "en", settings: Settings | None = None, show_all: bool = False
) -> ScoCalApp:
    """The app as `sco-cal tui` builds it, at a fixed today, with steady cursors."""
    app = make_app(db=str(db), today=TODAY, lang=lang, settings=settings, show_all=show_all)
    app.cursor_blink = False
    return app


async def settle(pilot: Pilot[Any]) -> None:
    """Until no worker is left to run and what they posted has been handled."""
    for _ in range(100):
        try:
            await pilot.app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # a newer request replaced it: wait for that one
        await pilot.pause()
        if all(w.is_finished for w in pilot.app.workers):
            return
    raise AssertionError("the app never settled")


async def open_with(pilot: Pilot[Any], key: str) -> None:
    """Press a key that opens, closes or focuses something, and wait until it has: keys
    typed before a dialog is up would land on the screen below."""
    await pilot.press(key)
    await settle(pilot)


def run(app: ScoCalApp, scenario: Scenario, size: tuple[int, int] = (100, 30)) -> None:
    async def main() -> None:
        async with app.run_test(size=size) as pilot:
            await settle(pilot)
            await scenario(pilot)

    asyncio.run(main())


async def wait_until(pilot: Pilot[Any], condition: Callable[[], bool], seconds: float) -> None:
    """For what a timer brings: check, let the app run a little, check again."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + seconds
    while not condition():
        if loop.time() > deadline:
            raise AssertionError(f"not true after {seconds} s")
        await pilot.pause(0.05)


def agenda(app: ScoCalApp) -> AgendaScreen:
    screen = app.screen
    assert isinstance(screen, AgendaScreen), screen
    return screen


def lines(widget: EventWindow) -> list[str]:
    """The lines a person sees in the agenda table or the timeline."""
    return [widget.render_line(y).text.rstrip() for y in range(widget.size.height)]


def text_of(static: Static) -> str:
    return str(static.content)

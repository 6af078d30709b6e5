"""How fast the TUI answers at 1k, 10k and 100k events, headless through `run_test`.

    .venv/bin/python -m bench.tui_bench [--sizes 1000 10000 100000] [--word energy]
    .venv/bin/python -m bench.tui_bench --sizes 100000 --db postgresql://USER:PW@HOST/DB

For each size, in a fresh interpreter (so Textual's import counts, as it does for a
person starting the app): the time from start to the first agenda with its rows
drawn, then, typing a word into the search box one letter at a time, the median time
from a keystroke to the table showing the new result (and to its count showing), then
in the month view the median time from `]` or `[` to the grid drawn with the new
month's days marked. Targets at 100k: first screen under 1.5 s, a keystroke under
100 ms. `--db` measures a store already filled with the synthetic events of the size
given (`bench.synthetic`), such as a PostgreSQL database, instead of the cached file.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
SCREEN = (120, 40)


async def _until(condition: Callable[[], bool], timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the TUI did not answer in time")
        await asyncio.sleep(0.001)


async def _idle(app: Any) -> None:
    from textual.worker import WorkerCancelled

    while not all(w.is_finished for w in app.workers):
        try:
            await app.workers.wait_for_complete()
        except WorkerCancelled:
            pass  # replaced by a newer one


async def measure(n: int, word: str, db: str | None = None) -> dict[str, float]:
    from bench.synthetic import store_with

    path = db or store_with(n)
    start = time.perf_counter()
    from textual import events
    from textual.strip import Strip

    from sco_cal.tui.screens.agenda import AgendaScreen
    from sco_cal.wiring import make_app

    app = make_app(db=str(path), today="2026-11-23", lang="en")
    app.cursor_blink = False
    async with app.run_test(size=SCREEN) as pilot:
        await _until(lambda: isinstance(app.screen, AgendaScreen))
        screen = app.screen
        assert isinstance(screen, AgendaScreen)
        await _until(lambda: bool(screen.table.window and screen.table.window.events))
        await pilot.pause()
        first = time.perf_counter() - start
        await _idle(app)
        await pilot.press("slash")
        painted: list[tuple[float, str]] = []
        draw = screen.table.render_line

        def render_line(y: int) -> Strip:  # notes when, and for which search, it is drawn
            window = screen.table.window
            painted.append((time.perf_counter(), window.flt.search if window else ""))
            return draw(y)

        screen.table.render_line = render_line  # type: ignore[method-assign]
        table_times, count_times = [], []
        for i in range(len(word)):
            typed = word[: i + 1]
            began = time.perf_counter()
            # As the terminal driver does; Pilot.press would also wait for the whole
            # process to go idle, counting work the person does not wait for.
            key = events.Key(word[i], word[i])
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]

            def shown(text: str = typed) -> bool:
                window = screen.table.window
                return window is not None and window.flt.search == text

            await _until(shown)

            def drawn(text: str = typed) -> list[float]:
                return [t for t, search in painted if search == text]

            await _until(lambda: bool(drawn()))
            table_times.append(drawn()[0] - began)
            await _until(lambda: screen.tally is not None)
            count_times.append(time.perf_counter() - began)
            await _idle(app)  # facets too, before the next key
        months = await _month_keys(app, pilot)
    found = {
        "events": n,
        "first_screen_s": first,
        "keystroke_ms": statistics.median(table_times) * 1000,
        "keystroke_count_ms": statistics.median(count_times) * 1000,
    }
    for kind, keys in months.items():
        for i, what in enumerate(("ms", "cpu_ms", "cpu_all_ms")):
            found[f"{kind}_{what}"] = statistics.median(k[i] for k in keys) * 1000
    return found


async def _month_keys(
    app: Any, pilot: Any, moves: int = 6
) -> dict[str, list[tuple[float, float, float]]]:
    """Key to redraw in the month view: each `]` until the next month is drawn marked (the
    screen reads a month's neighbours ahead), then each `[` back, the months the screen
    keeps forgotten before each key (as on a first visit, or after a write). For each key:
    the wall time to the drawing, the process's CPU time to it, and its CPU time until
    every read the key started is done (reading ahead included)."""
    from textual import events

    from sco_cal.tui.screens.month import MonthScreen

    await pilot.press("escape", "escape")  # out of the search, which is cleared
    await _idle(app)
    await pilot.press("m")
    await _until(lambda: isinstance(app.screen, MonthScreen))
    screen = app.screen
    assert isinstance(screen, MonthScreen)
    grid = screen.grid
    await _until(lambda: grid.view is not None)
    await _settle(app, pilot)
    drawn: list[tuple[float, float, Any]] = []
    render = grid.render

    def noted() -> Any:  # notes when, and with which month's marks, the grid is drawn
        month = grid.view.first if grid.view else None
        drawn.append((time.perf_counter(), time.process_time(), month))
        return render()

    grid.render = noted  # type: ignore[method-assign]
    times: dict[str, list[tuple[float, float, float]]] = {"month": [], "cold": []}
    for name, char in (("right_square_bracket", "]"), ("left_square_bracket", "[")):
        for _ in range(moves):
            first = grid.day.replace(day=1)
            if char == "]":
                target = (first + timedelta(days=31)).replace(day=1)
            else:
                target = (first - timedelta(days=1)).replace(day=1)
                screen.months.clear()
            began, cpu = time.perf_counter(), time.process_time()
            key = events.Key(name, char)
            key.set_sender(app)
            app._driver.send_message(key)  # type: ignore[union-attr]

            def marked(t: date = target, since: float = began) -> list[tuple[float, float]]:
                return [(at, used) for at, used, first in drawn if first == t and at >= since]

            await _until(lambda: bool(marked()))
            at, used = marked()[0]
            await _settle(app, pilot)
            kind = "month" if char == "]" else "cold"
            times[kind].append((at - began, used - cpu, time.process_time() - cpu))
    return times


async def _settle(app: Any, pilot: Any) -> None:
    """Until the app has nothing left to do: reads started after a refresh included."""
    await pilot.pause()
    await _idle(app)
    while not all(w.is_finished for w in app.workers):
        await pilot.pause()
        await _idle(app)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=list(SIZES))
    parser.add_argument("--word", default="energy", help="typed one letter at a time")
    parser.add_argument("--db", help="a store holding the synthetic events of the one size")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.one:
        print(json.dumps(asyncio.run(measure(args.one, args.word, args.db))))
        return
    rows = []
    for n in args.sizes:
        store = ["--db", args.db] if args.db else []
        run = subprocess.run(
            [sys.executable, "-m", "bench.tui_bench", "--one", str(n), "--word", args.word] + store,
            cwd=ROOT,
            capture_output=True,
            text=True,
            check=True,
        )
        rows.append(json.loads(run.stdout.strip().splitlines()[-1]))
    print(f"{'events':>8}  {'first screen':>12}  {'keystroke':>10}  {'+ count':>8}")
    for row in rows:
        print(
            f"{row['events']:>8,}  {row['first_screen_s']:>10.2f} s"
            f"  {row['keystroke_ms']:>7.0f} ms  {row['keystroke_count_ms']:>5.0f} ms"
        )
    print("month keys: wall to the drawing (CPU to it, CPU until every read is done)")
    print(f"{'events':>8}  {'] read ahead':>26}  {'[ not read':>26}")
    for row in rows:
        print(
            f"{row['events']:>8,}"
            + "".join(
                f"  {row[f'{k}_ms']:>6.0f} ms ({row[f'{k}_cpu_ms']:>3.0f},"
                f" {row[f'{k}_cpu_all_ms']:>3.0f} ms)"
                for k in ("month", "cold")
            )
        )


if __name__ == "__main__":
    main()

"""How long a write takes, alone and with a busy desk, as a user runs it.

    python -m bench.write_bench                        # both parts, SQLite only
    python -m bench.write_bench --postgres URL         # the busy desk on PostgreSQL too
    python -m bench.write_bench --part single --runs 9
    python -m bench.write_bench --code DIR             # another checkout's sco_cal
    python -m bench.write_bench --resident             # commands handed to `sco-cal server`

*Single*: `sco-cal annotate`, `tag` and `status` on a copy of the synthetic store of
1k, 10k and 100k events, each a whole process (start-up included): median wall time
of each, the median CPU time (user + system) of all, which a loaded machine inflates
less, and the highest peak resident memory.

*Busy desk*: a TUI is open (headless, through Pilot, in its own process) on the
seeded calendar with an event's sheet showing; 8 writers each run 100 `sco-cal
annotate` on that event, one after the other, all at once. Per annotation: median
and p99 wall time, throughput, how many were acknowledged (exit 0) and how many are
stored, what the writers and the TUI said about errors, and how long until the TUI's
sheet showed each note (median, worst): counted from when it was stored (its
`created_at`, which on PostgreSQL is taken before the writer waits its turn for the
event's row) and from when its writer was answered (the note is committed then, and
the person who wrote it tells a colleague to look); and after the last writer was
answered.

`--code DIR` runs every sco-cal process (writers and TUI) from DIR's `sco_cal`, so the
same harness measures two versions back to back; the stores are built by this one.
`WRITE_BENCH_RAW=PREFIX` keeps each busy desk's timings in PREFIX.ENGINE.json.

`--resident` starts a resident server (`sco-cal server start`, in a runtime directory of
the bench's own) before the parts and stops it after: every write is then handed to it.
A write's peak memory is then the `sco-cal` process the person waits for; the process
forked from the server that does the work shares the server's pages and is not counted.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from bench.synthetic import store_with

ROOT = Path(__file__).resolve().parent.parent
SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-11-23"
WRITERS = 8
NOTES = 100
PREFIX = "bench note"

# Run in the TUI's own process: open the app, report the highlighted event, then note
# each time its sheet is drawn with how many bench notes it shows, and every error the
# app shows to the person, until told to stop.
TUI = """
import asyncio, json, sys, time
from textual.widgets import Static
from sco_cal.tui.screens.agenda import AgendaScreen
from sco_cal.tui.widgets.detail_pane import DetailPane
from sco_cal.wiring import make_app

db, today, prefix, stop = sys.argv[1:5]

def say(**what):
    print(json.dumps(what), flush=True)

async def main():
    app = make_app(db=db, today=today, lang="en")
    app.cursor_blink = False
    notify = app.notify
    def noted(message, *args, **kwargs):
        if kwargs.get("severity") == "error":
            say(error=str(message), at=time.monotonic())
        return notify(message, *args, **kwargs)
    app.notify = noted
    async with app.run_test(size=(120, 40)) as pilot:
        while not (isinstance(app.screen, AgendaScreen) and app.screen.table.current):
            await asyncio.sleep(0.01)
        pane = app.screen.query_one(DetailPane)
        while pane.event is None:
            await asyncio.sleep(0.01)
        show = pane.show
        before = len(app.service.events.get(pane.event.id).annotations)
        def shown(sheet, *args, **kwargs):
            if isinstance(getattr(sheet, "annotations", None), int):  # newest notes, and a count
                notes = sheet.annotations - before
            else:  # an older checkout's pane is given every note
                notes = sum(1 for a in sheet.annotations if a.text.startswith(prefix))
            say(shown=notes, at=time.monotonic())
            return show(sheet, *args, **kwargs)
        pane.show = shown
        say(ready=pane.event.id)
        while open(stop).read() != "stop":
            await asyncio.sleep(0.05)

asyncio.run(main())
"""


# The `sco-cal` command's own entry point (a checkout older than it has only the CLI's).
ENTRY = """
import sys
try:
    from sco_cal.launch import main
except ImportError:
    from sco_cal.cli import main
sys.exit(main())
"""


def sco_cal() -> list[str]:
    return [sys.executable, "-c", ENTRY]


def child_env(code: Path | None) -> dict[str, str]:
    env = dict(os.environ, SCO_CAL_TODAY=TODAY, NO_COLOR="1")
    env.pop("SCO_CAL_DB", None)
    # An installed sco-cal runs from compiled bytecode (pip compiles it, Python caches it
    # on a first run), which the warm-up writes. With PYTHONDONTWRITEBYTECODE set and no
    # cache, every run would compile sco-cal's and Typer's modules again.
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    if code is not None:
        env["PYTHONPATH"] = str(code)
    return env


# `python -c` puts the working directory first on the path, before PYTHONPATH: every
# sco-cal process runs from the checkout it is meant to run.
def child_cwd(env: dict[str, str]) -> str:
    return env.get("PYTHONPATH") or str(ROOT)


# The parent's memory would count in a child's peak (Linux carries the high-water mark
# across exec), so each command is started from this small interpreter, which measures.
LAUNCHER = """
import os, subprocess, sys, time
start = time.perf_counter()
proc = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL)
_, status, usage = os.wait4(proc.pid, 0)
cpu = usage.ru_utime + usage.ru_stime
print(time.perf_counter() - start, cpu, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status))
"""


def timed(argv: list[str], env: dict[str, str]) -> tuple[float, float, float, int, str]:
    """Wall and CPU seconds, peak resident MiB, exit code and stderr of one process."""
    run = subprocess.run(
        [sys.executable, "-S", "-c", LAUNCHER, *argv],
        capture_output=True,
        env=env,
        text=True,
        cwd=child_cwd(env),
    )
    wall, cpu, rss, code = run.stdout.split()
    return float(wall), float(cpu), float(rss), int(code), run.stderr


# -- one write at a time -----------------------------------------------------------------
def bench_single(runs: int, env: dict[str, str], sizes: tuple[int, ...]) -> None:
    print(
        "| events | `annotate` | `tag +x` | `status confirmed` | `rm` / `restore` "
        "| CPU, median of all | peak RSS |"
    )
    print("| ---: | ---: | ---: | ---: | ---: | ---: | ---: |")
    for n in sizes:
        with tempfile.TemporaryDirectory() as tmp:
            db = Path(tmp) / "events.db"
            shutil.copy(store_with(n), db)
            event = f"bench-{n // 2:06d}"
            base = sco_cal()
            commands = {
                "annotate": ["annotate", event, "a note"],
                "tag": ["tag", event, "+watch"],
                "status": ["status", event, "confirmed"],
                "rm": ["rm", event],
            }
            walls: dict[str, float] = {}
            cpus: list[float] = []
            peak = 0.0
            for name, args in commands.items():
                argv = [*base, *args, "--db", str(db)]
                timed(argv, env)  # warm the page cache
                times: list[float] = []
                for i in range(runs):
                    if name == "tag":  # alternate, so each run changes something
                        argv[-3] = "+watch" if i % 2 else "-watch"
                    if name == "status":
                        argv[-3] = "confirmed" if i % 2 else "provisional"
                    if name == "rm":  # deleted by the warm-up, brought back, deleted...
                        argv[-4] = "rm" if i % 2 else "restore"
                    wall, cpu, rss, code, err = timed(argv, env)
                    if code != 0:
                        raise SystemExit(f"{' '.join(args)} failed ({code}): {err.strip()}")
                    times.append(wall)
                    cpus.append(cpu)
                    peak = max(peak, rss)
                walls[name] = statistics.median(times)
            print(
                f"| {n:,} | {walls['annotate']:.3f} s | {walls['tag']:.3f} s "
                f"| {walls['status']:.3f} s | {walls['rm']:.3f} s "
                f"| {statistics.median(cpus):.3f} s | {peak:.0f} MiB |",
                flush=True,
            )


# -- a busy desk ------------------------------------------------------------------------------
@dataclass
class Write:
    writer: int
    start: float
    end: float
    code: int
    err: str


@dataclass
class Desk:
    writes: list[Write] = field(default_factory=list)
    shown: list[tuple[float, int]] = field(default_factory=list)
    tui_errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)


def bench_desk(
    engine: str, db: str, env: dict[str, str], tmp: Path, writers: int, notes: int
) -> dict[str, Any]:
    stop = tmp / "stop"
    stop.write_text("run")
    tui = subprocess.Popen(
        [sys.executable, "-c", TUI, db, TODAY, PREFIX, str(stop)],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=env,
        text=True,
        cwd=child_cwd(env),
    )
    assert tui.stdout is not None
    desk = Desk()
    first = json.loads(tui.stdout.readline() or "{}")
    if "ready" not in first:
        tui.kill()
        said = tui.stderr.read() if tui.stderr else ""
        raise SystemExit(f"the TUI did not start: {first} {said}")
    event = first["ready"]

    def listen() -> None:
        assert tui.stdout is not None
        for line in tui.stdout:
            said = json.loads(line)
            if "shown" in said:
                desk.shown.append((said["at"], said["shown"]))
            elif "error" in said:
                desk.tui_errors.append(said["error"])

    listener = threading.Thread(target=listen)
    listener.start()

    def write(writer: int) -> None:
        for i in range(notes):
            argv = [*sco_cal(), "annotate", event, f"{PREFIX} {writer}-{i}", "--db", db]
            start = time.monotonic()
            proc = subprocess.run(argv, capture_output=True, text=True, env=env, cwd=child_cwd(env))
            end = time.monotonic()
            with desk.lock:
                desk.writes.append(Write(writer, start, end, proc.returncode, proc.stderr))

    threads = [threading.Thread(target=write, args=(w,)) for w in range(writers)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    ended = time.monotonic()
    time.sleep(4)  # several polls of the TUI after the last write
    stop.write_text("stop")
    tui.wait(timeout=60)
    listener.join()
    if tui.returncode != 0 and tui.stderr is not None:
        desk.tui_errors.append(f"exit {tui.returncode}: {tui.stderr.read()[-300:]}")
    return summarise(engine, desk, stored_notes(db, event), ended - began)


def summarise(engine: str, desk: Desk, stored: list[float], seconds: float) -> dict[str, Any]:
    """The figures of one busy desk; `stored` holds when each bench note was written
    (its `created_at`, taken inside its transaction), on the monotonic clock."""
    walls = sorted(w.end - w.start for w in desk.writes)
    acks = sorted(w.end for w in desk.writes if w.code == 0)
    stored_lags, answered_lags = _lags(desk.shown, sorted(stored)), _lags(desk.shown, acks)
    after_last = [at for at, notes in desk.shown if notes >= len(acks)]
    # A write's confirmation goes to stderr too: only a failure or a message about an
    # error counts as an error seen.
    failed = [w for w in desk.writes if w.code != 0 or "error" in w.err.lower()]
    if os.environ.get("WRITE_BENCH_RAW"):
        raw = {"writes": [vars(w) for w in desk.writes], "shown": desk.shown, "stored": stored}
        Path(os.environ["WRITE_BENCH_RAW"] + f".{engine}.json").write_text(json.dumps(raw))
    return {
        "engine": engine,
        "median": statistics.median(walls),
        "p99": walls[max(0, round(len(walls) * 0.99) - 1)],
        "throughput": len(walls) / seconds,
        "acknowledged": len(acks),
        "stored": len(stored),
        "writer_errors": len(failed),
        "writer_error_sample": sorted({w.err.strip()[:120] for w in failed})[:3],
        "tui_errors": desk.tui_errors,
        "lag_median": statistics.median(stored_lags) if stored_lags else float("inf"),
        "lag_worst": max(stored_lags) if stored_lags else float("inf"),
        "answered_median": statistics.median(answered_lags) if answered_lags else float("inf"),
        "answered_worst": max(answered_lags) if answered_lags else float("inf"),
        "lag_last": max(0.0, min(after_last) - acks[-1]) if after_last and acks else float("inf"),
    }


def _lags(shown: list[tuple[float, int]], times: list[float]) -> list[float]:
    """For the k-th of `times` (in order), how long until the sheet showed k notes."""
    lags = []
    for k, moment in enumerate(times, start=1):
        seen = [at for at, notes in shown if notes >= k]
        lags.append(max(0.0, min(seen) - moment) if seen else float("inf"))
    return lags


def stored_notes(db: str, event: str) -> list[float]:
    """When each bench note on `event` was written, on this process's monotonic clock."""
    sql = "SELECT created_at FROM annotation WHERE event_id = {0} AND text LIKE {0}"
    if "://" not in db:
        import sqlite3

        with sqlite3.connect(db) as conn:
            rows = conn.execute(sql.format("?"), (event, f"{PREFIX}%")).fetchall()
    else:
        import psycopg

        with psycopg.connect(db) as conn:
            rows = conn.execute(sql.format("%s"), (event, f"{PREFIX}%")).fetchall()
    offset = time.time() - time.monotonic()
    return [_epoch(value) - offset for (value,) in rows]


def _epoch(value: Any) -> float:
    from datetime import UTC, datetime

    if isinstance(value, str):  # SQLite keeps UTC as text without its zone
        value = datetime.fromisoformat(value).replace(tzinfo=UTC)
    return float(value.timestamp())


def seeded(db: str) -> None:
    """The desk's calendar: the schema and the seed, built by this checkout."""
    from datetime import date

    from sco_cal.wiring import build_service

    service, _ = build_service(db=db, today=date(2026, 11, 23))
    service.close()


def postgres_database(server: str, name: str, create: bool) -> str:
    import psycopg

    with psycopg.connect(server, autocommit=True) as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')
        if create:
            conn.execute(f'CREATE DATABASE "{name}"')
    return server.rsplit("/", 1)[0] + "/" + name


def print_desk(rows: list[dict[str, Any]]) -> None:
    print(
        "| engine | median | p99 | throughput | acknowledged / stored | errors (writers, TUI) "
        "| TUI shows a note after it is stored: median, worst "
        "| after its writer is answered: median, worst | after the last answer |"
    )
    print("| --- | ---: | ---: | ---: | ---: | --- | --- | --- | ---: |")
    for r in rows:
        print(
            f"| {r['engine']} | {r['median']:.2f} s | {r['p99']:.2f} s "
            f"| {r['throughput']:.1f} /s | {r['acknowledged']} / {r['stored']} "
            f"| {r['writer_errors']}, {len(r['tui_errors'])} "
            f"| {r['lag_median']:.2f} s, {r['lag_worst']:.2f} s "
            f"| {r['answered_median']:.2f} s, {r['answered_worst']:.2f} s "
            f"| {r['lag_last']:.2f} s |",
            flush=True,
        )
    for r in rows:
        for text in r["writer_error_sample"] + r["tui_errors"][:3]:
            print(f"  {r['engine']}: {text}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--part", choices=("single", "desk", "both"), default="both")
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--postgres", help="a server URL; a scratch database is made on it")
    parser.add_argument("--code", type=Path, help="run sco-cal from this checkout")
    parser.add_argument("--writers", type=int, default=WRITERS)
    parser.add_argument("--notes", type=int, default=NOTES, help="by each writer")
    parser.add_argument(
        "--sizes", type=int, nargs="+", default=SIZES, help="events in each store of one write"
    )
    parser.add_argument("--resident", action="store_true", help="through `sco-cal server`")
    args = parser.parse_args()
    env = child_env(args.code.resolve() if args.code else None)
    with tempfile.TemporaryDirectory(prefix="sco-cal-bench-", dir="/tmp") as runtime:
        env["XDG_RUNTIME_DIR"] = runtime  # no server but the bench's own takes its writes
        if args.resident:
            server = [*sco_cal(), "server"]
            subprocess.run([*server, "start"], env=env, cwd=child_cwd(env), check=True)
        try:
            run_parts(args, env)
        finally:
            if args.resident:
                subprocess.run([*server, "stop"], env=env, cwd=child_cwd(env), check=True)


def run_parts(args: argparse.Namespace, env: dict[str, str]) -> None:
    print(f"load average at start: {os.getloadavg()[0]:.1f}", flush=True)
    if args.part in ("single", "both"):
        bench_single(args.runs, env, tuple(args.sizes))
    if args.part in ("desk", "both"):
        rows = []
        with tempfile.TemporaryDirectory() as tmp:
            db = str(Path(tmp) / "desk.db")
            seeded(db)
            rows.append(bench_desk("SQLite", db, env, Path(tmp), args.writers, args.notes))
            if args.postgres:
                name = f"sco_cal_write_bench_{os.getpid()}"  # two runs never share one
                url = postgres_database(args.postgres, name, create=True)
                try:
                    seeded(url)
                    rows.append(
                        bench_desk("PostgreSQL", url, env, Path(tmp), args.writers, args.notes)
                    )
                finally:
                    postgres_database(args.postgres, name, create=False)
        print_desk(rows)
    print(f"load average at end: {os.getloadavg()[0]:.1f}", flush=True)


if __name__ == "__main__":
    main()

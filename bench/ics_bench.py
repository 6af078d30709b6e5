"""Time iCalendar export and import of 10k events (and other sizes).

    python -m bench.ics_bench                     # 10k events, 3 runs each
    python -m bench.ics_bench --events 1000 --events 10000 --runs 5
    python -m bench.ics_bench --events 100000 --runs 1 --only export --only import

Figures are median wall times. `export` is the whole `sco-cal export` process
(start-up included); `import` is the whole `sco-cal import` process into an empty
store; `read` parses and checks the file; `write` adds every event to an empty
store in one transaction; `again` is the second import of the same file (every
event found unchanged); `dry run` is a whole `sco-cal import --dry-run` process on
the filled store. `--only` picks steps (export always runs: it makes the file).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import UTC, date, datetime
from functools import partial
from pathlib import Path
from typing import Any

from bench.synthetic import store_with
from sco_cal.interchange.files import read_file
from sco_cal.interchange.incoming import ReadOptions
from sco_cal.store.imports import import_parsed
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.wiring import build_service

TODAY = "2026-11-23"
STEPS = ("export", "import", "read", "write", "again", "dry-run")


def median(work: Callable[[], Any], runs: int) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = work()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def main() -> None:
    parser = argparse.ArgumentParser(description="Time ICS export and import.")
    parser.add_argument("--events", type=int, action="append", help="size (repeatable)")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--only", action="append", choices=STEPS, help="steps (repeatable)")
    options = parser.parse_args()
    steps = set(options.only or STEPS)
    exe = str(Path(sys.executable).with_name("sco-cal"))
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {"SCO_CAL_CONFIG": f"{scratch}/none.toml", "SCO_CAL_AUTHOR": "bench"}
        for n in options.events or [10_000]:
            source = Path(scratch) / f"events-{n}.db"
            shutil.copyfile(store_with(n), source)
            file = Path(scratch) / f"events-{n}.ics"
            export = [exe, "export", "--db", str(source), "--today", TODAY, "-o", str(file)]
            seconds, _ = median(partial(subprocess.run, export, check=True, env=env), options.runs)
            size = file.stat().st_size / 1e6
            print(f"export  {n:>7} events: {seconds:.2f} s  ({size:.1f} MB)", flush=True)
            if "import" in steps:
                _time_whole_import(file, Path(scratch) / f"whole-{n}.db", n, options.runs, exe, env)
            if steps & {"read", "write", "again", "dry-run"}:
                _time_import(file, Path(scratch) / f"empty-{n}.db", n, options.runs, exe, env)


def _time_whole_import(
    file: Path, db: Path, n: int, runs: int, exe: str, env: dict[str, str]
) -> None:
    times = []
    for _ in range(runs):
        for stale in db.parent.glob(db.name + "*"):
            stale.unlink()
        init = [exe, "init", "--empty", "--db", str(db), "--today", TODAY]
        subprocess.run(init, check=True, env=env, capture_output=True)
        run = [exe, "import", str(file), "--db", str(db), "--today", TODAY, "--max-size", "1GB"]
        start = time.perf_counter()
        subprocess.run(run, check=True, env=env, capture_output=True)
        times.append(time.perf_counter() - start)
    print(f"import  {n:>7} events: {statistics.median(times):.2f} s  (whole process)", flush=True)


def _time_import(file: Path, db: Path, n: int, runs: int, exe: str, env: dict[str, str]) -> None:
    opts = ReadOptions(name=file.name, today=date.fromisoformat(TODAY))
    seconds, parsed = median(lambda: read_file(file, opts, max_bytes=10**9), runs)
    print(f"read    {n:>7} events: {seconds:.2f} s", flush=True)
    writes = []
    for _ in range(runs):
        for stale in db.parent.glob(db.name + "*"):  # the store and its -wal, -shm files
            stale.unlink()
        build_service(db=str(db), today=TODAY, seed=False)[0].close()
        store = Store(resolve_target(str(db)))
        start = time.perf_counter()
        report = import_parsed(store, parsed, name=file.name, author="bench", now=datetime.now(UTC))
        writes.append(time.perf_counter() - start)
        assert len(report.added) == n
        store.close()
    print(f"write   {n:>7} events: {statistics.median(writes):.2f} s", flush=True)
    service, _ = build_service(db=str(db), today=TODAY, seed=False)
    seconds, report = median(lambda: service.calendars.import_file(file, max_bytes=10**9), runs)
    assert len(report.unchanged) == n
    print(f"again   {n:>7} events: {seconds:.2f} s  (all unchanged)", flush=True)
    service.close()
    dry = [exe, "import", str(file), "--db", str(db), "--today", TODAY, "--dry-run"]
    dry += ["--max-size", "1GB"]
    quiet = partial(subprocess.run, dry, check=True, env=env, capture_output=True)
    seconds, _ = median(quiet, runs)
    print(f"dry run {n:>7} events: {seconds:.2f} s  (whole process)", flush=True)


if __name__ == "__main__":
    main()

"""Time `sco-cal db backup` and its peak memory at 1k, 10k and 100k events.

    python -m bench.backup_bench                  # every size, 5 runs each
    python -m bench.backup_bench --events 100000 --runs 9

A backup is a snapshot read in one read transaction and written to an anonymous
0600 file named only when complete, so it holds one copy of the store in memory
while it writes. Beside each figure: the SQLite backup API copying the same store
straight to a file in-process (how backups were taken before), for comparison.
"""

from __future__ import annotations

import argparse
import os
import resource
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
from contextlib import closing
from pathlib import Path

from bench.synthetic import store_with

SIZES = (1_000, 10_000, 100_000)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time sco-cal db backup.")
    parser.add_argument("--events", type=int, action="append", help="size (repeatable)")
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()
    exe = Path(sys.executable).with_name("sco-cal")
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {"SCO_CAL_CONFIG": f"{scratch}/none.toml", "SCO_CAL_AUTHOR": "bench"}
        for n in options.events or SIZES:
            store = store_with(n)
            megabytes = store.stat().st_size / 2**20
            times, peak = [], 0
            for run in range(options.runs):
                out = Path(scratch) / f"backup-{n}-{run}.db"
                started = time.perf_counter()
                subprocess.run(
                    [str(exe), "db", "backup", str(out), "--db", str(store)],
                    env=env,
                    check=True,
                    stderr=subprocess.DEVNULL,
                )
                times.append(time.perf_counter() - started)
                peak = max(peak, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)
                out.unlink()
            reference = _backup_api_seconds(store, Path(scratch) / "reference.db", options.runs)
            print(
                f"{n:>7} events ({megabytes:.0f} MiB): db backup {statistics.median(times):.3f} s, "
                f"peak RSS {peak / 1024:.0f} MiB; backup API to a file {reference:.3f} s",
                flush=True,
            )


def _backup_api_seconds(store: Path, target: Path, runs: int) -> float:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        with closing(sqlite3.connect(store)) as source, closing(sqlite3.connect(target)) as copy:
            source.backup(copy)
        times.append(time.perf_counter() - started)
        target.unlink()
    return statistics.median(times)


if __name__ == "__main__":
    main()

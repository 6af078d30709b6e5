"""Time `sco-cal digest` at 1k, 10k and 100k events, as cron runs it (target: under 1 s).

    python -m bench.digest_bench                  # every size, text/json/html, 7 runs each
    python -m bench.digest_bench --events 100000 --runs 11

Each figure is the median wall time of whole processes (start-up included), output
thrown away. The synthetic stores are copied to a scratch folder first, so the
digest's bookkeeping (the last-digest time, an upgrade) never touches the cache.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import tempfile
from pathlib import Path

from bench.list_bench import median_seconds
from bench.synthetic import store_with

SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-11-23"


def main() -> None:
    parser = argparse.ArgumentParser(description="Time sco-cal digest.")
    parser.add_argument("--events", type=int, action="append", help="size (repeatable)")
    parser.add_argument("--runs", type=int, default=7)
    options = parser.parse_args()
    exe = Path(sys.executable).with_name("sco-cal")
    with tempfile.TemporaryDirectory() as scratch:
        env = os.environ | {"SCO_CAL_CONFIG": f"{scratch}/none.toml", "SCO_CAL_AUTHOR": "bench"}
        for n in options.events or SIZES:
            db = Path(scratch) / f"events-{n}.db"
            shutil.copyfile(store_with(n), db)
            base = [str(exe), "digest", "--db", str(db), "--today", TODAY, "--no-mark"]
            for fmt in ("text", "json", "html"):
                seconds = median_seconds([*base, "--format", fmt], options.runs, env)
                print(f"digest --format {fmt:<4} {n:>7} events: {seconds:.3f} s", flush=True)


if __name__ == "__main__":
    main()

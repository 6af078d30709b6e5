"""Time `sco-cal list` at 1k, 10k and 100k events, as a user runs it.

    python -m bench.list_bench                 # synthetic stores, 7 runs each
    python -m bench.list_bench --compare DIR   # also khal and calcurse on the same events
    python -m bench.list_bench --language      # what choosing the language costs `list`

DIR is a folder made by the peers' generator (events.jsonl, khal/, calcurse/) for one
size; its events are loaded into a sco-cal store so all three tools read the same data.
Each figure is the median wall time of whole processes (start-up included).
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

from bench.synthetic import DATA, build_store, events_from_jsonl, store_with

SIZES = (1_000, 10_000, 100_000)
TODAY = "2026-11-23"
AGENDA = ["list", "--all", "--from", TODAY, "--to", "2026-12-22", "--format", "table"]
SEARCH = ["list", "--all", "energy", "ministers", "--country", "kz", "--format", "table"]


def sco_cal() -> list[str]:
    exe = Path(sys.executable).with_name("sco-cal")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "sco_cal"]


def median_seconds(argv: list[str], runs: int, env: dict[str, str] | None = None) -> float:
    """The median wall time of `runs` runs of a whole process, after one warm-up."""
    subprocess.run(argv, capture_output=True, check=True, env=env)  # warm the page cache
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(argv, capture_output=True, check=True, env=env)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def bench_synthetic(runs: int) -> None:
    print("| events | agenda, next 30 days | text search + country |")
    print("| ---: | ---: | ---: |")
    for n in SIZES:
        db = ["--db", str(store_with(n)), "--today", TODAY]
        agenda = median_seconds([*sco_cal(), *AGENDA, *db], runs)
        search = median_seconds([*sco_cal(), *SEARCH, *db], runs)
        print(f"| {n:,} | {agenda:.3f} s | {search:.3f} s |", flush=True)


# Inside a fresh `sco-cal list` process: what the run's language adds, from reading
# `--lang`, the config file and the locale variables to every help text translated.
# What `list` loads anyway (its command, the config file's location) is loaded first;
# CPU time, so that other processes on a busy machine do not count.
LANGUAGE_PROBE = """
import sys, time
from typer.main import get_command
from sco_cal.cli import build_app
from sco_cal.cli.language import language_of_run, translate_commands
from sco_cal.config.paths import config_path
from sco_cal.i18n import use
app = get_command(build_app({"list"}))
config_path()
start = time.process_time()
use(language_of_run(sys.argv[1:]))
translate_commands(app)
print(time.process_time() - start)
"""


def bench_language(runs: int) -> None:
    print("| language | choose, load the catalogue, translate the help |")
    print("| --- | ---: |")
    for lang in ("en", "fr"):
        argv = [sys.executable, "-c", LANGUAGE_PROBE, "list", "--lang", lang]
        costs = [float(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)]
        costs += [
            float(subprocess.run(argv, capture_output=True, text=True, check=True).stdout)
            for _ in range(runs - 1)
        ]
        print(f"| {lang} | {statistics.median(costs) * 1000:.2f} ms |", flush=True)


def bench_compare(folder: Path, runs: int) -> None:
    db = DATA / f"peers-{folder.name}.db"
    DATA.mkdir(parents=True, exist_ok=True)
    count = build_store(db, events_from_jsonl(folder / "events.jsonl"))
    commands = {"sco-cal": [*sco_cal(), *AGENDA, "--db", str(db), "--today", TODAY]}
    if khal := shutil.which("khal"):
        commands["khal"] = [khal, "-c", str(folder / "khal" / "config"), "list", TODAY, "30d"]
    if calcurse := shutil.which("calcurse"):
        commands["calcurse"] = [
            calcurse,
            "-D",
            str(folder / "calcurse"),
            "-Q",
            "--from",
            TODAY,
            "--days",
            "30",
        ]
    env = {"TZ": "UTC", "PATH": "/usr/bin:/bin"}
    print(f"{count:,} events from {folder}")
    for name, argv in commands.items():
        print(f"  {name:9} {median_seconds(argv, runs, env | _venv_env()):.3f} s", flush=True)


def _venv_env() -> dict[str, str]:
    import os

    return {k: v for k, v in os.environ.items() if k in ("HOME", "PATH", "VIRTUAL_ENV")}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--compare", type=Path, action="append", default=[])
    parser.add_argument("--language", action="store_true", help="only the language's cost")
    args = parser.parse_args()
    # As a user runs it: from compiled bytecode, written by the warm-up (see write_bench).
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    if args.language:
        bench_language(args.runs)
    elif args.compare:
        for folder in args.compare:
            bench_compare(folder, args.runs)
    else:
        bench_synthetic(args.runs)


if __name__ == "__main__":
    main()

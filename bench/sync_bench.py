"""Time `sco-cal sync` against a real CalDAV server (Radicale on localhost).

    python -m bench.sync_bench                   # 1,000 synthetic events
    python -m bench.sync_bench --events 200 --events 2000

For each size: `first` writes every event to an empty collection; `nothing` is the
next sync, with nothing changed on either side (what a cron job pays most of the
time); `ten` follows ten changes made on the server by another client and ten made
here. Wall times of the sync itself, in-process (start-up and the library's import
are not counted: see the caldav extra's note in pyproject.toml). Radicale shares the
machine's cores with the sync, so the figures include the server's own work.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path
from typing import Any

from bench.synthetic import store_with
from sco_cal.domain.sync import Prefer
from sco_cal.interchange.server import Collection
from sco_cal.service.sync import SyncTarget
from sco_cal.wiring import build_service
from tests.support.radicale import USERS, make_collection, radicale

TODAY = date(2026, 11, 23)


def run(events: int) -> dict[str, Any]:
    with tempfile.TemporaryDirectory() as tmp, radicale(Path(tmp) / "radicale") as server:
        url = server.url()
        make_collection(url)
        db = Path(tmp) / "store.db"
        shutil.copyfile(store_with(events), db)
        service, _ = build_service(db=str(db), today=TODAY)

        def sync() -> tuple[float, Any]:
            target = SyncTarget(Collection(url, "desk", USERS["desk"]), (), "SCO")
            started = time.perf_counter()
            report = service.sync.run(target, prefer=Prefer.LOCAL)
            elapsed = time.perf_counter() - started
            target.collection.close()
            return elapsed, report

        first, report = sync()
        figures: dict[str, Any] = {"events": events, "written": len(report.created)}
        figures["first"] = first
        figures["nothing"], _ = sync()
        _change_ten(url, service)
        figures["ten"], report = sync()
        figures["ten_pulled"], figures["ten_written"] = len(report.pulled), len(report.updated)
        service.close()
        return figures


def _change_ten(url: str, service: Any) -> None:
    import caldav

    client = caldav.DAVClient(url=url, username="colleague", password=USERS["colleague"])
    calendar = client.calendar(url=url)
    for obj in calendar.get_objects_by_sync_token(None, load_objects=True).objects[:10]:
        cal = obj.icalendar_instance
        cal.walk("VEVENT")[0]["SUMMARY"] = "Retitled on a phone"
        obj.icalendar_instance = cal
        obj.save()
    from sco_cal.domain.query import EventFilter, Scope

    for event in service.events.find(EventFilter(scope=Scope.ALL), limit=10, sort="title"):
        service.records.annotate(event.id, "checked before the sync")  # does not change parts
        service.records.change_status(
            event.id, "held" if event.status.value != "held" else "confirmed"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, action="append")
    args = parser.parse_args()
    print(f"{'events':>7} {'first':>8} {'nothing':>8} {'ten':>8}  (seconds)")
    for n in args.events or [1000]:
        f = run(n)
        print(
            f"{f['events']:>7} {f['first']:>8.2f} {f['nothing']:>8.2f} {f['ten']:>8.2f}"
            f"  wrote {f['written']} first; then pulled {f['ten_pulled']},"
            f" wrote {f['ten_written']}"
        )


if __name__ == "__main__":
    main()

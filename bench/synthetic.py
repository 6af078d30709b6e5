"""Deterministic synthetic calendars of N events, written straight into a store.

The events spread uniformly over 2025-2027 like the peers' comparison data
(about 28, 280 and 2,768 events fall in 2026-11-23 .. 2026-12-22 at 1k, 10k and
100k), with fuzzy windows mixed in as the real calendar has them. A peers'
`events.jsonl` can be loaded instead with `--jsonl`.
"""

from __future__ import annotations

import json
import random
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta
from pathlib import Path

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import Event, Kind, Source
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.query import event_search_text
from sco_cal.store.mapping import event_values
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.store.transaction import Transaction, insert_sql
from sco_cal.store.version import SCHEMA_VERSION
from sco_cal.store.writer import INSERT_SOURCE
from sco_cal.wiring import build_service

FIRST = date(2025, 1, 1)
SPAN = 1095
DATA = Path(__file__).parent / ".data"
ORGS = ["SCO", "CSTO", "UN", "UNESCO", "BRICS", "ASEAN", "CIS", "EAEU"]
PLACES = [
    ("KZ", "Astana"),
    ("KG", "Bishkek"),
    ("TJ", "Dushanbe"),
    ("UZ", "Tashkent"),
    ("CN", "Beijing"),
    ("RU", "Moscow"),
    ("IN", "New Delhi"),
    ("PK", "Islamabad"),
    ("IR", "Tehran"),
    ("BY", "Minsk"),
    ("AT", "Vienna"),
    ("CH", "Geneva"),
]
SECTORS = [
    "economy",
    "energy",
    "health",
    "agriculture",
    "transport",
    "education",
    "defence",
    "trade",
    "culture",
    "digital",
    "environment",
    "justice",
    "tourism",
    "science",
]
THEMES = [
    "security.military",
    "economy.trade",
    "economy.energy",
    "transport",
    "health",
    "culture",
    "environment",
    "technology",
    "institutional.sport",
    "diplomacy",
]
BODIES = ["ministers", "senior officials", "experts", "working group", "heads of agencies"]


def synthetic_events(n: int, seed: int = 20251123) -> Iterator[Event]:
    rng = random.Random(seed)
    states = list(ConfirmationState)
    for i in range(n):
        start = FIRST + timedelta(days=rng.randrange(SPAN))
        window = _window(rng, start)
        country, city = rng.choice(PLACES)
        title = f"Meeting of {rng.choice(SECTORS)} {rng.choice(BODIES)} #{i}"
        yield Event(
            id=f"bench-{i:06d}",
            organisation=rng.choice(ORGS),
            kind=Kind.MEETING,
            title=f"Réunion {i}: {title}",
            title_en=title,
            window=window,
            status=rng.choice(states),
            theme=rng.choice(THEMES),
            country=country,
            cities=(city,),
            origin="seed",
            sources=(Source("bench.txt", f"{title} in {city}", None),),
        )


def _window(rng: random.Random, start: date) -> DateWindow:
    kind = rng.random()
    if kind < 0.7:  # a day or a few days
        end = start + timedelta(days=rng.choice((0, 0, 0, 1, 2)))
        return DateWindow(
            start, end, Precision.DAY if end == start else Precision.DAYS, start.isoformat()
        )
    month_start = start.replace(day=1)
    month_end = (month_start + timedelta(days=32)).replace(day=1) - timedelta(days=1)
    return DateWindow(month_start, month_end, Precision.MONTH, f"{start:%B %Y}")


def events_from_jsonl(path: Path) -> Iterator[Event]:
    """The peers' comparison events (uid, title, city, start, end, all_day)."""
    with path.open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            start = date.fromisoformat(raw["start"][:10])
            end = date.fromisoformat(raw["end"][:10])
            if raw.get("all_day"):
                end -= timedelta(days=1)  # iCalendar's exclusive end
            end = max(start, end)
            yield Event(
                id=f"peer-{raw['uid'][:24]}",
                organisation="SCO",
                kind=Kind.MEETING,
                title=raw["title"],
                title_en=raw["title"],
                window=DateWindow(
                    start, end, Precision.DAY if start == end else Precision.DAYS, raw["start"]
                ),
                status=ConfirmationState.CONFIRMED,
                cities=(raw.get("city") or "",),
                origin="seed",
            )


def build_store(path: Path, events: Iterator[Event]) -> int:
    """A new store at `path` holding `events`, written in bulk in one transaction."""
    if path.exists():
        path.unlink()
    service, _ = build_service(db=str(path), today=date(2026, 11, 23), seed=False)
    now = datetime.now(UTC)
    count = 0

    def write(tx: Transaction) -> None:
        nonlocal count
        batch: list[Event] = []
        for event in events:
            batch.append(event)
            if len(batch) == 5000:
                count += _flush(tx, batch, now)
                batch = []
        count += _flush(tx, batch, now)

    service.close()
    store = Store(resolve_target(str(path)))
    store.write(write)
    store.close()
    return count


def _flush(tx: Transaction, batch: list[Event], now: datetime) -> int:
    """The events and their sources without history: a calendar as if it had always been."""
    if not batch:
        return 0
    rows = [
        event_values(e)
        | {"created_at": now, "updated_at": now, "search_text": event_search_text(e)}
        for e in batch
    ]
    tx.execute_many(insert_sql("event", list(rows[0])), rows)
    sources = [
        {
            "event_id": e.id,
            "document": s.document,
            "excerpt": s.excerpt,
            "document_date": None,
            "origin": "seed",
        }
        for e in batch
        for s in e.sources
    ]
    tx.execute_many(INSERT_SOURCE, sources)
    return len(batch)


def store_with(n: int) -> Path:
    """A cached store of `n` synthetic events under bench/.data/, one per schema version
    (a store cached by older code would be upgraded inside the first run measured)."""
    path = DATA / f"events-{n}-v{SCHEMA_VERSION}.db"
    if not path.exists():
        DATA.mkdir(parents=True, exist_ok=True)
        build_store(path, synthetic_events(n))
    return path

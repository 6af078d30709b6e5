"""Reading the curated seed data (`seed/calendar.toml`) into domain values."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import InvalidInput, ScoCalError
from sco_cal.domain.event import Event, Kind, Source
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.i18n import _

SEED_FILE = "calendar.toml"


@dataclass(frozen=True, slots=True)
class Document:
    """A source document: its file name, a title and when it was published."""

    file: str
    title: str
    published: date | None
    date_note: str | None = None


@dataclass(frozen=True, slots=True)
class SeedEvent:
    """An event as the seed states it, and which documents its date and state come from."""

    event: Event
    date_source: str
    status_source: str


@dataclass(frozen=True, slots=True)
class SeedData:
    documents: tuple[Document, ...]
    events: tuple[SeedEvent, ...]


def seed_dir() -> Path:
    """The seed folder: packaged beside the code, or the project's `seed/` in a checkout."""
    package = Path(__file__).parent.parent
    packaged = package / "_seed"
    return packaged if packaged.is_dir() else package.parent / "seed"


def load_seed(path: Path | None = None) -> SeedData:
    """The seed file parsed and checked; a broken file raises InvalidInput naming the event."""
    path = path or seed_dir() / SEED_FILE
    try:
        raw = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("cannot read seed data {path}: {reason}").format(path=path, reason=exc)
        ) from None
    documents = tuple(
        Document(d["file"], d["title"], d.get("date"), d.get("date_note"))
        for d in raw.get("document", [])
    )
    published = {d.file: d.published for d in documents}
    events = []
    for item in raw.get("event", []):
        try:
            events.append(_seed_event(item, published))
        except (KeyError, ValueError, ScoCalError) as exc:
            raise InvalidInput(
                _("seed event {id}: {reason}").format(id=item.get("id", "?"), reason=exc)
            ) from None
    return SeedData(documents, tuple(events))


def _seed_event(item: dict[str, Any], published: dict[str, date | None]) -> SeedEvent:
    sources = tuple(
        Source(s["document"], s["excerpt"], published.get(s["document"])) for s in item["source"]
    )
    date_source = item.get("date_source", sources[0].document)
    year = published.get(date_source)
    window = parse_date_phrase(item["date"], default_year=year.year if year else None)
    event = Event(
        id=item["id"],
        organisation=item["organisation"],
        kind=Kind.parse(item["kind"]),
        title=item["title"],
        title_en=item["title_en"],
        window=window,
        status=ConfirmationState.parse(item["status"]),
        theme=item.get("theme"),
        series=item.get("series"),
        number=item.get("number"),
        country=item.get("country"),
        cities=tuple(item.get("cities", ())),
        summary=item.get("summary"),
        origin="seed",
        sources=sources,
    )
    return SeedEvent(event, date_source, item.get("status_source", sources[0].document))

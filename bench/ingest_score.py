"""Scoring a document's review against its gold answer: found, windows, states, places, links.

A gold file is a JSON array with one object per meeting a careful analyst would put into
the calendar from the document (format in `tests/fixtures/ingest/README.md`). The five
seed documents are scored against `seed/calendar.toml` instead: its events citing a
document are that document's gold.

Review items are paired with gold entries by text (every keyword of the entry occurs in
the item's excerpt; for a seed event, its excerpt and the item's overlap), then by how
many of their values agree, so that two meetings of one sentence each find their item.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date
from difflib import SequenceMatcher
from pathlib import Path
from typing import Any

from sco_cal.domain.errors import UnknownPlace
from sco_cal.domain.event import Kind
from sco_cal.domain.places import country_code, find_city
from sco_cal.domain.text import fold
from sco_cal.store.seed_file import SeedData

# Actions whose item says something about a meeting (an unreadable one is only shown).
_READ = frozenset({"new", "update", "unchanged", "ambiguous"})
# Actions that would write, or ask a person to choose: unmatched, they are noise.
_PROPOSING = frozenset({"new", "update", "ambiguous"})
_SHARED_TEXT = 40  # characters a seed excerpt and an item's excerpt must share


@dataclass(frozen=True, slots=True)
class Gold:
    """One meeting the document should yield, and the values it should have."""

    key: str
    keywords: tuple[str, ...] = ()
    excerpts: tuple[str, ...] = ()
    start: date | None = None
    end: date | None = None
    status: str | None = None
    country: str | None = None
    city: str | None = None
    link: str = "new"  # new, update or ambiguous
    events: tuple[str, ...] = ()  # the stored event (update) or the candidates (ambiguous)
    new_allowed: bool = False  # an ambiguous entry that may also be a new meeting
    optional: bool = False
    scored: frozenset[str] = frozenset({"window", "state", "place"})

    def mentioned_in(self, excerpt: str) -> bool:
        """Whether an item's excerpt is about this meeting, by its words or its excerpt."""
        if self.keywords:
            words = set(_words(excerpt))
            return all(_words(k) and set(_words(k)) <= words for k in self.keywords)
        return any(_overlap(e, excerpt) for e in self.excerpts)


@dataclass
class Score:
    """The figures of one document (or a total): each a count of gold entries or items."""

    name: str
    expected: int = 0
    found: int = 0
    windows: int = 0
    windows_scored: int = 0
    states: int = 0
    states_scored: int = 0
    places: int = 0
    places_scored: int = 0
    links: int = 0
    wrong_links: int = 0
    spurious: int = 0
    ambiguous: int = 0
    unreadable: int = 0
    misses: list[str] = field(default_factory=list)

    def add(self, other: Score) -> None:
        for name in (
            "expected found windows windows_scored states states_scored places places_scored "
            "links wrong_links spurious ambiguous unreadable"
        ).split():
            setattr(self, name, getattr(self, name) + getattr(other, name))

    def share(self, part: str) -> float:
        """`found` of `expected`, or a field's right values of those scored."""
        if part == "found":
            return self.found / self.expected if self.expected else 1.0
        if part == "links":
            return self.links / self.found if self.found else 1.0
        scored = getattr(self, f"{part}_scored")
        return getattr(self, part) / scored if scored else 1.0


def load_gold(path: Path) -> list[Gold]:
    """A corpus gold file as Gold entries."""
    return [_gold_entry(raw) for raw in json.loads(path.read_text(encoding="utf-8"))]


def _gold_entry(raw: dict[str, Any]) -> Gold:
    link, events, new_allowed = _change(raw.get("change", "new"))
    return Gold(
        key=raw["key"],
        keywords=tuple(raw.get("keywords", ())),
        start=_day(raw.get("start")),
        end=_day(raw.get("end")),
        status=raw.get("status"),
        country=_country(raw.get("host_country")),
        city=_city(raw.get("city")),
        link=link,
        events=events,
        new_allowed=new_allowed,
        optional=bool(raw.get("optional", False)),
    )


def _change(text: str) -> tuple[str, tuple[str, ...], bool]:
    """`update: seed ID ...`, `new: ...` or `ambiguous: seed A | seed B | new ...`."""
    kind, _, rest = text.partition(":")
    kind = kind.strip().lower()
    ids = tuple(re.findall(r"\bseed ([a-z0-9-]+)", rest))
    if kind == "update" and ids:
        return "update", ids[:1], False
    if kind == "ambiguous":
        head = rest.split("(")[0]
        return "ambiguous", ids, bool(re.search(r"(?:^|\|)\s*new\b", head))
    return "new", (), False


def seed_gold(seed: SeedData, document: str) -> list[Gold]:
    """The seed's events citing `document`, as its gold.

    A date (a state) is scored only where the seed took it from this document; a
    signing, or a secondary mention that gives neither, is optional.
    """
    entries = []
    for item in seed.events:
        event = item.event
        excerpts = tuple(s.excerpt for s in event.sources if s.document == document)
        if not excerpts:
            continue
        primary = document in (item.date_source, item.status_source)
        scored = {"place"}
        if item.date_source == document:
            scored.add("window")
        if item.status_source == document:
            scored.add("state")
        entries.append(
            Gold(
                key=event.id,
                excerpts=excerpts,
                start=event.window.start,
                end=event.window.end,
                status=event.status.value,
                country=event.country,
                city=event.cities[0] if event.cities else None,
                optional=event.kind is Kind.SIGNING or not primary,
                scored=frozenset(scored),
            )
        )
    return entries


def score_review(
    name: str, items: Sequence[Any], gold: Sequence[Gold], stored: Iterable[str]
) -> Score:
    """How the review `items` of one document measure up to its `gold` entries.

    `stored` are the ids of the events the store held when the document was read: a
    link to any other id is to a meeting proposed earlier in the same review.
    """
    known = frozenset(stored)
    score = Score(name, expected=sum(not g.optional for g in gold))
    score.unreadable = sum(_action(i) == "unreadable" for i in items)
    readable = [i for i in items if _action(i) in _READ]
    pairs = _pair(readable, gold, known)
    paired = {id(item) for item, _ in pairs}
    for item, entry in pairs:
        _judge(score, item, entry, known)
    for item in readable:
        if id(item) not in paired and _action(item) in _PROPOSING:
            score.spurious += 1
            score.misses.append(f"spurious #{item.number} {_action(item)}: {_short(item.excerpt)}")
    found = {entry.key for _, entry in pairs}
    for entry in gold:
        if not entry.optional and entry.key not in found:
            score.misses.append(f"missed {entry.key}")
    return score


def _pair(
    items: Sequence[Any], gold: Sequence[Gold], known: frozenset[str]
) -> list[tuple[Any, Gold]]:
    """Each gold entry with at most one item that mentions it, the best-agreeing first."""
    candidates = []
    for i, item in enumerate(items):
        for j, entry in enumerate(gold):
            if entry.mentioned_in(item.excerpt):
                candidates.append((_agreement(item, entry, known), i, j))
    taken_items: set[int] = set()
    taken_gold: set[int] = set()
    pairs = []
    for _, i, j in sorted(candidates, key=lambda c: (-c[0], c[1], c[2])):
        if i in taken_items or j in taken_gold:
            continue
        taken_items.add(i)
        taken_gold.add(j)
        pairs.append((items[i], gold[j]))
    return pairs


def _agreement(item: Any, entry: Gold, known: frozenset[str]) -> int:
    return (
        _window_right(item, entry)
        + _state_right(item, entry)
        + _place_right(item, entry)
        + (_link(item, entry, known) == "right")
    )


def _judge(score: Score, item: Any, entry: Gold, known: frozenset[str]) -> None:
    link = _link(item, entry, known)
    if link == "wrong":
        score.wrong_links += 1
        score.misses.append(f"WRONG LINK {entry.key}: #{item.number} -> {item.event_id}")
    if _action(item) == "ambiguous":
        score.ambiguous += 1
    if entry.optional:
        return
    score.found += 1
    score.links += link == "right"
    if link != "right":
        score.misses.append(f"link {entry.key}: #{item.number} {_action(item)} {item.event_id}")
    checks = (
        ("window", _window_right(item, entry), lambda: _window_text(item)),
        ("state", _state_right(item, entry), lambda: item.finding.status.value),
        ("place", _place_right(item, entry), lambda: _place_text(item)),
    )
    for part, right, shown in checks:
        if part not in entry.scored:
            continue
        name = {"window": "windows", "state": "states", "place": "places"}[part]
        setattr(score, f"{name}_scored", getattr(score, f"{name}_scored") + 1)
        setattr(score, name, getattr(score, name) + right)
        if not right:
            score.misses.append(f"{part} {entry.key}: #{item.number} got {shown()}")


def _action(item: Any) -> str:
    return str(item.action.value)


def _window_right(item: Any, entry: Gold) -> bool:
    window = item.finding.window
    if entry.start is None:
        return window is None
    return window is not None and (window.start, window.end) == (entry.start, entry.end)


def _state_right(item: Any, entry: Gold) -> bool:
    return entry.status is None or item.finding.status.value == entry.status


def _place_right(item: Any, entry: Gold) -> bool:
    finding = item.finding
    city = finding.cities[0] if finding.cities else None
    return (finding.country, city) == (entry.country, entry.city)


def _link(item: Any, entry: Gold, known: frozenset[str]) -> str:
    """right, wrong, or open (no harm done: a person will choose, or nothing is linked)."""
    action = _action(item)
    linked = item.event_id if action in ("update", "unchanged") and item.event_id in known else None
    if entry.link == "update":
        if linked == entry.events[0]:
            return "right"
        return "wrong" if linked is not None else "open"
    if entry.link == "new":
        if linked is not None:
            return "wrong"
        return "right" if action != "ambiguous" else "open"
    if action == "ambiguous":
        candidates = {getattr(c, "event_id", c) for c in getattr(item, "candidates", ())}
        return "right" if set(entry.events) <= candidates else "open"
    if linked is not None and linked not in entry.events:
        return "wrong"
    return "open"


def _window_text(item: Any) -> str:
    window = item.finding.window
    return "no window" if window is None else f"{window.start}..{window.end}"


def _place_text(item: Any) -> str:
    finding = item.finding
    return f"{finding.country} {list(finding.cities)}"


def _words(text: str) -> list[str]:
    return re.findall(r"[^\W_]+(?:-[^\W_]+)*", fold(text))


def _overlap(a: str, b: str) -> bool:
    a, b = " ".join(a.split()), " ".join(b.split())
    if a in b or b.rstrip(". ") in a:
        return True
    match = SequenceMatcher(None, a, b, autojunk=False).find_longest_match(0, len(a), 0, len(b))
    return match.size >= min(_SHARED_TEXT, len(a), len(b))


def _short(text: str) -> str:
    flat = " ".join(text.split())
    return flat if len(flat) <= 90 else flat[:87] + "..."


def _day(value: str | None) -> date | None:
    return date.fromisoformat(value) if value else None


def _country(name: str | None) -> str | None:
    if not name:
        return None
    try:
        return country_code(name)
    except UnknownPlace:
        return name


def _city(name: str | None) -> str | None:
    if not name:
        return None
    found = find_city(name)
    return found.name if found is not None else name

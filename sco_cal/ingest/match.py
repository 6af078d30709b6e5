"""Which known event a finding speaks of: same series and ordinal, else a close likeness."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from functools import lru_cache

from sco_cal.domain.dates import DateWindow
from sco_cal.domain.event import Event, Kind
from sco_cal.domain.organisations import NATIONAL
from sco_cal.domain.text import fold
from sco_cal.ingest.extract import Finding

SIMILAR = 0.5  # share of the shorter title's words the other one holds
_SERIES_LIKENESS = 0.6
_SERIES_SHARED_WORDS = 2
_NOISE = re.compile(
    r"\b(?:des etats membres|des pays membres|member states|de l'organisation de cooperation"
    r" de shanghai|organisation de cooperation de shanghai|organisation du traite de securite"
    r" collective|de l'ocs|de l'otsc|des pays|du sco|of the sco)\b"
)
_FILLER = frozenset(
    "des les la le de du et sur pour aux au dans avec the of and on for in at with a an "
    "reunion session meeting rencontre ocs sco otsc csto onu etats etat membres member "
    "states l d un une".split()
)
_NAMED = re.compile(r"[«“][^»”]+[»”]")
# The heads of state of one organisation meet once in a window: that is enough to match.
_UNIQUE_KINDS = frozenset({Kind.SUMMIT})


@dataclass(frozen=True, slots=True)
class Match:
    """The event a finding speaks of, how it was found, and the evidence's weight."""

    event: Event
    how: str
    score: float


@lru_cache(maxsize=4096)
def title_words(title: str) -> frozenset[str]:
    """A title's telling words: folded, light-stemmed, without filler and ordinals."""
    text = _NOISE.sub(" ", fold(title))
    words = set()
    for word in re.findall(r"[a-z]{3,}", text):
        if word in _FILLER:
            continue
        words.add(word[:-1] if len(word) > 4 and word[-1] in "sx" else word)
    return frozenset(words)


def likeness(finding: Finding, event: Event) -> float:
    """How much the titles share, in either language (overlap of the shorter one)."""
    best = 0.0
    for mine in {finding.title, finding.title_en}:
        for theirs in {event.title, event.title_en}:
            a, b = title_words(mine), title_words(theirs)
            if a and b:
                best = max(best, len(a & b) / min(len(a), len(b)))
    return best


def align_series(finding: Finding, events: Sequence[Event]) -> Finding:
    """The finding under the calendar's own series slug when a known series is alike.

    A named meeting (« Mission de paix 2026 ») keeps the series of its name.
    """
    if _NAMED.search(finding.title):
        return finding
    best: tuple[float, str] | None = None
    for event in events:
        if event.series is None or not _same_body(finding.organisation, event.organisation):
            continue
        if event.series == finding.series:
            return finding
        shared = max(
            len(title_words(mine) & title_words(theirs))
            for mine in {finding.title, finding.title_en}
            for theirs in {event.title, event.title_en}
        )
        score = likeness(finding, event)
        if shared >= _SERIES_SHARED_WORDS and score >= _SERIES_LIKENESS:
            if best is None or score > best[0]:
                best = (score, event.series)
    if best is None:
        return finding
    return replace(finding, series=best[1])


def match_finding(finding: Finding, events: Iterable[Event]) -> Match | None:
    """The known event the finding speaks of, or None for a meeting not in the calendar."""
    candidates = list(events)
    if finding.series and finding.number is not None:
        for event in candidates:
            if event.series == finding.series and event.number == finding.number:
                return Match(
                    event, f"same series and number ({finding.series} {finding.number})", 2.0
                )
    best: Match | None = None
    for event in candidates:
        found = _likely(finding, event)
        if found is not None and (best is None or found.score > best.score):
            best = found
    return best


def _likely(finding: Finding, event: Event) -> Match | None:
    if not _same_body(finding.organisation, event.organisation):
        return None
    if finding.number is not None and event.number is not None and finding.number != event.number:
        return None
    if finding.country and event.country and finding.country != event.country:
        return None
    windows = [w for w in (finding.window, finding.previous) if w is not None]
    overlapping = any(event.window.overlaps(w.start, w.end) for w in windows)
    if windows and not overlapping:
        return None
    similar = likeness(finding, event)
    same_kind = finding.kind is event.kind
    same_day = any(w.is_exact and event.window.is_exact for w in windows)
    same_city = bool(set(finding.cities) & set(event.cities))
    same_country = finding.country is not None and finding.country == event.country
    if not windows:
        if similar < _SERIES_LIKENESS or not (same_country or finding.series == event.series):
            return None
        how = "alike title and place (the sentence gives no date)"
    elif similar >= SIMILAR:
        how = f"alike title ({similar:.0%}), same organisation, overlapping dates"
    elif same_kind and finding.kind in _UNIQUE_KINDS:
        how = f"the {event.kind.value} of {event.organisation} in that window"
    elif same_day and same_country:
        how = "same day and same country"
    elif same_city and same_kind:
        how = "same kind of meeting in the same city and window"
    else:
        return None
    score = similar + 0.3 * same_city + 0.2 * same_kind + 0.2 * same_day + 0.1 * same_country
    return Match(event, how, score)


def _same_body(mine: str, theirs: str) -> bool:
    # A host country's own initiative reads as its organisation's in a bulletin.
    return mine == theirs or NATIONAL in (mine, theirs)


def inside(inner: DateWindow, outer: DateWindow) -> bool:
    """Whether `inner` lies within `outer`."""
    return outer.start <= inner.start and inner.end <= outer.end

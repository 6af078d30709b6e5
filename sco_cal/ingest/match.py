"""Which known event a finding speaks of: a confident link, a choice for a person, or none.

A link needs strong evidence: the same series and ordinal; or the same body with a title
saying the same thing and a window that overlaps (the event's present window, or one it
had before a person or a document moved it); or the one summit of that body in that
window. When two events could be meant, when the evidence is only a place and a window,
or when the document moves a meeting away from everything the calendar knows of it,
the finding is left for a person to choose: a wrong link is worse than a missed one.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import timedelta
from functools import lru_cache

from sco_cal.domain.dates import DateWindow
from sco_cal.domain.event import Event, HistoryEntry, Kind
from sco_cal.domain.lifecycle import CLOSED, ConfirmationState
from sco_cal.domain.organisations import NATIONAL
from sco_cal.domain.text import fold
from sco_cal.ingest.extract import Finding
from sco_cal.ingest.wording import JOINT

_A_YEAR = 365
_PUT_OFF = timedelta(days=550)  # how far a meeting still open may have slipped
SIMILAR = 0.5  # share of the shorter title's telling words the other one holds
_SERIES_LIKENESS = 0.75
_SERIES_SHARED_WORDS = 2
_NOISE = re.compile(
    r"\b(?:des etats membres|des pays membres|member states|de l'organisation de cooperation"
    r" de shanghai|organisation de cooperation de shanghai|organisation du traite de securite"
    r" collective|de l'ocs|de l'otsc|des pays|du sco|of the sco)\b"
)
_FILLER = frozenset(
    "des les la le de du et sur pour aux au dans avec the of and on for in at with a an "
    "reunion session meeting rencontre ocs sco otsc csto onu etats membres member "
    "l d un une ministre minister chef head responsable representant leader "
    "dirigeant nouvelle new annual annuel annuelle forum conference seminaire seminar "
    "colloque symposium exercice exercise festival exposition exhibition salon marathon "
    "concours assemblee assembly conseil council type genre kind sujet subject theme".split()
)
# Words two titles may use for the same body: the acronym and its spelled-out name.
_SYNONYMS = {
    "srat": "rats",
    "antiterroriste": "rats",
    "anti-terrorist": "rats",
    "antidrogue": "anti-drug",
    "antidrug": "anti-drug",
    "agencie": "service",
    "agency": "service",
    "agence": "service",
}
_NAMED = re.compile(r"[«“][^»”]+[»”]")
_UNIQUE_KINDS = frozenset({Kind.SUMMIT})
# Kinds a reader may confuse (a council's "session" is a meeting; a forum, a conference);
# across these families a title alone does not say it is the same event.
_SITTINGS = frozenset({Kind.SUMMIT, Kind.MINISTERIAL, Kind.MEETING, Kind.WORKING_GROUP})
_PUBLIC = frozenset({Kind.FORUM, Kind.CONFERENCE})

EarlierWindows = Callable[[str], Sequence[DateWindow]]


@dataclass(frozen=True, slots=True)
class Candidate:
    """An event a finding may speak of, and why."""

    event: Event
    why: str
    strong: bool
    score: float
    ordinal: bool = False  # tied by series and number, not by title, place or window

    @property
    def event_id(self) -> str:
        return self.event.id


@dataclass(frozen=True, slots=True)
class Decision:
    """A link (`event`), a choice left to a person (`candidates`), or a new meeting."""

    event: Event | None = None
    how: str = ""
    candidates: tuple[Candidate, ...] = ()
    new_allowed: bool = True  # among the choices: "none of these, a new meeting"
    ordinal: bool = False  # the link rests on the series and number

    @property
    def ambiguous(self) -> bool:
        return self.event is None and bool(self.candidates)


_ONE_OFF = re.compile(
    r"\b(?:extraordinary|extraordinaire|emergency session|session extraordinaire)\b"
)
_SEASON_DAYS = 92  # a window longer than this says little more than the year


def _family(kind: Kind) -> str | None:
    if kind in _SITTINGS:
        return "sitting"
    if kind in _PUBLIC:
        return "public"
    return None if kind is Kind.OTHER else kind.value


def _joint(title: str) -> bool:
    return JOINT.search(fold(title)) is not None


def _title_doubts(finding: Finding, event: Event) -> list[str]:
    """Why title words, however alike, do not make the finding that event: it would number
    an event the calendar does not number, turn one kind of gathering into another, or
    make a joint meeting of several bodies the meeting of one of them."""
    doubts = []
    # the same city beside the same words and dates says more than a number or a kind
    # the reader may have taken differently ("26th summit", "a two-day forum on media")
    placed = bool(set(finding.cities) & set(event.cities))
    if finding.number is not None and event.number is None and not placed:
        doubts.append(f"the document numbers it ({finding.number}), the calendar does not")
    mine, theirs = _family(finding.kind), _family(event.kind)
    if mine is not None and theirs is not None and mine != theirs and not placed:
        doubts.append(f"a {finding.kind.value}, not a {event.kind.value}")
    if _joint(finding.title) and not _joint(event.title):
        doubts.append("a joint meeting of several bodies, not one of theirs")
    return doubts


@lru_cache(maxsize=4096)
def title_words(title: str) -> frozenset[str]:
    """A title's telling words: folded, light-stemmed, without filler and ordinals."""
    text = _NOISE.sub(" ", fold(title))
    words = set()
    for word in re.findall(r"[a-z][a-z-]{2,}", text):
        word = word.strip("-")
        word = word[:-1] if len(word) > 4 and word[-1] in "sx" else word
        if word in _FILLER or len(word) < 3:
            continue
        words.add(_SYNONYMS.get(word, word))
    return frozenset(words)


def _telling(finding: Finding) -> frozenset[str]:
    """The finding's title words, without the names of its own places."""
    places = {fold(c) for c in finding.cities}
    return (
        frozenset(w for mine in {finding.title, finding.title_en} for w in title_words(mine))
        - places
    )


def likeness(finding: Finding, event: Event) -> float:
    """How much the titles share, in either language (overlap of the shorter one)."""
    return _overlap(finding, event)[1]


def _overlap(finding: Finding, event: Event) -> tuple[int, float]:
    """(shared telling words, their share of the shorter title), the best language pair."""
    best = (0, 0.0)
    for mine in {finding.title, finding.title_en}:
        a = title_words(mine) - {fold(c) for c in finding.cities}
        for theirs in {event.title, event.title_en}:
            b = title_words(theirs)
            if a and b:
                shared = len(a & b)
                best = max(best, (shared, shared / min(len(a), len(b))))
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
        if event.kind is not finding.kind:
            continue
        shared, score = _overlap(finding, event)
        if shared >= _SERIES_SHARED_WORDS and score >= _SERIES_LIKENESS:
            if best is None or score > best[0]:
                best = (score, event.series)
        elif shared >= 1 and score >= 1.0 and finding.number is not None:
            if best is None or score > best[0]:
                best = (score, event.series)
    if best is None:
        return finding
    return replace(finding, series=best[1])


def decide(
    finding: Finding,
    events: Iterable[Event],
    earlier: EarlierWindows = lambda _id: (),
    common: frozenset[str] = frozenset(),
) -> Decision:
    """Link the finding to a known event, leave a choice to a person, or call it new.

    `common` are the title words too many events share to tell one from another.
    """
    return _kept_near(finding, _decide(finding, events, earlier, common), earlier)


def _kept_near(finding: Finding, decision: Decision, earlier: EarlierWindows) -> Decision:
    """A link that would move the event a year or more, or out of every window it has
    had, is left to a person unless the document says it moves from where the calendar
    has it, or the series and number tie it (and a move of a year or more rests on a
    year the document writes, not one the reader inferred)."""
    event, window = decision.event, finding.window
    if event is None or window is None:
        return decision
    theirs = [event.window, *earlier(event.id)]
    near = any(t.overlaps(window.start, window.end) for t in theirs)
    within_a_year = abs((window.start - event.window.start).days) < _A_YEAR
    if near and within_a_year:
        return decision
    previous = finding.previous
    if previous is not None and any(t.overlaps(previous.start, previous.end) for t in theirs):
        return decision
    if decision.ordinal and (within_a_year or not finding.year_inferred):
        return decision
    why = (
        f"{decision.how}, but the document puts it at {window.start}..{window.end}, "
        f"away from {event.window.start}..{event.window.end}"
    )
    return Decision(candidates=(Candidate(event, why, False, 0.0),))


def _decide(
    finding: Finding,
    events: Iterable[Event],
    earlier: EarlierWindows,
    common: frozenset[str],
) -> Decision:
    strong: list[Candidate] = []
    medium: list[Candidate] = []
    moved: list[Candidate] = []
    doubtful: list[Candidate] = []  # alike titles that hide a difference: never linked
    for event in events:
        found = _evidence(finding, event, earlier)
        if found is None:
            continue
        kind, candidate = found
        lists = {"strong": strong, "medium": medium, "moved": moved, "doubtful": doubtful}
        lists[kind].append(candidate)
    exact = [c for c in strong if c.score >= 3]
    if len(exact) == 1:
        return Decision(exact[0].event, exact[0].why, ordinal=exact[0].ordinal)
    strong.sort(key=lambda c: -c.score)
    if len(strong) == 1 and not medium:
        return Decision(strong[0].event, strong[0].why)
    if len(strong) == 1 and all(c.score < strong[0].score - 0.5 for c in medium):
        return Decision(strong[0].event, strong[0].why)
    if len(strong) > 1 and strong[0].score >= strong[1].score + 1:
        return Decision(strong[0].event, strong[0].why)
    choices = sorted([*strong, *medium], key=lambda c: -c.score)
    if doubtful:
        return Decision(candidates=tuple(sorted([*choices, *doubtful], key=lambda c: -c.score)[:4]))
    if not strong and medium and _clear_topic(finding, choices, common):
        return Decision(choices[0].event, choices[0].why)
    if len(choices) == 1 and not _telling(finding) and choices[0].event.kind is finding.kind:
        why = f"the only {finding.kind.value} of that body there and then (the text names no more)"
        return Decision(choices[0].event, why)
    if len(choices) >= 2 or (choices and choices[0].event.kind is finding.kind):
        return Decision(candidates=tuple(choices[:4]))
    if moved:
        return Decision(candidates=tuple(moved[:3]))
    return Decision()


def _clear_topic(finding: Finding, choices: list[Candidate], common: frozenset[str]) -> bool:
    """One candidate holds every telling word of the finding's title, the others none,
    and the words are rare in the calendar ("médias", not "sécurité")."""
    top, rest = choices[0], choices[1:]
    shared, similar = _overlap(finding, top.event)
    return (
        shared >= 1
        and similar >= 1.0
        and not _telling(finding) <= common
        and all(_overlap(finding, c.event)[0] == 0 for c in rest)
        and all(c.score <= top.score - 0.5 for c in rest)
    )


def common_words(events: Sequence[Event], share: int = 3) -> frozenset[str]:
    """Title words at least `share` events use: evidence of nothing in particular."""
    counts: dict[str, int] = {}
    for event in events:
        for word in title_words(event.title) | title_words(event.title_en):
            counts[word] = counts.get(word, 0) + 1
    return frozenset(w for w, n in counts.items() if n >= share)


def _evidence(
    finding: Finding, event: Event, earlier: EarlierWindows
) -> tuple[str, Candidate] | None:
    other_body = not _same_body(finding.organisation, event.organisation)
    if other_body and not finding.body_inferred:
        return None
    if finding.number is not None and event.number is not None and finding.number != event.number:
        return None
    if finding.series and finding.number is not None:
        if event.series == finding.series and event.number == finding.number:
            why = f"same series and number ({finding.series} {finding.number})"
            return "strong", Candidate(event, why, True, 3.0, ordinal=True)
    shared, similar = _overlap(finding, event)
    windows = [w for w in (finding.window, finding.previous) if w is not None]
    theirs = [event.window, *earlier(event.id)]
    overlapping = not windows or any(t.overlaps(w.start, w.end) for w in windows for t in theirs)
    same_country = finding.country is not None and finding.country == event.country
    other_country = bool(finding.country and event.country and finding.country != event.country)
    same_city = bool(set(finding.cities) & set(event.cities))
    same_kind = finding.kind is event.kind
    if finding.organisation != event.organisation and not other_body:
        # a country's own event and an organisation's meeting: the same one only where
        # the document puts it where the calendar does
        if not (same_city or (same_country and not event.cities)):
            return None
    if not overlapping or other_country:
        if _moved_here(finding, event, shared, similar):
            why = f"the document moves a meeting like it ({shared} title words shared)"
            return "moved", Candidate(event, why, False, similar)
        return None
    score = similar + 0.3 * same_city + 0.2 * same_kind + 0.1 * same_country
    return _title_evidence(finding, event, shared, similar, score, other_body=other_body)


def _title_evidence(
    finding: Finding,
    event: Event,
    shared: int,
    similar: float,
    score: float,
    *,
    other_body: bool,
) -> tuple[str, Candidate] | None:
    """Evidence short of a series and number: alike titles, the same place and days."""
    windows = [w for w in (finding.window, finding.previous) if w is not None]
    same_country = finding.country is not None and finding.country == event.country
    same_city = bool(set(finding.cities) & set(event.cities))
    same_kind = finding.kind is event.kind
    if other_body:  # the document names no body: a title like one of another body's
        if shared >= _SERIES_SHARED_WORDS and similar >= _SERIES_LIKENESS:
            why = f"alike title ({shared} telling words, {similar:.0%}) of a {event.organisation}"
            why += " meeting, overlapping dates (the document names no body)"
            return _by_title(finding, Candidate(event, why, True, 1 + score))
        return None
    if shared >= 2 and similar >= SIMILAR:
        why = f"alike title ({shared} telling words, {similar:.0%}), same body, overlapping dates"
        return _by_title(finding, Candidate(event, why, True, 1 + score))
    placed = same_country or same_city
    if shared >= 1 and similar >= 1.0 and same_kind and (placed or not finding.country):
        why = f"same {event.kind.value} title words, same place and overlapping dates"
        return _by_title(finding, Candidate(event, why, True, 1 + score))
    same_days = (
        finding.window is not None
        and finding.window.is_exact
        and ((finding.window.start, finding.window.end) == (event.window.start, event.window.end))
    )
    if same_days and same_city and (same_kind or not _telling(finding)):
        why = "the same day or days, in the same city"
        return "strong", Candidate(event, why, True, 1.5 + score)
    if same_kind and event.kind in _UNIQUE_KINDS and windows and (placed or not event.country):
        why = f"the {event.kind.value} of {event.organisation} in that window"
        return "strong", Candidate(event, why, True, 1 + score)
    # Two titles that both say what they are about and share no word of it ("heads of
    # migration services", "media and information policy") are two meetings when all that
    # ties them is a place and a year: a place and the same days or month still may be one.
    unalike = (
        shared == 0
        and bool(_telling(finding))
        and bool(title_words(event.title_en))
        and (event.window.end - event.window.start).days > _SEASON_DAYS
    )
    if windows and (same_city or (same_country and not finding.cities and not event.cities)):
        if (same_kind and not unalike) or shared >= 1:
            why = "same place and overlapping dates" + (", alike title" if shared else "")
            return "medium", Candidate(event, why, False, score)
    return None


def _by_title(finding: Finding, candidate: Candidate) -> tuple[str, Candidate]:
    """A link on title words, or a choice for a person when the titles hide a difference."""
    doubts = _title_doubts(finding, candidate.event)
    if not doubts:
        return "strong", candidate
    why = f"{candidate.why}; but {', and '.join(doubts)}"
    return "doubtful", replace(candidate, why=why, strong=False)


def _moved_here(finding: Finding, event: Event, shared: int, similar: float) -> bool:
    """A document moving a meeting that is still open to another place or year, or
    naming one like it later than the calendar has it: the same meeting put off, or the
    next one, which only a person can tell."""
    moving = finding.moved or (
        finding.stated_status and finding.status is ConfirmationState.POSTPONED
    )
    later = (
        finding.window is not None
        and event.kind not in _UNIQUE_KINDS  # one summit a year: next year's is another
        # an extraordinary meeting is a one-off: a later meeting not called so is another
        and not (_one_off(event.title_en) and not _one_off(finding.excerpt))
        and event.window.end < finding.window.start <= event.window.end + _PUT_OFF
    )
    alike = (shared >= _SERIES_SHARED_WORDS and similar >= _SERIES_LIKENESS) or (
        later
        and shared >= 1
        and similar >= 1.0
        and finding.kind is event.kind
        and finding.country in (None, event.country)
    )
    return (moving or later) and event.status not in CLOSED and alike


def _one_off(title: str) -> bool:
    return _ONE_OFF.search(fold(title)) is not None


def _same_body(mine: str, theirs: str) -> bool:
    # A host country's own initiative reads as its organisation's in a bulletin.
    return mine == theirs or NATIONAL in (mine, theirs)


def inside(inner: DateWindow, outer: DateWindow) -> bool:
    """Whether `inner` lies within `outer`."""
    return outer.start <= inner.start and inner.end <= outer.end


def earlier_windows(history: Iterable[HistoryEntry]) -> list[DateWindow]:
    """The windows an event had before each recorded move (oldest first)."""
    from datetime import date

    from sco_cal.domain.dates import Precision

    found = []
    for entry in history:
        start_change, end_change = entry.change("start_date"), entry.change("end_date")
        start = start_change.old if start_change else None
        if not start:
            continue
        end = (end_change.old if end_change else None) or start
        try:
            first, last = date.fromisoformat(start[:10]), date.fromisoformat(end[:10])
        except ValueError:
            continue
        if first <= last:
            found.append(DateWindow(first, last, Precision.DAYS))
    return found

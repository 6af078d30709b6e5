"""Judging one meeting's words: which date is its own, which state it is in, how sure we are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, timedelta

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.sections import Section
from sco_cal.ingest.titles import MeetingPhrase
from sco_cal.ingest.when import DateMention, last_before, nearest, resolve
from sco_cal.ingest.where import Host
from sco_cal.ingest.wording import (
    FUTURE_VERB,
    MOVED_TO,
    ONLINE,
    WAS_PLANNED,
    outcome_unknown,
    state_in,
)

_ASIDE = re.compile(
    r",\s*(?:repoussee?s?|reportee?s?|annoncee?s?|prevue?s?|initialement|deja|already"
    r"|originally|called off|annulee?s?|cancel+ed|qui|which|who)\b[^,;:]*,"
)
# A meeting named in the same enumeration as the one before ("..., de la réunion des ...").
_ENUMERATED = re.compile(
    r"^\s*(?:,|et\b|and\b|ainsi que\b|as well as\b)\s*(?:de la|du|des|de l'|d'|la|le|les|l'"
    r"|the|of the|a|an|notamment|including)?\b"
)
# Between a state's words and a day they were said on: "called off last week", "annulée mardi".
_SAID_ON = re.compile(r"\s*(?:on|le|ce|this)?\s*")
_SERIES = re.compile(r"\b(?:série|serie|series)\b")
_MAY_MOVE = frozenset({ConfirmationState.POSTPONED, ConfirmationState.CONFIRMED, None})
# Below this a finding is shown as unreadable: too much of it is guessed.
CONFIDENT = 0.5
_FLOOR = 0.05
_NUMBER_WORDS = (
    "two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen",
    "deux trois quatre cinq six sept huit neuf dix onze douze treize quatorze quinze",
)
_COUNTS = {word: n + 2 for words in _NUMBER_WORDS for n, word in enumerate(words.split())} | {
    str(n): n for n in range(2, 32)
}
_COUNT = rf"(?P<count>\d{{1,2}}|{'|'.join(_COUNTS)})"
# How long a meeting lasts, not how far off it is ("two days after the summit").
_DURATION = re.compile(
    rf"(?:\b(?:(?:pour|durant|pendant|sur|de|after|apres) )?{_COUNT}(?:[- ]days?| jours)\b"
    r"|(?P<week>\bweek-?long\b|\bfor a week\b|\b(?:pour|durant|pendant|d') ?une semaine\b))"
    r"(?! (?:after|before|later|earlier|ago|apres|avant|plus tard|plus tot))"
)
_FROM = re.compile(r"\s*(?:de|du|d'|from)\s*")
_FROM_PHRASE = re.compile(r"(?:de|du|d'|from)\b")
# "ended on Saturday, after twelve days": the day it ended, counted back.
_ENDED = re.compile(r"\b(?:achev\w*|termin\w*|clos\w*|clotur\w*|ended|concluded|closed)\b")
# "opened on 1 September and ended on 5 September": the day it ended is its last.
_ENDED_ON = re.compile(
    r"\b(?:ended|closed|concluded|wrapped up|s'est (?:achevee?|terminee?|close?|cloturee?)"
    r"|a pris fin|(?:a|ont) pris fin)\s*(?:on|le)?\s*$"
)
_UNTIL = re.compile(r"\b(?:jusqu'(?:au|a|a la)|until|till|through|to)\s*$")
# A date read against today because the document prints none of its own may be a year out.
_ASSUMED_DATE = 0.25
_STATE_CHANGES = frozenset(
    {
        ConfirmationState.CANCELLED,
        ConfirmationState.POSTPONED,
        ConfirmationState.HELD,
        ConfirmationState.CONFIRMED,
    }
)


@dataclass(frozen=True, slots=True)
class Judgement:
    """The meeting's window and state as one sentence gives them, with the reasons."""

    status: ConfirmationState
    stated: bool
    window: DateWindow | None
    previous: DateWindow | None
    confidence: float
    reasons: tuple[str, ...]
    problem: str | None = None
    cue: tuple[ConfirmationState, str] | None = None  # the words that said the state
    year_inferred: bool = False  # the window's year came from the document's date


@dataclass(frozen=True, slots=True)
class Context:
    """What the document and the headings say of every meeting of a unit."""

    document_date: date
    reported_until: date | None = None  # the end of the week a digest covers
    assumed_date: bool = False  # the document prints no date: today's was taken
    caveat: str | None = None
    confirmed: str | None = None  # "today confirmed the dates and venues of ..."
    section: Section = field(default_factory=Section)
    inherited: tuple[ConfirmationState, str] | None = None  # the state of an enumeration
    stated_status: tuple[ConfirmationState, str] | None = None  # a table's status column
    collective: tuple[ConfirmationState, str] | None = None  # "are all still to be confirmed"


class _Score:
    """A confidence that starts certain and loses a share for each thing guessed."""

    def __init__(self) -> None:
        self.value = 1.0
        self.reasons: list[str] = []

    def note(self, reason: str) -> None:
        self.reasons.append(reason)

    def doubt(self, amount: float, reason: str) -> None:
        self.value -= amount
        self.reasons.append(f"{reason} (-{amount:.2f})")


def judge(
    text: str,
    *,
    dates: list[DateMention],
    meeting: MeetingPhrase,
    host: Host,
    context: Context,
    org_reason: str | None,
) -> Judgement:
    """How the folded words `text` of one meeting date and qualify it."""
    score = _Score()
    cue = context.stated_status or _cue(text)
    state = cue[0] if cue else None
    if state is None and context.inherited is not None and _ENUMERATED.match(text):
        cue = context.inherited
        state = cue[0]
        score.note(f"state {state.value}: the enumeration says '{cue[1]}'")
    if state is None and context.collective is not None:
        cue = context.collective
        state = cue[0]
        score.note(f"state {state.value}: said of all the meetings named, '{cue[1]}'")
    past = (
        state is ConfirmationState.HELD
        or (state is None and context.section.tense == "past" and not FUTURE_VERB.search(text))
        or (cue is not None and outcome_unknown(cue[1]))  # "on ignore si ... a eu lieu"
    )
    until = context.reported_until or context.document_date
    dates = _meeting_dates(text, dates, cue)
    placed = [resolve(d, context.document_date, past=past, until=until) for d in dates]
    current, previous = _choose(text, placed, state, score)
    window = current.window if current is not None else None
    if current is not None and state is ConfirmationState.CANCELLED:
        # "annoncée pour décembre, ne se tiendra finalement pas": the December nearest
        raw = next(d for d, p in zip(dates, placed, strict=True) if p is current)
        current = nearest(raw, context.document_date)
        window = current.window
    if previous is not None and state is ConfirmationState.POSTPONED:
        raw = next(d for d, p in zip(dates, placed, strict=True) if p is previous)
        # "originally planned for May, postponed to the autumn": the May before the autumn;
        # "prévue en décembre, ajournée sans date": the December nearest the document
        previous = (
            last_before(raw, window.start)
            if window is not None
            else nearest(raw, context.document_date)
        )
    if window is not None and current is not None and window.precision is Precision.DAY:
        window = _lasting(window, text, dates, score)
    if context.assumed_date and current is not None and _needs_document_date(current):
        score.doubt(
            _ASSUMED_DATE,
            f"the document prints no date: '{current.text}' read against today's date",
        )
    status, stated = _status(text, cue, window, host, context, past, score)
    _doubts(score, meeting, host, org_reason)
    problem = _date_problem(window, previous, status, stated, score)
    if window is not None:
        _check_tense(status, window, until, score)
    confidence = round(max(_FLOOR, min(1.0, score.value)), 2)
    return Judgement(
        status=status,
        stated=stated,
        window=window,
        previous=previous.window if previous is not None else None,
        confidence=confidence,
        reasons=tuple(score.reasons),
        problem=problem,
        cue=cue,
        year_inferred=current is not None and _needs_document_date(current),
    )


def _meeting_dates(
    text: str, dates: list[DateMention], cue: tuple[ConfirmationState, str] | None
) -> list[DateMention]:
    """The dates of the meeting, without the day its state was announced: "pencilled in
    for November, was called off last week", "prévue en mai, a été annulée mardi" (the
    meeting's own date given as the one it was planned for)."""
    if cue is None or not any(WAS_PLANNED.search(text[: d.start]) for d in dates):
        return dates
    at = text.find(cue[1])
    if at < 0:
        return dates
    said = at + len(cue[1])
    kept = [
        d
        for d in dates
        if not (
            (d.relative or d.weekday)
            and d.start >= said
            and _SAID_ON.fullmatch(text, said, d.start) is not None
        )
    ]
    return kept or dates


def _cue(text: str) -> tuple[ConfirmationState, str] | None:
    """The state the words give, those outside an aside (", repoussée à plusieurs
    reprises,") first: the aside tells the history, the clause tells the news."""
    for words in (_ASIDE.sub(",", text), text):
        state, said = state_in(words)
        if state is not None:
            return state, said
    return None


def _choose(
    text: str, dates: list[DateMention], state: ConfirmationState | None, score: _Score
) -> tuple[DateMention | None, DateMention | None]:
    """(the meeting's date, the date it moves from) among its date phrases."""
    if not dates:
        return None, None
    moved = MOVED_TO.search(text)
    if moved is not None and state in _MAY_MOVE:
        # "Jeudi 12 : ..., reportée de février": the date after "de" is the one it leaves,
        # and then any other is the one it moves to
        left = [d for d in dates if _left(text, moved, d)]
        after = [d for d in dates if d.start >= moved.start() and d not in left]
        before = [d for d in dates if d.start < moved.start() and d not in left]
        if left:
            after, before = after or before, left
        old = before[0] if before else None
        if after:
            new = min(after, key=lambda d: (d.window.end - d.window.start, d.start))
            _note_date(score, new, "new date")
            return new, old
        if state is ConfirmationState.POSTPONED:
            return None, dates[0]
    planned = [d for d in dates if WAS_PLANNED.search(text[: d.start])]
    current = [d for d in dates if d not in planned] or (
        planned if state is not ConfirmationState.POSTPONED else []
    )
    if not current:
        return None, planned[0] if planned else None
    chosen = min(current, key=lambda d: (d.window.end - d.window.start, d.start))
    if len({(d.window.start, d.window.end) for d in current}) > 1:
        score.doubt(0.1, "several dates for this meeting; took the most precise")
    _note_date(score, chosen, "date")
    if not chosen.has_year and not chosen.relative:
        score.note(f"no year written; {chosen.window.start.year} from the document's date")
    old = planned[0] if planned and chosen not in planned else None
    return chosen, old


def _lasting(window: DateWindow, text: str, dates: list[DateMention], score: _Score) -> DateWindow:
    """A meeting that opens on a day and lasts a while covers those days: "a two-day
    forum will open on Thursday", "pour trois jours", "run for a week", "il dure
    jusqu'au 22 août"; one that "ended on Saturday, after twelve days" the days before."""
    ends = [
        resolve(d, window.start, past=False).window
        for d in dates
        if _UNTIL.search(text[: d.start]) or _ENDED_ON.search(text[: d.start])
    ]
    until = next((end for end in ends if end.end > window.start), None)
    if until is not None:
        score.note(f"lasts until {until.end}")
        return DateWindow(window.start, until.end, Precision.DAYS, window.text)
    match = _DURATION.search(text)
    if match is None:
        return window
    days = 7 if match["week"] else _COUNTS.get(match["count"] or "", 0)
    if days < 2:
        return window
    score.note(f"lasts '{match.group().strip()}'")
    span = timedelta(days=days - 1)
    if _ENDED.search(text):
        return DateWindow(window.start - span, window.start, Precision.DAYS, window.text)
    return DateWindow(window.start, window.start + span, Precision.DAYS, window.text)


def _left(text: str, moved: re.Match[str], mention: DateMention) -> bool:
    between = text[moved.end() : mention.start]
    return _FROM.fullmatch(between) is not None or (
        not between.strip() and _FROM_PHRASE.match(text, mention.start) is not None
    )


def _needs_document_date(mention: DateMention) -> bool:
    """Whether the phrase names a day only the document's own date makes whole."""
    return mention.relative or mention.weekday or not mention.has_year


def _note_date(score: _Score, mention: DateMention, what: str) -> None:
    w = mention.window
    score.note(f"{what} '{mention.text}' read as {w.start}..{w.end} ({w.precision.value})")


def _status(
    text: str,
    cue: tuple[ConfirmationState, str] | None,
    window: DateWindow | None,
    host: Host,
    context: Context,
    past: bool,
    score: _Score,
) -> tuple[ConfirmationState, bool]:
    if cue is not None:
        score.note(f"state {cue[0].value}: the words '{cue[1]}'")
        return cue[0], True
    section = context.section
    if section.state is not None:
        score.note(f"state {section.state.value}: the heading or list says '{section.state_words}'")
        return section.state, True
    if (
        past
        and window is not None
        and window.start <= (context.reported_until or context.document_date)
    ):
        score.note("state held: reported in the past tense")
        return ConfirmationState.HELD, True
    if window is not None and window.end < context.document_date and not FUTURE_VERB.search(text):
        score.note("state held: a past date, and nothing says it did not take place")
        return ConfirmationState.HELD, False
    if context.caveat is not None:
        caveat = " ".join(context.caveat.split())[:80]
        score.note(f"state provisional: the document says '{caveat}'")
        return ConfirmationState.PROVISIONAL, False
    if context.confirmed is not None and window is not None:
        confirmed = " ".join(context.confirmed.split())[:80]
        score.note(f"state confirmed: the document says '{confirmed}'")
        return ConfirmationState.CONFIRMED, False
    placed = host.country is not None or bool(host.cities) or ONLINE.search(text) is not None
    if window is not None and window.is_exact and placed:
        score.note("state confirmed: the day and the place are given without reserve")
        return ConfirmationState.CONFIRMED, False
    score.note("state provisional: announced, not confirmed")
    return ConfirmationState.PROVISIONAL, False


def _doubts(score: _Score, meeting: MeetingPhrase, host: Host, org_reason: str | None) -> None:
    if org_reason is not None:
        score.doubt(0.05 if "sentence before" in org_reason else 0.1, org_reason)
    if host.country is None:
        score.doubt(0.1, host.reason)
    else:
        score.note(f"place: {host.reason}")
        if host.ambiguous:
            score.doubt(0.1, "several countries named as hosts; took the first")
    if meeting.vague:
        score.doubt(0.25, f"the sentence does not say which meeting ('{meeting.title}')")
    if meeting.many and not _SERIES.search(meeting.title.casefold()):
        score.doubt(0.3, "several meetings named together")
    if meeting.truncated:
        score.doubt(0.1, "title cut: the sentence runs on")


def _date_problem(
    window: DateWindow | None,
    previous: DateMention | None,
    status: ConfirmationState,
    stated: bool,
    score: _Score,
) -> str | None:
    if window is not None:
        return None
    if stated and status in _STATE_CHANGES:
        if status is ConfirmationState.POSTPONED:
            score.note("postponed with no new date (sine die)")
            return None
        score.doubt(0.2, "no date: can only change a meeting already known")
        return None
    score.value = min(score.value, 0.3)
    return "no date the date parser can read"


def _check_tense(
    status: ConfirmationState, window: DateWindow, document_date: date, score: _Score
) -> None:
    if status is ConfirmationState.HELD and window.start > document_date:
        score.doubt(0.2, "reported as held but dated after the document")

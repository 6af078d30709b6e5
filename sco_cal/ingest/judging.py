"""Judging one meeting's words: which date is its own, which state it is in, how sure we are."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sco_cal.dates import DateWindow
from sco_cal.ingest.sections import Section
from sco_cal.ingest.titles import MeetingPhrase
from sco_cal.ingest.when import DateMention, resolve
from sco_cal.ingest.where import Host
from sco_cal.ingest.wording import FUTURE_VERB, MOVED_TO, WAS_PLANNED, state_in
from sco_cal.states import ConfirmationState

_ASIDE = re.compile(
    r",\s*(?:repoussee?s?|reportee?s?|annoncee?s?|prevue?s?|initialement|deja|already"
    r"|originally|called off|annulee?s?|cancel+ed|qui|which|who)\b[^,;:]*,"
)
# A meeting named in the same enumeration as the one before ("..., de la réunion des ...").
_ENUMERATED = re.compile(
    r"^\s*(?:,|et\b|and\b|ainsi que\b|as well as\b)\s*(?:de la|du|des|de l'|d'|la|le|les|l'"
    r"|the|of the|a|an|notamment|including)?\b"
)
_SERIES = re.compile(r"\b(?:série|serie|series)\b")
_MAY_MOVE = frozenset({ConfirmationState.POSTPONED, ConfirmationState.CONFIRMED, None})
# Below this a finding is shown as unreadable: too much of it is guessed.
CONFIDENT = 0.5
_FLOOR = 0.05
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


@dataclass(frozen=True, slots=True)
class Context:
    """What the document and the headings say of every meeting of a unit."""

    document_date: date
    caveat: str | None = None
    confirmed: str | None = None  # "today confirmed the dates and venues of ..."
    section: Section = field(default_factory=Section)
    inherited: tuple[ConfirmationState, str] | None = None  # the state of an enumeration
    stated_status: tuple[ConfirmationState, str] | None = None  # a table's status column


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
    past = state is ConfirmationState.HELD or (
        state is None and context.section.tense == "past" and not FUTURE_VERB.search(text)
    )
    placed = [resolve(d, context.document_date, past=past) for d in dates]
    current, previous = _choose(text, placed, state, score)
    window = current.window if current is not None else None
    if state is None and context.inherited is not None and _ENUMERATED.match(text):
        cue = context.inherited
        state = cue[0]
        score.note(f"state {state.value}: the enumeration says '{cue[1]}'")
    status, stated = _status(text, cue, window, host, context, past, score)
    _doubts(score, meeting, host, org_reason)
    problem = _date_problem(window, previous, status, stated, score)
    if window is not None:
        _check_tense(status, window, context.document_date, score)
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
    )


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
        after = [d for d in dates if d.start >= moved.start()]
        before = [d for d in dates if d.start < moved.start()]
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
    if past and window is not None and window.start <= context.document_date:
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
    placed = host.country is not None or bool(host.cities)
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

"""Judging a sentence: which date is the meeting's, which state it is in, how sure we are."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sco_cal.domain.dates import DateWindow
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.titles import MeetingPhrase
from sco_cal.ingest.when import DateMention
from sco_cal.ingest.where import Host
from sco_cal.ingest.wording import FIRM_VERB, MOVED_TO, WAS_PLANNED, state_in

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
    folded: Folded,
    *,
    dates: list[DateMention],
    meeting: MeetingPhrase,
    host: Host,
    caveat: str | None,
    document_date: date,
    org_reason: str | None,
) -> Judgement:
    """How one sentence dates and qualifies the meeting it names."""
    score = _Score()
    state, words = state_in(folded.text)
    current, previous = _choose(folded, dates, state, score)
    window = current.window if current is not None else None
    status, stated = _status(folded, state, words, window, host, caveat, score)
    _doubts(score, meeting, host, org_reason)
    problem = _date_problem(window, status, stated, score)
    if window is not None:
        _check_tense(status, window, document_date, score)
    confidence = round(max(_FLOOR, min(1.0, score.value)), 2)
    return Judgement(
        status=status,
        stated=stated,
        window=window,
        previous=previous.window if previous is not None else None,
        confidence=confidence,
        reasons=tuple(score.reasons),
        problem=problem,
    )


def _choose(
    folded: Folded, dates: list[DateMention], state: ConfirmationState | None, score: _Score
) -> tuple[DateMention | None, DateMention | None]:
    """(the meeting's date, the date it moves from) among the sentence's date phrases."""
    if not dates:
        return None, None
    text = folded.text
    moved = MOVED_TO.search(text) if state is ConfirmationState.POSTPONED else None
    if moved is not None:
        after = [d for d in dates if d.start >= moved.end()]
        before = [d for d in dates if d.start < moved.start()]
        old = before[0] if before else None
        if after:
            _note_date(score, after[0], "new date")
            return after[0], old
        return None, dates[0]
    planned = [d for d in dates if WAS_PLANNED.search(text[: d.start])]
    current = [d for d in dates if d not in planned] or planned
    chosen = min(current, key=lambda d: (d.window.end - d.window.start, d.start))
    if len({(d.window.start, d.window.end) for d in current}) > 1:
        score.doubt(0.1, "several dates in the sentence; took the most precise")
    _note_date(score, chosen, "date")
    if not chosen.has_year:
        score.doubt(0.1, f"no year written; took {chosen.window.start.year} from the document")
    old = planned[0] if planned and chosen not in planned else None
    return chosen, old


def _note_date(score: _Score, mention: DateMention, what: str) -> None:
    w = mention.window
    score.note(f"{what} '{mention.text}' read as {w.start}..{w.end} ({w.precision.value})")


def _status(
    folded: Folded,
    state: ConfirmationState | None,
    words: str,
    window: DateWindow | None,
    host: Host,
    caveat: str | None,
    score: _Score,
) -> tuple[ConfirmationState, bool]:
    if state is not None:
        score.note(f"state {state.value}: the sentence says '{words}'")
        return state, True
    if caveat is not None:
        score.note(f"state provisional: the document says '{' '.join(caveat.split())[:80]}'")
        return ConfirmationState.PROVISIONAL, False
    if FIRM_VERB.search(folded.text) and window is not None and window.is_exact and host.cities:
        score.note("state confirmed: the sentence gives the day and the city")
        return ConfirmationState.CONFIRMED, False
    score.note("state provisional: announced, not confirmed")
    return ConfirmationState.PROVISIONAL, False


def _doubts(score: _Score, meeting: MeetingPhrase, host: Host, org_reason: str | None) -> None:
    if org_reason is not None:
        score.doubt(0.05 if "sentence before" in org_reason else 0.15, org_reason)
    if host.country is None:
        score.doubt(0.15, host.reason)
    else:
        score.note(f"place: {host.reason}")
        if host.ambiguous:
            score.doubt(0.1, "several countries named as hosts; took the first")
    if meeting.vague:
        score.doubt(0.25, f"the sentence does not say which meeting ('{meeting.title}')")
    if meeting.many:
        score.doubt(0.3, "several meetings named together")
    if meeting.truncated:
        score.doubt(0.1, "title cut: the sentence runs on")


def _date_problem(
    window: DateWindow | None, status: ConfirmationState, stated: bool, score: _Score
) -> str | None:
    if window is not None:
        return None
    if stated and status in _STATE_CHANGES:
        score.doubt(0.2, "no date: can only change a meeting already known")
        return None
    score.value = min(score.value, 0.3)
    return "no date the date parser can read"


def _check_tense(
    status: ConfirmationState, window: DateWindow, document_date: date, score: _Score
) -> None:
    if status is ConfirmationState.HELD and window.start > document_date:
        score.doubt(0.2, "reported as held but dated after the document")

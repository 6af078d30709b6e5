"""Finding the date phrases inside a sentence and reading them with the date parser."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import DatePhraseError
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.wording import MEETING_NOUN

_MAX_TOKENS = 9
_TOKEN = re.compile(r"[^\s,;:()\[\]«»\"“”!?]+")
_BREAK = re.compile(r"[,;:()\[\]«»\"“”!?]|\.\s")
_MONTHS = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "january february march april may june july august september october november december"
).split()
_SEASONS = "printemps ete automne hiver spring summer autumn fall winter".split()
_PERIODS = "trimestre semestre quarter half onwards onward".split()
_END_WORDS = frozenset(_MONTHS + _SEASONS + _PERIODS)
_END_PATTERN = re.compile(
    r"(?:\d{4}|[qtsh][1-4]|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    rf"(?:mi|mid|debut|fin|early|late)-(?:{'|'.join(_MONTHS)}))$"
)
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
# A bare month ("en mars") is precise enough; a lone word ("may") is not a date.
_HEADER_LINE = 100


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in a sentence: its window, wording and place in the text."""

    window: DateWindow
    start: int  # folded positions
    end: int
    text: str
    has_year: bool


def find_dates(
    folded: Folded, *, default_year: int | None, masked: Sequence[tuple[int, int]] = ()
) -> list[DateMention]:
    """Non-overlapping date phrases of the sentence, in order of appearance.

    Each phrase is the longest run of words ending on a month, year, season,
    quarter or half-year that the date parser reads; a phrase with a year wins
    over an overlapping one without, then the longer one wins.
    """
    text = folded.text
    tokens = [m for m in _TOKEN.finditer(text) if not _inside(m.start(), m.end(), masked)]
    candidates: list[DateMention] = []
    for j, last in enumerate(tokens):
        if not _is_end(last.group()):
            continue
        best = _longest(folded, tokens, j, default_year)
        if best is not None:
            candidates.append(best)
    chosen: list[DateMention] = []
    for mention in sorted(candidates, key=lambda m: (not m.has_year, m.start - m.end, m.start)):
        if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
            chosen.append(mention)
    return sorted(chosen, key=lambda m: m.start)


def _longest(
    folded: Folded, tokens: list[re.Match[str]], j: int, default_year: int | None
) -> DateMention | None:
    text = folded.text
    end = tokens[j].end() - (1 if tokens[j].group().endswith(".") else 0)
    best: DateMention | None = None
    for i in range(j, max(-1, j - _MAX_TOKENS), -1):
        if i < j and _BREAK.search(text, tokens[i].end(), tokens[i + 1].start()):
            break
        if i < j and tokens[i].group().endswith("."):
            break
        start = tokens[i].start()
        phrase = text[start:end]
        if i == j and not any(c.isdigit() for c in phrase):
            continue
        original = folded.span(start, end)
        try:
            window = parse_date_phrase(original, default_year=default_year)
        except DatePhraseError:
            continue
        best = DateMention(window, start, end, original, bool(_YEAR.search(phrase)))
    return best


def _is_end(token: str) -> bool:
    core = token.rstrip(".").strip("'-")
    return core in _END_WORDS or bool(_END_PATTERN.search(core))


def _inside(start: int, end: int, masked: Iterable[tuple[int, int]]) -> bool:
    return any(start < m_end and end > m_start for m_start, m_end in masked)


def header_date(lines: Sequence[str]) -> date | None:
    """The single day printed in a short header or footer line ("Bulletin n°3, 15/01/2026").

    A line that names a meeting ("La prochaine réunion aura lieu le 11 novembre") is
    news, not the document's date.
    """
    short = [line for line in lines if line.strip()]
    for line in [*short[:5], *reversed(short[-5:])]:
        folded = Folded.of(line)
        if len(line) > _HEADER_LINE or MEETING_NOUN.search(folded.text):
            continue
        for mention in find_dates(folded, default_year=None):
            if mention.window.precision is Precision.DAY:
                return mention.window.start
    return None

"""From sentences to findings: the meetings a document announces, confirms, moves or cancels."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.dates import DateWindow
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.bodies import DEFAULT_ORGANISATION, main_organisation, organisations_in
from sco_cal.ingest.document import Document
from sco_cal.ingest.english import english_title
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.judging import Judgement, judge
from sco_cal.ingest.sentences import Sentence, headings, split_sentences
from sco_cal.ingest.titles import MeetingPhrase, find_meeting
from sco_cal.ingest.topics import theme_from_title
from sco_cal.ingest.when import DateMention, find_dates
from sco_cal.ingest.where import Host, PlaceMention, find_places, host_of
from sco_cal.ingest.wording import AGENDA_CAVEAT, ANNOUNCES, MEETING_NOUN, is_english

MAX_SENTENCE = 1_500
_QUOTE = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")
_QUOTE_SHARE = 0.6
_LOCATIVE = re.compile(r"(?:en|au|aux|a|in|at|dans)\s")
_SUMMARY = re.compile(
    r"(?:avec pour (?:theme|priorite|objectif)|consacree?s? (?:a|au|aux)|centree?s? sur"
    r"|portant sur|sur le theme|afin de|marquant|visant a|with a focus on|focusing on"
    r"|devoted to|dedicated to)\b"
)
_AGENDA_WORDS = re.compile(r"\b(?:echeances|agenda|calendrier|dates|schedule|items)\b")


@dataclass(frozen=True, slots=True)
class Finding:
    """What one sentence says about one meeting, with how sure the reading is and why.

    `window` is None when no date could be read; `previous` is the date a
    postponement moves the meeting from, when the sentence gives it. `problem`
    names why the sentence cannot be read (it is then shown, never applied).
    """

    excerpt: str
    line: int
    organisation: str
    kind: Kind
    title: str
    title_en: str
    status: ConfirmationState
    window: DateWindow | None = None
    previous: DateWindow | None = None
    series: str | None = None
    number: int | None = None
    country: str | None = None
    cities: tuple[str, ...] = ()
    theme: str | None = None
    summary: str | None = None
    stated_status: bool = False  # the sentence itself says the state, not the caveat
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    problem: str | None = None


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document."""

    document: str
    document_date: date
    findings: tuple[Finding, ...]
    caveat: str | None = None
    sentences: int = 0


@dataclass
class _Context:
    document_date: date
    caveat: str | None
    organisation: str | None


def extract(document: Document, *, document_date: date) -> Extraction:
    """The findings of `document`; year-less dates take the year of `document_date`."""
    sentences = split_sentences(document)
    context = _Context(
        document_date=document_date,
        caveat=agenda_caveat(sentences, headings(document)),
        organisation=main_organisation(s.text for s in sentences),
    )
    findings = [f for s in sentences if (f := read_sentence(s, context)) is not None]
    return Extraction(document.name, document_date, tuple(findings), context.caveat, len(sentences))


def agenda_caveat(sentences: list[Sentence], titles: list[str]) -> str | None:
    """The words saying that the whole agenda awaits confirmation, if the document has them."""
    for sentence in sentences:
        text = Folded.of(sentence.text).text
        if AGENDA_CAVEAT.search(text) and (
            _AGENDA_WORDS.search(text) or not MEETING_NOUN.search(text)
        ):
            return sentence.text
    for title in titles:
        if AGENDA_CAVEAT.search(Folded.of(title).text) is not None:
            return title
    return None


def read_sentence(sentence: Sentence, context: _Context) -> Finding | None:
    """The finding of one sentence, or None when it announces no meeting."""
    if len(sentence.text) > MAX_SENTENCE:
        return None
    folded = Folded.of(sentence.text)
    if not MEETING_NOUN.search(folded.text):
        return None
    masked = _quotes(folded.text)
    dates = find_dates(folded, default_year=context.document_date.year, masked=masked)
    announced = ANNOUNCES.search(folded.text) is not None
    if not dates and not announced:
        return None
    english = is_english(folded.text)
    places = find_places(folded, skip=masked)
    meeting = find_meeting(
        folded, masked=masked, stops_at=_stops(folded, dates, places), english=english
    )
    if meeting is None or (meeting.vague and not announced):
        return None  # "validée par les dirigeants au sommet": a mention, not news
    host = host_of(folded, places, after_noun=meeting.noun_end)
    organisation, org_reason = _organisation(folded, sentence, context)
    judgement = judge(
        folded,
        dates=dates,
        meeting=meeting,
        host=host,
        caveat=context.caveat,
        document_date=context.document_date,
        org_reason=org_reason,
    )
    return _finding(sentence, folded, meeting, host, organisation, judgement, english)


def _finding(
    sentence: Sentence,
    folded: Folded,
    meeting: MeetingPhrase,
    host: Host,
    organisation: str,
    judgement: Judgement,
    english: bool,
) -> Finding:
    named = english_title(
        meeting.title, organisation=organisation, number=meeting.number, english=english
    )
    reasons = list(judgement.reasons)
    if named.title is None:
        reasons.append("no English title: the phrase table does not cover this body")
    theme, theme_reason = _theme(sentence, meeting)
    reasons.append(theme_reason)
    return Finding(
        excerpt=sentence.text,
        line=sentence.line,
        organisation=organisation,
        kind=meeting.kind,
        title=meeting.title,
        title_en=named.title or meeting.title,
        status=judgement.status,
        window=judgement.window,
        previous=judgement.previous,
        series=named.series or None,
        number=meeting.number,
        country=host.country,
        cities=host.cities,
        theme=theme,
        summary=_summary(folded, meeting.end),
        stated_status=judgement.stated,
        confidence=judgement.confidence,
        reasons=tuple(reasons),
        problem=judgement.problem,
    )


def _quotes(text: str) -> list[tuple[int, int]]:
    """Quoted names, whose dates and places belong to the name (« Mission de paix 2026 »)."""
    return [
        (m.start(), m.end())
        for m in _QUOTE.finditer(text)
        if m.end() - m.start() < _QUOTE_SHARE * len(text)
    ]


def _stops(
    folded: Folded, dates: list[DateMention], places: list[PlaceMention]
) -> Callable[[int], bool]:
    """Where a title ends: a date phrase (not a bare year) or "en/à/in" before a place."""
    date_starts = {d.start for d in dates if not re.fullmatch(r"\d{4}", d.text.strip())}
    place_starts = {p.start for p in places}

    def stops_at(i: int) -> bool:
        if i in date_starts:
            return True
        match = _LOCATIVE.match(folded.text, i)
        if match is None:
            return False
        after = re.match(r"(?:la |le |les |l')?", folded.text[match.end() :])
        return match.end() + (after.end() if after else 0) in place_starts

    return stops_at


def _organisation(folded: Folded, sentence: Sentence, context: _Context) -> tuple[str, str | None]:
    named = organisations_in(folded)
    if named:
        return named[0][1], None
    before = sentence.paragraph.split(sentence.text, 1)[0]
    earlier = organisations_in(Folded.of(before)) if before else []
    if earlier:
        return earlier[-1][1], f"organisation {earlier[-1][1]} from the sentence before"
    if context.organisation is not None:
        return (
            context.organisation,
            f"organisation {context.organisation} assumed from the document",
        )
    return DEFAULT_ORGANISATION, f"no organisation named; {DEFAULT_ORGANISATION} assumed"


def _theme(sentence: Sentence, meeting: MeetingPhrase) -> tuple[str | None, str]:
    if sentence.theme is not None:
        return sentence.theme, f"theme {sentence.theme} from the heading '{sentence.heading}'"
    found = theme_from_title(meeting.title, meeting.kind)
    if found is None:
        return None, "no theme: no heading above and no theme word in the title"
    return found, f"theme {found} from the title"


def _summary(folded: Folded, title_end: int) -> str | None:
    match = _SUMMARY.search(folded.text, title_end)
    if match is None:
        return None
    text = " ".join(folded.original[folded.start(match.start()) :].split()).rstrip(" .;")
    return text[:1].upper() + text[1:] if text else None

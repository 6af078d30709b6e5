"""From a document's units to findings: every meeting it announces, confirms, moves,
cancels or reports as held, with its date placed against the document's own date."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass, replace
from datetime import date, timedelta
from typing import TypeVar

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.places import City, find_city
from sco_cal.ingest.bodies import (
    DEFAULT_ORGANISATION,
    main_organisation,
    organisation_spans,
    organisations_in,
    untracked_in,
)
from sco_cal.ingest.dating import DATELINE, DocumentDate, dateline_length
from sco_cal.ingest.document import Document
from sco_cal.ingest.english import english_title
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.heads import find_heads, numbered
from sco_cal.ingest.judging import Context, judge
from sco_cal.ingest.regions import Scope, scopes
from sco_cal.ingest.sentences import Sentence, headings, split_sentences
from sco_cal.ingest.titles import MeetingPhrase
from sco_cal.ingest.topics import theme_from_title
from sco_cal.ingest.when import DateMention, find_dates
from sco_cal.ingest.where import CAPITALS, PlaceMention, find_places, host_of
from sco_cal.ingest.wording import (
    AGENDA_CAVEAT,
    AGENDA_CONFIRMED,
    ANNOUNCES,
    FIRM_VERB,
    MEETING_NOUN,
    NOT_A_MEETING,
    SPOKE,
    is_english,
    state_in,
)

MAX_SENTENCE = 1_500
_QUOTE = re.compile(r"«[^«»]*»|“[^“”]*”|\"[^\"]*\"")
_QUOTE_SHARE = 0.6
_LOCATIVE = re.compile(r"(?:en|au|aux|a|in|at|dans)\s")
_SUMMARY = re.compile(
    r"(?:avec pour (?:theme|priorite|objectif)|consacree?s? (?:a|au|aux)|centree?s? sur"
    r"|portant sur|sur le theme|afin de|marquant|visant a|with a focus on|focusing on"
    r"|devoted to|dedicated to)\b"
)
_ASIDES = re.compile(r"\([^()]*\)")
# A rubric opening a list item, the item itself naming the meeting.
_LABEL = re.compile(r"^\s*[\w' -]{2,30}?\s?:\s")
_AGENDA_WORDS = re.compile(r"\b(?:echeances|agenda|calendrier|dates|schedule|items)\b")
_REPORTED = re.compile(
    r"\b(?:said|says|told (?:reporters|journalists|the press)"
    r"|a (?:declare|indique|annonce|precise))\s+(?:\w+\s+){0,1}$"
)
_HELD_CLAUSE = re.compile(r",\s*(?:qui|who|which)\s[^,;]*")
_STATUS_WORDS = re.compile(
    # "not held" before "held": the leftmost words say it
    r"\b(?:(?P<cancelled>not held|non tenue?s?|pas eu lieu|dropped|scrapped|abandonn\w*"
    r"|called off)"
    r"|(?P<held>tenue?s?|held|done|faite?s?|realisee?s?|effectuee?s?|achevee?s?|terminee?s?"
    r"|passee?s?|completed?|concluded|took place)"
    r"|(?P<postponed>moved|deplacee?s?|avancee?s?|brought forward|suspended|suspendue?s?"
    r"|on hold|en suspens)"
    # "prévu", "planned" say no more than the row itself: a day and a place are firm
    r"|(?P<planned>prevue?s?|planned|scheduled)"
    r"|(?P<proposed>proposed|proposee?s?|proposals?|propositions?|offers?|offert\w*|idea|idee"
    r"|suggested|suggeree?s?|candidature)"
    r"|(?P<provisional>expected|pending|en projet|en preparation|in preparation|projected"
    r"|under preparation|tentative|draft|tbd|tba|tbc|provisional|provisoire)"
    r"|(?P<confirmed>confirmee?s?|fixed|set|ok|okay|go))\b"
)
_STATUS_STATES = {
    "cancelled": ConfirmationState.CANCELLED,
    "held": ConfirmationState.HELD,
    "postponed": ConfirmationState.POSTPONED,
    "proposed": ConfirmationState.PROPOSED,
    "provisional": ConfirmationState.PROVISIONAL,
    "confirmed": ConfirmationState.CONFIRMED,
}
# A cell saying its value is not known yet: "TBC", "Feb (TBC)", "à confirmer".
_UNKNOWN = re.compile(
    r"\(?\s*\b(?:tbc|tba|tbd|to be confirmed|[aà] confirmer|[aà] d[ée]terminer|n/a)\b\s*\)?",
    re.IGNORECASE,
)
_MOVED = re.compile(
    r"\b(?:finalement|desormais|et non (?:a|en)|instead of|rather than|now|moved|deplacee?)\b"
)
_UNDATED = 0.2  # the doubt an undated change of state carries, lifted once a day is found
_AND_THEN = re.compile(
    r"(?:^|\W)(?:and|et|puis|then|as well as|ainsi que)\s+(?:the |les |le |la |l')?\s*$"
)
_EVE_OF = re.compile(
    r"\b(?:la veille|(?:on )?the eve|le lendemain|the day after|the following day)"
    r" (?:du|de la|of the|of) (?:(?:sco|csto|ocs|otsc) )?(?:sommet|summit)\b"
)
_SAME_PLACE = re.compile(
    r"\b(?:(?:in|at) the same (?:city|town|venue|place)|dans la meme ville|au meme endroit"
    r"|(?:dans|en) (?:ce|le) meme lieu|sur place)\b"
)
# The dateline's city: "met here", "dans la capitale" (when the dateline is a capital).
_HERE = re.compile(
    r"\b(?:(?<!from )here|ici|in this city|dans cette ville|(?P<capital>in the capital"
    r"|dans la capitale|a la capitale))\b(?! (?:of|de|d'|du|des|[\w-]+ (?:capital|capitale)))"
)
_DATELINE_UNITS = 3
_SIDELINES = re.compile(r"\b(?:en marge d[eu']|on the sidelines of|in the margins of)")
_SUMMIT = re.compile(r"\b(?:sommet|summit)\b")
_BRACKET = re.compile(r"\([^()]*\d[^()]*\)")  # one holding a date: "(Tashkent, 4-5 March)"
_BELOW = re.compile(r"\b(?:ci-dessous|suivante?s|below|following|ci-apres)\b|:\s*$")
_NEGATED_MEETING = re.compile(r"\b(?:not due to meet|ne se reuniront pas|will not meet)\b")
_ALL_OF_THEM = re.compile(
    r"\b(?:all|both|each|tous|toutes|les deux|l'une et l'autre|chacune?)\b(?! (?:members?|membres))"
)
_ENGLISH_ROW = re.compile(r"\b(?:SCO|CSTO|meeting|ministers|heads of|forum of)\b")
_PAIR = 2
# The subject of a sentence about the meetings just named: "All three ...", "Aucune ...".
_THEM_ALL = re.compile(
    r"\s*(?:(?P<none>none|neither|aucune?|ni l'une)|all|both|each|tous|toutes|les (?:deux|trois"
    r"|quatre)|(?:these|those|ces|les) (?:(?:two|three|four|deux|trois|quatre) )?(?:meetings"
    r"|reunions|events)|they|elles|ils)\b"
)
_CHANGED = (ConfirmationState.CANCELLED, ConfirmationState.POSTPONED)
_AND_IN_DATE = re.compile(r"\b(?:et|and)\b")
# "will not meet in April as planned": a meeting called off, not one that never was.
_AS_PLANNED = re.compile(r"\b(?:as (?:planned|scheduled|announced|expected)|comme prevu)\b")
# "..., the meeting has been cancelled": the meeting just named, not another one.
_ANAPHORA = re.compile(r"(?:the|this|that|la|cette|celle-ci) *$")


@dataclass(frozen=True, slots=True)
class Finding:
    """What a document says about one meeting, with how sure the reading is and why.

    `window` is None when no date could be read (or none is left: postponed sine
    die); `previous` is the date a postponement moves the meeting from, when given.
    `problem` names why the words cannot be read (then shown, never applied).
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
    stated_status: bool = False  # the document itself says the state, not a default
    confidence: float = 1.0
    reasons: tuple[str, ...] = ()
    problem: str | None = None
    moved: bool = False  # the document says the meeting moved ("finalement", "et non à")
    cue: tuple[ConfirmationState, str] | None = None  # the words that gave the state
    year_inferred: bool = False  # the window's year is the reader's, not written
    body_inferred: bool = False  # no organisation named for it: the reader's guess


@dataclass(frozen=True, slots=True)
class Extraction:
    """Everything read from one document, and the date its dates were read against."""

    document: str
    dated: DocumentDate
    findings: tuple[Finding, ...]
    caveat: str | None = None
    sentences: int = 0

    @property
    def document_date(self) -> date:
        return self.dated.day


@dataclass
class _Document:
    dated: DocumentDate
    caveat: str | None
    confirmed: str | None
    organisation: str | None
    anchor: date | None = None  # the last day the document named
    dateline: City | None = None  # "BISHKEK, March 3 —": where the text was written
    last_place: tuple[str, tuple[str, ...]] | None = None  # the last city a meeting was in
    summit: DateWindow | None = None  # the days of the summit it dated, for "la veille du sommet"

    @property
    def day(self) -> date:
        return self.dated.day


def extract(document: Document, *, document_date: DocumentDate) -> Extraction:
    """The findings of `document`; year-less dates are placed against `document_date`."""
    units = split_sentences(document)
    context = _Document(
        dated=document_date,
        caveat=agenda_caveat(units, headings(document)),
        confirmed=next(
            (u.text for u in units if AGENDA_CONFIRMED.search(Folded.of(u.text).text)), None
        ),
        organisation=main_organisation(u.text for u in units),
        dateline=_dateline_city(units),
    )
    findings: list[Finding] = []
    before: list[Finding] = []  # the findings of the unit just read
    for unit in units:
        if unit.section.skip:
            continue
        found = read_unit(unit, context)
        if not found and (state := _state_of_them_all(unit.text, before)) is not None:
            restated = [_restated(f, state) for f in before]
            findings = findings[: len(findings) - len(before)] + restated
            before = []
            continue
        before = found
        findings += found
        placed = [f for f in found if f.cities and f.country is not None]
        if placed:
            context.last_place = (placed[-1].country or "", placed[-1].cities)
        days = [f.window for f in found if f.window is not None and f.window.is_exact]
        if days:
            context.anchor = days[-1].start
        summits = [f.window for f in found if f.kind is Kind.SUMMIT and f.window in days]
        if summits:
            context.summit = summits[-1]
    return Extraction(document.name, document_date, tuple(findings), context.caveat, len(units))


def _dateline_city(units: list[Sentence]) -> City | None:
    """The city of the dateline opening the document ("BISHKEK, March 3, 2026 —")."""
    for unit in units[:_DATELINE_UNITS]:
        match = DATELINE.match(unit.text)
        if match is not None:
            return find_city(match["place"].strip())
    return None


def _state_of_them_all(
    sentence: str, before: list[Finding]
) -> tuple[ConfirmationState, str] | None:
    """ "Aucune n'est encore confirmée.", "All three are confirmed.": a sentence naming no
    meeting that gives the meetings of the sentence before, two or more, one state."""
    if len(before) < _PAIR:
        return None
    text = Folded.of(sentence).text
    subject = _THEM_ALL.match(text)
    if subject is None:
        return None
    state, words = state_in(text)
    if state is ConfirmationState.CONFIRMED and subject["none"]:
        state = ConfirmationState.PROVISIONAL  # "none is confirmed yet"
    return (state, words) if state is not None else None


def _restated(finding: Finding, state: tuple[ConfirmationState, str]) -> Finding:
    if finding.stated_status:
        return finding  # its own words said its state
    reason = f"state {state[0].value}: the sentence after says of them all '{state[1]}'"
    return replace(
        finding, status=state[0], stated_status=True, cue=state, reasons=(*finding.reasons, reason)
    )


def agenda_caveat(sentences: list[Sentence], titles: list[str]) -> str | None:
    """The words saying that the whole agenda awaits confirmation, if the document has them."""
    for sentence in sentences:
        # "(dates à confirmer)" after one meeting speaks of that meeting only
        text = _ASIDES.sub(" ", Folded.of(sentence.text).text)
        if AGENDA_CAVEAT.search(text) and (
            _AGENDA_WORDS.search(text) or not MEETING_NOUN.search(text)
        ):
            return sentence.text
    for title in titles:
        if AGENDA_CAVEAT.search(Folded.of(title).text) is not None:
            return title
    return None


def read_unit(unit: Sentence, document: _Document) -> list[Finding]:
    """The findings of one sentence, list item or table row."""
    if len(unit.text) > MAX_SENTENCE:
        return []
    if unit.cells is not None:
        row = _row_text(unit.cells, unit.section.year)
        if row is None:
            return []
        return read_sentence(unit, document, text=row[0], stated=row[1])
    return read_sentence(unit, document)


def _row_text(
    cells: dict[str, str], year: int | None
) -> tuple[str, tuple[ConfirmationState, str] | None] | None:
    """A table row as one sentence ("meeting (place, date)") and the state its status
    column gives; None for a row that names no meeting. A row without a year takes the
    one of the heading it sits under (`year`): "Apr" under "### 2027", "TBC" the year."""
    meeting = cells.get("meeting", "").strip()
    if not meeting:
        return None
    place = _UNKNOWN.sub("", cells.get("place", "")).strip(" —-()")
    when = cells.get("date", "").strip(" —-")
    status = Folded.of(cells.get("status", "")).text.strip()
    state, words = state_in(status)
    found = _STATUS_WORDS.search(status) if state is None else None
    if found is not None and found.lastgroup in _STATUS_STATES:
        state, words = _STATUS_STATES[found.lastgroup], found.group()
    if _UNKNOWN.search(when):
        when = _UNKNOWN.sub("", when).strip(" —-()")
        if state is None:
            state, words = ConfirmationState.PROVISIONAL, "TBC"
    if year is not None and not re.search(r"\d{4}", when):
        when = f"{when} {year}".strip()
    # the row is read in its own language: "SCO women's forum" keeps its English title
    english = _ENGLISH_ROW.search(meeting) is not None or is_english(" ".join(cells.values()))
    if when:
        when = f"{'in' if english else 'en'} {when}"  # "Oct", "T3": a date on its own
    moved_to = ""
    if state is ConfirmationState.POSTPONED and when:
        # the row's date is the one it moved from
        when = f"{'originally planned' if english else 'initialement prévue'} {when}"
        # "Reportée à décembre", "Postponed to Oct": the new date is the status cell's
        moved_to = " ".join(cells.get("status", "").split()).rstrip(" .")
    parts = ", ".join(p for p in (place, when) if p)
    sentence = f"{meeting} ({parts})" if parts else meeting
    sentence = f"{sentence}, {moved_to}." if moved_to else f"{sentence}."
    return sentence, ((state, words) if state is not None else None)


def _context(unit: Sentence, document: _Document) -> Context:
    return Context(
        document_date=document.day,
        reported_until=document.dated.last,
        assumed_date=document.dated.assumed,
        caveat=document.caveat,
        confirmed=document.confirmed,
        section=unit.section,
    )


def read_sentence(
    unit: Sentence,
    document: _Document,
    *,
    text: str | None = None,
    stated: tuple[ConfirmationState, str] | None = None,
) -> list[Finding]:
    """One finding per meeting the sentence names, none when it only mentions them.

    `text` reads other words than the unit's own (a table row put as a sentence);
    `stated` is the state a table's status column gives.
    """
    row = text is not None  # a table's row is on the agenda it lists, verb or not
    folded = Folded.of(text if text is not None else unit.text)
    text = folded.text
    masked = _quotes(text)
    dateline = dateline_length(folded.original)
    if dateline:
        masked.append((0, len(Folded.of(folded.original[:dateline]).text)))
    dates = find_dates(
        folded,
        default_year=document.day.year,
        masked=masked,
        today=document.day,
        anchor=document.anchor,
        summit=document.summit,
    )
    dates = [d for d in dates if not (_REPORTED.search(text[: d.start]) and d.relative)]
    announced = (
        row
        or ANNOUNCES.search(text) is not None
        or stated is not None
        or state_in(text)[0] is not None
    )
    if not dates and not announced and unit.section.state is None:
        return []
    english = is_english(text)
    places = find_places(folded, skip=[*masked, *organisation_spans(folded)])
    in_dates = [(d.start, d.end) for d in dates if d.relative]  # "the eve of the summit"
    in_dates += [(m.start(), m.end()) for m in _EVE_OF.finditer(text)]
    label = _LABEL.match(text)  # "Sommet : la présidence a confirmé que le sommet ..."
    labels = [(0, label.end())] if label and MEETING_NOUN.search(text, label.end()) else []
    heads = find_heads(
        folded,
        masked=[*masked, *in_dates, *labels],
        stops_at=_stops(folded, dates, places),
        english=english,
    )
    # "...; the meeting has been called off": the meeting named before, whose words run on
    heads = [h for h in heads if not _anaphoric(text, h, heads)]
    heads = [
        replace(h, silent=True) if (h.vague and not announced) or _listing(text, h) else h
        for h in heads
    ]
    findings: list[Finding] = []
    inherited = None
    collective = _said_of_all(text, [h for h in heads if not h.silent])
    protected = [(d.start, d.end) for d in dates]
    for scope in scopes(text, heads, protected):
        if scope.head.silent:
            findings += _listed(unit, folded, scope, places, document, english)
            continue
        for found in _scope_findings(
            unit, folded, scope, dates, places, document, inherited, english, stated, collective
        ):
            found = _on_the_sidelines(found, text, scope, findings, unit, document)
            lead = text[scope.span[0] : scope.head.start]
            found = _same_place(found, _words(text, scope), lead, findings, document)
            findings.append(found)
            if found.stated_status and found.cue is not None:
                inherited = found.cue
    return findings


def _said_of_all(text: str, heads: list[MeetingPhrase]) -> tuple[ConfirmationState, str] | None:
    """The state said of every meeting named before it: "... and of the heads of audit
    institutions in Tashkent on May 20 are all still to be confirmed", "sont toutes trois
    confirmées", "have both been called off"."""
    if len(heads) < _PAIR:
        return None
    tail = text[heads[-1].end :]
    if _ALL_OF_THEM.search(tail) is None:
        return None
    state, words = state_in(tail)
    return (state, words) if state is not None else None


def _on_the_sidelines(
    found: Finding,
    text: str,
    scope: Scope,
    earlier: list[Finding],
    unit: Sentence,
    document: _Document,
) -> Finding:
    """A meeting "en marge du" another, or one reported as held at the summit the
    document is about, takes that meeting's day when it gives none of its own."""
    if found.window is not None:
        return found
    if _sidelines(text, scope.head) and earlier and earlier[-1].window is not None:
        before = earlier[-1]
        return replace(
            found,
            window=before.window,
            status=before.status,
            country=found.country or before.country,
            cities=found.cities or before.cities,
            problem=None,
            confidence=min(1.0, found.confidence + _UNDATED + (0.1 if not found.country else 0)),
            reasons=(*found.reasons, f"on the sidelines of '{before.title}': its day and place"),
        )
    summit = _SUMMIT.search(Folded.of(unit.paragraph).text)
    if summit and found.status is ConfirmationState.HELD and document.anchor is not None:
        day = DateWindow(document.anchor, document.anchor, Precision.DAY, "")
        return replace(
            found,
            window=day,
            problem=None,
            confidence=min(1.0, found.confidence + _UNDATED),
            reasons=(*found.reasons, "held at the summit the document reports: its day"),
        )
    return found


def _same_place(
    found: Finding, words: str, lead: str, earlier: list[Finding], document: _Document
) -> Finding:
    """A meeting "in the same city", or one sharing the verb of the meeting before it
    ("..., and the CSTO foreign ministers the following day"), is where that one is
    (and, given a day without reserve, confirmed like any meeting with a day and place)."""
    if found.country is not None:
        return found
    here = _HERE.search(words)
    city = document.dateline
    if here is not None and city is not None and (not here["capital"] or city.name in CAPITALS):
        # "BISHKEK — ... met here", "... in the capital": the dateline's city
        where: tuple[str, tuple[str, ...]] = (city.country, (city.name,))
        why = f"place: '{here.group()}', the dateline's city"
    elif earlier and earlier[-1].country is not None:
        before = earlier[-1]
        joined = _AND_THEN.search(lead) is not None  # "..., and the CSTO foreign ministers"
        elliptic = joined and not (ANNOUNCES.search(words) or FIRM_VERB.search(words))
        if not (_SAME_PLACE.search(words) or elliptic):
            return found
        where = (before.country or "", before.cities)
        why = f"place: that of '{before.title}' before it"
    elif _SAME_PLACE.search(words) and document.last_place is not None:
        where = document.last_place  # "in the same city": the last one a meeting was in
        why = f"place: the same city as the meeting before, {', '.join(where[1])}"
    else:
        return found
    reasons = [*found.reasons, why]
    status = found.status
    exact = found.window is not None and found.window.is_exact
    if exact and not found.stated_status and document.caveat is None:
        status = ConfirmationState.CONFIRMED
        reasons.append("state confirmed: the day and the place are given without reserve")
    return replace(
        found,
        country=where[0],
        cities=where[1],
        status=status,
        confidence=min(1.0, found.confidence + 0.1),  # the "no place" doubt was wrong
        reasons=tuple(reasons),
    )


def _sidelines(text: str, head: MeetingPhrase) -> bool:
    """Whether the meeting is named as the one another was held "en marge" of."""
    return _SIDELINES.search(text[max(0, head.start - 30) : head.start]) is not None


def _listed(
    unit: Sentence,
    folded: Folded,
    scope: Scope,
    places: list[PlaceMention],
    document: _Document,
    english: bool,
) -> list[Finding]:
    """ "les forums de l'OCS sur X (Omsk, 16 avril 2025) et Y (Xi'an, 20 mai 2025)": one
    meeting per place and date in brackets after a plural noun."""
    text = folded.text
    head = scope.head
    if not head.many:
        return []
    dates = find_dates(folded, default_year=document.day.year, today=document.day)
    brackets = [
        b
        for b in _BRACKET.finditer(text, head.start, scope.span[1])
        if any(b.start() < d.start and d.end < b.end() for d in dates)
    ]
    if len(brackets) < 2:
        return []
    found: list[Finding] = []
    start = head.start
    noun = re.sub(r"s$", "", folded.span(head.start, head.noun_end).split()[-1])
    state, said = state_in(_words(text, scope))  # "... (Tashkent, 4-5 March) were held"
    shared = (state, said) if state is not None else None
    for bracket in brackets:
        words = folded.span(start, bracket.start()).strip(" ,")
        words = re.sub(r"^(?:et|and|ainsi que)\s+", "", words)
        title = words if start == head.start else f"{noun} {words}"
        part = replace(
            head,
            start=start,
            end=bracket.start(),
            title=title[:1].upper() + title[1:],
            many=False,
            silent=False,
        )
        sub = Scope(part, (start, bracket.end()))
        finding = _finding_for(unit, folded, sub, dates, places, document, None, english, shared)
        if finding is not None and finding.window is not None:
            found.append(finding)
        start = bracket.end()
    return found if len(found) >= 2 else []


def _listing(text: str, head: MeetingPhrase) -> bool:
    """ "ont eu lieu les réunions ci-dessous :": the meetings are the list's, not this one."""
    return head.many and head.number is None and _BELOW.search(text, head.start) is not None


def _scope_findings(
    unit: Sentence,
    folded: Folded,
    scope: Scope,
    dates: list[DateMention],
    places: list[PlaceMention],
    document: _Document,
    inherited: tuple[ConfirmationState, str] | None,
    english: bool,
    stated: tuple[ConfirmationState, str] | None,
    collective: tuple[ConfirmationState, str] | None = None,
) -> list[Finding]:
    text = folded.text
    held = _held_clause(text, scope)
    found: list[Finding] = []
    if held is not None:
        clause = Scope(numbered(scope.head, scope.head.held_number, english=english), held)
        finding = _finding_for(unit, folded, clause, dates, places, document, None, english, None)
        if finding is not None and finding.status is ConfirmationState.HELD:
            found.append(finding)
            scope = replace(scope, others=(*scope.others, held))
            if SPOKE.match(text, held[1] + 1):
                return found  # "..., who met in Dushanbe last month, approved a programme"
    words = _words(text, scope)
    negated = (
        _NEGATED_MEETING.search(words)
        and not _AS_PLANNED.search(words)
        and state_in(words)[0] not in _CHANGED  # "will not meet: the meeting is called off"
    )
    if NOT_A_MEETING.search(words) or negated:
        return found
    finding = _finding_for(
        unit, folded, scope, dates, places, document, inherited, english, stated, collective
    )
    if finding is not None and not (found and finding.window is None and not finding.stated_status):
        found.append(finding)
    return found


def _held_clause(text: str, scope: Scope) -> tuple[int, int] | None:
    """ "the defence ministers, who met in Qingdao last month, will ...": a second meeting."""
    first, last = scope.span
    for match in _HELD_CLAUSE.finditer(text, first, last):
        state, _ = state_in(match.group())
        if state is ConfirmationState.HELD and match.end() < last - 3:
            return match.start(), match.end()
    return None


def _words(text: str, scope: Scope) -> str:
    """The folded words of a scope, other meetings' own words blanked out."""
    first, last = scope.span
    chars = list(text[first:last])
    for start, end in scope.others:
        for i in range(max(start, first), min(end, last)):
            chars[i - first] = " "
    return "".join(chars)


def _finding_for(
    unit: Sentence,
    folded: Folded,
    scope: Scope,
    dates: list[DateMention],
    places: list[PlaceMention],
    document: _Document,
    inherited: tuple[ConfirmationState, str] | None,
    english: bool,
    stated: tuple[ConfirmationState, str] | None,
    collective: tuple[ConfirmationState, str] | None = None,
) -> Finding | None:
    text = folded.text
    head = scope.head
    mine = _dealt(_pair_dealt([d for d in dates if scope.holds(d.start, d.end)], scope), scope)
    where = _dealt([p for p in places if scope.holds(p.start, p.end)], scope)
    words = _words(text, scope)
    organisation, org_reason = _organisation(folded, unit, scope, document)
    if organisation is None:
        return None  # a meeting of a body the desk does not follow
    host = host_of(folded, where, after_noun=head.noun_end, dealt=scope.rank is not None)
    first = scope.span[0]
    shifted = [replace(d, start=d.start - first, end=d.end - first) for d in mine]
    context = replace(
        _context(unit, document), inherited=inherited, stated_status=stated, collective=collective
    )
    judgement = judge(
        words, dates=shifted, meeting=head, host=host, context=context, org_reason=org_reason
    )
    if judgement.window is None and judgement.previous is None and not judgement.stated:
        if not ANNOUNCES.search(words) and not _sidelines(text, head):
            return None
    named = english_title(
        head.title, organisation=organisation, number=head.number, english=english
    )
    reasons = list(judgement.reasons)
    theme, theme_reason = _theme(unit, head)
    reasons.append(theme_reason)
    moved = _MOVED.search(words) is not None
    return Finding(
        excerpt=unit.text,
        line=unit.line,
        organisation=organisation,
        kind=head.kind,
        title=head.title,
        title_en=named.title or head.title,
        status=judgement.status,
        window=judgement.window,
        previous=judgement.previous,
        series=named.series or None,
        number=head.number,
        country=host.country,
        cities=host.cities,
        theme=theme,
        summary=_summary(folded, head.end),
        stated_status=judgement.stated,
        confidence=judgement.confidence,
        reasons=tuple(reasons),
        problem=judgement.problem,
        moved=moved,
        cue=judgement.cue,
        year_inferred=judgement.year_inferred,
        body_inferred=org_reason is not None,
    )


_T = TypeVar("_T", DateMention, PlaceMention)


def _pair_dealt(dates: list[DateMention], scope: Scope) -> list[DateMention]:
    """ "on June 2 and June 18 respectively", "in July and August respectively": two days
    or months written as one phrase, the first for the first meeting, the last for the
    second."""
    if scope.rank is None or scope.size != _PAIR:
        return dates
    shared = [d for d in dates if not scope.in_own(d.start)]
    if len(shared) != 1 or _AND_IN_DATE.search(shared[0].text) is None:
        return dates
    pair = shared[0]
    window = pair.window
    if window.precision is Precision.DAYS:
        day = window.start if scope.rank == 0 else window.end
        one = DateWindow(day, day, Precision.DAY, window.text)
    elif window.precision is Precision.MONTH and window.start.month != window.end.month:
        first = window.start if scope.rank == 0 else window.end.replace(day=1)
        last = (first + timedelta(days=31)).replace(day=1) - timedelta(days=1)
        one = DateWindow(first, last, Precision.MONTH, window.text)
    else:
        return dates
    return [replace(d, window=one) if d is pair else d for d in dates]


def _dealt(items: list[_T], scope: Scope) -> list[_T]:
    """With "respectivement", this meeting's share of what the group shares."""
    if scope.rank is None:
        return items
    named: list[_T] = [i for i in items if scope.in_own(i.start)]
    shared: list[_T] = [i for i in items if not scope.in_own(i.start)]
    if len(shared) == scope.size:
        return named + [shared[scope.rank]]
    return items


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


def _anaphoric(text: str, head: MeetingPhrase, heads: list[MeetingPhrase]) -> bool:
    """ "...: the meeting has been cancelled", "; cette réunion est reportée": a vague head
    speaking of the meeting named before it in the sentence."""
    return (
        head.vague
        and any(h.end <= head.start and not h.vague for h in heads)
        and _ANAPHORA.search(text, max(0, head.start - 12), head.start) is not None
    )


def _organisation(
    folded: Folded, unit: Sentence, scope: Scope, document: _Document
) -> tuple[str | None, str | None]:
    """The body that convenes the meeting; None for one the desk does not follow (the EU)."""
    first, last = scope.span
    head = scope.head
    if untracked_in(folded.span(head.start, head.end)) or (
        untracked_in(folded.span(first, last)) and not organisations_in(folded, first, last)
    ):
        return None, None
    named = organisations_in(folded, head.start, head.end) or organisations_in(folded, first, last)
    if named:
        return named[0][1], None
    if unit.section.organisation is not None:
        return unit.section.organisation, None
    anywhere = organisations_in(folded, 0, len(folded.text))
    if anywhere:
        return anywhere[0][1], f"organisation {anywhere[0][1]} named in the sentence"
    before = unit.paragraph.split(unit.text, 1)[0]
    earlier = organisations_in(Folded.of(before)) if before else []
    if earlier:
        return earlier[-1][1], f"organisation {earlier[-1][1]} from the sentence before"
    if document.organisation is not None:
        return (
            document.organisation,
            f"organisation {document.organisation} assumed from the document",
        )
    return DEFAULT_ORGANISATION, f"no organisation named; {DEFAULT_ORGANISATION} assumed"


def _theme(unit: Sentence, meeting: MeetingPhrase) -> tuple[str | None, str]:
    if unit.theme is not None:
        return unit.theme, f"theme {unit.theme} from the heading '{unit.heading}'"
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

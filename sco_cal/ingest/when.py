"""Finding the date phrases inside a sentence, reading them, and placing year-less ones
against the document's own date ("le 9 juin" after the document, "le 27 novembre"
before it when the sentence reports the meeting as held)."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace
from datetime import date, timedelta

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import DatePhraseError
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.relative import RelativeDate, find_relative, month_number

_MAX_TOKENS = 9
_TOKEN = re.compile(r"[^\s,;:()\[\]«»\"“”!?|]+")
_BREAK = re.compile(r"[,;:()\[\]«»\"“”!?|]|\.\s")
_MONTHS = (
    "janvier fevrier mars avril mai juin juillet aout septembre octobre novembre decembre "
    "january february march april may june july august september october november december"
).split()
_MONTH_ABBREVIATIONS = "jan janv feb fev fevr mar apr avr jun jul juil aug sep sept oct nov dec"
_SEASONS = "printemps ete automne hiver spring summer autumn fall winter".split()
_PERIODS = "trimestre semestre quarter half onwards onward".split()
_END_WORDS = frozenset(_MONTHS + _SEASONS + _PERIODS + _MONTH_ABBREVIATIONS.split())
_END_PATTERN = re.compile(
    r"(?:\d{4}|\d{4}-\d{2}-\d{2}|[qtsh][1-4]|\d{1,2}[/.]\d{1,2}[/.]\d{2,4}|"
    rf"(?:mi|mid|debut|fin|early|late)-(?:{'|'.join(_MONTHS)}))$"
)
_MONTH_WORD = re.compile(rf"^(?:{'|'.join(_MONTHS)}|{_MONTH_ABBREVIATIONS.replace(' ', '|')})\.?$")
_DAYS_TOKEN = re.compile(r"^\d{1,2}(?:st|nd|rd|th)?(?:-\d{1,2}(?:st|nd|rd|th)?)?\.?$")
_LONE = re.compile(rf"^(?:{'|'.join(_MONTHS + _SEASONS)})$")
_YEAR = re.compile(r"(?<!\d)(?:19|20|21)\d\d(?!\d)")
_NUMERIC_DAY = re.compile(r"^\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\.?$")
_NUMERIC_JOIN = re.compile(
    r"^(?:\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\.?|du|from|au|to|-|\u2013|\u2014|le|the|on|et|and)$"
)
_THROUGH_DAY = re.compile(
    r"\s*(?:to|through|until|till|-|\u2013)\s*(?P<day>\d{1,2})(?:st|nd|rd|th)?\b"
    r"(?:\s+(?P<next>[a-z]+\.?))?"
)
# "le 12 à Almaty", "on the 20th in Bishkek": a day without its month (not "le 12e").
_BARE_DAY = re.compile(
    r"\b(?:le|the|on the) (?P<day>\d{1,2})(?:er|st|nd|rd|th)?"
    r"(?=\s*[,;:.)]|\s+(?:a|au|en|in|at|et|and)\b|\s*$)"
)
_SUMMIT_BEFORE = re.compile(r"\b(?:summit|sommet)\b")
_MOVED_TO_MONTH = re.compile(
    r"\b(?:report\w*|repouss\w*|decal\w*|postponed|pushed back|put back|put off|moved|delayed"
    r"|avance\w*"
    r"|brought forward)\s+(?:a|au|to|until|jusqu'(?:a|en))\s*$"
)
_PART_WORD = re.compile(rf"^(?:mi|mid|debut|fin|early|late)-(?:{'|'.join(_MONTHS)})\.?$")
_M = rf"(?P<month>{'|'.join(_MONTHS)}|{_MONTH_ABBREVIATIONS.replace(' ', '|')})\.?"
_Y = r"(?: (?P<year>\d{4}))?"
# Parts of a month the date parser has no words for; the days they cover.
_PARTS: tuple[tuple[re.Pattern[str], tuple[int, int]], ...] = tuple(
    (re.compile(pattern + _Y), days)
    for pattern, days in (
        (rf"\b(?:a la |at the |by the |towards the )?(?:fin|end) du mois (?:de |d'){_M}", (21, 31)),
        (rf"\b(?:au )?debut du mois (?:de |d'){_M}", (1, 10)),
        (rf"\b(?:au )?milieu du mois (?:de |d'){_M}", (11, 20)),
        (
            rf"\b(?:dans |in )?(?:les |the )?(?:premiers|first) (?:jours|days) (?:de |d'|of ){_M}",
            (1, 10),
        ),
        (
            rf"\b(?:la |the )?(?:premiere|first) (?:quinzaine|fortnight|half|moitie)"
            rf" (?:de |d'|of ){_M}",
            (1, 15),
        ),
        (
            rf"\b(?:la |the )?(?:seconde|deuxieme|second) (?:quinzaine|fortnight|half|moitie)"
            rf" (?:de |d'|of ){_M}",
            (16, 31),
        ),
        (rf"\b(?:the |la )?(?:last week of|derniere semaine (?:de |d')){_M}", (-7, 31)),
        (rf"\b(?:au |le |du |dès le |des le |pour le )?mois (?:de |d'){_M}", (1, 31)),
    )
)
_EITHER = re.compile(rf"\b(?P<first>{'|'.join(_MONTHS)}) (?:ou|or) {_M}{_Y}")


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase found in a sentence: its window, wording and place in the text.

    `relative` phrases ("last month") were read against the document's date already;
    `weekday` ones name a day of the document's week, the week before when past.
    """

    window: DateWindow
    start: int  # folded positions
    end: int
    text: str
    has_year: bool
    relative: bool = False
    weekday: bool = False


def find_dates(
    folded: Folded,
    *,
    default_year: int | None,
    masked: Sequence[tuple[int, int]] = (),
    today: date | None = None,
    anchor: date | None = None,
    summit: DateWindow | None = None,
) -> list[DateMention]:
    """Non-overlapping date phrases of the sentence, in order of appearance.

    Relative phrases ("le mois dernier", "mardi") are read against `today`, the
    document's date. "La veille" and "the following day" are read from the date the
    sentence gives before them, else from `anchor` (the last day the document named);
    "on the eve of the summit" from the `summit` the document dated. Other phrases are
    the longest run of words ending on a month, year, season, quarter or half-year that
    the date parser reads; a phrase with a year wins over an overlapping one without,
    then the longer one wins.
    """
    text = folded.text
    chosen: list[DateMention] = []
    waiting: list[RelativeDate] = []  # anchored phrases, read once the sentence's dates are
    if today is not None:
        for found in find_relative(text, today):
            if _inside(found.start, found.end, masked):
                continue
            if found.window is None:
                waiting.append(found)
                chosen.append(
                    _relative_mention(folded, found, DateWindow(today, today, Precision.DAY))
                )
                continue
            chosen.append(_relative_mention(folded, found, found.window))
    for mention in _parts(folded, default_year):
        if _free(mention, chosen, masked):
            chosen.append(mention)
    tokens = [m for m in _TOKEN.finditer(text) if not _inside(m.start(), m.end(), masked)]
    candidates: list[DateMention] = []
    for j in range(len(tokens)):
        if not _is_end(tokens, j):
            continue
        best = _longest(folded, tokens, j, default_year)
        if best is not None:
            candidates.append(best)
    for mention in sorted(candidates, key=lambda m: (not m.has_year, m.start - m.end, m.start)):
        if _free(mention, chosen, ()):
            chosen.append(mention)
    for found in waiting:
        chosen = [c for c in chosen if c.start != found.start]
        day = _anchor_of(text, found, chosen, today, anchor, summit)
        if day is not None:
            chosen.append(_relative_mention(folded, found, found.from_anchor(day).window))
    chosen = [_through(folded, c) for c in chosen]
    chosen += _bare_days(folded, chosen, masked)
    return sorted(chosen, key=lambda m: m.start)


def _through(folded: Folded, mention: DateMention) -> DateMention:
    """ "from May 13 to 14", "May 13 through 15": a day of a month, then the last day alone."""
    window = mention.window
    if window.precision is not Precision.DAY or mention.relative or mention.weekday:
        return mention
    match = _THROUGH_DAY.match(folded.text, mention.end)
    if match is None or _MONTH_WORD.match(match["next"] or "") is not None:
        return mention
    try:
        last = window.start.replace(day=int(match["day"]))
    except ValueError:
        return mention
    if last <= window.start:
        return mention
    end = match.end("day")
    original = folded.span(mention.start, end)
    days = DateWindow(window.start, last, Precision.DAYS, original)
    return replace(mention, window=days, end=end, text=original)


def _bare_days(
    folded: Folded, chosen: list[DateMention], masked: Sequence[tuple[int, int]]
) -> list[DateMention]:
    """ "Trois réunions auront lieu en octobre : celle des experts de la santé le 12 à
    Almaty, ...": a day alone is of the month the sentence named before it."""
    found: list[DateMention] = []
    months = sorted(
        (c for c in chosen if not c.relative and _one_month(c.window)), key=lambda c: c.start
    )
    for match in _BARE_DAY.finditer(folded.text):
        start, end = match.start(), match.end()
        if _inside(start, end, masked) or any(c.start < end and start < c.end for c in chosen):
            continue
        month = next((c for c in reversed(months) if c.end <= start), None)
        if month is None:
            continue
        try:
            day = month.window.start.replace(day=int(match["day"]))
        except ValueError:
            continue
        original = folded.span(start, end)
        window = DateWindow(day, day, Precision.DAY, original)
        found.append(DateMention(window, start, end, original, has_year=month.has_year))
    return found


def _one_month(window: DateWindow) -> bool:
    return (window.start.year, window.start.month) == (window.end.year, window.end.month) and (
        window.precision in (Precision.MONTH, Precision.DAY, Precision.DAYS)
    )


def _relative_mention(
    folded: Folded, found: RelativeDate, window: DateWindow | None
) -> DateMention:
    assert window is not None
    original = folded.span(found.start, found.end)
    return DateMention(
        replace(window, text=original),
        found.start,
        found.end,
        original,
        has_year=not found.weekday,
        relative=True,
        weekday=found.weekday,
    )


def _anchor_of(
    text: str,
    found: RelativeDate,
    chosen: list[DateMention],
    today: date | None,
    anchor: date | None,
    summit: DateWindow | None,
) -> DateWindow | None:
    """The day(s) an anchored phrase is the eve or the morrow of: the summit it names,
    the last date written before it in the sentence, or the document's last day."""
    if found.of_summit and summit is not None:
        return summit
    before = [c for c in chosen if c.end <= found.start and not c.relative and c.window.is_exact]
    if found.of_summit:
        # "the summit in Bishkek on Aug. 27-28, ... on the eve of the summit"; not "on Nov.
        # 10, on the eve of the summit", where the date is the eve itself
        before = [c for c in before if _SUMMIT_BEFORE.search(text[max(0, c.start - 40) : c.start])]
        if not before:
            return None
    if before:
        last = before[-1]
        return resolve(last, today, past=None).window if today is not None else last.window
    if anchor is not None:
        return DateWindow(anchor, anchor, Precision.DAY)
    return None


def _free(
    mention: DateMention, chosen: list[DateMention], masked: Iterable[tuple[int, int]]
) -> bool:
    return not _inside(mention.start, mention.end, masked) and all(
        mention.end <= c.start or mention.start >= c.end for c in chosen
    )


def _parts(folded: Folded, default_year: int | None) -> list[DateMention]:
    """ "à la fin du mois de juin", "in the first days of June", "avril ou mai"."""
    found: list[DateMention] = []
    text = folded.text
    for pattern, (first, last) in _PARTS:
        for match in pattern.finditer(text):
            year = int(match["year"]) if match["year"] else default_year
            month = _month(match["month"])
            if year is None or month is None:
                continue
            end_of_month = _month_end(year, month)
            start_day = end_of_month.day + first + 1 if first < 0 else first
            start = date(year, month, start_day)
            end = date(year, month, min(last, end_of_month.day))
            original = folded.span(match.start(), match.end())
            window = DateWindow(start, end, Precision.MONTH, original)
            found.append(
                DateMention(window, match.start(), match.end(), original, bool(match["year"]))
            )
    for match in _EITHER.finditer(text):
        year = int(match["year"]) if match["year"] else default_year
        first_month, last_month = _month(match["first"]), _month(match["month"])
        if year is None or first_month is None or last_month is None:
            continue
        if last_month < first_month:
            continue
        original = folded.span(match.start(), match.end())
        window = DateWindow(
            date(year, first_month, 1), _month_end(year, last_month), Precision.MONTH, original
        )
        found.append(DateMention(window, match.start(), match.end(), original, bool(match["year"])))
    return found


def _month(word: str) -> int | None:
    return month_number(word)


def _month_end(year: int, month: int) -> date:
    return date(year + month // 12, month % 12 + 1, 1) - timedelta(days=1)


def _longest(
    folded: Folded, tokens: list[re.Match[str]], j: int, default_year: int | None
) -> DateMention | None:
    text = folded.text
    end = tokens[j].end() - (1 if tokens[j].group().endswith(".") else 0)
    best: DateMention | None = None
    for i in range(j, max(-1, j - _MAX_TOKENS), -1):
        gap = text[tokens[i].end() : tokens[i + 1].start()] if i < j else ""
        if i < j and _BREAK.search(gap) and not _year_after_day(tokens, i, gap):
            break
        if i < j and tokens[i].group().endswith(".") and not _MONTH_WORD.match(tokens[i].group()):
            break
        if (
            i < j
            and _NUMERIC_DAY.match(tokens[j].group())
            and not _NUMERIC_JOIN.match(tokens[i].group())
        ):
            break  # "issue 3 — 12.01.2026": a date written in figures takes no loose number
        start = tokens[i].start()
        phrase = text[start:end]
        if i == j and not any(c.isdigit() for c in phrase) and not _lone(text, start, end):
            if not _PART_WORD.match(phrase):
                continue
        original = folded.span(start, end)
        try:
            window = parse_date_phrase(original, default_year=default_year)
        except DatePhraseError:
            continue
        best = DateMention(window, start, end, original, bool(_YEAR.search(phrase)))
    return best


def _year_after_day(tokens: list[re.Match[str]], i: int, gap: str) -> bool:
    """ "July 14, 2026": the comma between a day and its year does not end the date."""
    return (
        gap.strip() == ","
        and _DAYS_TOKEN.match(tokens[i].group()) is not None
        and _YEAR.fullmatch(tokens[i + 1].group().rstrip(".")) is not None
    )


def _lone(text: str, start: int, end: int) -> bool:
    """A month or season alone is a date in a parenthesis ("(Aktau, octobre)") or where
    a meeting is moved to ("repoussée à octobre", "pushed back to May")."""
    if _LONE.match(text[start:end]) is None:
        # "postponed to Oct": a month cut short is a month only where a meeting moves to it
        moved = _MOVED_TO_MONTH.search(text[max(0, start - 30) : start]) is not None
        return moved and _MONTH_WORD.match(text[start:end]) is not None
    bracketed = re.search(r"[(,]\s*$", text[max(0, start - 3) : start]) is not None and (
        re.match(r"\s*[),]", text[end : end + 3]) is not None
    )
    return bracketed or _MOVED_TO_MONTH.search(text[max(0, start - 30) : start]) is not None


def _is_end(tokens: list[re.Match[str]], j: int) -> bool:
    core = re.sub(r"^[ld]'", "", tokens[j].group().rstrip(".").strip("'-"))
    if core in _END_WORDS or _END_PATTERN.search(core):
        return True
    # "Aug. 27-28", "on Nov. 11", "June 24": a day after the month.
    return (
        j > 0
        and _DAYS_TOKEN.match(core) is not None
        and _MONTH_WORD.match(tokens[j - 1].group()) is not None
    )


def _inside(start: int, end: int, masked: Iterable[tuple[int, int]]) -> bool:
    return any(start < m_end and end > m_start for m_start, m_end in masked)


def resolve(
    mention: DateMention, document_date: date, *, past: bool | None, until: date | None = None
) -> DateMention:
    """A year-less date placed against the document's date: the next such date, or the
    previous one when the sentence reports the meeting as past (`past`). `until` is the
    last day the document reports on (a weekly digest's Sunday); past dates lie before it.
    """
    last = until or document_date
    if mention.weekday:
        window = mention.window
        if past and window.start > last:
            return replace(mention, window=_shifted_days(window, -7))
        return mention
    if mention.has_year or mention.relative:
        return mention
    window = mention.window
    if past:
        while window.start > last:
            window = _shifted_years(window, -1)
    elif window.end < document_date:
        window = _shifted_years(window, 1)
    return replace(mention, window=window)


def last_before(mention: DateMention, day: date) -> DateMention:
    """A year-less date put at its last occurrence on or before `day` (the May a meeting
    "originally planned for May" was to be held in, before the autumn it moved to)."""
    if mention.has_year or mention.relative or mention.weekday:
        return mention
    window = _shifted_years(mention.window, day.year - mention.window.start.year)
    if window.start > day:
        window = _shifted_years(window, -1)
    return replace(mention, window=window)


def nearest(mention: DateMention, day: date) -> DateMention:
    """A year-less date put at its occurrence nearest to `day`: "prévue en décembre, a été
    ajournée sans date", in February, is the December just past."""
    if mention.has_year or mention.relative or mention.weekday:
        return mention
    here = _shifted_years(mention.window, day.year - mention.window.start.year)
    options = [_shifted_years(here, -1), here, _shifted_years(here, 1)]
    return replace(mention, window=min(options, key=lambda w: _distance(w, day)))


def _distance(window: DateWindow, day: date) -> int:
    if window.start <= day <= window.end:
        return 0
    return min(abs((window.start - day).days), abs((window.end - day).days))


def _shifted_days(window: DateWindow, days: int) -> DateWindow:
    delta = timedelta(days=days)
    return replace(window, start=window.start + delta, end=window.end + delta)


def _shifted_years(window: DateWindow, years: int) -> DateWindow:
    return replace(
        window, start=_year_on(window.start, years), end=_year_on(window.end, years, end=True)
    )


def _year_on(day: date, years: int, *, end: bool = False) -> date:
    year = day.year + years
    last = _month_end(year, day.month).day
    # The last day of a month stays the last day (28 or 29 February).
    if end and day.day == _month_end(day.year, day.month).day:
        return date(year, day.month, last)
    return date(year, day.month, min(day.day, last))


def resolve_phrase(
    text: str, document_date: date, *, past: bool | None = None
) -> DateWindow | None:
    """The window of one date phrase written in a document of `document_date`."""
    folded = Folded.of(text)
    mentions = find_dates(folded, default_year=document_date.year, today=document_date)
    if not mentions:
        return None
    longest = max(mentions, key=lambda m: m.end - m.start)
    return resolve(longest, document_date, past=past).window

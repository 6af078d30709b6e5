"""The document's own date, wherever it prints it: a dateline ("MOSCOW, April 9, 2026 —"),
a line alone under the title ("Bishkek, 27 February 2026", "Le 3 novembre 2025",
"12.01.2026"), a labelled one ("Date : 06/03/2026"), a week's range ("Semaine du 10 au
16 août 2026") or the signature at its foot ("Bichkek, le 6 octobre 2025").

Year-less and relative dates are read against it, so a wrong one moves every such date:
a line that announces a meeting ("La prochaine réunion aura lieu le 11 novembre", "Next
issue: 9 February") is news, not the document's date.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date

from sco_cal.domain.dates import Precision
from sco_cal.i18n import _
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.when import find_dates
from sco_cal.ingest.wording import ANNOUNCES

# "MOSCOW, July 14, 2026 —", "ASTANA, Jan. 20, 2026 /Kazinform/ --", "Bichkek, le 6 mai -",
# "MOSCOW, April 9, 2026 /TASS/. ".
DATELINE = re.compile(
    r"^\s*(?P<place>[A-ZÀ-Ý][\w .'’()-]{1,40}?),\s+(?:le\s+)?(?P<date>[^—–\n]{4,40}?)"
    r"\s*(?:/[^/\n]{2,30}/\s*|\([A-Za-z][\w .-]{1,30}\)\s*)?(?:[—–]|--?\s|(?<=[\d/])[.:]\s)"
)
_PLACE_COMMA = re.compile(r"^\s*(?P<place>[A-ZÀ-Ý][\w .'’()-]{1,40}?),\s+(?:le\s+)?")
_LABEL = re.compile(
    r"^\s*(?:date|dated|dat[ée]e? du|issued|published|publi[ée]e? le|diffus[ée]e? le"
    r"|mis[e]? [àa] jour le|updated)\s*:?\s*(?=\S)",
    re.IGNORECASE,
)
# A line naming what is ahead or behind is news: "Next issue: 9 February", "aura lieu le 11".
_NEWS = re.compile(
    r"\b(?:next|prochaine?s?|previous|precedente?|suivante?|will|would|shall|is|are|was|were"
    r"|has|have|sera|seront|aura|auront|a eu|ont eu|se tiendr\w*|s'est|se sont|est|sont"
    r"|remains|reste|avant|before|after|apres|until|jusqu)\b"
)
_RANGE = re.compile(r"\b(?:semaine|week|du|from)\b")
_HEADER_LINE = 100
_FOOTER_LINE = 90
_DATE_LINE = 40  # a line this short holding only a date is the date line
_HEADER_LINES = 15
_FOOTER_LINES = 6
_SENTENCE_WORDS = 6  # a line of this many words ending in a full stop is a sentence
_PROSE_LINE = 60  # a line this long ending a sentence is running text, not the header


@dataclass(frozen=True, slots=True)
class DocumentDate:
    """The day a document is dated and where that came from (`source`, for the review).

    `assumed` when the document prints no date and the reader took today's: its
    year-less and relative dates are then guesses. `until` is the last day of the week
    a digest covers ("Semaine du 10 au 16 août"), whose weekdays are days of that week.
    """

    day: date
    source: str
    until: date | None = None
    assumed: bool = False

    @classmethod
    def printed(cls, day: date, words: str, until: date | None = None) -> DocumentDate:
        shown = " ".join(words.split())
        shown = shown if len(shown) <= 60 else shown[:57] + "..."
        return cls(day, _("the document's line '{line}'").format(line=shown), until)

    @property
    def last(self) -> date:
        """The last day the document reports on: its date, or the end of its week."""
        return self.until or self.day


def document_date(lines: Sequence[str]) -> DocumentDate | None:
    """The day the document is dated, from its header, its first line or its signature."""
    texts = [line.strip() for line in lines]
    filled = [t for t in texts if t]
    header = _header(texts)
    for line in [*header, *filled[:_HEADER_LINES]]:
        labelled = _LABEL.match(line)
        if labelled is not None and (day := _one_day(line[labelled.end() :])) is not None:
            return DocumentDate.printed(day, line)
    for line in filled[:_HEADER_LINES]:
        found = dateline_day(line)
        if found is not None:
            return found
    for line in header:
        if (day := _alone(line, _HEADER_LINE)) is not None:
            return DocumentDate.printed(day, line)
    for line in filled[:_HEADER_LINES]:  # a date line under a headline that runs long
        if (day := _alone(line, _DATE_LINE)) is not None:
            return DocumentDate.printed(day, line)
    for line in reversed(filled[-_FOOTER_LINES:]):
        if (day := _alone(line, _FOOTER_LINE)) is not None:
            return DocumentDate.printed(day, line)
    for line in header[:3]:
        if (week := _week_of(line)) is not None:
            return DocumentDate.printed(week[0], line, week[1])
    return None


def dateline_day(line: str) -> DocumentDate | None:
    """The day of a wire story's dateline opening `line`, if it has one with a year:
    "MOSCOW, April 9, 2026 —", or a place in capitals and a date running into the text."""
    found = _dateline(line)
    if found is None or found[0] is None:
        return None
    return DocumentDate.printed(found[0], line[: found[1]])


def dateline_length(text: str) -> int:
    """How many characters of `text` a dateline opening it takes ("BISHKEK, Dec. 18 (Central
    Asia Wire) —", "Bichkek, le 6 mai 2026 -"); 0 when there is none. Its date is the
    document's, not a meeting's."""
    found = _dateline(text)
    return found[1] if found is not None else 0


def _dateline(line: str) -> tuple[date | None, int] | None:
    """(its day, when it gives a year; its length) of a dateline opening `line`."""
    match = DATELINE.match(line)
    if match is not None:
        day = _only_day(match["date"])
        if day is not None or match["place"].isupper():
            return day, match.end()
    opening = _PLACE_COMMA.match(line)
    if opening is None or not opening["place"].isupper():
        return None
    first = next(iter(find_dates(Folded.of(line[opening.end() :]), default_year=None)), None)
    if first is None or first.start > 0 or first.window.precision is not Precision.DAY:
        return None
    return (first.window.start if first.has_year else None), opening.end() + len(first.text)


def is_date_line(line: str) -> bool:
    """Whether the line is only a date, maybe after a place or a label."""
    return _alone(line, _HEADER_LINE) is not None


def _header(texts: list[str]) -> list[str]:
    """The non-empty lines above the first paragraph of running text."""
    found: list[str] = []
    for i, text in enumerate(texts):
        if not text:
            continue
        following = texts[i + 1] if i + 1 < len(texts) else ""
        running = (len(text) >= _PROSE_LINE and text[-1] in ".;:,") or (
            len(text) >= _PROSE_LINE and len(following) >= _PROSE_LINE
        )
        if running or len(found) >= _HEADER_LINES:
            break
        found.append(text)
    return found


def _alone(line: str, longest: int) -> date | None:
    """The day of a line that is only a date, maybe after a place, a title or a label
    ("Bishkek, 27 February 2026", "Le 3 novembre 2025", "Bulletin n°7, 14/05/2026")."""
    if len(line) > longest or (line.endswith(".") and len(line.split()) >= _SENTENCE_WORDS):
        return None
    folded = Folded.of(line)
    if _NEWS.search(folded.text) or ANNOUNCES.search(folded.text):
        return None
    days = [
        m
        for m in find_dates(folded, default_year=None)
        if m.has_year and m.window.precision is Precision.DAY
    ]
    return days[0].window.start if len(days) == 1 else None


def _week_of(line: str) -> tuple[date, date] | None:
    """The first and last days of the week a heading covers ("Semaine du 9 au 13 février
    2026"): its weekdays are days of that week, whether past or ahead."""
    folded = Folded.of(line)
    if len(line) > _HEADER_LINE or not _RANGE.search(folded.text):
        return None
    for mention in find_dates(folded, default_year=None):
        window = mention.window
        if mention.has_year and window.precision is Precision.DAYS:
            if (window.end - window.start).days <= 7:
                return window.start, window.end
    return None


def _only_day(text: str) -> date | None:
    """The day `text` names when it is nothing but a date ("April 9, 2026", "le 6 mai
    2026", "Thursday, April 9, 2026"), not a clause holding one."""
    folded = Folded.of(text)
    for mention in find_dates(folded, default_year=None):
        if mention.window.precision is Precision.DAY and mention.has_year:
            rest = folded.text[: mention.start] + folded.text[mention.end :]
            if len(re.findall(r"[^\W\d_]+", rest)) <= 1:
                return mention.window.start
    return None


def _one_day(text: str) -> date | None:
    for mention in find_dates(Folded.of(text), default_year=None):
        if mention.window.precision is Precision.DAY and mention.has_year:
            return mention.window.start
    return None

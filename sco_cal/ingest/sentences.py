"""Splitting a document into units: sentences, list items and table rows, each with the
headings it sits under and what they say (a theme, a state, an organisation)."""

from __future__ import annotations

import re
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, field, replace

from sco_cal.domain.errors import UnknownValue
from sco_cal.domain.themes import resolve_theme
from sco_cal.ingest.bodies import organisation_spans, organisations_in
from sco_cal.ingest.dating import is_date_line
from sco_cal.ingest.document import Document, Line
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.sections import OTHER_COLUMN, Section, column_roles, lead_in, section_of

_ROMAN_HEADING = re.compile(r"^(?P<roman>[IVX]{1,4})\s*[.):\-\u2013]?\s+(?P<rest>\S.*)$")
_LETTER_HEADING = re.compile(r"^(?:[A-H]|\d{1,2})[.)]\s+(?P<rest>\S.*)$")
# The number, letter or roman numeral of a rubric ("2. ", "B) ", "II – ") and a colon after.
_RUBRIC_MARK = re.compile(r"^(?:(?:[IVX]{1,4}|[A-H]|\d{1,2})\s*[.)\u2013\u2014:-]*\s+)?")
_RUBRIC_REST_WORDS = 3  # "OTSC : réunions statutaires": a few words beside the body's name
_RULE = re.compile(r"^\s*(?:[-_*=\u2013\u2014]\s*){3,}$")
_NOTE_MARK = re.compile(r"^\(\d{1,2}\)\s*\.?\s*")
_ONLY_NOTE_MARK = re.compile(r"^\(\d{1,2}\)\s*$")
# A full stop, or one glued to the next sentence ("en République kirghize.Tianjin, le").
_END = re.compile(r"[.!?\u2026][\"»”’)\]]*\s+|(?<=[a-zà-ÿ]{3})\.(?=[A-ZÀ-Ý][a-zà-ÿ]{3})")
_OPENS_SENTENCE = re.compile(r"[\"«“(\[]*\s*[A-ZÀ-ÖØ-Þ0-9]")
# A line that carries on the sentence of the line before: lower case, a quote, a bracket.
_GOES_ON = re.compile(r"[a-zà-ÿ«“\"(]")
_ENDS_SENTENCE = re.compile(r"[.!?\u2026][\"»”’)\]]*\s*$")
# A line stopping on a comma or on a word that needs a sequel is cut mid-sentence.
_OPEN_END = re.compile(
    r"(?:[,(\u2013\u2014-]|\b(?:and|or|of|the|in|on|at|to|for|from|with|by|an?|its|their"
    r"|et|ou|de|des|du|la|le|les|à|au|aux|en|sur|pour|par|dans|avec|entre|puis|que|qui"
    r"|dont|leurs?|son|sa|ses|ce|cette|une?)|\b[ld]['’])\s*$",
    re.IGNORECASE,
)
_MONTH_NAMES = (
    r"(?:janvier|f[ée]vrier|mars|avril|mai|juin|juillet|ao[ûu]t|septembre|octobre|novembre"
    r"|d[ée]cembre|january|february|march|april|may|june|july|august|september|october"
    r"|november|december|janv|f[ée]vr?|avr|juil|sept|d[ée]c|jan|feb|mar|apr|jun|jul|aug"
    r"|sep|oct|nov|dec)\b\.?"
)
_ENDS_ON_DAY = re.compile(r"\b\d{1,2}(?:er|st|nd|rd|th)?(?:\s*[-\u2013]\s*\d{1,2})?\s*$")
_ENDS_ON_MONTH = re.compile(rf"\b{_MONTH_NAMES}\s*$", re.IGNORECASE)
_STARTS_ON_MONTH = re.compile(_MONTH_NAMES, re.IGNORECASE)
_WRAPPED_LINES = 3  # fewer lines than this followed by another: not hard-wrapped prose
_FULL = 0.6  # a wrapped line fills at least this share of the width
_FULL_LINE = 0.75
_FILLED_SHARE = 0.7  # of a hard-wrapped text's lines, this share at least are nearly full
_WIDEST_WRAP = 120
_ABBREVIATIONS = frozenset(
    "m mm mme mlle dr st ste etc cf vol no n° p pp av art ch mr mrs ms prof gen gén col jr "
    "vs ie eg env min max approx dept intl jan feb mar apr jun jul aug sep sept oct nov dec "
    "janv fév févr avr juil sept déc".split()
)
_SUB_HEADING_WORDS = 8
_SUB_HEADING_CHARS = 80
_SHORT_HEADING_WORDS = 6
_SHORT_HEADING_CHARS = 60
_VERB_HINT = re.compile(
    r"\b(?:est|sont|a|ont|sera|seront|will|is|are|was|were|has|have|se|s')\b", re.IGNORECASE
)


@dataclass(frozen=True, slots=True)
class Sentence:
    """A unit of text as written (an exact substring of the document) and where it sits.

    `paragraph` is the run of lines it comes from, for context a sentence leaves
    implicit (the organisation named one sentence earlier); `theme` is the theme id
    of the heading it sits under, if that heading names one. `section` is what the
    headings above (or a sentence introducing a list) say of every meeting below;
    `cells` maps a table row's columns (date, meeting, place, status) to their text.
    """

    text: str
    line: int
    paragraph: str
    heading: str | None = None
    theme: str | None = None
    footnote: bool = False
    section: Section = field(default_factory=Section)
    cells: dict[str, str] | None = None
    item: bool = False


@dataclass
class _Position:
    sector: str | None = None
    sector_theme: str | None = None
    sub: str | None = None
    sub_theme: str | None = None
    footnote: bool = False
    lead: Section | None = None
    columns: tuple[str, ...] = ()
    rubric: str | None = None  # how the rubric heading the sector is marked ("1.", "II –")

    @property
    def heading(self) -> str | None:
        return self.sub or self.sector

    @property
    def theme(self) -> str | None:
        return self.sub_theme or self.sector_theme

    @property
    def section(self) -> Section:
        return section_of(self.sector, self.sub)


def headings(document: Document) -> list[str]:
    """Every heading of the document, marked up or recognised by its wording."""
    lines = document.lines
    return [
        text
        for i, line in enumerate(lines)
        if (text := _heading(line, _next_text(lines, i))[0]) is not None
    ]


def split_sentences(document: Document) -> list[Sentence]:
    """The document's units in order, headings and blank lines left out."""
    where = _Position()
    found: list[Sentence] = []
    for first, text, lines in _paragraphs(document.lines, where):
        section = where.section
        if lines[0].cells:
            cells = _cells_by_role(where.columns, lines[0].cells)
            found.append(
                Sentence(
                    text, first, text, where.heading, where.theme, where.footnote, section, cells
                )
            )
            continue
        item = lines[0].bullet
        if item and where.lead is not None:
            section = section.merged(where.lead)
        elif not item:
            where.lead = None
        pieces = list(_split(text))
        for piece in pieces:
            found.append(
                Sentence(
                    text=piece,
                    line=first,
                    paragraph=text,
                    heading=where.heading,
                    theme=where.theme,
                    footnote=where.footnote,
                    section=section,
                    item=item,
                )
            )
        if pieces and pieces[-1].rstrip().endswith(":"):
            where.lead = lead_in(pieces[-1])
    return found


def _paragraphs(lines: tuple[Line, ...], where: _Position) -> Iterator[tuple[int, str, list[Line]]]:
    """Runs of text lines; a line is joined to the one before when the sentence goes on.

    A run is handed out before `where` moves past the heading that ends it, so
    each sentence keeps the heading it was written under. List items and table
    rows are runs of their own (an item with the lines that wrap it).
    """
    width = wrap_width(lines)
    run: list[Line] = []
    for i, line in enumerate(lines):
        text = _NOTE_MARK.sub("", line.text) if not run else line.text
        following = _next_text(lines, i)
        goes_on = bool(run) and _continues(run[-1], line, width, item=run[0].bullet)
        breaks = not goes_on and (
            _is_break(line, following)
            or not text
            or line.bullet
            or bool(line.cells)
            or _ONLY_NOTE_MARK.match(text) is not None
            or bool(run)
        )
        if breaks and run:
            yield run[0].number, "\n".join(r.text for r in run), run
            run = []
        if text and not line.cells:
            where.columns = ()
        if not goes_on and (
            _consume_heading(line, following, where) or not text or _ONLY_NOTE_MARK.match(text)
        ):
            continue
        if line.cells:
            roles = column_roles(line.cells)
            if roles:
                where.columns = roles
                continue
            yield line.number, line.text, [line]
            continue
        run.append(replace(line, text=_NOTE_MARK.sub("", line.text) if not run else line.text))
    if run:
        yield run[0].number, "\n".join(r.text for r in run), run


def wrap_width(lines: Sequence[Line]) -> int | None:
    """The column at which the document's prose was hard-wrapped, if it was: the usual
    length of a line that another line of the same paragraph follows."""
    lengths = sorted(
        before.indent + len(before.text)
        for before, after in zip(lines, lines[1:], strict=False)
        if before.text and after.text and not (before.cells or after.cells or after.bullet)
    )
    if len(lengths) < _WRAPPED_LINES:
        return None
    width = lengths[(len(lengths) - 1) * 9 // 10]
    # Wrapped lines fill the width: lines of any length are paragraphs of one line each.
    filled = sum(length >= _FULL_LINE * width for length in lengths) / len(lengths)
    return width if width <= _WIDEST_WRAP and filled >= _FILLED_SHARE else None


def _continues(before: Line, line: Line, width: int | None, *, item: bool) -> bool:
    """Whether `line` carries on the sentence (or list item) of the line `before` it.

    A sentence goes on after a line that does not end it when the next line starts in
    lower case, or the line before stops on a comma or a word that needs a sequel
    ("met in" / "Bishkek on 25-26 February"), or was cut by the wrapping: the next
    line's first word would not have fitted on it. A line that is only a place and a
    date ("Bishkek, 27 February 2026") stands alone under a title.
    """
    text, previous = line.text, before.text
    if not text or line.bullet or line.cells or not previous:
        return False
    if item and line.indent > before.indent - (2 if before.bullet else 0) and line.indent > 0:
        return True  # a list item's wrapped lines are indented under its text
    if previous.endswith(":") or _ENDS_SENTENCE.search(previous) and not _cut_after(previous):
        return False
    if _GOES_ON.match(text):
        return True
    if is_date_line(text):
        return False
    if _OPEN_END.search(previous) or _date_cut(previous, text):
        return True
    first = text.split()[0]
    used = before.indent + len(previous)
    return (
        width is not None
        and used >= _FULL * width
        and used + 1 + len(first) > width
        and not _closes_title(previous)
    )


def _date_cut(previous: str, text: str) -> bool:
    """A date broken across the lines: "on 27-28" / "August", "le 14" / "octobre"."""
    return bool(
        (_ENDS_ON_DAY.search(previous) and _STARTS_ON_MONTH.match(text))
        or (_ENDS_ON_MONTH.search(previous) and re.match(r"\d", text))
    )


def _cut_after(previous: str) -> bool:
    """A line ending on an abbreviation ("on Feb.", "M.") has not ended its sentence."""
    dot = len(previous.rstrip()) - 1
    return previous[dot] == "." and _is_abbreviation(previous, dot)


def _closes_title(previous: str) -> bool:
    return (
        previous.endswith(")")
        and previous.count("(") == previous.count(")")
        and (not _VERB_HINT.search(previous))
    )


def _next_text(lines: tuple[Line, ...], i: int) -> Line | None:
    for line in lines[i + 1 :]:
        if line.text:
            return line
    return None


def _is_break(line: Line, following: Line | None) -> bool:
    return bool(_RULE.match(line.text)) or _heading(line, following)[0] is not None


def _consume_heading(line: Line, following: Line | None, where: _Position) -> bool:
    """Move `where` past a heading or a footnote rule; whether `line` was one."""
    if _RULE.match(line.text):
        where.sector = where.sector_theme = where.sub = where.sub_theme = None
        where.footnote = True
        where.lead = None
        return True
    text, theme, level = _heading(line, following)
    if text is None and where.rubric == "colon" and _next_colon_rubric(line, following):
        text, theme, level = line.text.strip(), _theme_of(line.text.strip(" :")), 2
    if text is None:
        return False
    where.lead = None
    mark = _rubric_mark(line)
    if level == 2 and where.sector_theme is None and rubric_body(text) is not None:
        # "2. OTSC" heads everything down to the next rubric, its sub-headings
        # ("A) Réunions tenues") included; below a theme heading it stays a sub-heading
        level = 1
    elif level == 2 and where.rubric is not None and mark == where.rubric:
        level = 1  # "3. Divers" after "2. OTSC": the next rubric, not a part of that one
    if level == 1:
        where.sector, where.sector_theme = text, theme
        where.sub = where.sub_theme = None
        where.rubric = mark if rubric_body(text) is not None or mark == where.rubric else None
    else:
        where.sub, where.sub_theme = text, theme
    return True


def _heading(line: Line, following: Line | None = None) -> tuple[str | None, str | None, int]:
    """(heading text, theme id, level 1 or 2) when `line` is a heading, else Nones."""
    text = line.text.strip()
    if not text or line.cells:
        return None, None, 0
    roman = _ROMAN_HEADING.match(text)
    if roman is not None and len(text) <= _SUB_HEADING_CHARS * 2:
        theme = _theme_of(roman["rest"])
        if line.heading or theme is not None:
            return text, theme, 1
    if line.heading:
        return text, _theme_of(text), 1
    if _looks_like_sub_heading(text):
        theme = _theme_of(text)
        if theme is not None:
            return text, theme, 2
    if following is not None and rubric_body(text) is not None:
        return text, None, 2
    if _looks_like_short_heading(text, line, following):
        letter = _LETTER_HEADING.match(text)
        return text, _theme_of(letter["rest"] if letter else text), 2
    return None, None, 0


def _rubric_mark(line: Line) -> str | None:
    """How a heading line is marked: "markup" (`**2. CSTO**`), "item" (`2. OTSC`, read as
    a numbered item), "roman" ("II –"), "letter" ("B)"), "colon" ("OTSC :"); or None."""
    if line.heading:
        return "markup"
    if line.bullet:
        return "item"
    text = line.text.strip()
    mark = _RUBRIC_MARK.match(text)
    if mark is not None and mark.group().strip():
        head = mark.group().strip()[0]
        return "item" if head.isdigit() else "roman" if head in "IVX" else "letter"
    return "colon" if text.rstrip().endswith(":") else None


def _next_colon_rubric(line: Line, following: Line | None) -> bool:
    """ "Divers :" after "OTSC :": a short label ending in a colon, the next rubric."""
    body = line.text.strip().rstrip(" :")
    return (
        following is not None
        and _rubric_mark(line) == "colon"
        and 0 < len(body) <= _SHORT_HEADING_CHARS
        and len(body.split()) <= _RUBRIC_REST_WORDS
        and not any(c.isdigit() for c in body)
        and _VERB_HINT.search(body) is None
    )


def rubric_body(text: str) -> str | None:
    """The organisation a rubric line stands for ("1. OCS", "II – OTSC", "B) CSTO",
    "OTSC :", "OTSC (Organisation du traité ...)"), or None when the line is no rubric:
    it names another body too, or says more than a few words besides."""
    body = _RUBRIC_MARK.sub("", text.strip(), count=1).strip()
    if not body or len(body) > _SUB_HEADING_CHARS or _VERB_HINT.search(body):
        return None
    folded = Folded.of(body)
    codes = {code for _, code in organisations_in(folded)}
    if len(codes) != 1:
        return None
    rest = folded.text
    for start, end in sorted(organisation_spans(folded, acronyms=True), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    if len(re.findall(r"[^\W\d_]{2,}", rest)) > _RUBRIC_REST_WORDS:
        return None
    return codes.pop()


def _looks_like_sub_heading(text: str) -> bool:
    return (
        len(text) <= _SUB_HEADING_CHARS
        and len(text.split()) <= _SUB_HEADING_WORDS
        and not any(c.isdigit() for c in text)
        and text[-1] not in ".!?;:,"
    )


def _looks_like_short_heading(text: str, line: Line, following: Line | None) -> bool:
    """A short title line above a list, a table or a paragraph: "Last week", "A. Reports"."""
    body = _LETTER_HEADING.sub(r"\g<rest>", text)
    return (
        following is not None
        and len(body) <= _SHORT_HEADING_CHARS
        and len(body.split()) <= _SHORT_HEADING_WORDS
        and not any(c.isdigit() for c in body)
        and body[-1] not in ".!?;:,"
        and _VERB_HINT.search(body) is None
        and (following.bullet or bool(following.cells) or not line.bullet)
    )


def _theme_of(text: str) -> str | None:
    try:
        return resolve_theme(text.strip(" :.-\u2013"))
    except UnknownValue:
        return None


def _split(paragraph: str) -> Iterator[str]:
    """Sentences of `paragraph`, stripped; abbreviations (M. Degtiarev) do not end one."""
    start = 0
    for end in _END.finditer(paragraph):
        if not _OPENS_SENTENCE.match(paragraph, end.end()):
            continue
        if _is_abbreviation(paragraph, end.start()):
            continue
        piece = paragraph[start : end.end()].strip()
        if piece:
            yield piece
        start = end.end()
    piece = paragraph[start:].strip()
    if piece:
        yield piece


def _is_abbreviation(paragraph: str, dot: int) -> bool:
    if paragraph[dot] != ".":
        return False
    word = re.search(r"(\S+)$", paragraph[:dot])
    if word is None:
        return False
    token = word.group(1).lstrip('(«"“').casefold()
    # "J. Smith", "M. Degtiarev": a lone initial does not end a sentence.
    return token in _ABBREVIATIONS or (len(token) == 1 and token.isalpha())


def _cells_by_role(roles: Sequence[str], cells: Sequence[str]) -> dict[str, str]:
    """A row's cells by role; two columns of one role ("City", "Country") read together."""
    found: dict[str, str] = {}
    for role, cell in zip(roles, cells, strict=False):
        if role == OTHER_COLUMN or not cell.strip():
            continue
        found[role] = f"{found[role]}, {cell}" if role in found else cell
    return found

"""Splitting a document into sentences, each with the heading (and theme) it sits under."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from sco_cal.domain.errors import UnknownValue
from sco_cal.domain.themes import resolve_theme
from sco_cal.ingest.document import Document, Line

_ROMAN_HEADING = re.compile(r"^(?P<roman>[IVX]{1,4})\s*[.):\-\u2013]?\s+(?P<rest>\S.*)$")
_RULE = re.compile(r"^\s*(?:[-_*=\u2013\u2014]\s*){3,}$")
_NOTE_MARK = re.compile(r"^\(\d{1,2}\)\s*\.?\s*")
_ONLY_NOTE_MARK = re.compile(r"^\(\d{1,2}\)\s*$")
# A full stop, or one glued to the next sentence ("en République kirghize.Tianjin, le").
_END = re.compile(r"[.!?\u2026][\"»”’)\]]*\s+|(?<=[a-zà-ÿ]{3})\.(?=[A-ZÀ-Ý][a-zà-ÿ]{3})")
_OPENS_SENTENCE = re.compile(r"[\"«“(\[]*\s*[A-ZÀ-ÖØ-Þ0-9]")
_CLOSES_LINE = re.compile(r"[.!?\u2026:;»”)\]]\s*$")
_ABBREVIATIONS = frozenset(
    "m mm mme mlle dr st ste etc cf vol no n° p pp av art ch mr mrs ms prof gen gén col jr "
    "vs ie eg env min max approx dept intl".split()
)
_SUB_HEADING_WORDS = 8
_SUB_HEADING_CHARS = 80


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence as written (an exact substring of the document) and where it sits.

    `paragraph` is the run of lines it comes from, for context a sentence leaves
    implicit (the organisation named one sentence earlier); `theme` is the theme id
    of the heading it sits under, if that heading names one.
    """

    text: str
    line: int
    paragraph: str
    heading: str | None = None
    theme: str | None = None
    footnote: bool = False


@dataclass
class _Position:
    sector: str | None = None
    sector_theme: str | None = None
    sub: str | None = None
    sub_theme: str | None = None
    footnote: bool = False

    @property
    def heading(self) -> str | None:
        return self.sub or self.sector

    @property
    def theme(self) -> str | None:
        return self.sub_theme or self.sector_theme


def headings(document: Document) -> list[str]:
    """Every heading of the document, marked up or recognised by its wording."""
    return [text for line in document.lines if (text := _heading(line)[0]) is not None]


def split_sentences(document: Document) -> list[Sentence]:
    """The document's sentences in order, headings and blank lines left out."""
    where = _Position()
    found: list[Sentence] = []
    for first, text in _paragraphs(document.lines, where):
        for sentence in _split(text):
            found.append(
                Sentence(
                    text=sentence,
                    line=first,
                    paragraph=text,
                    heading=where.heading,
                    theme=where.theme,
                    footnote=where.footnote,
                )
            )
    return found


def _paragraphs(lines: tuple[Line, ...], where: _Position) -> Iterator[tuple[int, str]]:
    """Runs of text lines; a line is joined to the next when the sentence goes on.

    A run is handed out before `where` moves past the heading that ends it, so
    each sentence keeps the heading it was written under.
    """
    run: list[Line] = []
    for line in lines:
        text = _NOTE_MARK.sub("", line.text) if not run else line.text
        breaks = (
            _is_break(line)
            or not text
            or _ONLY_NOTE_MARK.match(text) is not None
            or bool(run and (_CLOSES_LINE.search(run[-1].text) or not text[0].islower()))
        )
        if breaks and run:
            yield run[0].number, "\n".join(r.text for r in run)
            run = []
        if _consume_heading(line, where) or not text or _ONLY_NOTE_MARK.match(text):
            continue
        run.append(Line(line.number, _NOTE_MARK.sub("", line.text) if not run else line.text))
    if run:
        yield run[0].number, "\n".join(r.text for r in run)


def _is_break(line: Line) -> bool:
    return bool(_RULE.match(line.text)) or _heading(line)[0] is not None


def _consume_heading(line: Line, where: _Position) -> bool:
    """Move `where` past a heading or a footnote rule; whether `line` was one."""
    if _RULE.match(line.text):
        where.sector = where.sector_theme = where.sub = where.sub_theme = None
        where.footnote = True
        return True
    text, theme, level = _heading(line)
    if text is None:
        return False
    if level == 1:
        where.sector, where.sector_theme = text, theme
        where.sub = where.sub_theme = None
    else:
        where.sub, where.sub_theme = text, theme
    return True


def _heading(line: Line) -> tuple[str | None, str | None, int]:
    """(heading text, theme id, level 1 or 2) when `line` is a heading, else Nones."""
    text = line.text.strip()
    if not text:
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
    return None, None, 0


def _looks_like_sub_heading(text: str) -> bool:
    return (
        len(text) <= _SUB_HEADING_CHARS
        and len(text.split()) <= _SUB_HEADING_WORDS
        and not any(c.isdigit() for c in text)
        and text[-1] not in ".!?;:,"
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

"""Reading a bulletin from disk: size and binary checks, encodings, HTML and Markdown."""

from __future__ import annotations

import codecs
import html
import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _
from sco_cal.ingest.sections import column_roles

MAX_BYTES = 5 * 1024 * 1024
# Above this share of control characters a "text" is a binary file read as text.
_MAX_CONTROL_RATIO = 0.02
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_TAG = re.compile(r"<(/?)([a-zA-Z][a-zA-Z0-9]*)\b[^<>]*>|<!--.*?-->|<![^<>]*>", re.DOTALL)
_HIDDEN_BLOCK = re.compile(r"<(script|style|head)\b.*?</\1\s*>", re.DOTALL | re.IGNORECASE)
# Tags inside a line of text; any other tag (<p>, <date>, <objet>) ends the line.
_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub "
    "sup time u var wbr".split()
)
_CELL_TAGS = frozenset({"td", "th"})
_HEADING_TAGS = frozenset("h1 h2 h3 h4 h5 h6".split())
_MD_HEADING = re.compile(r"^\s{0,3}#{1,6}\s+(.*?)\s*#*\s*$")
_MD_BOLD_LINE = re.compile(r"^\s*(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?\s*$")
_MD_LINK = re.compile(r"\[([^\]\n]*)\]\([^)\n]*\)")
_MD_EMPHASIS = re.compile(r"\*\*|__|(?<![\w*])[*_](?=\S)|(?<=\S)[*_](?![\w*])")
_BULLET = re.compile(
    r"^\s*(?:[-*+•\u2013\u2014\u25aa\u25cf]|\(?\d{1,2}(?:\.\d{1,2})*[.)]|[a-z][.)])\s+(?=\S)"
)
# A table row: Markdown ("| a | b |") or plain ("a | b | c"); a rule row ("|---|:--|").
_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$|^[^|]+(?:\|[^|]*){2,}$")
_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{2,}:?\s*(?:\|\s*:?-{2,}:?\s*)*\|?\s*$")
_SPACES = re.compile(r"[ \t\u00a0\u202f\u2007\u2009]+")
# Columns set out without pipes: cells between tabs, or between runs of two or more spaces.
_COLUMN_GAP = re.compile(r"\t+|(?<=\S) {2,}(?=\S)")
_SET_OUT_CELLS = 3
_INVISIBLE = re.compile(r"[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_HTML_HINT = re.compile(r"<(?:/?[a-zA-Z][a-zA-Z0-9]*\b[^<>]*|!--.*?--)>", re.DOTALL)


@dataclass(frozen=True, slots=True)
class Line:
    """One line of the document as plain text; `heading` when the markup says so.

    `bullet` marks an item of a list; `cells` holds a table row's cells (its `text`
    is the row as written, without markup); `indent` counts the spaces before it.
    """

    number: int
    text: str
    heading: bool = False
    bullet: bool = False
    cells: tuple[str, ...] = ()
    indent: int = 0  # leading spaces: a list item's wrapped lines are indented


@dataclass(frozen=True, slots=True)
class Document:
    """A document's name, its decoded text as lines, and how it was encoded."""

    name: str
    lines: tuple[Line, ...]
    encoding: str

    @property
    def text(self) -> str:
        return "\n".join(line.text for line in self.lines)


def read_document(path: Path, *, name: str | None = None, max_bytes: int = MAX_BYTES) -> Document:
    """The document at `path`; InvalidInput if it is missing, too large or binary."""
    shown = name or str(path)
    try:
        if path.is_dir():
            raise InvalidInput(
                _("cannot read {file}: it is a directory, not a file").format(file=shown)
            )
        if not path.exists():
            raise InvalidInput(_("cannot read {file}: no such file").format(file=shown))
        if not path.is_file():
            raise InvalidInput(
                _("cannot read {file}: not a regular file (a device or a pipe)").format(file=shown)
            )
        size = path.stat().st_size
        if size > max_bytes:
            raise InvalidInput(
                _("{file} is {size}; ingest reads up to {limit}").format(
                    file=shown, size=_megabytes(size), limit=_megabytes(max_bytes)
                )
            )
        with path.open("rb") as handle:
            data = handle.read(max_bytes + 1)
    except OSError as exc:
        raise InvalidInput(
            _("cannot read {file}: {reason}").format(file=shown, reason=exc.strerror or exc)
        ) from None
    if len(data) > max_bytes:
        raise InvalidInput(
            _("{file} is larger than {limit}").format(file=shown, limit=_megabytes(max_bytes))
        )
    return parse_document(data, name=name or path.name)


def parse_document(data: bytes, *, name: str = "document") -> Document:
    """A document from its bytes: decoded, checked for binary content, markup removed."""
    text, encoding = decode(data, name=name)
    return Document(name=name, lines=tuple(plain_lines(text)), encoding=encoding)


def decode(data: bytes, *, name: str = "document") -> tuple[str, str]:
    """The text of `data` and its encoding: a BOM, else UTF-8, else Windows-1252."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(_decode_as(data[len(bom) :], encoding, name), encoding, name)
    if b"\x00" in data:
        wide = _utf16_without_bom(data)
        if wide is None:
            raise InvalidInput(
                _("{file} looks like a binary file (it contains NUL bytes)").format(file=name)
            )
        return _checked(_decode_as(data, wide, name), wide, name)
    try:
        return _checked(data.decode("utf-8"), "utf-8", name)
    except UnicodeDecodeError:
        pass
    # Windows-1252 leaves five bytes undefined; Latin-1 reads every byte.
    try:
        return _checked(data.decode("cp1252"), "cp1252", name)
    except UnicodeDecodeError:
        return _checked(data.decode("latin-1"), "latin-1", name)


def _decode_as(data: bytes, encoding: str, name: str) -> str:
    try:
        return data.decode(encoding)
    except UnicodeDecodeError:
        raise InvalidInput(
            _("{file} is not valid {encoding} text").format(file=name, encoding=encoding.upper())
        ) from None


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 without a byte-order mark: mostly-Latin text has NULs in every other byte."""
    sample = data[: 64 * 1024]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even, odd = sample[0::2].count(0), sample[1::2].count(0)
    half = len(sample) // 2
    if odd >= 0.6 * half and even == 0:
        return "utf-16-le"
    if even >= 0.6 * half and odd == 0:
        return "utf-16-be"
    return None


def _checked(text: str, encoding: str, name: str) -> tuple[str, str]:
    if "\x00" in text:
        raise InvalidInput(
            _("{file} looks like a binary file (it contains NUL characters)").format(file=name)
        )
    if text:
        controls = sum(1 for c in text if unicodedata.category(c) == "Cc" and c not in "\t\n\r\f\v")
        if controls / len(text) > _MAX_CONTROL_RATIO:
            raise InvalidInput(
                _("{file} looks like a binary file (too many control characters)").format(file=name)
            )
    return text, encoding


def plain_lines(text: str) -> list[Line]:
    """The text's lines without markup; headings (`# ...`, `**...**`, `<h2>`) flagged."""
    text = _INVISIBLE.sub("", text.replace("\r\n", "\n").replace("\r", "\n"))
    if _HTML_HINT.search(text):
        text = _strip_html(text)
    lines = []
    for number, raw in enumerate(text.split("\n"), 1):
        if _TABLE_RULE.match(raw) and "|" in raw:
            lines.append(Line(number, ""))
            continue
        if _TABLE_ROW.match(raw):
            cells = tuple(_strip_markdown(c)[0] for c in raw.strip().strip("|").split("|"))
            lines.append(Line(number, _SPACES.sub(" ", _plain(raw)).strip(), cells=cells))
            continue
        bullet = _BULLET.match(raw) is not None
        line, heading = _strip_markdown(raw)
        indent = len(raw) - len(raw.lstrip(" \t"))
        lines.append(Line(number, line, heading, bullet=bullet, indent=indent))
    return _set_out_tables(text.split("\n"), lines)


def _set_out_tables(raws: list[str], lines: list[Line]) -> list[Line]:
    """Tables set out with tabs or aligned with spaces: from a header row naming the
    columns ("Date  Meeting  Venue  Status") to the next blank line, each line's cells."""
    header = False
    for i, (raw, line) in enumerate(zip(raws, lines, strict=True)):
        cells = tuple(c.strip() for c in _COLUMN_GAP.split(raw.strip()))
        if line.cells or not line.text or len(cells) < _SET_OUT_CELLS - (1 if header else 0):
            header = False
            continue
        if header or column_roles(cells):
            header = True
            lines[i] = Line(line.number, line.text, cells=cells)
    return lines


def _strip_html(text: str) -> str:
    text = _HIDDEN_BLOCK.sub("", text)

    def replace(match: re.Match[str]) -> str:
        tag = (match.group(2) or "").lower()
        closing = bool(match.group(1))
        if tag in _HEADING_TAGS:
            return "\n" if closing else "\n# "
        if tag in _CELL_TAGS:
            return "" if closing else " | "  # a row of cells reads as a pipe table's row
        if tag == "tr":
            return " |\n" if closing else "\n"
        if not tag or tag in _INLINE_TAGS:
            return ""
        return "\n"

    return html.unescape(_TAG.sub(replace, text))


def _plain(raw: str) -> str:
    return _MD_EMPHASIS.sub("", _MD_LINK.sub(r"\1", raw))


def _strip_markdown(raw: str) -> tuple[str, bool]:
    heading = False
    if (match := _MD_HEADING.match(raw)) is not None:
        raw, heading = match.group(1), True
    elif (match := _MD_BOLD_LINE.match(raw)) is not None:
        raw, heading = match.group(1), True
    raw = _BULLET.sub("", _plain(raw))
    return _SPACES.sub(" ", raw).strip(), heading


def _megabytes(size: int) -> str:
    return f"{size / (1024 * 1024):.1f} MB"

"""Content lines (RFC 5545 3.1): one property as `NAME;PARAM=value:value`, in and out.

sco-cal reads and writes the lines of its events itself: icalendar builds an object
per property and per parameter, which made 10,000 events take eight seconds to write
and twenty to read. The rules below are icalendar's own (its escaping, quoting and
folding), and the tests hold the two to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from types import MappingProxyType

from sco_cal.i18n import _

_NAME = re.compile(r"[A-Za-z0-9-]+")
NO_PARAMS: Mapping[str, str] = MappingProxyType({})
KNOWN_NAMES: dict[str, str] = {}  # property names as written, checked, to their upper case
_ESCAPED = re.compile(r"\\([\\;,nN])")
_UNESCAPED_COMMA = re.compile(r"(?<!\\)((?:\\\\)*),")
_PARAM_QUOTABLE = re.compile("[,;:\u2019]")
_PARAM_ESCAPE = re.compile(r'\^|\r\n|\r|\n|"')
_PARAM_ESCAPES = {"^": "^^", "\r\n": "^n", "\r": "^n", "\n": "^n", '"': "^'"}
_PARAM_UNESCAPE = re.compile(r"\^([\^n'])")
_PARAM_UNESCAPES = {"^": "^", "n": "\n", "'": '"'}
FOLD_OCTETS = 74  # a line's octets before the line break, as icalendar folds them


class ContentLineError(ValueError):
    """A line that is not `NAME[;PARAM=VALUE...]:VALUE`."""


class Prop:
    """One property as written: its name, the line it starts on, its parameters, its value.

    A plain class rather than a dataclass: a file holds millions of them. Parameters
    are split only when asked for, since sco-cal reads few of them.
    """

    __slots__ = ("_head", "_params", "line", "name", "value")

    def __init__(
        self,
        name: str,
        value: str,
        line: int = 0,
        params: Mapping[str, str] | None = None,
        *,
        head: str = "",
    ) -> None:
        self.name = name
        self.value = value  # as written: TEXT still escaped
        self.line = line
        self._head = head  # the parameters as written, split on first use
        self._params = params if params is not None else (None if head else NO_PARAMS)

    def __repr__(self) -> str:
        return f"Prop({self.content_line()!r}, line={self.line})"

    @property
    def params(self) -> Mapping[str, str]:
        if self._params is None:
            self._params = _params(self._head)
        return self._params

    @property
    def head(self) -> str:
        """The parameters as written (`VALUE=DATE;TZID=...`), or "" if none."""
        if self._head or not self.params:
            return self._head
        return param_text(self.params)

    def param(self, key: str) -> str | None:
        if self._params is None and key not in self._head.upper():
            return None  # not written at all: no need to split the parameters
        return self.params.get(key)

    def content_line(self) -> str:
        """The property as one unfolded content line."""
        if self._head:
            return f"{self.name};{self._head}:{self.value}"
        if not self.params:
            return f"{self.name}:{self.value}"
        return f"{self.name};{param_text(self.params)}:{self.value}"


def parse_line(text: str, number: int = 0) -> Prop:
    """One unfolded content line split into name, parameters and value."""
    colon = text.find(":")
    head = text[:colon] if colon > 0 else text
    if '"' in head:  # a quoted parameter may hold ':' (ALTREP="http://...")
        colon = _value_colon(text)
        head = text[:colon]
    if colon < 0:
        raise ContentLineError(_("not a content line (no ':' before a value)"))
    semi = head.find(";")
    written = head if semi < 0 else head[:semi]
    name = name_of(written)
    return Prop(name, text[colon + 1 :], number, head=head[semi + 1 :] if semi >= 0 else "")


def name_of(written: str) -> str:
    """A property name, checked, in upper case (remembered: a file uses a few dozen)."""
    known = KNOWN_NAMES.get(written)
    if known is not None:
        return known
    name = written.strip()
    if not _NAME.fullmatch(name):
        raise ContentLineError(_("{name!r} is not a property name").format(name=name[:40]))
    if len(KNOWN_NAMES) < 10_000:
        KNOWN_NAMES[written] = name.upper()
    return name.upper()


def _value_colon(text: str) -> int:
    quoted = False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return i
    return -1


def _params(text: str) -> dict[str, str]:
    """`A=1;B="x;y"` as {"A": "1", "B": "x;y"}; a parameter without `=` is kept empty.

    Vendors write values RFC 5545 would quote (Apple's `X-ADDRESS=a\\, b`): they are
    taken as they stand, since sco-cal reads only a few parameters itself.
    """
    params: dict[str, str] = {}
    plain = '"' not in text and "^" not in text  # nothing to unquote or unescape
    for part in text.split(";") if plain else _split_outside_quotes(text, ";"):
        key, _, value = part.partition("=")
        key = key.strip().upper()
        if key and key not in params:
            params[key] = value.strip() if plain else _param_value(value.strip())
    return params


def _param_value(value: str) -> str:
    if '"' in value:
        parts = _split_outside_quotes(value, ",")
        value = ",".join(v[1:-1] if len(v) > 1 and v[0] == v[-1] == '"' else v for v in parts)
    if "^" in value:
        value = _PARAM_UNESCAPE.sub(lambda m: _PARAM_UNESCAPES[m.group(1)], value)
    return value


def _split_outside_quotes(text: str, sep: str) -> list[str]:
    if '"' not in text:
        return text.split(sep)
    parts, start, quoted = [], 0, False
    for i, char in enumerate(text):
        if char == '"':
            quoted = not quoted
        elif char == sep and not quoted:
            parts.append(text[start:i])
            start = i + 1
    parts.append(text[start:])
    return parts


def param_text(params: Mapping[str, str]) -> str:
    """Parameters as written: sorted, RFC 6868 escaped, quoted when they must be."""
    return ";".join(f"{key}={_quoted(params[key])}" for key in sorted(params))


def _quoted(value: str) -> str:
    if any(c in value for c in '^\r\n"'):
        value = _PARAM_ESCAPE.sub(lambda m: _PARAM_ESCAPES[m.group()], value)
    return f'"{value}"' if _PARAM_QUOTABLE.search(value) else value


def escape_text(text: str) -> str:
    """A TEXT value as written (RFC 5545 3.3.11): backslash, ';', ',' and line breaks."""
    # Five substring tests cost less than one regular expression search on a short text.
    if not ("\\" in text or ";" in text or "," in text or "\n" in text or "\r" in text):
        return text
    return (
        text.replace("\\N", "\n")
        .replace("\\", "\\\\")
        .replace(";", "\\;")
        .replace(",", "\\,")
        .replace("\r\n", "\\n")
        .replace("\n", "\\n")
        .replace("\r", "\\n")
    )


def unescape_text(value: str) -> str:
    """A TEXT value as meant."""
    if "\\" not in value:
        return value
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), value)


def text_list(value: str) -> list[str]:
    """A list of TEXT values (CATEGORIES): split on the commas that are not escaped."""
    if "\\" not in value:
        return value.split(",")
    marked = _UNESCAPED_COMMA.sub(lambda m: m.group(1) + "\x00", value)
    return [unescape_text(part) for part in marked.split("\x00")]


def fold(line: str) -> str:
    """A content line folded as icalendar folds it: at most 74 octets before each break,
    never inside a UTF-8 character, and never right after a `\\` or `^` (so that an
    escape sequence stays on one line for the clients that need it)."""
    if len(line) <= FOLD_OCTETS // 4:  # short enough whatever its characters
        return line
    return _folded(line.encode("utf-8")).decode("utf-8")


def _folded(data: bytes) -> bytes:
    if len(data) <= FOLD_OCTETS:
        return data
    pieces: list[bytes] = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # inside a character: fold before it
            end -= 1
        last = end - 1  # where the last character before the fold starts
        while data[last] & 0xC0 == 0x80:
            last -= 1
        if end - last == 1 and data[last] in _NO_FOLD_AFTER and last > start:
            end = last
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces)


_NO_FOLD_AFTER = (ord("\\"), ord("^"))


_LONG_LINE = re.compile(rb"^[^\r\n]{%d,}" % (FOLD_OCTETS + 1), re.MULTILINE)


def lines_bytes(lines: Sequence[str]) -> bytes:
    """Content lines folded and joined with CRLF, as a file's bytes (only the lines
    longer than a fold are looked at one by one)."""
    # A few thousand lines at a time: the file is never held twice over in pieces.
    return b"".join(
        _folded_lines(lines[start : start + _LINES_AT_ONCE])
        for start in range(0, len(lines), _LINES_AT_ONCE)
    )


_LINES_AT_ONCE = 8192


def _folded_lines(lines: Sequence[str]) -> bytes:
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    parts = data.split(b"\r\n")
    if data.count(b"\n") != len(parts) - 1 or data.count(b"\r") != len(parts) - 1:
        # A bare line break inside a line: where a fold may fall is measured from it.
        return _LONG_LINE.sub(lambda long: _folded(long.group()), data)
    # Splitting on the line ends and measuring each part finds the long lines in half
    # the time a multi-line regular expression takes over the whole text.
    return b"\r\n".join([p if len(p) <= FOLD_OCTETS else _folded(p) for p in parts])

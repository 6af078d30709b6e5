"""Content lines (RFC 5545 3.1): one property as `NAME;PARAM=value:value`, in and out.

sco-cal reads and writes the lines of its events itself: icalendar builds an object
per property and per parameter, which made 10,000 events take eight seconds to write
and twenty to read. The rules below are icalendar's own (its escaping, quoting and
folding), and the tests hold the two to the same bytes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from types import MappingProxyType

_NAME = re.compile(r"[A-Za-z0-9-]+")
_NEEDS_ESCAPE = re.compile(r"[\\;,\r\n]")
NO_PARAMS: Mapping[str, str] = MappingProxyType({})
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

    A plain class rather than a dataclass: a file holds millions of them, and most
    share the one empty parameter mapping.
    """

    __slots__ = ("line", "name", "params", "value")

    def __init__(
        self, name: str, value: str, line: int = 0, params: Mapping[str, str] = NO_PARAMS
    ) -> None:
        self.name = name
        self.value = value  # as written: TEXT still escaped
        self.line = line
        self.params = params

    def __repr__(self) -> str:
        return f"Prop({self.content_line()!r}, line={self.line})"

    def param(self, key: str) -> str | None:
        return self.params.get(key)

    def content_line(self) -> str:
        """The property as one unfolded content line."""
        if not self.params:
            return f"{self.name}:{self.value}"
        return f"{self.name};{param_text(self.params)}:{self.value}"


def parse_line(text: str, number: int = 0) -> Prop:
    """One unfolded content line split into name, parameters and value."""
    colon = text.find(":")
    quote = text.find('"')
    if 0 <= quote < colon:  # a quoted parameter may hold ':' (ALTREP="http://...")
        colon = _value_colon(text)
    if colon < 0:
        raise ContentLineError("not a content line (no ':' before a value)")
    head = text[:colon]
    semi = head.find(";")
    name = (head if semi < 0 else head[:semi]).strip()
    if not _NAME.fullmatch(name):
        raise ContentLineError(f"{name[:40]!r} is not a property name")
    params = _params(head[semi + 1 :]) if semi >= 0 else NO_PARAMS
    return Prop(name.upper(), text[colon + 1 :], number, params)


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
    for part in _split_outside_quotes(text, ";"):
        key, _, value = part.partition("=")
        key = key.strip().upper()
        if key and key not in params:
            params[key] = _param_value(value.strip())
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
    if not _NEEDS_ESCAPE.search(text):
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
    data = line.encode("utf-8")
    if len(data) <= FOLD_OCTETS:
        return line
    pieces: list[bytes] = []
    start = 0
    while len(data) - start > FOLD_OCTETS:
        end = start + FOLD_OCTETS
        while data[end] & 0xC0 == 0x80:  # inside a character: fold before it
            end -= 1
        last = _last_char_start(data, end)
        if data[last:end] in (b"\\", b"^") and last > start:
            end = last
        pieces.append(data[start:end])
        start = end
    pieces.append(data[start:])
    return b"\r\n ".join(pieces).decode("utf-8")


def _last_char_start(data: bytes, end: int) -> int:
    i = end - 1
    while data[i] & 0xC0 == 0x80:
        i -= 1
    return i


def lines_bytes(lines: Iterable[str]) -> bytes:
    """Content lines folded and joined with CRLF, as a file's bytes."""
    folded = [line if len(line) <= FOLD_OCTETS and line.isascii() else fold(line) for line in lines]
    folded.append("")
    return "\r\n".join(folded).encode("utf-8")

"""An iCalendar file's lines as written, so that any fault can be named by its line."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from sco_cal.domain.errors import InvalidInput
from sco_cal.interchange.incoming import shown

_NEWLINE = re.compile(rb"\r?\n")  # what icalendar splits on, so line numbers agree


@dataclass(frozen=True, slots=True)
class Line:
    """One content line, unfolded, with the number of the physical line it starts on."""

    number: int
    text: str

    @property
    def name(self) -> str:
        """The property name (`DTSTART` of `DTSTART;TZID=...:...`), upper case."""
        return re.split(r"[;:]", self.text, maxsplit=1)[0].strip().upper()

    @property
    def value(self) -> str:
        return self.text.partition(":")[2].strip()


@dataclass
class Block:
    """One component (a VEVENT) as found in the file."""

    name: str
    line: int
    lines: list[Line] = field(default_factory=list)  # everything inside, alarms too
    props: dict[str, int] = field(default_factory=dict)  # first line of each own property

    def line_of(self, prop: str | None) -> int:
        return self.props.get(prop.upper(), self.line) if prop else self.line


def decode(data: bytes, name: str) -> str:
    """The file's text; a binary, empty or non-UTF-8 file is refused in one sentence."""
    _check_bytes(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(f"{name} line {line}: not UTF-8 text (save the file as UTF-8)") from None


def read_lines(data: bytes, name: str) -> list[Line]:
    """Content lines, unfolded: a physical line starting with a space or tab continues
    the one before. Unfolding comes before decoding, since a writer may fold in the
    middle of a multi-byte character (RFC 5545 folds octets)."""
    _check_bytes(data, name)
    data = data.removeprefix(b"\xef\xbb\xbf")
    folded: list[tuple[int, bytes]] = []
    for number, physical in enumerate(_NEWLINE.split(data), start=1):
        if not physical:
            continue
        if physical[:1] in (b" ", b"\t") and folded:
            folded[-1] = (folded[-1][0], folded[-1][1] + physical[1:])
        else:
            folded.append((number, physical))
    lines = []
    for number, raw in folded:
        try:
            lines.append(Line(number, raw.decode("utf-8")))
        except UnicodeDecodeError:
            raise InvalidInput(
                f"{name} line {number}: not UTF-8 text (save the file as UTF-8)"
            ) from None
    return lines


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise InvalidInput(f"{name} is empty")
    if b"\x00" in data:
        raise InvalidInput(f"{name} is not a text file (it contains NUL bytes)")


def scan(lines: list[Line], name: str) -> list[Block]:
    """The VEVENT blocks in file order, after checking that every BEGIN has its END."""
    stack: list[Block] = []
    events: list[Block] = []
    calendars = 0
    for line in lines:
        key = line.name
        if key == "BEGIN":
            block = _begin(line, stack, name)
            calendars += block.name == "VCALENDAR"
            if block.name == "VEVENT":
                events.append(block)
            stack.append(block)
            continue
        if not stack:
            raise InvalidInput(
                f"{name} line {line.number}: {shown(line.text)} is outside "
                "BEGIN:VCALENDAR ... END:VCALENDAR"
            )
        for open_block in stack:
            if open_block.name == "VEVENT":
                open_block.lines.append(line)
        if key == "END":
            _end(line, stack, name)
        elif stack[-1].name == "VEVENT":
            stack[-1].props.setdefault(key, line.number)
    if stack:
        raise InvalidInput(
            f"{name} line {stack[-1].line}: BEGIN:{stack[-1].name} is never closed "
            f"(no END:{stack[-1].name})"
        )
    if not calendars:
        raise InvalidInput(f"{name} is not an iCalendar file (it has no BEGIN:VCALENDAR)")
    return events


def _begin(line: Line, stack: list[Block], name: str) -> Block:
    component = line.value.upper()
    if not component:
        raise InvalidInput(f"{name} line {line.number}: BEGIN names no component")
    if not stack and component != "VCALENDAR":
        raise InvalidInput(
            f"{name} line {line.number}: BEGIN:{component} outside a VCALENDAR "
            "(an iCalendar file starts with BEGIN:VCALENDAR)"
        )
    return Block(component, line.number)


def _end(line: Line, stack: list[Block], name: str) -> None:
    component, top = line.value.upper(), stack[-1]
    if component != top.name:
        raise InvalidInput(
            f"{name} line {line.number}: END:{component} where END:{top.name} was expected "
            f"(BEGIN:{top.name} is on line {top.line})"
        )
    stack.pop()


def first_bad_line(lines: list[Line]) -> tuple[Line, str] | None:
    """The first line icalendar cannot split into name, parameters and value, and why."""
    from icalendar.parser import Contentline

    for line in lines:
        try:
            Contentline(line.text).parts()  # type: ignore[no-untyped-call]
        except ValueError as exc:
            reason = str(exc).rpartition(": ")[2] or "not a content line"
            return line, reason
    return None

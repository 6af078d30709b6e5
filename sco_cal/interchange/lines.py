"""An iCalendar file's lines read into components, every fault kept at its line.

Reading goes on past a fault: a broken line, an END that does not match, an event
that is never closed are noted on the component they belong to, so that the import
can leave that component out (or, with --strict, refuse the file) and name the line.
Only a file that is not a calendar at all is refused here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field

from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _
from sco_cal.interchange.components import Component, Fault, Place
from sco_cal.interchange.content import KNOWN_NAMES, ContentLineError, name_of, parse_line
from sco_cal.interchange.incoming import shown

_NEWLINE = re.compile(rb"\r?\n")
# Components that stand side by side in a calendar: one opening inside another
# means the first lost its END line.
_TOP_LEVEL = frozenset({"VEVENT", "VTODO", "VJOURNAL", "VFREEBUSY", "VTIMEZONE"})
NOT_UTF8 = "not UTF-8 text (save the file as UTF-8)"
_NEVER_READ = frozenset(
    {b"ORGANIZER", b"ATTENDEE", b"CONTACT", b"COMMENT", b"ATTACH", b"URL", b"RESOURCES", b"TZNAME"}
)


@dataclass
class Scanned:
    """The calendars of a file, and what stood outside them."""

    calendars: list[Component] = field(default_factory=list)
    stray: list[Fault] = field(default_factory=list)


def decode(data: bytes, name: str) -> str:
    """The file's text; a binary, empty or non-UTF-8 file is refused in one sentence."""
    _check_bytes(data, name)
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = data[: exc.start].count(b"\n") + 1
        raise InvalidInput(
            _("{name} line {line}: {not_utf8}").format(name=name, line=line, not_utf8=NOT_UTF8)
        ) from None


def read_components(data: bytes, name: str, *, line_by_line: bool = False) -> Scanned:
    """The file's calendars; InvalidInput only when it holds no calendar at all.

    A well-formed file is read a stretch at a time; `line_by_line` reads it the careful
    way every file can be read (the tests hold the two to the same result)."""
    _check_bytes(data, name)
    data = data.removeprefix(b"\xef\xbb\xbf")
    scanned = None if line_by_line else _read_whole(data)
    if scanned is None:
        scanner = _Scanner()
        for number, text in logical_lines(data):
            scanner.feed(number, text)
        scanned = scanner.finish()
    if not scanned.calendars:  # say why, if a line shows it: bad bytes, a stray BEGIN
        for fault in scanned.stray:
            if fault.reason == NOT_UTF8 or fault.reason.startswith("BEGIN:"):
                raise InvalidInput(
                    _("{name} line {line}: {reason}").format(
                        name=name, line=fault.line, reason=fault.reason
                    )
                )
        raise InvalidInput(
            _("{name} is not an iCalendar file (it has no BEGIN:VCALENDAR)").format(name=name)
        )
    return scanned


# A line that opens or closes a component, and a property line once unfolded: its
# name, its parameters (quoted values may hold ';' and ':'), its value. The value is
# what `[^\n]*?\r?$` would take (a carriage return inside it kept, the one ending the
# line not), spelt without the lazy repeat, which tried the line's end after every
# character (a third of the time of matching a large file).
_STRUCTURE = re.compile(r"^(BEGIN|END):([^\n]*?)\r?$", re.MULTILINE | re.IGNORECASE)
_PROPERTY = re.compile(
    r'^([A-Za-z0-9-]+)((?:;[^;:"\r\n]*(?:"[^"\r\n]*"[^;:"\r\n]*)*)*)'
    r":([^\r\n]*(?:\r(?!$)[^\r\n]*)*)\r?$",
    re.MULTILINE,
)
_FOLDED_ON = re.compile(r"(?:\r?\n)+[ \t]")  # after a line: its continuation, blank lines between


def _read_whole(data: bytes) -> Scanned | None:
    """The components of a well-formed UTF-8 file, read a stretch of lines at a time
    with regular expressions: the quick way for the common case. None when the file
    needs reading line by line (not UTF-8, or a BEGIN or END line folded)."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return None
    scanner = _Scanner()
    line, pos = 1, 0
    for found in _STRUCTURE.finditer(text):
        scanner.stretch(text, pos, found.start(), line)
        line += text.count("\n", pos, found.start())
        keyword, name = found.groups()
        if keyword.upper() == "BEGIN":
            scanner.feed(line, f"BEGIN:{name}")
        else:
            scanner.feed(line, f"END:{name}")
        pos = found.end()
        if _FOLDED_ON.match(text, pos):
            return None  # a BEGIN or END line folded: only the careful reading joins it
    scanner.stretch(text, pos, len(text), line)
    return scanner.finish()


def logical_lines(data: bytes) -> Iterator[tuple[int, str | None]]:
    """(number of the first physical line, unfolded text) for each content line; the
    text is None for a line that is not UTF-8, unless it is one sco-cal never reads
    (an ORGANIZER written in Windows-1252 by an old Outlook), which is left out."""
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        yield from _logical_lines_of_bytes(data)
        return
    pending: tuple[int, str] | None = None
    for number, raw in enumerate(text.split("\n"), start=1):
        if raw[-1:] == "\r":
            raw = raw[:-1]
        if not raw.strip("\r"):  # a blank line, or a stray carriage return: nothing to read
            continue
        if raw[0] in " \t" and pending is not None:
            pending = (pending[0], pending[1] + raw[1:])
            continue
        if pending is not None:
            yield pending
        pending = (number, raw)
    if pending is not None:
        yield pending


def _logical_lines_of_bytes(data: bytes) -> Iterator[tuple[int, str | None]]:
    """The same, unfolding before decoding: a writer may fold inside a multi-byte
    character (RFC 5545 folds octets), and a line that is not UTF-8 stays one line."""
    folded: list[tuple[int, bytes]] = []
    for number, physical in enumerate(_NEWLINE.split(data), start=1):
        if not physical.strip(b"\r"):
            continue
        if physical[:1] in (b" ", b"\t") and folded:
            folded[-1] = (folded[-1][0], folded[-1][1] + physical[1:])
        else:
            folded.append((number, physical))
    for number, raw in folded:
        try:
            yield number, raw.decode("utf-8")
        except UnicodeDecodeError:
            if not _unread(raw):
                yield number, None


def _unread(raw: bytes) -> bool:
    """Whether a line holds a property no part of sco-cal reads (so its bytes do not matter)."""
    name = re.split(rb"[;:]", raw, maxsplit=1)[0].strip().upper()
    if name.startswith(b"X-"):
        return not name.startswith((b"X-SCO-CAL-", b"X-WR-TIMEZONE"))
    return name in _NEVER_READ


def _check_bytes(data: bytes, name: str) -> None:
    if not data.strip():
        raise InvalidInput(_("{name} is empty").format(name=name))
    if b"\x00" in data:
        raise InvalidInput(_("{name} is not a text file (it contains NUL bytes)").format(name=name))


def unfolded(body: str) -> str:
    """Folded lines joined again (each line break followed by a space or tab removed),
    in a stretch without blank lines: there, removing one fold cannot make another, so
    plain replacing gives what the regular expression `\\r?\\n[ \\t]` would, several
    times quicker."""
    if "\r" in body:
        body = body.replace("\r\n ", "").replace("\r\n\t", "")
    return body.replace("\n ", "").replace("\n\t", "")


class _Scanner:
    """Builds the component tree line by line, noting each fault where it belongs."""

    def __init__(self) -> None:
        self.stack: list[Component] = []
        self.scanned = Scanned()
        self.detached = 0  # depth of a component begun outside a calendar, being skipped

    def feed(self, number: int, text: str | None) -> None:
        if text is None:
            self._fault(number, NOT_UTF8)
            return
        if text[0] in "BbEe":
            head = text[:6].upper()
            if head == "BEGIN:":
                self._begin(number, text[6:].strip().upper())
                return
            if head[:4] == "END:":
                self._end(number, text[4:].strip().upper())
                return
        if self.detached:
            return
        if not self.stack:
            self._stray(number, f"{shown(text)} is outside BEGIN:VCALENDAR ... END:VCALENDAR")
            return
        try:
            self.stack[-1].add(parse_line(text, number))
        except ContentLineError as exc:
            self.stack[-1].faults.append(Fault(number, f"{shown(text)}: {exc}"))

    def stretch(self, text: str, start: int, end: int, line: int) -> None:
        """The property lines between two BEGIN or END lines (`line` is the number of
        the one before them), unfolded and split by one regular expression."""
        body = text[start:end]
        if not body.strip("\r\n"):
            return
        if self.detached or not self.stack or "\n\n" in body or "\n\r\n" in body:
            self._stretch_by_lines(body, line)  # outside a component, or blank lines
            return
        joined = unfolded(body)
        found = _PROPERTY.findall(joined)
        if len(found) != joined.strip("\r\n").count("\n") + 1:
            self._stretch_by_lines(body, line)  # a line that is not a property: numbered
            return
        top = self.stack[-1]
        props = top.props
        for written, head, value in found:
            name = KNOWN_NAMES.get(written) or name_of(written)
            entries = props.get(name)
            if entries is None:
                props[name] = [(value, head[1:], 0)]
            else:
                entries.append((value, head[1:], 0))
                top.repeated = True
        top.places.append(Place(text, start, end, line))

    def _stretch_by_lines(self, body: str, line: int) -> None:
        for offset, text in logical_lines(body.encode("utf-8")):
            self.feed(line + offset - 1, text)

    def finish(self) -> Scanned:
        while self.stack:
            top = self.stack[-1]
            # An unclosed calendar still holds whole events: only --strict minds.
            reason = f"BEGIN:{top.name} is never closed (no END:{top.name})"
            top.faults.append(Fault(top.line, reason, tolerated=top.name == "VCALENDAR"))
            self.stack.pop()
            self._close(top)
        return self.scanned

    def _begin(self, number: int, name: str) -> None:
        if not name:
            self._fault(number, "BEGIN names no component")
            name = "X-UNNAMED"
        if self.detached or (not self.stack and name != "VCALENDAR"):
            if not self.detached:
                self._stray(
                    number,
                    f"BEGIN:{name} outside a VCALENDAR "
                    "(an iCalendar file starts with BEGIN:VCALENDAR)",
                )
            self.detached += 1
            return
        top = self.stack[-1] if self.stack else None
        if top is not None and name in _TOP_LEVEL and top.name in _TOP_LEVEL:
            self._close_broken(
                top,
                f"BEGIN:{name} on line {number} before END:{top.name} "
                f"(is an END:{top.name} missing?)",
            )
        self.stack.append(Component(name, number))

    def _end(self, number: int, name: str) -> None:
        if self.detached:
            self.detached -= 1
            return
        if not self.stack:
            self._stray(number, f"END:{name} is outside BEGIN:VCALENDAR ... END:VCALENDAR")
            return
        top = self.stack[-1]
        if top.name == name:
            self._close(self.stack.pop())
            return
        if any(c.name == name for c in self.stack):
            while self.stack[-1].name != name:
                open_one = self.stack[-1]
                self._close_broken(
                    open_one, f"BEGIN:{open_one.name} is never closed (no END:{open_one.name})"
                )
            self._close(self.stack.pop())
            return
        top.faults.append(
            Fault(
                number,
                f"END:{name} where END:{top.name} was expected "
                f"(BEGIN:{top.name} is on line {top.line})",
            )
        )

    def _close_broken(self, component: Component, reason: str) -> None:
        component.faults.append(Fault(component.line, reason))
        self.stack.pop()
        self._close(component)

    def _close(self, component: Component) -> None:
        if self.stack:
            self.stack[-1].children.append(component)
        else:
            self.scanned.calendars.append(component)

    def _fault(self, number: int, reason: str) -> None:
        if self.stack:
            self.stack[-1].faults.append(Fault(number, reason))
        else:
            self._stray(number, reason)

    def _stray(self, number: int, reason: str) -> None:
        self.scanned.stray.append(Fault(number, reason))

"""Components (VCALENDAR, VEVENT, VTIMEZONE...) as read from a file or built for one.

A component keeps the line it began on and the faults found inside it, so that an
import can leave out the one event that is broken and say where, and import the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sco_cal.interchange.content import Prop


@dataclass(frozen=True, slots=True)
class Fault:
    """Something wrong in a file, at a line; `tolerated` if only --strict refuses it."""

    line: int
    reason: str
    tolerated: bool = False


@dataclass(frozen=True, slots=True)
class Place:
    """A stretch of a file's text holding property lines, from `start` (the end of the
    line before them, numbered `line`) to `end`."""

    text: str
    start: int
    end: int
    line: int

    def lines_of(self, name: str) -> list[int]:
        """The lines, in order, on which a property called `name` begins."""
        found = []
        for offset, physical in enumerate(self.text[self.start : self.end].split("\n")):
            head = physical[: len(name) + 1].upper()
            if head[:-1] == name and head[-1:] in (":", ";"):
                found.append(self.line + offset)
        return found


Entry = tuple[str, str, int]  # a property's value and parameters as written, and its line


@dataclass(slots=True)
class Component:
    """One BEGIN:NAME ... END:NAME block: its properties by name, and what it holds.

    Properties are kept as they were written (value, parameters, line) and become
    `Prop` objects only when asked for: a file holds millions of them, and an import
    reads most of them as plain text.
    """

    name: str
    line: int = 0
    props: dict[str, list[Entry]] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)
    # Where its property lines are in the file, for finding a property's line when a
    # message needs it (a file read whole does not number each property as it goes).
    places: list[Place] = field(default_factory=list)
    repeated: bool = False  # whether some property appears more than once

    def add(self, prop: Prop) -> None:
        entry = (prop.value, prop.head, prop.line)
        found = self.props.get(prop.name)
        if found is None:
            self.props[prop.name] = [entry]
        else:
            found.append(entry)
            self.repeated = True

    def first(self, name: str) -> Prop | None:
        found = self.props.get(name)
        if not found:
            return None
        value, head, line = found[0]
        return Prop(name, value, line, head=head)

    def all(self, name: str) -> list[Prop]:
        return [
            Prop(name, value, line, head=head) for value, head, line in self.props.get(name, ())
        ]

    def value(self, name: str) -> str | None:
        """The first value of a property as written, or None."""
        found = self.props.get(name)
        return found[0][0] if found else None

    def count(self, name: str) -> int:
        return len(self.props.get(name, ()))

    def line_of(self, name: str | None, nth: int = 0) -> int:
        """The line of the `nth` property called `name` (the component's own line if none)."""
        found = self.props.get(name, []) if name else []
        if nth >= len(found):
            return self.line
        if found[nth][2]:
            return found[nth][2]
        assert name is not None
        # Those read a stretch at a time have no line yet: find this one's in its stretch.
        rank = sum(1 for _, _, line in found[:nth] if not line)
        lines = [line for place in self.places for line in place.lines_of(name)]
        return lines[rank] if rank < len(lines) else self.line

    def walk(self, name: str) -> Iterator[Component]:
        """Every component of that name inside this one, in file order."""
        for child in self.children:
            if child.name == name:
                yield child
            if child.children:  # most hold none: no generator made for each of them
                yield from child.walk(name)

    def all_faults(self) -> list[Fault]:
        """The faults of this component and of everything inside it."""
        found = list(self.faults)
        for child in self.children:
            found += child.all_faults()
        return found

    def content_lines(self, order: Sequence[str] = ()) -> Iterator[str]:
        """BEGIN, the properties (those in `order` first, the rest by name), the
        components inside, END: how icalendar lays a component out."""
        yield f"BEGIN:{self.name}"
        for name in sorted_names(self.props, order):
            for value, head, _ in self.props[name]:
                yield f"{name};{head}:{value}" if head else f"{name}:{value}"
        for child in self.children:
            yield from child.content_lines()
        yield f"END:{self.name}"


def sorted_names(names: Iterable[str], order: Sequence[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(order)}
    names = list(names)
    head = sorted((n for n in names if n in rank), key=rank.__getitem__)
    return head + sorted(n for n in names if n not in rank)

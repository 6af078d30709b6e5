"""Components (VCALENDAR, VEVENT, VTIMEZONE...) as read from a file or built for one.

A component keeps the line it began on and the faults found inside it, so that an
import can leave out the one event that is broken and say where, and import the rest.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field

from sco_cal.ics.content import Prop


@dataclass(frozen=True, slots=True)
class Fault:
    """Something wrong in a file, at a line; `tolerated` if only --strict refuses it."""

    line: int
    reason: str
    tolerated: bool = False


@dataclass(slots=True)
class Component:
    """One BEGIN:NAME ... END:NAME block: its properties by name, and what it holds."""

    name: str
    line: int = 0
    props: dict[str, list[Prop]] = field(default_factory=dict)
    children: list[Component] = field(default_factory=list)
    faults: list[Fault] = field(default_factory=list)

    def add(self, prop: Prop) -> None:
        found = self.props.get(prop.name)
        if found is None:
            self.props[prop.name] = [prop]
        else:
            found.append(prop)

    def first(self, name: str) -> Prop | None:
        found = self.props.get(name)
        return found[0] if found else None

    def all(self, name: str) -> list[Prop]:
        return self.props.get(name, [])

    def value(self, name: str) -> str | None:
        """The first value of a property as written, or None."""
        found = self.props.get(name)
        return found[0].value if found else None

    def line_of(self, name: str | None) -> int:
        """Where a property is (the component's own line if it has none)."""
        prop = self.first(name) if name else None
        return prop.line if prop is not None and prop.line else self.line

    def walk(self, name: str) -> Iterator[Component]:
        """Every component of that name inside this one, in file order."""
        for child in self.children:
            if child.name == name:
                yield child
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
            for prop in self.props[name]:
                yield prop.content_line()
        for child in self.children:
            yield from child.content_lines()
        yield f"END:{self.name}"


def sorted_names(names: Iterable[str], order: Sequence[str]) -> list[str]:
    rank = {name: i for i, name in enumerate(order)}
    names = list(names)
    head = sorted((n for n in names if n in rank), key=rank.__getitem__)
    return head + sorted(n for n in names if n not in rank)

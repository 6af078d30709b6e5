"""What a file brings in, before it meets the store: candidate events and what was left out."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from sco_cal.domain.event import Event

MAX_TITLE = 500
MAX_TEXT = 10_000
_TAG = re.compile(r"[\w.-]{1,40}")


@dataclass(frozen=True, slots=True)
class Incoming:
    """One event read from a file, with where it was found (`line 12`, `row 3`)."""

    event: Event
    where: str
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Skipped:
    """Something in a file that was not imported, and why."""

    what: str  # "line 40 'Team lunch'" or an event id
    reason: str
    line: int | None = None  # where the component (or line) left out begins in the file
    uid: str | None = None  # its UID, when it has one


@dataclass
class Parsed:
    """A whole file read and checked: nothing in it is left to fail."""

    format: str  # "ics" or "csv"
    items: list[Incoming] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    expanded: tuple[date, date] | None = None  # the range recurring events were expanded in


@dataclass(frozen=True, slots=True)
class ReadOptions:
    """How to read a file: its name (for messages and origin) and the defaults to apply."""

    name: str
    today: date
    organisation: str | None = None  # an organisation code, for events that name none
    expand_from: date | None = None
    expand_to: date | None = None
    strict: bool = False  # refuse the whole file at its first fault, instead of reporting it

    @property
    def origin(self) -> str:
        return f"import:{self.name}"


def clip(text: str, limit: int) -> str:
    """Text cut to `limit` characters, marked when cut."""
    text = text.strip()
    return text if len(text) <= limit else text[: limit - 1] + "\u2026"


def as_tag(text: str) -> str | None:
    """A category as a tag (`Team Meetings` -> `team-meetings`), or None if it cannot be one."""
    tag = "-".join(text.strip().casefold().split())
    return tag if _TAG.fullmatch(tag) else None


def shown(text: str, limit: int = 40) -> str:
    """A short quoted excerpt of what a file said, for messages."""
    one_line = " ".join(text.split())
    return repr(one_line if len(one_line) <= limit else one_line[: limit - 3] + "...")


def one_line(text: object, limit: int = 200) -> str:
    """A library's message on one line, short: it ends up in a one-line error."""
    flat = " ".join(str(text).split())
    return flat if len(flat) <= limit else flat[: limit - 3] + "..."

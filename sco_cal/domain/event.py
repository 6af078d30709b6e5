"""The calendar's entities as plain values: no database, no user interface."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum
from typing import Any

from sco_cal.domain.dates import DateWindow, Precision
from sco_cal.domain.errors import InvalidInput, UnknownValue
from sco_cal.domain.lifecycle import ConfirmationState, is_upcoming, needs_follow_up
from sco_cal.domain.postponement import SineDie
from sco_cal.domain.text import slug
from sco_cal.i18n import _


class Kind(StrEnum):
    """What sort of gathering an event is."""

    SUMMIT = "summit"
    MINISTERIAL = "ministerial"
    MEETING = "meeting"  # heads of agencies, senior officials
    WORKING_GROUP = "working-group"
    FORUM = "forum"
    CONFERENCE = "conference"
    EXERCISE = "exercise"
    COMPETITION = "competition"
    FESTIVAL = "festival"
    EXHIBITION = "exhibition"
    SIGNING = "signing"
    OTHER = "other"

    @classmethod
    def parse(cls, text: str) -> Kind:
        """The kind named by `text`, or UnknownValue listing the valid ones."""
        key = text.strip().casefold().replace("_", "-").replace(" ", "-")
        try:
            return cls(key)
        except ValueError:
            unknown = _("unknown kind '{value}' (expected one of: {known})")
            raise UnknownValue.among(unknown, text, cls) from None


# Signings of agreements are dated facts, not meetings: listed only when asked for.
HIDDEN_KINDS = frozenset({Kind.SIGNING})

MAX_SERIES_NUMBER = 100_000  # "the 41st meeting": a larger number is a typing mistake

# Ids and series are slugs: typed in shells, printed in tables, carried in UIDs and
# file names, so nothing in them may need quoting or reach a terminal as a control.
_SLUG = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


def checked_slug(value: str, what: str) -> str:
    """`value` if it is a slug (lower-case letters, digits, '.', '_', '-'), else InvalidInput."""
    if not _SLUG.fullmatch(value):
        shown = value.encode("unicode_escape").decode("ascii")[:60]
        raise InvalidInput(
            f"the {what} '{shown}' is not a slug: use lower-case letters, digits, "
            "'.', '_' or '-' (up to 100, starting with a letter or digit)"
        )
    return value


@dataclass(frozen=True, slots=True)
class Source:
    """Where a fact comes from: a document and the exact words it uses."""

    document: str
    excerpt: str
    document_date: date | None = None


@dataclass(frozen=True, slots=True)
class Annotation:
    """A note a person added to an event; append-only, deletion is recorded."""

    id: int
    event_id: str
    text: str
    author: str
    created_at: datetime
    deleted_at: datetime | None = None
    deleted_by: str | None = None


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field an action changed, from which value to which, as the history writes
    values: ISO dates, state and kind names, cities as JSON; None for no value."""

    field: str
    old: str | None = None
    new: str | None = None


@dataclass(frozen=True, slots=True)
class HistoryEntry:
    """One recorded action: who, when, what, each field it changed, and why.

    `action` is created, status, edit, reschedule, annotate, unannotate, tag, remind,
    unremind, snooze, delete, restore, undo, or a machine's: seed, import.
    """

    id: int
    event_id: str
    at: datetime
    author: str
    action: str
    changes: tuple[FieldChange, ...] = ()
    note: str | None = None
    source: str | None = None
    undoes: int | None = None  # for an undo: the entry it reverted

    @property
    def fields(self) -> tuple[str, ...]:
        return tuple(c.field for c in self.changes)

    def change(self, field: str) -> FieldChange | None:
        """The change of `field`, if this entry made one."""
        return next((c for c in self.changes if c.field == field), None)


class ReminderMode(StrEnum):
    """How a reminder's day is found."""

    BEFORE = "before"  # a lead time before the event's first day
    ON = "on"  # a given day
    WHEN_DATED = "when-dated"  # a lead time, counted once the event has a known day


@dataclass(frozen=True, slots=True)
class Reminder:
    """A reminder set on an event, due at a day computed from its window."""

    id: int
    event_id: str
    due: date
    spec: str  # how it was asked for: "14d", "2w", "1mo" or a date phrase
    author: str
    created_at: datetime
    delivered_at: datetime | None = None
    snoozed_until: date | None = None
    mode: ReminderMode = ReminderMode.BEFORE


@dataclass(frozen=True, slots=True)
class Event:
    """A meeting (or other dated fact) as the calendar knows it."""

    id: str
    organisation: str
    kind: Kind
    title: str  # French, as the sources word it
    title_en: str
    window: DateWindow
    status: ConfirmationState
    sine_die: SineDie | None = None  # postponed with no new date: `window` is the old one
    theme: str | None = None
    series: str | None = None
    number: int | None = None
    country: str | None = None
    cities: tuple[str, ...] = ()
    start_time: str | None = None  # "HH:MM" local to `timezone`
    timezone: str | None = None  # IANA name
    summary: str | None = None
    origin: str = "user"  # "seed", "user", or "import:<file>"
    version: int = 1
    updated_at: datetime | None = None
    tags: tuple[str, ...] = ()
    sources: tuple[Source, ...] = ()
    annotations: tuple[Annotation, ...] = ()
    history: tuple[HistoryEntry, ...] = ()
    reminders: tuple[Reminder, ...] = ()
    annotation_count: int = 0
    deleted_at: datetime | None = None  # a person deleted it; `restore` brings it back

    def title_in(self, lang: str) -> str:
        """The title in `lang` ("fr" or "en"), falling back to the other one."""
        if lang == "fr":
            return self.title or self.title_en
        return self.title_en or self.title

    def needs_follow_up(self, today: date) -> bool:
        return needs_follow_up(self.status, self.window, today, self.sine_die)

    def is_upcoming(self, today: date) -> bool:
        return is_upcoming(self.status, self.window, today, self.sine_die)

    @property
    def has_known_day(self) -> bool:
        """The source named the day (or days), and no postponement has made it unknown."""
        return self.window.is_exact and self.sine_die is None

    @property
    def live_annotations(self) -> tuple[Annotation, ...]:
        return tuple(a for a in self.annotations if a.deleted_at is None)


@dataclass(frozen=True, slots=True)
class Excerpt:
    """An event with only the newest of its notes and history entries, as much as a
    screen shows, and how many of each it has in all."""

    event: Event
    annotations: int
    history: int

    @classmethod
    def whole(cls, event: Event) -> Excerpt:
        """All of `event`: nothing left out."""
        return cls(event, len(event.annotations), len(event.history))


def readable_id(event: Event) -> str:
    """A new event's id from what it is: `sco-energy-ministers-meeting-2027`."""
    parts = (event.organisation.lower(), slug(event.title_en), str(event.window.start.year))
    return "-".join(p for p in parts if p)


# The names a change to an event is recorded under in its history: its own fields, the
# window spelled out in its parts. What documents state; id, origin and version are not.
WINDOW_FIELDS = ("start_date", "end_date", "precision", "date_text", "open_ended")
SINE_DIE_FIELDS = ("sine_die_since", "sine_die_follow_up")
CONTENT_FIELDS = (
    "organisation",
    "kind",
    "title",
    "title_en",
    "series",
    "number",
    "country",
    "cities",
    "theme",
    *WINDOW_FIELDS,
    "start_time",
    "timezone",
    "status",
    *SINE_DIE_FIELDS,
    "summary",
)


def window_fields(window: DateWindow) -> dict[str, Any]:
    """A window as the fields a change records."""
    return {
        "start_date": window.start,
        "end_date": window.end,
        "precision": window.precision,
        "date_text": window.text,
        "open_ended": window.open_ended,
    }


def sine_die_fields(sine_die: SineDie | None) -> dict[str, Any]:
    """A postponement sine die (or its end, None) as the fields a change records."""
    return {
        "sine_die_since": sine_die.since if sine_die else None,
        "sine_die_follow_up": sine_die.follow_up_from if sine_die else None,
    }


def event_fields(event: Event) -> dict[str, Any]:
    """Every field of CONTENT_FIELDS, as domain values (enums, dates, tuples)."""
    return {
        "organisation": event.organisation,
        "kind": event.kind,
        "title": event.title,
        "title_en": event.title_en,
        "series": event.series,
        "number": event.number,
        "country": event.country,
        "cities": event.cities,
        "theme": event.theme,
        **window_fields(event.window),
        "start_time": event.start_time,
        "timezone": event.timezone,
        "status": event.status,
        **sine_die_fields(event.sine_die),
        "summary": event.summary,
    }


def window_of(fields: dict[str, Any]) -> DateWindow:
    """The window that WINDOW_FIELDS describe."""
    return DateWindow(
        fields["start_date"],
        fields["end_date"],
        Precision(fields["precision"]),
        fields["date_text"],
        bool(fields["open_ended"]),
    )

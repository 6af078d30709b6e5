"""The digest's sections as lines of plain text fields, which each format escapes its own way."""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from datetime import date

from sco_cal.domain.date_labels import format_window, month_name
from sco_cal.domain.digest import Change, ChangeKind, Digest
from sco_cal.domain.event import Event
from sco_cal.domain.text import safe
from sco_cal.output.table import place_label

# Where to see all of a section that was cut short.
_SEE_ALL = {
    "today": "sco-cal list --from today --to today",
    "coming_up": "sco-cal list",
    "awaiting_confirmation": "sco-cal list --status provisional --status proposed",
    "needs_follow_up": "sco-cal list --follow-up",
    "changed": "sco-cal log",
}


@dataclass(frozen=True, slots=True)
class Item:
    """One line of a section: plain text, each format escapes it its own way."""

    when: str
    title: str
    detail: str  # state, organisation, place; or who changed what
    note: str  # how far away, how overdue, where it comes from
    ref: str  # the event id


@dataclass(frozen=True, slots=True)
class Section:
    key: str
    title: str
    items: tuple[Item, ...]
    summary: str = ""
    total: int = 0

    @property
    def heading(self) -> str:
        """`Coming up in the next 14 days (3)`, or `(100 of 2,768)` when cut short."""
        shown = len(self.items)
        count = f"{shown}" if shown >= self.total else f"{shown} of {self.total:,}"
        return f"{self.title} ({count})"

    @property
    def more(self) -> str:
        """What was left out, and the command that shows it."""
        left = self.total - len(self.items)
        if left <= 0:
            return ""
        return f"... and {left:,} more: {_SEE_ALL.get(self.key, 'sco-cal list')}"


def heading(digest: Digest, lang: str) -> str:
    day = digest.today
    return f"sco-cal digest for {day.day} {month_name(day.month, lang, short=False)} {day.year}"


def sections(digest: Digest, lang: str) -> list[Section]:
    """All six sections in their fixed order, empty ones included, every text from the
    store made safe for a terminal (each format then escapes its own markup)."""
    return [
        replace(
            s,
            items=tuple(_printable(item) for item in s.items),
            summary=safe(s.summary),
            total=max(digest.totals.get(s.key, 0), len(s.items)),
        )
        for s in _sections(digest, lang)
    ]


def _printable(item: Item) -> Item:
    return Item(*(safe(text) for text in astuple(item)))


def _sections(digest: Digest, lang: str) -> list[Section]:
    today = digest.today
    return [
        Section(
            "today",
            "Today",
            tuple(_event(e, today, lang, _today_note(e)) for e in digest.today_events),
        ),
        Section(
            "coming_up",
            f"Coming up in the next {digest.days} days",
            tuple(_event(e, today, lang, _ahead(e, today)) for e in digest.coming_up),
        ),
        Section(
            "reminders_due",
            "Reminders due",
            tuple(
                Item(
                    when=f"due {r.due.isoformat()}",
                    title=r.text,
                    detail=f"reminder {r.label} ({r.spec})",
                    note="",
                    ref=r.event.id,
                )
                for r in digest.reminders_due
            ),
        ),
        Section(
            "awaiting_confirmation",
            f"Awaiting confirmation, starting within {digest.awaiting_days} days",
            tuple(_event(e, today, lang, _ahead(e, today)) for e in digest.awaiting_confirmation),
        ),
        Section(
            "needs_follow_up",
            "Needs follow-up",
            tuple(_event(e, today, lang, _overdue(e, today)) for e in digest.needs_follow_up),
            summary=_follow_up_summary(digest),
        ),
        Section(
            "changed",
            f"Changed since {digest.since:%Y-%m-%d %H:%M} UTC",
            tuple(_change(c, lang) for c in digest.changes),
        ),
    ]


def _follow_up_summary(digest: Digest) -> str:
    by_source = "; ".join(
        f"{n} from {doc}" + (f" ({title})" if title else "")
        for doc, title, n in digest.follow_up_by_document
    )
    return (
        "The window has ended and nobody recorded whether the meeting was held, cancelled "
        "or postponed (oldest first)." + (f" By source: {by_source}." if by_source else "")
    )


def when(event: Event, lang: str) -> str:
    """The window's label, saying so when the date is imprecise."""
    label = format_window(event.window, lang)
    if event.window.is_exact:
        return label
    return f"{label} ({event.window.precision.value}, date imprecise)"


def _event(event: Event, today: date, lang: str, note: str) -> Item:
    documents = sorted({s.document for s in event.sources})
    source = f"source: {', '.join(documents)}" if documents else ""
    return Item(
        when=when(event, lang),
        title=event.title_in(lang),
        detail=" · ".join((event.status.value, event.organisation, place_label(event, lang))),
        note="; ".join(n for n in (note, source) if n),
        ref=event.id,
    )


def _today_note(event: Event) -> str:
    if event.window.is_exact:
        return "today" if event.window.start == event.window.end else "under way"
    return "today falls in its window"


def _ahead(event: Event, today: date) -> str:
    days = (event.window.start - today).days
    if days <= 0:
        return "window already open"
    return "tomorrow" if days == 1 else f"in {days} days"


def _overdue(event: Event, today: date) -> str:
    days = (today - event.window.end).days
    return f"ended {days} day{'s' if days != 1 else ''} ago"


def _change(change: Change, lang: str) -> Item:
    entry, event = change.entry, change.event
    title = event.title_in(lang) if event is not None else entry.event_id
    what = {
        ChangeKind.STATE: f"state {entry.old or '-'} -> {entry.new or '-'}",
        ChangeKind.NEW: f"new event ({entry.new or 'no state'})",
        ChangeKind.RESCHEDULED: f"date {entry.old or '-'} -> {entry.new or '-'}",
        ChangeKind.ANNOTATION: f"note: {entry.new or ''}",
    }[change.kind]
    why = "; ".join(p for p in (entry.note, f"source: {entry.source}" if entry.source else "") if p)
    return Item(
        when=f"{entry.at:%Y-%m-%d %H:%M}",
        title=title,
        detail=f"{entry.author}: {what}",
        note=why,
        ref=entry.event_id,
    )

"""One event in full, the same for `sco-cal show` and the TUI's detail pane: its fields,
sources, notes, history and reminders as a sheet of styled lines, which the terminal
paints with ANSI codes and the TUI with Rich."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import NamedTuple

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.event import (
    Annotation,
    Event,
    Excerpt,
    FieldChange,
    HistoryEntry,
    Reminder,
    Source,
)
from sco_cal.domain.history_notes import note_in_language
from sco_cal.domain.organisations import organisation_acronym, organisation_name
from sco_cal.domain.text import safe
from sco_cal.domain.themes import theme_label
from sco_cal.i18n import N_, _
from sco_cal.output.style import STATE_STYLE, Painter
from sco_cal.output.table import place_label
from sco_cal.output.words import (
    action_word,
    field_word,
    kind_word,
    precision_word,
    state_word,
    value_word,
)

LABEL = 14
FOLLOW_UP_NOTE = N_("needs follow-up: the window has ended, no outcome recorded")


class Section(NamedTuple):
    heading: str
    items: tuple[str, ...]
    total: int  # more than `items` when the sheet was read with only the newest ones


@dataclass(frozen=True, slots=True)
class Sheet:
    """What the sheet says, with a style name for each field's value ("" for none)."""

    title: str
    other_title: str | None
    fields: tuple[tuple[str, str, str], ...]
    sections: tuple[Section, ...]


def event_sheet(
    excerpt: Excerpt, today: date, lang: str, reminders: Sequence[Reminder] | None = None
) -> Sheet:
    """The sheet of an event; `reminders` as they fall due now (default: the stored ones)."""
    event = excerpt.event
    other = "en" if lang == "fr" else "fr"
    title = safe(event.title_in(lang))
    due = event.reminders if reminders is None else reminders
    other_title = safe(event.title_in(other))
    sources = tuple(_source(s) for s in event.sources)
    reminder_lines = tuple(_reminder(r) for r in due)
    return Sheet(
        title=title,
        other_title=other_title if other_title != title else None,
        fields=_fields(event, lang, today),
        sections=(
            Section(_("Sources"), sources, len(sources)),
            Section(
                _("Annotations"),
                tuple(_annotation(a) for a in event.annotations),
                excerpt.annotations,
            ),
            Section(_("History"), tuple(history_line(h) for h in event.history), excerpt.history),
            Section(_("Reminders"), reminder_lines, len(reminder_lines)),
        ),
    )


def render_event(event: Event, today: date, *, lang: str, paint: Painter) -> str:
    """The sheet for a terminal (`sco-cal show`)."""
    sheet = event_sheet(Excerpt.whole(event), today, lang)
    lines = [paint(sheet.title, "bold")]
    if sheet.other_title:
        lines.append(paint(sheet.other_title, "italic"))
    lines += [
        paint(f"{labelled(name):<{label_width(sheet)}}", "bold") + paint(value, *style.split())
        for name, value, style in sheet.fields
    ]
    for heading, items, total in sheet.sections:
        if items:
            lines += ["", paint(f"{heading} ({total})", "bold", "underline")]
            lines += [f"  {item}" for item in items]
    return "\n".join(lines)


def label_width(sheet: Sheet) -> int:
    """The labels' column: LABEL, or wider when a language's labels need it ("Organisation :")."""
    return max([LABEL, *(len(labelled(name)) + 1 for name, _value, _style in sheet.fields)])


def labelled(label: str) -> str:
    """`State:`, or `État :` where the language puts a space before a colon."""
    return _("{label}:").format(label=label)


def history_line(entry: HistoryEntry, *, with_event: bool = False) -> str:
    """`2026-01-12 10:00 alice status: status provisional -> postponed, date H2 2026 ->
    début octobre 2026 (note) [source]`: one line per action, each field it changed."""
    extra = (f" ({safe(note_in_language(entry.note))})" if entry.note else "") + (
        f" [{safe(entry.source)}]" if entry.source else ""
    )
    head = f"{entry.at:%Y-%m-%d %H:%M} {safe(entry.author)}"
    event = safe(entry.event_id) + " " if with_event else ""
    return f"{head} {event}{safe(action_word(entry.action))}{_what(entry)}{extra}"


def _what(entry: HistoryEntry) -> str:
    if entry.action == "created":
        state = entry.change("status")
        return f" ({_value('status', state.new)})" if state and state.new else ""
    text = changes_text(entry.changes)
    return f"{labelled('')} {text}" if text else ""


# A window's parts are told by its wording when that changed too.
_WINDOW_PARTS = frozenset({"start_date", "end_date", "precision", "open_ended"})


def changes_text(changes: Sequence[FieldChange]) -> str:
    """`status provisional -> confirmed, date H2 2026 -> oct. 2026`, `+briefing -old`."""
    worded = any(c.field == "date_text" for c in changes)
    parts = []
    for c in changes:
        if worded and c.field in _WINDOW_PARTS or c.field == "deleted":
            continue
        if c.field == "tag":
            parts.append(f"+{safe(c.new)}" if c.new is not None else f"-{safe(c.old or '')}")
        elif c.field == "annotation":
            parts.append(safe(c.new if c.new is not None else c.old or ""))
        else:
            name = field_word("date" if c.field == "date_text" else c.field)
            old, new = (_value(c.field, v) for v in (c.old, c.new))
            parts.append(f"{safe(name)} {old} -> {new}")
    return ", ".join(parts)


def name_or_code(lookup: Callable[[str, str], str], code: str, lang: str) -> str:
    """A code's name in `lang`, or the code itself when this version does not know it
    (a store can hold codes written by a newer version or an import)."""
    try:
        return lookup(code, lang)
    except ScoCalError:
        return code


def place(event: Event, lang: str) -> str:
    """Where it happens, safe to show, even with a country code this version lacks."""
    try:
        return safe(place_label(event, lang))
    except ScoCalError:
        return safe(event.country or "-")


def _fields(event: Event, lang: str, today: date) -> tuple[tuple[str, str, str], ...]:
    w = event.window
    span = f"{w.start} .. {w.end}, {precision_word(w.precision)}"
    if w.open_ended:
        span = _("{span}, open-ended").format(span=span)
    when = f"{format_window(w, lang)}  ({span})"
    follow_up = f"  ! {_(FOLLOW_UP_NOTE)}" if event.needs_follow_up(today) else ""
    state = state_word(event.status) + _sine_die(event) + follow_up
    series = f"{event.series}" + (f" #{event.number}" if event.number else "")
    time = f"{event.start_time} {event.timezone or ''}".strip() if event.start_time else None
    rows: list[tuple[str, str | None, str]] = [
        (_("When"), when, ""),
        (_("Wording"), safe(w.text), "italic"),
        (_("Time"), time, ""),
        (_("State"), state, STATE_STYLE[event.status]),
        (_("Organisation"), _named(organisation_name, event.organisation, lang), ""),
        (_("Kind"), kind_word(event.kind), ""),
        (_("Series"), series if event.series else None, ""),
        (_("Place"), place(event, lang), ""),
        (_("Theme"), _named(theme_label, event.theme, lang) if event.theme else None, ""),
        (_("Tags"), ", ".join(event.tags), ""),
        (_("Summary"), safe(event.summary or ""), ""),
        (_("Id"), _("{id}  (version {version})").format(id=event.id, version=event.version), "dim"),
    ]
    # Every value is escaped, even those that look like ours: a store may hold ids,
    # series, tags or codes written by an import or an older sco-cal.
    return tuple((n, safe(v), s) for n, v, s in rows if v)


def _sine_die(event: Event) -> str:
    if event.sine_die is None:
        return ""
    return _(" sine die since {since} (no new date; follow-up from {day})").format(
        since=event.sine_die.since.isoformat(), day=event.sine_die.follow_up_from.isoformat()
    )


def _named(lookup: Callable[[str, str], str], code: str, lang: str) -> str:
    """`SCO (Shanghai Cooperation Organisation)`, or the code alone if it has no name."""
    name = name_or_code(lookup, code, lang)
    if name == code:
        return code
    if lookup is organisation_name:
        return f"{organisation_acronym(code)} ({name})"
    return f"{name} ({code})"


def _source(source: Source) -> str:
    when = f" ({source.document_date})" if source.document_date else ""
    return f"{safe(source.document)}{when}\n    “{safe(source.excerpt)}”"


def _annotation(note: Annotation) -> str:
    deleted = " " + _("(deleted)") if note.deleted_at else ""
    body = safe(note.text).replace("\n", "\n    ")
    head = f"#{note.id} {note.created_at:%Y-%m-%d %H:%M} {safe(note.author)}{deleted}"
    return f"{labelled(head)}\n    {body}"


def _reminder(reminder: Reminder) -> str:
    delivered = " " + _("delivered") if reminder.delivered_at else ""
    due = _("due {day}").format(day=reminder.due)
    return f"#{reminder.id} {due} ({safe(reminder.spec)}){delivered}"


def _value(field: str, value: str | None) -> str:
    """An old or new value of a change; a state, kind or precision is shown as its word."""
    return "-" if value is None else safe(value_word(field, value))

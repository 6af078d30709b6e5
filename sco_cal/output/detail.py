"""One event in full, for `sco-cal show`: fields, sources, notes, history, reminders."""

from __future__ import annotations

from datetime import date

from sco_cal.date_labels import format_window
from sco_cal.model import Event, HistoryEntry
from sco_cal.organisations import organisation_name
from sco_cal.output.style import STATE_STYLE, Painter
from sco_cal.output.table import place_label
from sco_cal.places import country_name
from sco_cal.text import safe
from sco_cal.themes import theme_label


def render_event(event: Event, today: date, *, lang: str, paint: Painter) -> str:
    w = event.window
    state = paint(event.status.value, *(STATE_STYLE[event.status],))
    if event.needs_follow_up(today):
        state += paint("  ! needs follow-up: the window has ended, no outcome recorded", "red")
    when = f"{format_window(w, lang)}  ({w.start} .. {w.end}, {w.precision.value})"
    if w.open_ended:
        when += ", open-ended"
    series = safe(event.series or "")
    fields = [
        ("Title", safe(event.title_in(lang))),
        (
            "Title (" + ("en" if lang == "fr" else "fr") + ")",
            safe(event.title_in("en" if lang == "fr" else "fr")),
        ),
        ("When", when),
        ("Wording", safe(w.text)),
        (
            "Time",
            safe(f"{event.start_time} {event.timezone or ''}".strip())
            if event.start_time
            else None,
        ),
        ("State", state),
        (
            "Organisation",
            safe(f"{event.organisation} ({organisation_name(event.organisation, lang)})"),
        ),
        ("Kind", event.kind.value),
        ("Series", series + (f" #{event.number}" if event.number else "") if series else None),
        (
            "Place",
            safe(place_label(event, lang))
            + (f" ({country_name(event.country, lang)})" if event.country and event.cities else ""),
        ),
        (
            "Theme",
            safe(f"{theme_label(event.theme, lang)} ({event.theme})") if event.theme else None,
        ),
        ("Tags", safe(", ".join(event.tags)) or None),
        ("Summary", safe(event.summary) if event.summary else None),
        ("Id", paint(safe(event.id), "cyan") + paint(f"  (version {event.version})", "dim")),
    ]
    lines = [
        f"{paint(name + ':', 'bold'):<14} {value}" if paint.enabled else f"{name + ':':<14} {value}"
        for name, value in fields
        if value
    ]
    lines += _section(
        paint,
        "Sources",
        [
            f"{paint(safe(s.document), 'bold')}"
            + (f" ({s.document_date})" if s.document_date else "")
            + f"\n    “{safe(s.excerpt)}”"
            for s in event.sources
        ],
    )
    lines += _section(
        paint,
        "Annotations",
        [
            f"#{a.id} {a.created_at:%Y-%m-%d %H:%M} {safe(a.author)}: {safe(a.text)}"
            + (f"  (deleted by {safe(a.deleted_by or '?')})" if a.deleted_at else "")
            for a in event.annotations
        ],
    )
    lines += _section(paint, "History", [history_line(h) for h in event.history])
    lines += _section(
        paint,
        "Reminders",
        [
            f"#{r.id} due {r.due} ({safe(r.spec)})" + (" delivered" if r.delivered_at else "")
            for r in event.reminders
        ],
    )
    return "\n".join(lines)


def history_line(entry: HistoryEntry, *, with_event: bool = False) -> str:
    """`2026-01-12 10:00 alice status: provisional -> confirmed (note) [source]`."""
    what = safe(entry.action + (f" {entry.field}" if entry.field else ""))
    change = ""
    if entry.old is not None or entry.new is not None:
        change = f": {safe(entry.old or '-')} -> {safe(entry.new or '-')}"
        if entry.action == "annotate":
            change = f": {safe(entry.new or '')}"
    extra = (f" ({safe(entry.note)})" if entry.note else "") + (
        f" [{safe(entry.source)}]" if entry.source else ""
    )
    head = f"{entry.at:%Y-%m-%d %H:%M} {safe(entry.author)}"
    return f"{head} {safe(entry.event_id) + ' ' if with_event else ''}{what}{change}{extra}"


def _section(paint: Painter, title: str, items: list[str]) -> list[str]:
    if not items:
        return []
    return ["", paint(f"{title} ({len(items)})", "bold")] + [f"  {item}" for item in items]

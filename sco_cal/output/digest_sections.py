"""The digest's sections as lines of plain text fields, which each format escapes its own way."""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from datetime import date

from sco_cal.domain.date_labels import day_label, format_window
from sco_cal.domain.digest import Change, ChangeKind, Digest
from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.text import safe
from sco_cal.i18n import _, ngettext
from sco_cal.output.table import organisation_label, place_label
from sco_cal.output.words import precision_word, state_word

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
        if shown >= self.total:
            return f"{self.title} ({shown})"
        return _("{title} ({shown} of {total})").format(
            title=self.title, shown=shown, total=f"{self.total:,}"
        )

    @property
    def more(self) -> str:
        """What was left out, and the command that shows it."""
        left = self.total - len(self.items)
        if left <= 0:
            return ""
        more = ngettext("... and {n} more: {command}", "... and {n} more: {command}", left)
        return more.format(n=f"{left:,}", command=_SEE_ALL.get(self.key, "sco-cal list"))


def heading(digest: Digest, lang: str) -> str:
    day = digest.today
    return _("sco-cal digest for {date}").format(date=day_label(day, lang))


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
            _("Today"),
            tuple(_event(e, today, lang, _today_note(e)) for e in digest.today_events),
        ),
        Section(
            "coming_up",
            ngettext(
                "Coming up in the next {n} day", "Coming up in the next {n} days", digest.days
            ).format(n=digest.days),
            tuple(_event(e, today, lang, _ahead(e, today)) for e in digest.coming_up),
        ),
        Section(
            "reminders_due",
            _("Reminders due"),
            tuple(
                Item(
                    when=_("due {day}").format(day=r.due.isoformat()),
                    title=r.text,
                    detail=_("reminder {label} ({spec})").format(label=r.label, spec=r.spec),
                    note="",
                    ref=r.event.id,
                )
                for r in digest.reminders_due
            ),
        ),
        Section(
            "awaiting_confirmation",
            ngettext(
                "Awaiting confirmation, starting within {n} day",
                "Awaiting confirmation, starting within {n} days",
                digest.awaiting_days,
            ).format(n=digest.awaiting_days),
            tuple(_event(e, today, lang, _ahead(e, today)) for e in digest.awaiting_confirmation),
        ),
        Section(
            "needs_follow_up",
            _("Needs follow-up"),
            tuple(_event(e, today, lang, _overdue(e, today)) for e in digest.needs_follow_up),
            summary=_follow_up_summary(digest),
        ),
        Section(
            "changed",
            _("Changed since {moment} UTC").format(moment=f"{digest.since:%Y-%m-%d %H:%M}"),
            tuple(_change(c, lang) for c in digest.changes),
        ),
    ]


def _follow_up_summary(digest: Digest) -> str:
    by_source = "; ".join(
        _("{n} from {document}").format(n=n, document=doc) + (f" ({title})" if title else "")
        for doc, title, n in digest.follow_up_by_document
    )
    summary = _(
        "The window has ended and nobody recorded whether the meeting was held, cancelled "
        "or postponed (oldest first)."
    )
    return summary + (
        " " + _("By source: {sources}.").format(sources=by_source) if by_source else ""
    )


def when(event: Event, lang: str) -> str:
    """The window's label, saying so when the date is imprecise."""
    label = format_window(event.window, lang)
    if event.window.is_exact:
        return label
    imprecise = _("{precision}, date imprecise").format(
        precision=precision_word(event.window.precision)
    )
    return f"{label} ({imprecise})"


def _event(event: Event, today: date, lang: str, note: str) -> Item:
    documents = sorted({s.document for s in event.sources})
    source = _("source: {documents}").format(documents=", ".join(documents)) if documents else ""
    return Item(
        when=when(event, lang),
        title=event.title_in(lang),
        detail=" · ".join(
            (state_word(event.status), organisation_label(event), place_label(event, lang))
        ),
        note="; ".join(n for n in (note, source) if n),
        ref=event.id,
    )


def _today_note(event: Event) -> str:
    if event.window.is_exact:
        return _("today") if event.window.start == event.window.end else _("under way")
    return _("today falls in its window")


def _ahead(event: Event, today: date) -> str:
    days = (event.window.start - today).days
    if days <= 0:
        return _("window already open")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def _overdue(event: Event, today: date) -> str:
    days = (today - event.window.end).days
    return ngettext("ended {n} day ago", "ended {n} days ago", days).format(n=days)


def _change(change: Change, lang: str) -> Item:
    entry, event = change.entry, change.event
    title = event.title_in(lang) if event is not None else entry.event_id
    what = {
        ChangeKind.STATE: _("state {old} -> {new}").format(
            old=_state_or_dash(entry.old), new=_state_or_dash(entry.new)
        ),
        ChangeKind.NEW: _("new event ({state})").format(
            state=_state_or_dash(entry.new) if entry.new else _("no state")
        ),
        ChangeKind.RESCHEDULED: _("date {old} -> {new}").format(
            old=entry.old or "-", new=entry.new or "-"
        ),
        ChangeKind.ANNOTATION: _("note: {text}").format(text=entry.new or ""),
    }[change.kind]
    source = _("source: {documents}").format(documents=entry.source) if entry.source else ""
    why = "; ".join(p for p in (entry.note, source) if p)
    return Item(
        when=f"{entry.at:%Y-%m-%d %H:%M}",
        title=title,
        detail=f"{entry.author}: {what}",
        note=why,
        ref=entry.event_id,
    )


def _state_or_dash(value: str | None) -> str:
    """A stored state as its word; "-" for none, and an unknown value as stored."""
    if not value:
        return "-"
    try:
        return state_word(ConfirmationState(value))
    except ValueError:
        return value

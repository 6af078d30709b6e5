"""The digest's sections as lines of plain text fields, which each format escapes its own way."""

from __future__ import annotations

from dataclasses import astuple, dataclass, replace
from datetime import date

from sco_cal.domain.date_labels import date_label, format_window
from sco_cal.domain.digest import Change, ChangeKind, Digest
from sco_cal.domain.digest_items import DATE_UNKNOWN_GROUP, Listed, Reason
from sco_cal.domain.event import Event, FieldChange
from sco_cal.domain.history_notes import note_in_language
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.text import safe
from sco_cal.i18n import _, ngettext
from sco_cal.output.table import organisation_label, place_label
from sco_cal.output.words import state_word

# Where to see all of a section that was cut short.
_SEE_ALL = {
    "today": "sco-cal list --from today --to today",
    "coming_up": "sco-cal list",
    "dates_open": "sco-cal list",
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
    note: str  # how far away, how overdue, why it is listed
    ref: str  # the event id
    group: str = ""  # the heading of the group the item opens or continues, if any
    short: str = ""  # the detail in a word or two (an event's state), for one-line formats


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
    return _("sco-cal digest for {date}").format(date=date_label(digest.today, lang))


def sections(digest: Digest, lang: str) -> list[Section]:
    """All seven sections in their fixed order, empty ones included, every text from the
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

    def events(items: tuple[Listed, ...]) -> tuple[Item, ...]:
        return tuple(_event(i, today, lang, _group(i, digest)) for i in items)

    return [
        Section("today", _("Today"), events(digest.today_events)),
        Section(
            "coming_up",
            ngettext(
                "Coming up in the next {days} day", "Coming up in the next {days} days", digest.days
            ).format(days=digest.days),
            events(digest.coming_up),
        ),
        Section(
            "dates_open",
            _("Dates still open, no day known yet (listed weekly, or when they change)"),
            events(digest.dates_open),
        ),
        Section(
            "awaiting_confirmation",
            ngettext(
                "Awaiting confirmation, starting within {days} day",
                "Awaiting confirmation, starting within {days} days",
                digest.awaiting_days,
            ).format(days=digest.awaiting_days),
            events(digest.awaiting_confirmation),
        ),
        Section(
            "needs_follow_up",
            _("Needs follow-up"),
            events(digest.needs_follow_up),
            summary=_(
                "No outcome (held or cancelled) is recorded: the window has ended, or a "
                "postponement sine die has waited past its delay. By source, oldest first."
            ),
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
            "changed",
            _("Changed since {moment} UTC").format(moment=f"{digest.since:%Y-%m-%d %H:%M}"),
            tuple(_change(c, lang) for c in digest.changes),
        ),
    ]


def _group(item: Listed, digest: Digest) -> str:
    """The heading over a group of items: a source with its count, or the dates unknown."""
    if not item.group:
        return ""
    if item.group == DATE_UNKNOWN_GROUP:
        return _("Date unknown: postponed sine die")
    count = sum(1 for other in digest.needs_follow_up if other.group == item.group)
    title = digest.documents.get(item.group, "")
    return _("{n} from {document}").format(n=count, document=item.group) + (
        f" ({title})" if title else ""
    )


def when(event: Event, lang: str) -> str:
    """The window's label, saying so when the date is imprecise or unknown."""
    label = format_window(event.window, lang)
    if event.sine_die is not None:
        return _("sine die (was {window})").format(window=label)
    if event.window.is_exact:
        return label
    return _("{label} (date imprecise)").format(label=label)


def _event(item: Listed, today: date, lang: str, group: str) -> Item:
    event = item.event
    return Item(
        when=when(event, lang),
        title=event.title_in(lang),
        detail=" · ".join(
            (state_word(event.status), organisation_label(event), place_label(event, lang))
        ),
        note=_note(item, today),
        ref=event.id,
        group=group,
        short=state_word(event.status),
    )


def _note(item: Listed, today: date) -> str:
    """Why the item is listed, in a few words."""
    w, reason = item.event.window, item.reason
    sine_die = item.event.sine_die
    if reason is Reason.UNDER_WAY:
        return _("today") if w.start == w.end else _("under way")
    if reason in (Reason.OPEN_DATE_WEEKLY, Reason.OPEN_DATE_CHANGED):
        note = _ahead(w.start, today) if w.start > today else _("window open")
        return note + ("; " + _("changed") if reason is Reason.OPEN_DATE_CHANGED else "")
    if reason is Reason.DATE_UNKNOWN and sine_die is not None:
        return _("follow-up from {day}").format(day=sine_die.follow_up_from.isoformat())
    if reason is Reason.SINE_DIE_OVERDUE and sine_die is not None:
        return _days_ago(_("postponed sine die"), (today - sine_die.since).days)
    if reason is Reason.POSTPONED_WINDOW_ENDED:
        return _days_ago(_("postponed; the new window ended"), (today - w.end).days)
    if reason is Reason.ENDED_NO_OUTCOME:
        return _days_ago(_("ended"), (today - w.end).days)
    return _ahead(w.start, today)


def _ahead(start: date, today: date) -> str:
    days = (start - today).days
    if days <= 0:
        return _("window already open")
    if days == 1:
        return _("tomorrow")
    return ngettext("in {n} day", "in {n} days", days).format(n=days)


def _days_ago(what: str, days: int) -> str:
    return ngettext("{what} {n} day ago", "{what} {n} days ago", days).format(what=what, n=days)


def _change(change: Change, lang: str) -> Item:
    entry, event = change.entry, change.event
    title = event.title_in(lang) if event is not None else entry.event_id
    main = entry.change(change.field) or FieldChange(change.field)
    what = {
        ChangeKind.STATE: _("state {old} -> {new}").format(
            old=_state_or_dash(main.old), new=_state_or_dash(main.new)
        ),
        ChangeKind.NEW: _("new event ({state})").format(
            state=_state_or_dash(main.new) if main.new else _("no state")
        ),
        ChangeKind.RESCHEDULED: _("date {old} -> {new}").format(
            old=main.old or "-", new=main.new or "-"
        ),
        ChangeKind.ANNOTATION: _("note: {text}").format(text=main.new or ""),
    }[change.kind]
    moved = entry.change("date_text")
    if change.kind is ChangeKind.STATE and moved is not None:  # a postponement
        what += ", " + _("date {old} -> {new}").format(old=moved.old or "-", new=moved.new or "-")
    source = _("source: {documents}").format(documents=entry.source) if entry.source else ""
    note = note_in_language(entry.note) if entry.note else ""
    why = "; ".join(p for p in (note, source) if p)
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

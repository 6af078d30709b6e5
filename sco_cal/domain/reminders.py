"""Reminders as plain values: reading what people type ("14d", "1 mois", a date phrase),
the days they fall due, default rules, and which are due, waiting or expired."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.durations import Duration, format_duration, parse_duration
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, Reminder, ReminderMode
from sco_cal.domain.query import MANY_KEYS, Criteria, EventFilter
from sco_cal.i18n import _, ngettext

FOLLOW_UP_KEY = "follow-up"
RULE_KEYS = frozenset({"name", "before", "follow_up", *MANY_KEYS})
# A reminder about a meeting that ended more than this long ago (and not set for a day
# after it) expires instead of firing: nobody needs it any more.
EXPIRY_DAYS = 7


class ReminderState(StrEnum):
    """Where a stored reminder stands today."""

    PENDING = "pending"
    WAITING = "waiting for a date"  # a lead time on a meeting with no known day yet
    SNOOZED = "snoozed"
    DELIVERED = "delivered"
    EXPIRED = "expired"


@dataclass(frozen=True, slots=True)
class ReminderSpec:
    """How a reminder was asked for: a lead time before the event, or a given day."""

    text: str  # canonical: "14d", "2w", "1mo", or the date phrase as typed
    mode: ReminderMode = ReminderMode.BEFORE
    lead: Duration | None = None
    on: date | None = None

    def due_for(self, event: Event) -> date | None:
        """The day it falls due for `event` as it stands; None while it waits for a day."""
        if self.lead is None:
            assert self.on is not None
            return self.on
        return _lead_due(self.lead, self.mode, event)


def _lead_due(lead: Duration, mode: ReminderMode, event: Event) -> date | None:
    # A meeting postponed sine die keeps its old window: counting from it would mislead.
    if event.sine_die is not None or (mode is ReminderMode.WHEN_DATED and not event.has_known_day):
        return None
    return lead.before(event.window.start)


def parse_reminder_spec(text: str, *, today: date, when_dated: bool = False) -> ReminderSpec:
    """A lead time ("14d", "2w", "1 mois", "3 days") or a date phrase (that day).

    `when_dated` makes a lead time count only once the meeting has a known day.
    """
    lead = parse_duration(text)
    if lead is not None:
        mode = ReminderMode.WHEN_DATED if when_dated else ReminderMode.BEFORE
        return ReminderSpec(text=lead.text, mode=mode, lead=lead)
    if when_dated:
        raise InvalidInput(
            _("--when-dated goes with a lead time such as 7d or '2 semaines', not '{text}'").format(
                text=text.strip()
            )
        )
    return on_day(text, today=today)


def on_day(text: str, *, today: date) -> ReminderSpec:
    """A reminder on the first day of a date phrase ("1er novembre", "next monday")."""
    from sco_cal.domain.date_phrases import parse_date_phrase  # not for `remind due` or `rm`

    window = parse_date_phrase(text, today=today)
    return ReminderSpec(text=text.strip(), mode=ReminderMode.ON, on=window.start)


def plan_reminder(
    spec: ReminderSpec, event: Event, *, today: date, allow_past: bool, lang: str = "en"
) -> date:
    """The day to store for a new reminder on `event`, after the checks a person is owed:
    a lead time needs a known day (or `--when-dated`), and a moment already past is
    refused unless `allow_past` (it would fire at once)."""
    if spec.mode is ReminderMode.BEFORE and not event.has_known_day:
        assert spec.lead is not None
        raise InvalidInput(
            _(
                "{id} has no known day yet ({when}): a lead time needs one. Use --on DATE "
                "for a reminder on a given day, or --when-dated to count {lead} once the "
                "meeting has a day"
            ).format(id=event.id, when=_when(event, lang), lead=format_duration(spec.lead, lang))
        )
    due = spec.due_for(event)
    if due is not None and due < today and not allow_past:
        raise InvalidInput(
            _(
                "a reminder {spec} on {id} would fall due on {due}, which has passed: "
                "give a later one, or --allow-past to have it fire at once"
            ).format(spec=spec.text, id=event.id, due=due.isoformat())
        )
    if due is not None:
        return due
    # Waiting for a day: the stored day is where it would fall from the window's start.
    assert spec.lead is not None
    return spec.lead.before(event.window.start)


def _when(event: Event, lang: str) -> str:
    if event.sine_die is not None:
        return _("postponed sine die")
    return format_window(event.window, lang)


def snooze_until(text: str, *, today: date) -> date:
    """ "3d", "1w", "1 mois" from today, or a date phrase's first day; always after today."""
    lead = parse_duration(text)
    if lead is not None:
        until = lead.after(today)
    else:
        from sco_cal.domain.date_phrases import parse_date_phrase

        until = parse_date_phrase(text, today=today).start
    if until <= today:
        raise InvalidInput(
            _("snooze until a day after today ({today}), not {day}").format(
                today=today.isoformat(), day=until
            )
        )
    return until


def effective_due(reminder: Reminder, event: Event) -> date | None:
    """A lead time follows its event when it moves (None while it waits for a known day);
    a reminder on a given day keeps its day."""
    lead = parse_duration(reminder.spec) if reminder.mode is not ReminderMode.ON else None
    if lead is None:
        return reminder.due
    return _lead_due(lead, reminder.mode, event)


def is_stale(moment: date, event: Event, today: date) -> bool:
    """Whether a reminder for `moment` has outlived its use: its meeting (and the moment,
    when it was set for a day after the meeting) ended more than EXPIRY_DAYS ago. A
    meeting postponed sine die has not ended: only the moment counts."""
    last = moment if event.sine_die is not None else max(moment, event.window.end)
    return (today - last).days > EXPIRY_DAYS


def reminder_state(reminder: Reminder, event: Event, today: date) -> ReminderState:
    if reminder.delivered_at is not None:
        return ReminderState.DELIVERED
    if reminder.snoozed_until is not None and reminder.snoozed_until > today:
        return ReminderState.SNOOZED
    due = effective_due(reminder, event)
    if due is None:
        return ReminderState.WAITING
    if is_stale(max(due, reminder.snoozed_until or due), event, today):
        return ReminderState.EXPIRED
    return ReminderState.PENDING


@dataclass(frozen=True, slots=True)
class ListedReminder:
    """A stored reminder as it stands today: its event, its day now, its state."""

    reminder: Reminder
    event: Event
    due: date | None  # None while it waits for the meeting to get a known day
    state: ReminderState

    @property
    def lead(self) -> Duration | None:
        if self.reminder.mode is ReminderMode.ON:
            return None
        return parse_duration(self.reminder.spec)


def listed(reminder: Reminder, event: Event, today: date) -> ListedReminder:
    return ListedReminder(
        reminder, event, effective_due(reminder, event), reminder_state(reminder, event, today)
    )


@dataclass(frozen=True, slots=True)
class ReminderRule:
    """A default reminder from the configuration, applied to matching events on the fly."""

    name: str  # identifies the rule in delivery records; defaults to its criteria
    match: EventFilter
    before: tuple[ReminderSpec, ...] = ()
    follow_up: bool = False

    def key(self, spec: ReminderSpec | None) -> str:
        return self.name if spec is None else f"{self.name} {spec.text}"


def parse_rules(raw: Any, where: str) -> tuple[ReminderRule, ...]:
    """`[reminders] defaults = [{...}, ...]` from the configuration, checked once."""
    if not isinstance(raw, Mapping):
        raise InvalidInput(_("{where}: [reminders] must be a table").format(where=where))
    if unknown := set(raw) - {"defaults"}:
        raise InvalidInput(
            _("{where}: [reminders] has unknown keys: {keys}").format(
                where=where, keys=", ".join(sorted(unknown))
            )
        )
    defaults = raw.get("defaults", [])
    if not isinstance(defaults, list):
        raise InvalidInput(
            _("{where}: [reminders] defaults must be a list of tables").format(where=where)
        )
    rules = tuple(
        _rule(item, _("{where}: [reminders] defaults[{i}]").format(where=where, i=i))
        for i, item in enumerate(defaults)
    )
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise InvalidInput(
            _("{where}: [reminders] two defaults have the same name: give each a name").format(
                where=where
            )
        )
    return rules


def _rule(item: Any, where: str) -> ReminderRule:
    if not isinstance(item, Mapping):
        raise InvalidInput(
            _('{where} must be a table such as {{before = ["7d"]}}').format(where=where)
        )
    if unknown := set(item) - RULE_KEYS:
        raise InvalidInput(
            _("{where} has unknown keys: {keys} ({known})").format(
                where=where, keys=", ".join(sorted(unknown)), known=", ".join(sorted(RULE_KEYS))
            )
        )
    follow_up = item.get("follow_up", False)
    if not isinstance(follow_up, bool):
        raise InvalidInput(_("{where}: follow_up must be true or false").format(where=where))
    before = tuple(_relative_spec(s, where) for s in _strings(item, "before", where))
    if follow_up == bool(before):
        raise InvalidInput(
            _('{where} needs either before = ["7d", ...] or follow_up = true').format(where=where)
        )
    words: dict[str, Any] = {
        k: _strings(item, k, where) for k in RULE_KEYS - {"name", "before", "follow_up"}
    }
    try:
        # A rule holds no date phrase, so the day given to `resolve` is never read.
        match = Criteria(scope="all", follow_up=follow_up, **words).resolve(date(2000, 1, 1))
    except InvalidInput as exc:
        raise InvalidInput(_("{where}: {reason}").format(where=where, reason=exc)) from None
    described = " ".join(f"{k}={','.join(v)}" for k, v in sorted(words.items()) if v)
    default_name = " ".join(p for p in (described, FOLLOW_UP_KEY if follow_up else "") if p)
    name = item.get("name", default_name or "all")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput(_("{where}: name must be a non-empty string").format(where=where))
    return ReminderRule(name=name.strip(), match=match, before=before, follow_up=follow_up)


def _strings(item: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(
            _("{where}: {key} must be a string or a list of strings").format(where=where, key=key)
        )
    return tuple(value)


def _relative_spec(text: str, where: str) -> ReminderSpec:
    lead = parse_duration(text)
    if lead is None:
        raise InvalidInput(
            _('{where}: before = \'{text}\' is not a number of days or weeks ("7d", "2w")').format(
                where=where, text=text
            )
        )
    # A default counts from a known day only: a lead time on "2026" means nothing.
    return ReminderSpec(text=lead.text, mode=ReminderMode.WHEN_DATED, lead=lead)


@dataclass(frozen=True, slots=True)
class DueReminder:
    """A reminder that falls due: the event, the day, and what to tell the person."""

    event: Event
    due: date
    spec: str
    imprecise: bool  # the event's date is a fuzzy window, counted from its start
    text: str
    reminder: Reminder | None = None  # None for a default from the configuration
    rule: str | None = None  # the default's key, recorded when it is delivered

    @property
    def label(self) -> str:
        return f"#{self.reminder.id}" if self.reminder is not None else _("default")


def find_due(
    *,
    stored: Iterable[Reminder],
    events: Mapping[str, Event],
    rules: Sequence[ReminderRule],
    delivered: set[tuple[str, str, date]],
    today: date,
    lang: str = "en",
) -> list[DueReminder]:
    """Every reminder due on `today`: stored ones not yet delivered, then defaults.

    A stored reminder stays due until delivered (cron may miss a day); a default
    one only while its event is still ahead or under way, so that adding a rule
    does not flood anyone with reminders about meetings long past.
    """
    found = []
    for reminder in stored:
        event = events.get(reminder.event_id)
        now = listed(reminder, event, today) if event is not None else None
        if now is not None and now.state is ReminderState.PENDING and now.due is not None:
            if now.due <= today:
                found.append(_due(now.event, now.due, reminder.spec, today, lang, reminder))
    seen: set[tuple[str, date]] = set()
    for event in sorted(events.values(), key=lambda e: (e.window.start, e.id)):
        for rule in rules:
            if not rule.match.matches(event, today):
                continue
            for spec, due in _rule_dues(rule, event, today):
                key = rule.key(None if rule.follow_up else spec)
                if (event.id, key, due) in delivered or (event.id, due) in seen:
                    continue
                seen.add((event.id, due))
                found.append(_due(event, due, spec.text, today, lang, rule=key))
    found.sort(key=lambda d: (d.due, d.event.window.start, d.event.id, d.spec))
    return found


def _rule_dues(rule: ReminderRule, event: Event, today: date) -> list[tuple[ReminderSpec, date]]:
    if rule.follow_up:
        # `match` already requires the event to need follow-up.
        sine_die = event.sine_die
        due = sine_die.follow_up_from if sine_die else event.window.end + timedelta(days=1)
        return [] if is_stale(due, event, today) else [(ReminderSpec(FOLLOW_UP_KEY), due)]
    if not event.is_upcoming(today):
        return []
    dues = [(spec, spec.due_for(event)) for spec in rule.before]
    return [(spec, due) for spec, due in dues if due is not None and due <= today]


def _due(
    event: Event,
    due: date,
    spec: str,
    today: date,
    lang: str,
    reminder: Reminder | None = None,
    rule: str | None = None,
) -> DueReminder:
    follow_up = rule is not None and spec == FOLLOW_UP_KEY
    return DueReminder(
        event=event,
        due=due,
        spec=spec,
        imprecise=not event.window.is_exact,
        text=reminder_text(event, today, lang, follow_up=follow_up),
        reminder=reminder,
        rule=rule,
    )


def reminder_text(event: Event, today: date, lang: str = "en", *, follow_up: bool = False) -> str:
    """One line a person understands without opening the tool."""
    w = event.window
    label = format_window(w, lang)
    # The state's value is also its English word, which the catalogue translates.
    title = f"{event.title_in(lang)} ({_(event.status.value)})"
    if event.sine_die is not None:
        head = _("{title} - postponed sine die on {day} (was {window})").format(
            title=title, day=event.sine_die.since.isoformat(), window=label
        )
        if follow_up or event.needs_follow_up(today):
            return head + "; " + _("no new date or outcome is recorded")
        return head
    when = label
    if not w.is_exact:
        when = _("date imprecise: {window}, counted from {day}").format(
            window=label, day=w.start.isoformat()
        )
    head = f"{title} - {when}"
    if follow_up or event.needs_follow_up(today):
        ago = (today - w.end).days
        return _("{head}; the window ended {days} ago and no outcome is recorded").format(
            head=head, days=_days(ago)
        )
    if w.start > today:
        later = _relative_day((w.start - today).days)
        if w.is_exact:
            return _("{head}; it is {when}").format(head=head, when=later)
        return _("{head}; the window opens {when}").format(head=head, when=later)
    if w.end >= today:
        if w.is_exact:
            return _("{head}; today").format(head=head)
        return _("{head}; under way or possible today").format(head=head)
    return _("{head}; it is over").format(head=head)


def _days(n: int) -> str:
    return ngettext("{n} day", "{n} days", n).format(n=n)


def _relative_day(n: int) -> str:
    return _("tomorrow") if n == 1 else ngettext("in {n} day", "in {n} days", n).format(n=n)

"""Reminders as plain values: reading "14d" or a date phrase, default rules, what is due."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, Reminder
from sco_cal.domain.query import MANY_KEYS, Criteria, EventFilter

MAX_DAYS = 3660  # ten years: anything longer is a typing mistake
_RELATIVE = re.compile(
    r"(?P<n>\d{1,5})\s*(?P<unit>d|days?|j|jours?|w|wk|weeks?|sem|semaines?)", re.IGNORECASE
)
_WEEK_UNITS = ("w", "wk", "week", "weeks", "sem", "semaine", "semaines")
FOLLOW_UP_KEY = "follow-up"
RULE_KEYS = frozenset({"name", "before", "follow_up", *MANY_KEYS})


@dataclass(frozen=True, slots=True)
class ReminderSpec:
    """How a reminder was asked for: so many days before the event, or on a given day."""

    text: str  # canonical: "14d", "2w", or the date phrase as typed
    days_before: int | None = None
    on: date | None = None

    def due_for(self, event_start: date) -> date:
        """The day the reminder falls due for an event whose window starts `event_start`."""
        if self.days_before is not None:
            return event_start - timedelta(days=self.days_before)
        assert self.on is not None
        return self.on


def parse_days(text: str) -> tuple[int, str] | None:
    """`"2 weeks"` -> (14, "2w"); None when `text` is not a number of days or weeks."""
    match = _RELATIVE.fullmatch(text.strip())
    if match is None:
        return None
    count, weeks = int(match["n"]), match["unit"].casefold() in _WEEK_UNITS
    days = count * 7 if weeks else count
    if days > MAX_DAYS:
        raise InvalidInput(f"'{text.strip()}' is more than ten years")
    return days, f"{count}{'w' if weeks else 'd'}"


def parse_reminder_spec(text: str, *, today: date) -> ReminderSpec:
    """ "14d", "2w", "3 days", "2 weeks" (before the event) or any date phrase (that day)."""
    relative = parse_days(text)
    if relative is not None:
        return ReminderSpec(text=relative[1], days_before=relative[0])
    window = parse_date_phrase(text, default_year=today.year, today=today)
    return ReminderSpec(text=text.strip(), on=window.start)


def snooze_until(text: str, *, today: date) -> date:
    """ "3d" or "1w" from today, or a date phrase's first day; always after today."""
    relative = parse_days(text)
    if relative is not None:
        until = today + timedelta(days=relative[0])
    else:
        until = parse_date_phrase(text, default_year=today.year, today=today).start
    if until <= today:
        raise InvalidInput(f"snooze until a day after today ({today.isoformat()}), not {until}")
    return until


def effective_due(reminder: Reminder, event: Event) -> date:
    """A relative reminder follows its event when it moves; a dated one keeps its day."""
    relative = parse_days(reminder.spec)
    if relative is None:
        return reminder.due
    return event.window.start - timedelta(days=relative[0])


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
        raise InvalidInput(f"{where}: [reminders] must be a table")
    if unknown := set(raw) - {"defaults"}:
        raise InvalidInput(f"{where}: [reminders] has unknown keys: {', '.join(sorted(unknown))}")
    defaults = raw.get("defaults", [])
    if not isinstance(defaults, list):
        raise InvalidInput(f"{where}: [reminders] defaults must be a list of tables")
    rules = tuple(
        _rule(item, f"{where}: [reminders] defaults[{i}]") for i, item in enumerate(defaults)
    )
    names = [r.name for r in rules]
    if len(set(names)) != len(names):
        raise InvalidInput(
            f"{where}: [reminders] two defaults have the same name: give each a name"
        )
    return rules


def _rule(item: Any, where: str) -> ReminderRule:
    if not isinstance(item, Mapping):
        raise InvalidInput(f'{where} must be a table such as {{before = ["7d"]}}')
    if unknown := set(item) - RULE_KEYS:
        known = ", ".join(sorted(RULE_KEYS))
        raise InvalidInput(f"{where} has unknown keys: {', '.join(sorted(unknown))} ({known})")
    follow_up = item.get("follow_up", False)
    if not isinstance(follow_up, bool):
        raise InvalidInput(f"{where}: follow_up must be true or false")
    before = tuple(_relative_spec(s, where) for s in _strings(item, "before", where))
    if follow_up == bool(before):
        raise InvalidInput(f'{where} needs either before = ["7d", ...] or follow_up = true')
    words: dict[str, Any] = {
        k: _strings(item, k, where) for k in RULE_KEYS - {"name", "before", "follow_up"}
    }
    try:
        # A rule holds no date phrase, so the day given to `resolve` is never read.
        match = Criteria(scope="all", follow_up=follow_up, **words).resolve(date(2000, 1, 1))
    except InvalidInput as exc:
        raise InvalidInput(f"{where}: {exc}") from None
    described = " ".join(f"{k}={','.join(v)}" for k, v in sorted(words.items()) if v)
    default_name = " ".join(p for p in (described, FOLLOW_UP_KEY if follow_up else "") if p)
    name = item.get("name", default_name or "all")
    if not isinstance(name, str) or not name.strip():
        raise InvalidInput(f"{where}: name must be a non-empty string")
    return ReminderRule(name=name.strip(), match=match, before=before, follow_up=follow_up)


def _strings(item: Mapping[str, Any], key: str, where: str) -> tuple[str, ...]:
    value = item.get(key, [])
    if isinstance(value, str):
        return (value,)
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise InvalidInput(f"{where}: {key} must be a string or a list of strings")
    return tuple(value)


def _relative_spec(text: str, where: str) -> ReminderSpec:
    relative = parse_days(text)
    if relative is None:
        raise InvalidInput(
            f'{where}: before = \'{text}\' is not a number of days or weeks ("7d", "2w")'
        )
    return ReminderSpec(text=relative[1], days_before=relative[0])


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
        return f"#{self.reminder.id}" if self.reminder is not None else "default"


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
    found = [
        _due(events[r.event_id], effective_due(r, events[r.event_id]), r.spec, today, lang, r)
        for r in stored
        if r.event_id in events and _stored_is_due(r, events[r.event_id], today)
    ]
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


def _stored_is_due(reminder: Reminder, event: Event, today: date) -> bool:
    if reminder.delivered_at is not None:
        return False
    if reminder.snoozed_until is not None and reminder.snoozed_until > today:
        return False
    return effective_due(reminder, event) <= today


def _rule_dues(rule: ReminderRule, event: Event, today: date) -> list[tuple[ReminderSpec, date]]:
    if rule.follow_up:
        # `match` already requires the event to need follow-up.
        return [(ReminderSpec(FOLLOW_UP_KEY), event.window.end + timedelta(days=1))]
    if event.window.end < today:
        return []
    dues = [(spec, spec.due_for(event.window.start)) for spec in rule.before]
    return [(spec, due) for spec, due in dues if due <= today]


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
    when = label if w.is_exact else f"date imprecise: {label}, counted from {w.start.isoformat()}"
    head = f"{event.title_in(lang)} ({event.status.value}) - {when}"
    if follow_up or event.needs_follow_up(today):
        ago = (today - w.end).days
        return f"{head}; the window ended {_days(ago)} ago and no outcome is recorded"
    if w.start > today:
        opens = "the window opens" if not w.is_exact else "it is"
        return f"{head}; {opens} {_relative_day((w.start - today).days)}"
    if w.end >= today:
        return f"{head}; under way or possible today" if not w.is_exact else f"{head}; today"
    return f"{head}; it is over"


def _days(n: int) -> str:
    return "1 day" if n == 1 else f"{n} days"


def _relative_day(n: int) -> str:
    return "tomorrow" if n == 1 else f"in {_days(n)}"

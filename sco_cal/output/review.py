"""A document's review for people (one block per item) and for scripts (a JSON array)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from datetime import date
from typing import Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.organisations import organisation_acronym
from sco_cal.domain.places import city_label
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext
from sco_cal.ingest.changes import WINDOW_FIELDS
from sco_cal.ingest.plan import ApplyReport
from sco_cal.ingest.review import Action, ReviewItem
from sco_cal.output.records import event_record
from sco_cal.output.style import STATE_STYLE, Painter
from sco_cal.output.words import state_word

_ACTIONS = {
    Action.NEW: N_("new"),
    Action.UPDATE: N_("update"),
    Action.UNCHANGED: N_("unchanged"),
    Action.AMBIGUOUS: N_("ambiguous"),
    Action.UNREADABLE: N_("unreadable"),
}
# "3 updates": each action counted in the current language's plural.
_ACTION_COUNTS: dict[Action, Callable[[int], str]] = {
    Action.NEW: lambda n: ngettext("{n} new", "{n} new", n),
    Action.UPDATE: lambda n: ngettext("{n} update", "{n} updates", n),
    Action.UNCHANGED: lambda n: ngettext("{n} unchanged", "{n} unchanged", n),
    Action.AMBIGUOUS: lambda n: ngettext("{n} ambiguous", "{n} ambiguous", n),
    Action.UNREADABLE: lambda n: ngettext("{n} unreadable", "{n} unreadable", n),
}


def action_word(action: Action) -> str:
    return _(_ACTIONS[action])


ACTION_STYLE = {
    Action.NEW: ("green", "bold"),
    Action.UPDATE: ("yellow", "bold"),
    Action.UNCHANGED: ("dim",),
    Action.AMBIGUOUS: ("magenta", "bold"),
    Action.UNREADABLE: ("red",),
}


def review_record(item: ReviewItem, today: date, lang: str = "en") -> dict[str, Any]:
    """One item as JSON: action, event_id, proposed, changes, confidence, excerpt, ..."""
    return {
        "item": item.number,
        "action": item.action.value,
        "event_id": item.event_id,
        "proposed": event_record(item.proposed, today, lang) if item.proposed else None,
        "changes": {name: [old, new] for name, (old, new) in item.changes.items()},
        "user_edited": list(item.user_edited),
        "confidence": item.confidence,
        "excerpt": item.excerpt,
        "document": item.document,
        "line": item.finding.line,
        "reasons": [*item.reasons, *item.finding.reasons],
        "candidates": [
            {
                "event_id": c.event_id,
                "title": c.event.title_in(lang),
                "date": format_window(c.event.window, lang),
                "why": c.why,
            }
            for c in item.candidates
        ],
        "new_allowed": item.action is Action.AMBIGUOUS and item.new_allowed,
        "document_date": item.document_date.isoformat(),
        "document_date_from": item.dated_by,
        "document_date_assumed": item.date_assumed,
    }


def render_review(items: Sequence[ReviewItem], *, lang: str, paint: Painter) -> str:
    """Every item as a block, then a count of each action."""
    if not items:
        return _("nothing to review: the document announces no meeting sco-cal can read")
    blocks = [render_item(item, lang=lang, paint=paint) for item in items]
    return "\n\n".join([dating_line(items[0], paint), *blocks, summary(items)])


def dating_line(item: ReviewItem, paint: Painter) -> str:
    """Which date the document's year-less and relative dates were read against."""
    day = item.document_date.isoformat()
    if item.date_assumed:
        return paint(
            "! "
            + _(
                "no date found in the document: its dates without a year were read against "
                "today, {day} (an assumption; give --as-of DATE)"
            ).format(day=day),
            "red",
        )
    return paint(
        _("document dated {day}, from {how}").format(day=day, how=safe(item.dated_by)), "dim"
    )


def render_item(item: ReviewItem, *, lang: str, paint: Painter) -> str:
    """`#3 update sco-... (confidence 0.90)`, what changes, and the sentence it rests on."""
    head = f"#{item.number} " + paint(f"{action_word(item.action):<10}", *ACTION_STYLE[item.action])
    head += " " + paint(_id(item), "cyan")
    confidence = _("confidence {value}").format(value=f"{item.confidence:.2f}")
    head += paint(f"  ({confidence})", "dim")
    lines = [head.rstrip()]
    if item.proposed is not None:
        lines.append("    " + safe(item.proposed.title_in(lang)))
    if item.action is Action.NEW and item.proposed is not None:
        lines.append("    " + _facts(item, lang, paint))
    lines += ["    " + line for line in _change_lines(item, lang, paint)]
    if item.user_edited:
        fields = ", ".join(item.user_edited)
        lines.append(
            "    "
            + paint(
                "! "
                + _(
                    "set by hand: {fields} (kept unless accepted here or --force-user-fields)"
                ).format(fields=fields),
                "red",
            )
        )
    if item.action is Action.UNREADABLE:
        lines.append("    " + paint(safe("; ".join(item.reasons)), "red"))
    if item.action is Action.AMBIGUOUS:
        lines += ["    " + line for line in candidate_lines(item, lang)]
    lines.append("    " + paint(f"“{safe(' '.join(item.excerpt.split()))}”", "dim"))
    return "\n".join(lines)


def candidate_lines(item: ReviewItem, lang: str) -> list[str]:
    """`? sco-...: title (date) - why` for each event an ambiguous item may mean."""
    lines = [
        f"? {safe(c.event_id)}: {safe(c.event.title_in(lang))} "
        f"({format_window(c.event.window, lang)}) - {safe(c.why)}"
        for c in item.candidates
    ]
    if item.new_allowed:
        lines.append("? " + _("new: none of these, a meeting the calendar does not know"))
    choice = f"--choose {item.number}=EVENT_ID"
    if item.new_allowed:
        choice += " " + _("(or =new)")
    return [*lines, _("applied only once chosen: {choice}").format(choice=choice)]


def _id(item: ReviewItem) -> str:
    if item.event_id is not None:
        return safe(item.event_id)
    return safe(item.proposed.id) if item.proposed is not None else ""


def _facts(item: ReviewItem, lang: str, paint: Painter) -> str:
    event = item.proposed
    assert event is not None
    cities = [city_label(c) for c in event.cities]
    place = ", ".join([*cities, event.country or ""]) or _("no place")
    state = paint(state_word(event.status), STATE_STYLE[event.status])
    organisation = organisation_acronym(event.organisation)
    parts = [safe(organisation), format_window(event.window, lang), safe(place), state]
    return " | ".join([*parts, safe(event.theme or _("no theme"))])


def _change_lines(item: ReviewItem, lang: str, paint: Painter) -> list[str]:
    changes = dict(item.changes)
    lines = []
    if any(name in changes for name in WINDOW_FIELDS) and item.proposed is not None:
        new = item.proposed.window
        start = changes.get("start", (new.start.isoformat(),))[0]
        end = changes.get("end", (new.end.isoformat(),))[0]
        old_text = changes.get("date_text", ("",))[0]
        lines.append(
            _("date: '{old}' ({start}..{end}) -> '{new}' ({new_start}..{new_end}, {label})").format(
                old=safe(old_text),
                start=start,
                end=end,
                new=safe(new.text),
                new_start=new.start,
                new_end=new.end,
                label=format_window(new, lang),
            )
        )
    for name, (old, new) in changes.items():
        if name in WINDOW_FIELDS:
            continue
        lines.append(f"{name}: {shown_value(old)} -> {paint(shown_value(new), 'bold')}")
    return lines


def shown_value(value: Any) -> str:
    """A changed field's value as one safe line; `-` for nothing."""
    if value is None or value == []:
        return "-"
    if isinstance(value, list):
        return ", ".join(safe(str(v)) for v in value)
    return safe(str(value))


def summary(items: Sequence[ReviewItem]) -> str:
    """`17 items: 6 new, 9 updates, 1 unchanged, 1 unreadable`."""
    counts = Counter(item.action for item in items)
    parts = [_ACTION_COUNTS[a](counts[a]).format(n=counts[a]) for a in Action if counts[a]]
    total = ngettext("{n} item", "{n} items", len(items)).format(n=len(items))
    return _("{total}: {counts}").format(total=total, counts=", ".join(parts))


def applied(report: ApplyReport) -> str:
    """What an apply wrote, in one or a few lines for stderr."""
    lines = [
        _("added {added}, updated {updated}").format(
            added=len(report.added), updated=len(report.updated)
        )
    ]
    lines += [_("added {id}").format(id=event_id) for event_id in report.added]
    lines += [
        _("updated {id}: {fields}").format(id=eid, fields=", ".join(fields))
        for eid, fields in report.updated.items()
    ]
    lines += [
        _("kept your edit of {fields} on {id} (--force-user-fields to overwrite)").format(
            fields=", ".join(fields), id=eid
        )
        for eid, fields in report.kept.items()
    ]
    return "\n".join(lines)

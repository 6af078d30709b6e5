"""Two copies of an event that both change: what each side changed since they last agreed.

A calendar program can change three things of an event: its state (STATUS), its
dates and its title (SUMMARY). Each is a *part*, compared as a short text: the
value both sides agreed on at the last sync (the base), the value here and the
value on the server. A part only one side changed goes to the other side; a part
both changed to different values is a conflict, settled by the rule the person
picks, and never by dropping one side silently.
"""

from __future__ import annotations

from collections.abc import Mapping, Set
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from sco_cal.domain.event import Event, window_fields


class Part(StrEnum):
    """What a calendar program can change of an event."""

    STATUS = "status"
    DATES = "dates"
    TITLE = "title"


class Prefer(StrEnum):
    """Which side wins a conflict."""

    LOCAL = "local"
    REMOTE = "remote"


Parts = Mapping[Part, str]


def parts_of(event: Event, lang: str) -> dict[Part, str]:
    """The event's parts as texts, so that two copies compare field by field."""
    w = event.window
    dates = "|".join(
        str(x)
        for x in (
            w.start,
            w.end,
            w.precision.value,
            int(w.open_ended),
            event.start_time or "",
            event.timezone or "",
        )
    )
    return {
        Part.STATUS: event.status.value,
        Part.DATES: dates,
        Part.TITLE: event.title_in(lang),
    }


def part_changes(part: Part, source: Event, lang: str) -> dict[str, Any]:
    """The field changes that give an event `source`'s value of `part`."""
    if part is Part.STATUS:
        return {"status": source.status}
    if part is Part.DATES:
        return window_fields(source.window) | {
            "start_time": source.start_time,
            "timezone": source.timezone,
        }
    return {"title": source.title} if lang == "fr" else {"title_en": source.title_en}


@dataclass(frozen=True, slots=True)
class Merge:
    """What a sync does with one event: parts to take from the server, parts in
    conflict (left alone until a rule settles them), and whether to write it there."""

    pull: tuple[Part, ...] = ()
    conflicts: tuple[Part, ...] = ()
    push: bool = False


def merge(
    base: Parts | None,
    local: Parts,
    remote: Parts,
    *,
    remote_moved: Set[Part],
    local_moved: bool,
    prefer: Prefer | None = None,
) -> Merge:
    """Compare the three copies of one event.

    `remote_moved`: the parts a calendar program changed on the server since the last
    sync (what it shows differs from what was written there); `local_moved`: whether
    the event changed here since. Without a base (never agreed before), every part
    that differs counts as changed on both sides.
    """
    if base is None:
        theirs = {p for p in Part if local[p] != remote[p]}
        ours = set(theirs)
    else:
        theirs = {p for p in remote_moved if remote[p] != base[p]}
        ours = {p for p in Part if local[p] != base[p]}
    both = {p for p in theirs & ours if local[p] != remote[p]}
    pull = {p for p in theirs - ours if local[p] != remote[p]}
    if prefer is Prefer.REMOTE:
        pull |= both
    conflicts = set() if prefer is not None else both
    if conflicts:
        return Merge(pull=_ordered(pull), conflicts=_ordered(conflicts), push=False)
    push = local_moved or bool(pull) or base is None or bool(both)
    return Merge(pull=_ordered(pull), push=push)


def _ordered(parts: Set[Part]) -> tuple[Part, ...]:
    return tuple(p for p in Part if p in parts)

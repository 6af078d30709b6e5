"""Reading an iCalendar file: checked whole first, recurring events expanded in a range.

Recurrence (RRULE, RDATE, EXDATE, moved occurrences) is expanded by
recurring-ical-events, which is built on icalendar and dateutil's rrule and
handles the cases a bare rrule does not: EXDATE in other time zones,
RECURRENCE-ID overrides, X-WR-TIMEZONE calendars.
"""

from __future__ import annotations

from collections import defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sco_cal.domain.errors import InvalidInput
from sco_cal.interchange import fields, vocabulary
from sco_cal.interchange.incoming import Incoming, Parsed, ReadOptions, Skipped, one_line, shown
from sco_cal.interchange.lines import Block, Line, first_bad_line, read_lines, scan
from sco_cal.interchange.props import FieldError, text
from sco_cal.interchange.vocabulary import event_id_for

# RFC 5545 3.6.1: properties a VEVENT holds at most once (and sco-cal's own).
ONCE = (
    "DTSTART",
    "DTEND",
    "DURATION",
    "UID",
    "SUMMARY",
    "STATUS",
    "LOCATION",
    "DESCRIPTION",
    "RECURRENCE-ID",
    "SEQUENCE",
    "DTSTAMP",
    "LAST-MODIFIED",
    "CREATED",
    "CLASS",
    "TRANSP",
    *vocabulary.OWN_ONCE,
)
MAX_OCCURRENCES = 5000  # per series and range: more is a rule gone wrong (FREQ=MINUTELY)
Component = Any


def read_ics(data: bytes, opts: ReadOptions) -> Parsed:
    """Every event in the file, or one InvalidInput naming the line or component at fault."""
    lines = read_lines(data, opts.name)
    blocks = scan(lines, opts.name)
    calendars = _parse(lines, opts.name)
    _check_components(calendars, blocks, opts.name)
    calendars = [_standard(cal, opts.name) for cal in calendars]
    pairs = _with_blocks(calendars, blocks, opts.name)
    _check_organisations(pairs, opts)
    parsed = Parsed(format="ics")
    recurring = _recurring_uids(pairs)
    seen: dict[str, str] = {}
    for comp, block in pairs:
        if _uid(comp) in recurring:
            continue
        event_id = event_id_for(_uid(comp))
        _take(parsed, seen, comp, block, event_id, opts)
    if recurring:
        start, end = _range(opts)
        parsed.expanded = (start, end)
        for uid, members in recurring.items():
            _expand(parsed, seen, uid, members, calendars, (start, end), opts)
    return parsed


def _parse(lines: list[Line], name: str) -> list[Component]:
    from icalendar import Calendar

    text = "\r\n".join(line.text for line in lines)
    try:
        found = Calendar.from_ical(text, multiple=True)
    except Exception as exc:  # any failure of the parser on untrusted input
        # is a fault of the file here (a duplicated TZID raises AttributeError, for one).
        bad = first_bad_line(lines)
        if bad is not None:
            line, reason = bad
            raise InvalidInput(f"{name} line {line.number}: {shown(line.text)}: {reason}") from None
        raise InvalidInput(
            f"{name}: not a valid iCalendar file ({one_line(exc) or type(exc).__name__})"
        ) from None
    return list(found) if isinstance(found, list) else [found]


def _check_components(calendars: list[Component], blocks: list[Block], name: str) -> None:
    """icalendar keeps a broken property aside; here it stops the import, with its line."""
    events = iter(blocks)
    for cal in calendars:
        for comp in cal.walk():
            block = next(events, None) if comp.name == "VEVENT" else None
            for prop, message in getattr(comp, "errors", ()):
                raise InvalidInput(_error_text(name, comp, block, prop, message))
            if comp.name == "VEVENT":
                _check_vevent(comp, block, name)


def _check_vevent(comp: Component, block: Block | None, name: str) -> None:
    where = f"line {block.line}: " if block else ""
    if comp.get("DTSTART") is None:
        raise InvalidInput(
            f"{name} {where}VEVENT {_label(comp)} has no DTSTART (every event needs one)"
        )
    for prop in ONCE:
        if isinstance(comp.get(prop), list):
            line = f"line {block.line_of(prop)}: " if block else ""
            raise InvalidInput(
                f"{name} {line}{prop} appears more than once in VEVENT {_label(comp)} "
                "(is an END:VEVENT missing?)"
            )


def _error_text(
    name: str, comp: Component, block: Block | None, prop: str | None, message: str
) -> str:
    message = one_line(message)
    if block is None:
        return f"{name}: {comp.name} {prop or ''}: {message}".replace("  ", " ")
    if prop is None:
        bad = first_bad_line(block.lines)
        if bad is not None:
            return f"{name} line {bad[0].number}: {shown(bad[0].text)}: {bad[1]}"
        return f"{name} line {block.line}: VEVENT {_label(comp)}: {message}"
    return f"{name} line {block.line_of(prop)}: {prop}: {message}"


def _standard(cal: Component, name: str) -> Component:
    """A calendar whose X-WR-TIMEZONE (Google, Apple) is applied to its UTC times."""
    if cal.get("X-WR-TIMEZONE") is None:
        return cal
    import x_wr_timezone  # type: ignore[import-untyped]

    try:
        return x_wr_timezone.to_standard(cal)
    except Exception as exc:  # as for the parser: the file's fault
        raise InvalidInput(f"{name}: X-WR-TIMEZONE cannot be applied ({one_line(exc)})") from None


def _with_blocks(
    calendars: list[Component], blocks: list[Block], name: str
) -> list[tuple[Component, Block]]:
    events = [comp for cal in calendars for comp in cal.walk("VEVENT")]
    if len(events) != len(blocks):  # cannot happen with a file scan() accepted
        raise InvalidInput(f"{name}: the file's events could not be told apart")
    return list(zip(events, blocks, strict=True))


def _check_organisations(pairs: list[tuple[Component, Block]], opts: ReadOptions) -> None:
    lacking = []
    for comp, block in pairs:
        try:
            found = fields.organisation_of(comp, opts.organisation)
        except FieldError as exc:
            raise InvalidInput(
                f"{opts.name} line {block.line_of(exc.prop)}: {one_line(exc)}"
            ) from None
        if found is None:
            lacking.append((comp, block))
    if lacking:
        comp, block = lacking[0]
        raise InvalidInput(
            f"{opts.name}: {len(lacking)} event(s) name no organisation (the first on line "
            f"{block.line}, {_label(comp)}): pass --org ORG (e.g. --org SCO)"
        )


def _recurring_uids(pairs: list[tuple[Component, Block]]) -> dict[str, list[tuple[Any, Block]]]:
    members: dict[str, list[tuple[Any, Block]]] = defaultdict(list)
    for comp, block in pairs:
        members[_uid(comp)].append((comp, block))
    return {
        uid: group
        for uid, group in members.items()
        if any(c.get(p) is not None for c, _ in group for p in ("RRULE", "RDATE", "RECURRENCE-ID"))
    }


def _take(
    parsed: Parsed,
    seen: dict[str, str],
    comp: Component,
    block: Block,
    event_id: str,
    opts: ReadOptions,
) -> None:
    where = f"line {block.line}"
    if event_id in seen:
        parsed.skipped.append(
            Skipped(f"{where} {_label(comp)}", f"same UID as the event on {seen[event_id]}")
        )
        return
    seen[event_id] = where
    organisation = fields.organisation_of(comp, opts.organisation)
    assert organisation is not None  # _check_organisations made sure
    try:
        event = fields.to_event(comp, event_id=event_id, organisation=organisation, opts=opts)
    except FieldError as exc:
        raise InvalidInput(f"{opts.name} line {block.line_of(exc.prop)}: {one_line(exc)}") from None
    parsed.items.append(Incoming(event, where))


def _expand(
    parsed: Parsed,
    seen: dict[str, str],
    uid: str,
    members: list[tuple[Component, Block]],
    calendars: list[Component],
    between: tuple[date, date],
    opts: ReadOptions,
) -> None:
    """Each occurrence in the range becomes an event with an id from its UID and date."""
    import recurring_ical_events  # type: ignore[import-untyped]
    from icalendar import Calendar

    first_comp, block = members[0]
    series = Calendar()
    for cal in calendars:
        for zone in cal.walk("VTIMEZONE"):
            series.add_component(zone)
    for comp, _ in members:
        series.add_component(comp)
    occurrences = []
    try:
        query = recurring_ical_events.of(series).between(between[0], between[1] + timedelta(1))
        for occurrence in query:
            occurrences.append(occurrence)
            if len(occurrences) > MAX_OCCURRENCES:
                parsed.skipped.append(
                    Skipped(
                        f"line {block.line} {_label(first_comp)}",
                        f"repeats more than {MAX_OCCURRENCES} times between {between[0]} and "
                        f"{between[1]}: narrow --from/--to",
                    )
                )
                return
    except Exception as exc:  # a rule the expander cannot follow
        raise InvalidInput(
            f"{opts.name} line {block.line}: the recurrence of {_label(first_comp)} "
            f"cannot be expanded ({one_line(exc)})"
        ) from None
    if not occurrences:
        parsed.skipped.append(
            Skipped(
                f"line {block.line} {_label(first_comp)}",
                f"recurring, with no occurrence between {between[0]} and {between[1]}",
            )
        )
    for occurrence in occurrences:
        day = _occurrence_day(occurrence)
        _take(parsed, seen, occurrence, block, event_id_for(uid, day), opts)


def _occurrence_day(occurrence: Component) -> date:
    recurrence = occurrence.get("RECURRENCE-ID")
    moment = recurrence.dt if recurrence is not None else occurrence["DTSTART"].dt
    return moment.date() if isinstance(moment, datetime) else moment


def _range(opts: ReadOptions) -> tuple[date, date]:
    start = opts.expand_from or opts.today
    if opts.expand_to is not None:
        end = opts.expand_to
    else:
        try:
            end = start.replace(year=start.year + 2)
        except ValueError:  # 29 February
            end = start.replace(year=start.year + 2, day=28)
    if end < start:
        raise InvalidInput(f"--to {end} is before the start of the range, {start}")
    return start, end


def _uid(comp: Component) -> str:
    uid = text(comp, "UID")
    if uid:
        return uid
    # No UID (RFC 5545 requires one): its start and title identify it, the same each time.
    start = comp.get("DTSTART")
    return f"no-uid/{start.to_ical().decode() if start is not None else ''}/{_label(comp)}"


def _label(comp: Component) -> str:
    return shown(text(comp, "SUMMARY") or text(comp, "UID") or "(no title)")

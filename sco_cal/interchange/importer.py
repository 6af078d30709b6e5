"""Reading an iCalendar file into events: what can be imported, and what cannot and why.

By default an import takes every event it can read and reports each one it leaves
out, with its line, its UID and the reason: a colleague's calendar with one broken
entry still comes in. With `strict`, the first fault refuses the whole file, as
before. Either way a file that is not a calendar at all is refused, and nothing
that could mislead the store (an unreadable date, a window that ends before it
starts, a state or organisation sco-cal does not know) is ever let through.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event
from sco_cal.domain.history_notes import IMPORT_LINE
from sco_cal.i18n import _, ngettext
from sco_cal.interchange import fields, vocabulary
from sco_cal.interchange.components import Component, Fault
from sco_cal.interchange.incoming import Incoming, Parsed, ReadOptions, Skipped, one_line, shown
from sco_cal.interchange.lines import read_components
from sco_cal.interchange.props import FieldError, text
from sco_cal.interchange.recurrence import Budget, Refused, expand
from sco_cal.interchange.timing import start_and_end, when_of
from sco_cal.interchange.vocabulary import event_id_for
from sco_cal.interchange.zones import Zones

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
_ONCE = frozenset(ONCE)
_RECURRING = ("RRULE", "RDATE", "RECURRENCE-ID")
# Errors a value may raise on its way to an Event (a date out of range, an enum
# that does not know a word): each means "this event cannot be imported".
_UNUSABLE = (InvalidInput, ValueError, OverflowError)
Tick = Callable[[int], None]


class _Unusable(Exception):
    """One event that cannot be imported: the line at fault and why."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(reason)
        self.line = line
        self.reason = reason


def read_ics(data: bytes, opts: ReadOptions, tick: Tick | None = None) -> Parsed:
    """Every event the file holds that can be imported, and a report of the others.

    With `opts.strict`, the first fault is an InvalidInput naming its line instead."""
    scanned = read_components(data, opts.name)
    reading = _Reading(opts, tick)
    for fault in scanned.stray:
        reading.fault(fault, what=f"line {fault.line}", uid=None)
    for calendar in scanned.calendars:
        reading.calendar(calendar)
    return reading.finish()


@dataclass
class _Event:
    """A VEVENT that passed the checks of its form, waiting to be read."""

    comp: Component
    calendar: _Calendar
    uid: str
    organisation: str


@dataclass
class _Calendar:
    zones: Zones
    source: str  # its X-WR-TIMEZONE and VTIMEZONEs, for the series read by icalendar


@dataclass
class _Reading:
    opts: ReadOptions
    tick: Tick | None
    parsed: Parsed = field(default_factory=lambda: Parsed(format="ics"))
    events: list[_Event] = field(default_factory=list)
    lacking: list[Component] = field(default_factory=list)  # events naming no organisation
    seen: dict[str, str] = field(default_factory=dict)  # event id -> where it was found

    def calendar(self, calendar: Component) -> None:
        for zone in calendar.walk("VTIMEZONE"):
            for fault in zone.all_faults():
                what = _("line {line} {event}").format(line=zone.line, event="VTIMEZONE")
                self.fault(fault, what=what, uid=text(zone, "TZID"))
        if self.opts.strict:  # what no event is imported from must still be whole
            for other in calendar.children:
                if other.name not in ("VEVENT", "VTIMEZONE"):
                    self._refuse_faults(other)
        read = _Calendar(Zones(calendar), _calendar_source(calendar))
        for comp in calendar.children:
            if comp.name == "VEVENT":
                self._check(comp, read)
        for fault in calendar.faults:
            self.fault(fault, what=_("line {line}").format(line=fault.line), uid=None)

    def _check(self, comp: Component, calendar: _Calendar) -> None:
        """Keep an event whose form is sound; report (or refuse) one that is not."""
        if self.opts.strict:
            self._refuse_faults(comp)
        try:
            _check_form(comp, self.opts.strict)
            organisation = fields.organisation_of(comp, self.opts.organisation)
        except _Unusable as exc:
            self._skip(comp, exc.line, exc.reason)
            return
        except FieldError as exc:
            self._skip(comp, comp.line_of(exc.prop), one_line(exc))
            return
        if organisation is None:
            self.lacking.append(comp)
            return
        self.events.append(_Event(comp, calendar, _uid(comp), organisation))

    def finish(self) -> Parsed:
        if self.lacking:
            first = self.lacking[0]
            n = len(self.lacking)
            lacking = ngettext(
                "{file}: {n} event names no organisation (on line {line}, {event}): "
                "pass --org ORG (e.g. --org SCO)",
                "{file}: {n} events name no organisation (the first on line {line}, {event}): "
                "pass --org ORG (e.g. --org SCO)",
                n,
            )
            raise InvalidInput(
                lacking.format(file=self.opts.name, n=n, line=first.line, event=_label(first))
            )
        series: dict[str, list[_Event]] = defaultdict(list)
        for event in self.events:
            series[event.uid].append(event)
        recurring = {
            uid: members
            for uid, members in series.items()
            if any(p in m.comp.props for m in members for p in _RECURRING)
        }
        for event in self.events:
            if event.uid not in recurring:
                self._take(event, event_id_for(event.uid), None)
        if recurring:
            self._expand_all(recurring)
        self.parsed.skipped.sort(key=lambda s: s.line or 0)  # in file order
        return self.parsed

    def _expand_all(self, recurring: dict[str, list[_Event]]) -> None:
        between = _range(self.opts)
        self.parsed.expanded = between
        budget = Budget()
        for uid, members in recurring.items():
            first = members[0]
            try:
                occurrences = expand(
                    [m.comp for m in members], first.calendar.source, between, budget
                )
            except Refused as exc:
                self._skip(first.comp, first.comp.line, str(exc), refuse=True)
                continue
            if not occurrences:
                reason = _("recurring, with no occurrence between {start} and {end}").format(
                    start=between[0], end=between[1]
                )
                self._report(first.comp, first.comp.line, reason)
            for occurrence in occurrences:
                event = _Event(occurrence.component, first.calendar, uid, first.organisation)
                when = (occurrence.start, occurrence.end, occurrence.tzid)
                self._take(event, event_id_for(uid, occurrence.day), when, at=first.comp)

    def _take(
        self,
        event: _Event,
        event_id: str,
        when: tuple[date, date | None, str | None] | None,
        at: Component | None = None,
    ) -> None:
        """The event read and kept, unless another with its id came first."""
        where_comp = at or event.comp
        where = IMPORT_LINE.format(number=where_comp.line)
        if event_id in self.seen:
            self._report(
                where_comp,
                where_comp.line,
                _("same UID as the event on {where}").format(where=self.seen[event_id]),
            )
            return
        self.seen[event_id] = where
        try:
            parsed = _event(event, event_id, when, self.opts)
        except _Unusable as exc:
            self._skip(where_comp, exc.line, exc.reason)
            return
        self.parsed.items.append(Incoming(parsed, where, where_comp.line))
        if self.tick is not None:
            self.tick(1)

    def fault(self, fault: Fault, *, what: str, uid: str | None) -> None:
        """A fault outside any event: refused with --strict, else reported (or, if it
        leaves every event whole, let pass)."""
        if self.opts.strict:
            raise InvalidInput(
                _("{name} line {line}: {reason}").format(
                    name=self.opts.name, line=fault.line, reason=fault.reason
                )
            )
        if not fault.tolerated:
            self.parsed.skipped.append(
                Skipped(
                    what,
                    _("{reason}; ignored").format(reason=fault.reason),
                    line=fault.line,
                    uid=uid,
                )
            )

    def _refuse_faults(self, comp: Component) -> None:
        for fault in comp.all_faults():
            raise InvalidInput(
                _("{name} line {line}: {reason}").format(
                    name=self.opts.name, line=fault.line, reason=fault.reason
                )
            )

    def _skip(self, comp: Component, line: int, reason: str, *, refuse: bool = True) -> None:
        """An event left out because of a fault in it (refused whole with --strict)."""
        if refuse and self.opts.strict:
            raise InvalidInput(
                _("{name} line {line}: {reason}").format(
                    name=self.opts.name, line=line, reason=reason
                )
            )
        if line != comp.line:
            reason = _("line {line}: {reason}").format(line=line, reason=reason)
        self._report(comp, line, reason)

    def _report(self, comp: Component, line: int, reason: str) -> None:
        self.parsed.skipped.append(
            Skipped(
                _("line {line} {event}").format(line=comp.line, event=_label(comp)),
                reason,
                line=comp.line,
                uid=text(comp, "UID"),
            )
        )


def _check_form(comp: Component, strict: bool) -> None:
    """The faults of the event itself (its alarms are not imported: theirs do not count
    unless --strict), and the properties it may hold once."""
    if comp.faults:
        fault = comp.faults[0]
        raise _Unusable(fault.line, fault.reason)
    if comp.first("DTSTART") is None:
        raise _Unusable(
            comp.line,
            _("VEVENT {event} has no DTSTART (every event needs one)").format(event=_label(comp)),
        )
    if not comp.repeated:
        return
    for prop, entries in comp.props.items():
        if len(entries) < 2 or prop not in _ONCE:
            continue
        found = comp.all(prop)
        if strict or len({p.content_line() for p in found}) > 1:
            raise _Unusable(
                comp.line_of(prop, 1),
                f"{prop} appears more than once in VEVENT {_label(comp)} "
                "(is an END:VEVENT missing?)",
            )


def _event(
    event: _Event,
    event_id: str,
    when: tuple[date, date | None, str | None] | None,
    opts: ReadOptions,
) -> Event:
    comp = event.comp
    try:
        if when is None:
            start, end = start_and_end(comp, event.calendar.zones)
            prop = comp.first("DTSTART")
            tzid = prop.param("TZID") if prop is not None else None
        else:
            start, end, tzid = when
        timing = when_of(comp, fields.is_own(comp), start, end, tzid)
        read = fields.to_event(
            comp, event_id=event_id, organisation=event.organisation, opts=opts, when=timing
        )
        read.window.check_years("its dates")  # what the store would refuse, left out here
        return read
    except FieldError as exc:
        raise _Unusable(comp.line_of(exc.prop), one_line(exc)) from None
    except _UNUSABLE as exc:
        raise _Unusable(comp.line, one_line(exc) or type(exc).__name__) from None


def _calendar_source(calendar: Component) -> str:
    lines = [p.content_line() for p in calendar.all("X-WR-TIMEZONE")]
    for zone in calendar.walk("VTIMEZONE"):
        lines += zone.content_lines()
    return "\r\n".join(lines)


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
        raise InvalidInput(
            _("--to {end} is before the start of the range, {start}").format(end=end, start=start)
        )
    return start, end


def _uid(comp: Component) -> str:
    uid = text(comp, "UID")
    if uid:
        return uid
    # No UID (RFC 5545 requires one): its start and title identify it, the same each time.
    start = comp.first("DTSTART")
    return f"no-uid/{start.content_line().partition(':')[2] if start else ''}/{_label(comp)}"


def _label(comp: Component) -> str:
    return shown(text(comp, "SUMMARY") or text(comp, "UID") or "(no title)")

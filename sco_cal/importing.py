"""Calendars in and out of the store: iCalendar export, ICS and CSV import.

An import reads the whole file first, then writes every event it could read in one
transaction, and reports each one it could not (with --strict, a file with a fault
writes nothing). Events are matched by id (from
the UID, or the CSV id column): a new id is added, a known one is updated only
if an import created it and no person has changed those fields since; anything
else is reported as skipped, with the reason.
"""

from __future__ import annotations

import gc
from collections import defaultdict
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, datetime
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_cal.date_labels import format_window
from sco_cal.date_phrases import parse_date_phrase
from sco_cal.errors import InvalidInput
from sco_cal.filters import EventFilter
from sco_cal.ics.incoming import Incoming, Parsed, ReadOptions, Skipped
from sco_cal.model import Reminder
from sco_cal.organisations import organisation_code
from sco_cal.progress import QUIET, Progress
from sco_cal.store.columns import CONTENT_COLUMNS

if TYPE_CHECKING:
    from sqlmodel import Session

    from sco_cal.ics.export import ExportOptions
    from sco_cal.store.store import Store

IMPORT_ACTION = "import"
_WRITE_CHUNK = 5000  # events per bulk insert: the progress bar moves between them
# The event's own columns an import may set; tags, notes and reminders stay people's.
COMPARED = CONTENT_COLUMNS


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    file: str
    format: str
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # id -> fields changed
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    expanded: tuple[date, date] | None = None
    labels: dict[str, str] = field(default_factory=dict)  # id -> "title (when)", to show


def export_ics(
    store: Store,
    flt: EventFilter,
    today: date,
    options: ExportOptions,
    *,
    reminders: Iterable[Reminder] | None = None,
    progress: Progress = QUIET,
) -> bytes:
    """The events matching `flt` as one iCalendar file, with `reminders` as alarms."""
    from sco_cal.ics.export import calendar_bytes

    events = store.reader.events(flt, today, details=True)
    by_event: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders or ():
        by_event[reminder.event_id].append(reminder)
    progress.start("writing events", total=len(events))
    return calendar_bytes(events, options, reminders=by_event, tick=progress.advance)


def import_file(
    store: Store,
    path: Path,
    *,
    today: date,
    author: str,
    now: datetime,
    organisation: str | None = None,
    dry_run: bool = False,
    date_from: str | None = None,
    date_to: str | None = None,
    strict: bool = False,
    max_bytes: int | None = None,
    progress: Progress = QUIET,
) -> ImportReport:
    """Read `path` whole, then add and update the events it holds in one transaction;
    with `strict`, a file with any fault is refused instead of imported in part."""
    opts = ReadOptions(
        name=path.name,
        today=today,
        organisation=organisation_code(organisation) if organisation else None,
        expand_from=parse_date_phrase(date_from, today=today).start if date_from else None,
        expand_to=parse_date_phrase(date_to, today=today).end if date_to else None,
        strict=strict,
    )
    parsed = read_file(path, opts, max_bytes=max_bytes, progress=progress)
    return import_parsed(
        store, parsed, name=path.name, author=author, now=now, dry_run=dry_run, progress=progress
    )


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is read and written.

    A large import makes millions of small objects that live until it ends and form
    no cycles; the collector would walk them all again and again (a fifth to a third
    of the time of a 100,000-event import, growing faster than the file).
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def read_file(
    path: Path, opts: ReadOptions, *, max_bytes: int | None = None, progress: Progress = QUIET
) -> Parsed:
    """The file read and checked, as iCalendar or CSV by its extension or its content."""
    from sco_cal.ics.source import DEFAULT_MAX_BYTES, read_input

    progress.start(f"reading {path.name}")
    data = read_input(path, max_bytes or DEFAULT_MAX_BYTES)
    with _collector_paused():
        return _read_data(path, data, opts, progress)


def _read_data(path: Path, data: bytes, opts: ReadOptions, progress: Progress) -> Parsed:
    if _is_ics(path, data):
        from sco_cal.ics.importer import read_ics

        progress.start(f"reading {path.name}", total=data.count(b"BEGIN:VEVENT"))
        return read_ics(data, opts, tick=progress.advance)
    if _is_csv(path, data):
        from sco_cal.ics.csv_import import read_csv

        return read_csv(data, opts)
    raise InvalidInput(
        f"{path.name} is neither iCalendar (.ics) nor CSV (.csv) "
        "(an iCalendar file starts with BEGIN:VCALENDAR, a CSV file with a header row)"
    )


def import_parsed(
    store: Store,
    parsed: Parsed,
    *,
    name: str,
    author: str,
    now: datetime,
    dry_run: bool = False,
    progress: Progress = QUIET,
) -> ImportReport:
    """Add or update the parsed events in one transaction (or only say what would happen)."""
    apply = _Apply(parsed, name=name, author=author, now=now, dry_run=dry_run, progress=progress)
    with _collector_paused():
        return store.write(apply)


@dataclass
class _Apply:
    """One import's reads and writes inside the caller's transaction (run again on a retry)."""

    parsed: Parsed
    name: str
    author: str
    now: datetime
    dry_run: bool
    progress: Progress = QUIET

    def __call__(self, session: Session) -> ImportReport:
        report = ImportReport(
            file=self.name,
            format=self.parsed.format,
            dry_run=self.dry_run,
            skipped=list(self.parsed.skipped),
            expanded=self.parsed.expanded,
        )
        items = self.parsed.items
        self.progress.start("writing events", total=len(items))
        stored = _stored(session, [i.event.id for i in items])
        edits = _people_edits(session, [i.event.id for i in items if i.event.id in stored])
        new = [i for i in items if i.event.id not in stored]
        for item in items:
            event = item.event
            report.labels[event.id] = f"{event.title_en} ({_when(event.window)})"
            if event.id in stored:
                self._merge(session, report, item, stored[event.id], edits.get(event.id, {}))
                self.progress.advance()
        report.added = [i.event.id for i in new]
        for start in range(0, len(new), _WRITE_CHUNK):
            chunk = new[start : start + _WRITE_CHUNK]
            if not self.dry_run:
                self._insert(session, chunk)
            self.progress.advance(len(chunk))
        return report

    def _merge(
        self,
        session: Session,
        report: ImportReport,
        item: Incoming,
        row: Any,
        edits: dict[str, tuple[str, Any]],
    ) -> None:
        """Update a stored event from the file, short of what a person changed."""
        from sco_cal.store.writer import event_values, update_event

        incoming = event_values(item.event)
        changes = {n: incoming[n] for n in COMPARED if incoming[n] != getattr(row, n)}
        if not changes:
            report.unchanged.append(row.id)
            return
        refused = _refusal(row, changes, edits)
        if refused is not None:
            kept, reason = refused
            report.skipped.append(Skipped(f"{row.id} ({item.where})", reason, line=item.line))
            changes = {n: value for n, value in changes.items() if n not in kept}
        if not changes:
            return
        report.updated[row.id] = sorted(changes)
        if not self.dry_run:
            update_event(
                session=session,
                event_id=row.id,
                changes=changes,
                author=self.author,
                now=self.now,
                action=IMPORT_ACTION,
                note=f"imported from {self.name} ({item.where})",
                source=item.event.origin,
            )

    def _insert(self, session: Session, new: list[Incoming]) -> None:
        from sco_cal.store.writer import insert_events

        insert_events(
            session=session,
            events=[i.event for i in new],
            author=self.author,
            now=self.now,
            notes={i.event.id: f"imported from {self.name} ({i.where})" for i in new},
            source=new[0].event.origin,
        )


_when = lru_cache(maxsize=4096)(format_window)  # many events of a file share a window


def _refusal(
    row: Any, changes: dict[str, Any], edits: dict[str, tuple[str, Any]]
) -> tuple[set[str], str] | None:
    """The changes an import must not make to this stored event, and why; None if none."""
    if not str(row.origin).startswith("import:"):
        came = "the seed data" if row.origin == "seed" else "a person in sco-cal"
        return set(changes), (
            f"added by {came}, not by an import: not overwritten "
            f"(the file differs in {', '.join(sorted(changes))})"
        )
    touched = sorted(set(changes) & set(edits))
    if not touched:
        return None
    who, when = edits[touched[0]]
    return set(touched), (
        f"{', '.join(touched)} changed by {who} on {_day(when)} since it was imported: "
        "kept, not overwritten"
    )


def _stored(session: Session, ids: list[str]) -> dict[str, Any]:
    """The stored rows of these events, as plain rows (columns by name), by id.

    Plain rows, not ORM objects: a second import of 10,000 events spent a third of
    its time having the ORM track rows it only compares."""
    from sqlalchemy import select

    from sco_cal.store.schema import EventRow

    table = EventRow.__table__  # type: ignore[attr-defined]
    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in session.execute(select(table).where(table.c.id.in_(chunk))):
            found[row.id] = row
    return found


def _people_edits(session: Session, ids: list[str]) -> dict[str, dict[str, tuple[str, Any]]]:
    """For each event, the fields a person last changed (by hand, not by an import)."""
    from sqlmodel import col, select

    from sco_cal.store.schema import HistoryRow

    edits: dict[str, dict[str, tuple[str, Any]]] = {}
    for chunk in _chunks(sorted(set(ids))):
        query = (
            select(HistoryRow)
            .where(col(HistoryRow.event_id).in_(chunk), col(HistoryRow.field).is_not(None))
            .order_by(col(HistoryRow.at), col(HistoryRow.id))
        )
        for entry in session.exec(query):
            per_event = edits.setdefault(entry.event_id, {})
            if entry.action == IMPORT_ACTION:
                per_event.pop(str(entry.field), None)  # an import since then owns it again
            else:
                per_event[str(entry.field)] = (entry.author, entry.at)
    return edits


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]


def _day(moment: Any) -> str:
    return moment.date().isoformat() if isinstance(moment, datetime) else str(moment)


def _is_ics(path: Path, data: bytes) -> bool:
    suffix = path.suffix.casefold()
    if suffix in (".ics", ".ical", ".icalendar", ".ifb"):
        return True
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:15].upper()
    return suffix != ".csv" and head == b"BEGIN:VCALENDAR"


def _is_csv(path: Path, data: bytes) -> bool:
    if path.suffix.casefold() in (".csv", ".tsv", ".txt"):
        return True
    head = data.lstrip(b"\xef\xbb\xbf").split(b"\n", 1)[0].lower()
    return b"title" in head and (b"," in head or b";" in head)

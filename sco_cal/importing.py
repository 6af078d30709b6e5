"""Calendars in and out of the store: iCalendar export, ICS and CSV import.

An import reads and checks the whole file first, then writes everything in one
transaction: a file with a fault writes nothing. Events are matched by id (from
the UID, or the CSV id column): a new id is added, a known one is updated only
if an import created it and no person has changed those fields since; anything
else is reported as skipped, with the reason.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_cal.date_labels import format_window
from sco_cal.date_phrases import parse_date_phrase
from sco_cal.errors import InvalidInput
from sco_cal.filters import EventFilter
from sco_cal.ics.incoming import Incoming, Parsed, ReadOptions, Skipped
from sco_cal.model import Reminder
from sco_cal.organisations import organisation_code
from sco_cal.store.columns import CONTENT_COLUMNS

if TYPE_CHECKING:
    from sqlmodel import Session

    from sco_cal.store.store import Store

MAX_FILE_BYTES = 64 * 1024 * 1024
IMPORT_ACTION = "import"
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
    *,
    lang: str = "en",
    with_notes: bool = False,
    reminders: Iterable[Reminder] | None = None,
) -> bytes:
    """The events matching `flt` as one iCalendar file, with `reminders` as alarms."""
    from sco_cal.ics.export import calendar_bytes

    events = store.reader.events(flt, today, details=True)
    by_event: dict[str, list[Reminder]] = defaultdict(list)
    for reminder in reminders or ():
        by_event[reminder.event_id].append(reminder)
    return calendar_bytes(events, lang=lang, with_notes=with_notes, reminders=by_event)


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
) -> ImportReport:
    """Read and check `path` whole, then add and update its events in one transaction."""
    opts = ReadOptions(
        name=path.name,
        today=today,
        organisation=organisation_code(organisation) if organisation else None,
        expand_from=parse_date_phrase(date_from, today=today).start if date_from else None,
        expand_to=parse_date_phrase(date_to, today=today).end if date_to else None,
    )
    parsed = read_file(path, opts)
    return import_parsed(store, parsed, name=path.name, author=author, now=now, dry_run=dry_run)


def read_file(path: Path, opts: ReadOptions) -> Parsed:
    """The file read and checked, as iCalendar or CSV by its extension or its content."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    if _is_ics(path, data):
        from sco_cal.ics.importer import read_ics

        return read_ics(data, opts)
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
) -> ImportReport:
    """Add or update the parsed events in one transaction (or only say what would happen)."""
    return store.write(_Apply(parsed, name=name, author=author, now=now, dry_run=dry_run))


@dataclass
class _Apply:
    """One import's reads and writes inside the caller's transaction (run again on a retry)."""

    parsed: Parsed
    name: str
    author: str
    now: datetime
    dry_run: bool

    def __call__(self, session: Session) -> ImportReport:
        report = ImportReport(
            file=self.name,
            format=self.parsed.format,
            dry_run=self.dry_run,
            skipped=list(self.parsed.skipped),
            expanded=self.parsed.expanded,
        )
        items = self.parsed.items
        stored = _stored(session, [i.event.id for i in items])
        edits = _people_edits(session, [i.event.id for i in items if i.event.id in stored])
        new = [i for i in items if i.event.id not in stored]
        for item in items:
            event = item.event
            event.window.check_years(f"{self.name}: {event.title_en}")
            report.labels[event.id] = f"{event.title_en} ({format_window(event.window)})"
            if event.id in stored:
                self._merge(session, report, item, stored[event.id], edits.get(event.id, {}))
        report.added = [i.event.id for i in new]
        if new and not self.dry_run:
            self._insert(session, new)
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
            report.skipped.append(Skipped(f"{row.id} ({item.where})", reason))
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
    from sqlmodel import col, select

    from sco_cal.store.schema import EventRow

    found: dict[str, Any] = {}
    for chunk in _chunks(sorted(set(ids))):
        for row in session.exec(select(EventRow).where(col(EventRow.id).in_(chunk))):
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

"""Writing an import into the store: new events added, known ones updated short of what
people changed, all in one transaction.

The file was read whole before (`sco_cal.interchange`): what is written is every
event that could be read (with --strict, a file with a fault writes nothing). Events
are matched by id (from the UID, or the CSV id column): a new id is added, a known one
is updated only if an import created it and no person has changed those fields since;
anything else is reported as skipped, with the reason.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from functools import lru_cache
from typing import TYPE_CHECKING, Any

from sco_cal.domain.date_labels import format_window
from sco_cal.domain.event import CONTENT_FIELDS, Event, HistoryEntry, event_fields
from sco_cal.domain.history_notes import IMPORTED
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.domain.provenance import fields_set_by_people
from sco_cal.i18n import _
from sco_cal.interchange.files import collector_paused
from sco_cal.interchange.incoming import Incoming, Parsed, Skipped
from sco_cal.interchange.report import ImportReport
from sco_cal.store.mapping import EVENT_COLUMNS, entries_from_rows, event_from_row, history_query

if TYPE_CHECKING:
    from sco_cal.store.store import Store
    from sco_cal.store.transaction import Transaction

IMPORT_ACTION = "import"
_WRITE_CHUNK = 5000  # events per bulk insert: the progress bar moves between them
_when = lru_cache(maxsize=4096)(format_window)  # many events of a file share a window


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
    with collector_paused():
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

    def __call__(self, tx: Transaction) -> ImportReport:
        report = ImportReport(
            file=self.name,
            format=self.parsed.format,
            dry_run=self.dry_run,
            skipped=list(self.parsed.skipped),
            expanded=self.parsed.expanded,
        )
        items = self.parsed.items
        self.progress.start(_("writing events"), total=len(items))
        stored = _stored(tx, [i.event.id for i in items])
        edits = _people_edits(tx, [i.event.id for i in items if i.event.id in stored])
        new = [i for i in items if i.event.id not in stored]
        for item in items:
            event = item.event
            event.window.check_years(f"{self.name}: {event.title_en}")
            report.labels[event.id] = f"{event.title_en} ({_when(event.window)})"
            if event.id in stored:
                self._merge(tx, report, item, stored[event.id], edits.get(event.id, {}))
                self.progress.advance()
        report.added = [i.event.id for i in new]
        for start in range(0, len(new), _WRITE_CHUNK):
            chunk = new[start : start + _WRITE_CHUNK]
            if not self.dry_run:
                self._insert(tx, chunk)
            self.progress.advance(len(chunk))
        return report

    def _merge(
        self,
        tx: Transaction,
        report: ImportReport,
        item: Incoming,
        row: Event,
        edits: dict[str, HistoryEntry],
    ) -> None:
        """Update a stored event from the file, short of what a person changed."""
        from sco_cal.store.writer import update_event

        incoming, stored = event_fields(item.event), event_fields(row)
        changes = {n: incoming[n] for n in CONTENT_FIELDS if incoming[n] != stored[n]}
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
                tx=tx,
                event_id=row.id,
                changes=changes,
                author=self.author,
                now=self.now,
                action=IMPORT_ACTION,
                note=IMPORTED.format(file=self.name, where=item.where),
                source=item.event.origin,
            )

    def _insert(self, tx: Transaction, new: list[Incoming]) -> None:
        from sco_cal.store.writer import insert_events

        insert_events(
            tx=tx,
            events=[i.event for i in new],
            author=self.author,
            now=self.now,
            notes={i.event.id: IMPORTED.format(file=self.name, where=i.where) for i in new},
            source=new[0].event.origin,
        )


def _refusal(
    row: Event, changes: dict[str, Any], edits: dict[str, HistoryEntry]
) -> tuple[set[str], str] | None:
    """The changes an import must not make to this stored event, and why; None if none."""
    if not str(row.origin).startswith("import:"):
        if row.origin == "seed":
            came = _(
                "added by the seed data, not by an import: not overwritten "
                "(the file differs in {fields})"
            )
        else:
            came = _(
                "added by a person in sco-cal, not by an import: not overwritten "
                "(the file differs in {fields})"
            )
        return set(changes), came.format(fields=", ".join(sorted(changes)))
    touched = sorted(set(changes) & set(edits))
    if not touched:
        return None
    last = edits[touched[0]]
    return set(touched), _(
        "{fields} changed by {author} on {day} since it was imported: kept, not overwritten"
    ).format(fields=", ".join(touched), author=last.author, day=last.at.date().isoformat())


def _stored(tx: Transaction, ids: list[str]) -> dict[str, Event]:
    """The stored events among `ids` (their own fields: what an import compares)."""
    found: dict[str, Event] = {}
    columns = ", ".join(EVENT_COLUMNS)
    for chunk in _chunks(sorted(set(ids))):
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        sql = f"SELECT {columns} FROM event WHERE id IN ({marks})"
        for row in tx.fetch(sql, {f"i{n}": v for n, v in enumerate(chunk)}):
            event = event_from_row(tuple(row))
            found[event.id] = event
    return found


def _people_edits(tx: Transaction, ids: list[str]) -> dict[str, dict[str, HistoryEntry]]:
    """For each event, the fields a person set by hand, and the entry that set each."""
    by_event: dict[str, list[HistoryEntry]] = {}
    for chunk in _chunks(sorted(set(ids))):
        marks = ", ".join(f":i{n}" for n in range(len(chunk)))
        sql = history_query(f"h.event_id IN ({marks})", "h.at, h.id")
        rows = tx.fetch(sql, {f"i{n}": v for n, v in enumerate(chunk)})
        for entry in entries_from_rows(rows):
            by_event.setdefault(entry.event_id, []).append(entry)
    return {event_id: fields_set_by_people(entries) for event_id, entries in by_event.items()}


def _chunks(ids: list[str], size: int = 500) -> list[list[str]]:
    return [ids[i : i + size] for i in range(0, len(ids), size)]

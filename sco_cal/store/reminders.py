"""Reminder rows: lean reads over the `Rows` protocol, writes and delivery in a transaction.

Delivery happens in the transaction that found the reminders due: each one is claimed
with a conditional write (`UPDATE ... WHERE delivered_at IS NULL`, or an insert that
does nothing on conflict) and only what was claimed is returned. On SQLite the write
transaction begins IMMEDIATE, so a second `remind due` waits and then finds nothing;
on PostgreSQL the second writer blocks on the row, re-checks the condition and skips.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from sco_cal.domain.errors import InvalidInput, NotFound
from sco_cal.domain.event import Event, FieldChange, Kind, Reminder, ReminderMode
from sco_cal.domain.history_notes import (
    REMINDED,
    REMINDER_DELETED,
    REMINDER_DUE,
    REMINDER_WHEN_DATED,
)
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.reminders import DueReminder
from sco_cal.i18n import _
from sco_cal.store.mapping import (
    EVENT_COLUMNS,
    REMINDER_COLUMNS,
    as_date,
    event_from_row,
    reminder_from_row,
)
from sco_cal.store.reader import Reader, Row, Rows
from sco_cal.store.transaction import Transaction, insert_sql
from sco_cal.store.writer import record

_CHUNK = 500
_COLUMNS = ", ".join(REMINDER_COLUMNS)


class ReminderReads:
    """Queries for reminders, the events they point at, and what was delivered."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows
        self._reader = Reader(rows)

    def reminders(self, *, event_id: str | None = None, pending: bool = False) -> list[Reminder]:
        clauses, params = ["1 = 1"], dict[str, Any]()
        if event_id is not None:
            clauses.append("event_id = :event_id")
            params["event_id"] = event_id
        if pending:
            clauses.append("delivered_at IS NULL")
        sql = (
            f"SELECT {', '.join(REMINDER_COLUMNS)} FROM reminder "
            f"WHERE {' AND '.join(clauses)} ORDER BY due, id"
        )
        return [reminder_from_row(r) for r in self._rows.fetch(sql, params)]

    def reminder(self, reminder_id: int) -> Reminder:
        found = self._rows.fetch(
            f"SELECT {', '.join(REMINDER_COLUMNS)} FROM reminder WHERE id = :id",
            {"id": reminder_id},
        )
        if not found:
            raise NotFound(_("no reminder #{number}").format(number=reminder_id))
        return reminder_from_row(found[0])

    def events(self, ids: Iterable[str]) -> dict[str, Event]:
        """Events by id, without their related rows."""
        columns = ", ".join(EVENT_COLUMNS)
        rows = self._in_chunks(f"SELECT {columns} FROM event WHERE id IN ({{marks}})", ids)
        return {e.id: e for e in (event_from_row(r) for r in rows)}

    def deliveries(self, event_ids: Iterable[str]) -> set[tuple[str, str, date]]:
        """(event, rule, due) of the default reminders already delivered."""
        sql = "SELECT event_id, rule_key, due FROM reminder_delivery WHERE event_id IN ({marks})"
        return {(r[0], r[1], as_date(r[2])) for r in self._in_chunks(sql, event_ids)}

    def rule_candidates(
        self, today: date, *, within_days: int | None, follow_up: bool
    ) -> list[Event]:
        """Events a default rule could make due today: starting within `within_days`, or
        (`follow_up`) needing follow-up. The rules themselves decide among these."""
        every_kind = tuple(Kind)
        found: list[Event] = []
        longest = within_days
        if longest is not None:
            ahead = EventFilter(
                scope=Scope.ALL,
                kinds=every_kind,
                date_from=today,
                date_to=today + timedelta(days=longest),
            )
            found += self._reader.events(ahead, today)
        if follow_up:
            overdue = EventFilter(scope=Scope.ALL, kinds=every_kind, follow_up=True)
            found += self._reader.events(overdue, today)
        return found

    def _in_chunks(self, sql: str, values: Iterable[str]) -> list[Row]:
        ordered, rows = sorted(set(values)), list[Row]()
        for start in range(0, len(ordered), _CHUNK):
            chunk = ordered[start : start + _CHUNK]
            params = {f"v{i}": v for i, v in enumerate(chunk)}
            rows += self._rows.fetch(sql.format(marks=", ".join(f":{k}" for k in params)), params)
        return rows


# -- writes: each takes the transaction and never commits ---------------------------------


def insert_reminder(
    *,
    tx: Transaction,
    event_id: str,
    due: date,
    spec: str,
    author: str,
    now: datetime,
    mode: ReminderMode = ReminderMode.BEFORE,
) -> Reminder:
    """A new reminder, and a `remind` entry in the event's history."""
    same_day = tx.fetch(
        "SELECT id FROM reminder WHERE event_id = :event_id AND due = :due",
        {"event_id": event_id, "due": due},
    )
    if same_day:
        raise InvalidInput(
            _("{id} already has a reminder due {day} (#{number})").format(
                id=event_id, day=due, number=same_day[0][0]
            )
        )
    values = {
        "event_id": event_id,
        "due": due,
        "spec": spec,
        "mode": mode.value,
        "author": author,
        "created_at": now,
    }
    (row,) = tx.fetch(insert_sql("reminder", list(values), returning=_COLUMNS), values)
    reminder = reminder_from_row(row)
    note = REMINDER_DUE.format(number=reminder.id, day=due.isoformat())
    if mode is ReminderMode.WHEN_DATED:
        note = REMINDER_WHEN_DATED.format(number=reminder.id, spec=spec)
    record(
        tx=tx,
        event_id=event_id,
        author=author,
        now=now,
        action="remind",
        changes=[FieldChange("reminder", None, spec)],
        note=note,
    )
    return reminder


def _changed(tx: Transaction, sql: str, reminder_id: int, **values: object) -> Reminder:
    """The reminder `sql` changed, as it returns it; refused when there is no such one."""
    found = tx.fetch(sql, {"id": reminder_id, **values})
    if not found:
        raise NotFound(_("no reminder #{number}").format(number=reminder_id))
    return reminder_from_row(found[0])


def delete_reminder(*, tx: Transaction, reminder_id: int, author: str, now: datetime) -> Reminder:
    gone = _changed(tx, f"DELETE FROM reminder WHERE id = :id RETURNING {_COLUMNS}", reminder_id)
    record(
        tx=tx,
        event_id=gone.event_id,
        author=author,
        now=now,
        action="unremind",
        changes=[FieldChange("reminder", gone.spec, None)],
        note=REMINDER_DELETED.format(number=reminder_id),
    )
    return gone


def snooze_reminder(
    *, tx: Transaction, reminder_id: int, until: date, author: str, now: datetime
) -> Reminder:
    """Due again on `until`, even if it was delivered already."""
    reminder = _changed(
        tx,
        "UPDATE reminder SET snoozed_until = :until, delivered_at = NULL WHERE id = :id "
        f"RETURNING {_COLUMNS}",
        reminder_id,
        until=until,
    )
    record(
        tx=tx,
        event_id=reminder.event_id,
        author=author,
        now=now,
        action="snooze",
        changes=[FieldChange("reminder", None, until.isoformat())],
        note=REMINDED.format(number=reminder_id),
    )
    return reminder


def claim_delivery(
    *, tx: Transaction, due: Sequence[DueReminder], now: datetime
) -> list[DueReminder]:
    """Mark each reminder delivered unless another process did first; returns those claimed.

    RETURNING says whether this transaction claimed it (a rowcount is not always told).
    """
    claimed = []
    for item in due:
        if item.reminder is not None:
            sql = (
                "UPDATE reminder SET delivered_at = :now "
                "WHERE id = :id AND delivered_at IS NULL RETURNING id"
            )
            params: dict[str, Any] = {"now": now, "id": item.reminder.id}
        else:
            sql = (
                insert_sql("reminder_delivery", ("event_id", "rule_key", "due", "delivered_at"))
                + " ON CONFLICT DO NOTHING RETURNING event_id"
            )
            params = {
                "event_id": item.event.id,
                "rule_key": item.rule,
                "due": item.due,
                "delivered_at": now,
            }
        if tx.fetch(sql, params):
            claimed.append(item)
    return claimed

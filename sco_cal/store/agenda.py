"""Reads for an agenda of any size: pages around a place in date order, counts, facets.

The TUI never loads a whole result. It asks for a page of events on either side of
an anchor (an event's place in the agenda's order, or today) through the start-date
index, and for counts in one separate scan. Every condition comes from
`where_clause`, so a page, a count and `sco-cal list` agree on what matches.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace
from datetime import date
from typing import Any

from sco_cal.domain.agenda import Tally
from sco_cal.domain.event import Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.ordering import SortPosition, today_position
from sco_cal.domain.query import EventFilter
from sco_cal.store.mapping import as_date, event_from_row
from sco_cal.store.reader import (
    AGENDA_ORDER,
    EVENT_SELECT,
    Rows,
    follow_up_condition,
    where_clause,
)

FACET_COLUMNS = frozenset({"organisation", "status", "country", "theme", "kind"})


class AgendaReads:
    """Paged, counted and grouped reads of the events a filter matches."""

    def __init__(self, rows: Rows) -> None:
        self._rows = rows

    def page(
        self,
        flt: EventFilter,
        today: date,
        *,
        anchor: SortPosition | None,
        limit: int,
        backward: bool = False,
    ) -> list[Event]:
        """Up to `limit` events from `anchor` on (or, `backward`, just before it), in date
        order; without an anchor, the first ones (or, `backward`, the last ones)."""
        where, params = where_clause(flt, today, self._rows.dialect, paged=True)
        if anchor is not None:
            where += " AND " + _beyond(anchor, backward, params)
        direction = "DESC" if backward else "ASC"
        # Walking the agenda-day index alone stops after `limit` matches; the full order
        # is then applied to the days found. Sorting by all four keys at once would
        # make the database read every match first.
        dates = self._rows.fetch(
            f"SELECT e.agenda_day FROM event e WHERE {where} "
            f"ORDER BY e.agenda_day {direction} LIMIT {int(limit)}",
            params,
        )
        if not dates:
            return []
        params["pg_edge"] = dates[-1][0]
        sql = (
            f"SELECT e.id FROM event e WHERE {where} "
            f"AND e.agenda_day {'>=' if backward else '<='} :pg_edge "
            f"ORDER BY {AGENDA_ORDER.format(direction)} LIMIT {int(limit)}"
        )
        ids = [str(r[0]) for r in self._rows.fetch(sql, params)]
        events = self._events(ids)
        return events[::-1] if backward else events

    def tally(self, flt: EventFilter, today: date, anchor: SortPosition | None = None) -> Tally:
        """Counts in one scan: all matches, those sorting before today, those before
        `anchor` (so a page starting at `anchor` begins at that position), and those
        needing follow-up."""
        where, params = where_clause(flt, today, self._rows.dialect)
        before_anchor = _beyond(anchor, True, params) if anchor is not None else "1 = 0"
        before_today = _beyond(today_position(today), True, params, name="td")
        counts = [before_today, before_anchor, follow_up_condition(params)]
        sums = ", ".join(f"coalesce(sum(CASE WHEN {c} THEN 1 ELSE 0 END), 0)" for c in counts)
        sql = f"SELECT count(*), {sums} FROM event e WHERE {where}"
        total, before, before_anchor_n, follow_up = self._rows.fetch(sql, params)[0]
        return Tally(int(total), int(before), int(before_anchor_n), int(follow_up))

    def facet_counts(
        self, flt: EventFilter, today: date, columns: Sequence[str]
    ) -> dict[str, list[tuple[str, int]]]:
        """For each column, how many matches have each of its values, most frequent first;
        all columns in one grouped scan.

        Themes count under their own id and under every enclosing theme, because a
        filter on a theme matches its sub-themes too.
        """
        if unknown := set(columns) - FACET_COLUMNS:
            raise ValueError(f"no facet on columns {sorted(unknown)}")
        if not columns:
            return {}
        where, params = where_clause(flt, today, self._rows.dialect)
        picked = ", ".join(f"e.{c}" for c in columns)
        sql = f"SELECT {picked}, count(*) FROM event e WHERE {where} GROUP BY {picked}"
        counts: dict[str, dict[str, int]] = {c: {} for c in columns}
        for row in self._rows.fetch(sql, params):
            for column, value in zip(columns, row, strict=False):
                if value is None:
                    continue
                keys = _theme_and_parents(str(value)) if column == "theme" else [str(value)]
                for key in keys:
                    counts[column][key] = counts[column].get(key, 0) + int(row[-1])
        return {
            c: sorted(found.items(), key=lambda kv: (-kv[1], kv[0])) for c, found in counts.items()
        }

    def overlap_counts(
        self, flt: EventFilter, today: date, spans: Sequence[tuple[date, date]]
    ) -> list[int]:
        """For each span (first, last day), how many matches have a window overlapping it."""
        if not spans:
            return []
        where, params = where_clause(flt, today, self._rows.dialect)
        sums = []
        for i, (first, last) in enumerate(spans):
            params[f"sp_a{i}"], params[f"sp_b{i}"] = first, last
            sums.append(
                f"coalesce(sum(CASE WHEN e.end_date >= :sp_a{i} "
                f"AND e.start_date <= :sp_b{i} THEN 1 ELSE 0 END), 0)"
            )
        row = self._rows.fetch(f"SELECT {', '.join(sums)} FROM event e WHERE {where}", params)[0]
        return [int(v) for v in row]

    def day_spans(
        self, flt: EventFilter, today: date, first: date, last: date
    ) -> list[tuple[date, date, ConfirmationState, int]]:
        """Windows of known days overlapping `first`..`last`, counted by days and state:
        what marks the days of a month's grid, in one grouped scan."""
        span = replace(flt, exact=True, date_from=first, date_to=last)
        where, params = where_clause(span, today, self._rows.dialect)
        sql = (
            "SELECT e.start_date, e.end_date, e.status, count(*) FROM event e "
            f"WHERE {where} GROUP BY e.start_date, e.end_date, e.status"
        )
        return [
            (as_date(a), as_date(b), ConfirmationState(state), int(n))
            for a, b, state, n in self._rows.fetch(sql, params)
        ]

    def change_token(self) -> tuple[int, ...]:
        """Changes whenever anything is written: every write records a history row, and
        reminders, which may not, are counted; a restore or an upgrade marks `meta`."""
        sql = (
            "SELECT (SELECT coalesce(max(id), 0) FROM history), "
            "(SELECT coalesce(max(id), 0) FROM reminder), (SELECT count(*) FROM reminder), "
            "(SELECT coalesce(sum(CAST(value AS BIGINT)), 0) FROM meta "
            "WHERE key IN ('schema_version', 'restored_at'))"
        )
        return tuple(int(v) for v in self._rows.fetch(sql, {})[0])

    def _events(self, ids: list[str]) -> list[Event]:
        if not ids:
            return []
        params = {f"id{i}": event_id for i, event_id in enumerate(ids)}
        marks = ", ".join(f":{name}" for name in params)
        rows = self._rows.fetch(
            f"SELECT {EVENT_SELECT} FROM event e WHERE e.id IN ({marks})", params
        )
        by_id = {row[0]: event_from_row(row[:-1], row[-1]) for row in rows}
        return [by_id[i] for i in ids if i in by_id]


def _beyond(anchor: SortPosition, backward: bool, params: dict[str, Any], name: str = "an") -> str:
    """Events sorting at or after `anchor`, or (`backward`) strictly before it.

    The leading agenda-day bound is redundant with the rest; it lets the database walk
    the agenda-day index instead of scanning.
    """
    day, start, end, ident = (f"{name}_{k}" for k in ("d", "s", "e", "id"))
    params[day], params[start], params[end], params[ident] = anchor
    op, last = ("<", "<") if backward else (">", ">=")
    return (
        f"e.agenda_day {op}= :{day} AND (e.agenda_day {op} :{day} OR "
        f"(e.agenda_day = :{day} AND (e.start_date {op} :{start} OR "
        f"(e.start_date = :{start} AND (e.end_date {op} :{end} OR "
        f"(e.end_date = :{end} AND e.id {last} :{ident}))))))"
    )


def _theme_and_parents(theme_id: str) -> list[str]:
    parts = theme_id.split(".")
    return [".".join(parts[: i + 1]) for i in range(len(parts))]

"""Reading a CSV file of events in a small documented column set, checked row by row.

Columns (a header row is required; names are case-insensitive, order free):
title (required), date (required, any date phrase), organisation (required unless
--org), country, city (several separated by ';'), status (default provisional),
kind (default meeting), theme, title_fr, id (default: from organisation, title
and year, so that importing the same row again finds the same event).
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import replace

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, Kind, Source, readable_id
from sco_cal.domain.history_notes import IMPORT_ROW
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import organisation_code
from sco_cal.domain.places import city, country_code
from sco_cal.domain.themes import resolve_theme
from sco_cal.i18n import N_, _
from sco_cal.interchange.incoming import MAX_TITLE, Incoming, Parsed, ReadOptions, Skipped, clip
from sco_cal.interchange.lines import decode

COLUMNS = (
    "title",
    "date",
    "organisation",
    "country",
    "city",
    "status",
    "kind",
    "theme",
    "title_fr",
    "id",
)
REQUIRED = ("title", "date")
_ALIASES = {"org": "organisation", "organization": "organisation", "cities": "city"}
_ID = re.compile(r"[a-z0-9][a-z0-9._-]{0,99}")


def read_csv(data: bytes, opts: ReadOptions) -> Parsed:
    """Every row that can be read as an event, and a report of the others; with
    `opts.strict`, one InvalidInput naming the first row at fault instead."""
    text = decode(data, opts.name)
    first = text.splitlines()[0] if text.splitlines() else ""
    dialect = ";" if first.count(";") > first.count(",") else ","  # spreadsheets in French
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=dialect, strict=True)
    parsed = Parsed(format="csv")
    try:
        header = _header(next(reader, []), opts.name)
        seen: dict[str, int] = {}
        for cells in reader:
            row = reader.line_num
            if not any(c.strip() for c in cells):
                continue
            try:
                _take(parsed, seen, _row(header, cells, row), row, opts)
            except InvalidInput as exc:
                if opts.strict:
                    raise InvalidInput(
                        _("{name} row {row}: {exc}").format(name=opts.name, row=row, exc=exc)
                    ) from None
                parsed.skipped.append(Skipped(_("row {row}").format(row=row), str(exc), line=row))
    except csv.Error as exc:
        raise InvalidInput(
            _("{name} row {line_num}: not valid CSV ({exc})").format(
                name=opts.name, line_num=reader.line_num, exc=exc
            )
        ) from None
    return parsed


def _header(cells: list[str], name: str) -> list[str]:
    header = [_ALIASES.get(c.strip().casefold(), c.strip().casefold()) for c in cells]
    unknown = [c for c in header if c not in COLUMNS]
    if unknown:
        raise InvalidInput(
            _("{name} row 1: unknown column {column!r} (columns: {columns})").format(
                name=name, column=unknown[0], columns=", ".join(COLUMNS)
            )
        )
    missing = [c for c in REQUIRED if c not in header]
    if missing:
        raise InvalidInput(
            _("{name} row 1: no {column!r} column (required: title, date)").format(
                name=name, column=missing[0]
            )
        )
    return header


def _row(header: list[str], cells: list[str], row: int) -> dict[str, str]:
    if len(cells) > len(header):
        raise InvalidInput(
            _("{cells} cells but the header names {columns} columns").format(
                cells=len(cells), columns=len(header)
            )
        )
    return {column: cell.strip() for column, cell in zip(header, cells, strict=False)}


def _take(
    parsed: Parsed, seen: dict[str, int], values: dict[str, str], row: int, opts: ReadOptions
) -> None:
    event = _event(values, row, opts)
    if event.id in seen:
        parsed.skipped.append(
            Skipped(f"row {row} {event.title_en!r}", f"same id as row {seen[event.id]}", line=row)
        )
        return
    seen[event.id] = row
    parsed.items.append(Incoming(event, IMPORT_ROW.format(number=row), row))


def _event(values: dict[str, str], row: int, opts: ReadOptions) -> Event:
    title = clip(_required(values, "title"), MAX_TITLE)
    window = parse_date_phrase(_required(values, "date"), today=opts.today)
    org_text = values.get("organisation") or opts.organisation
    if not org_text:
        raise InvalidInput(_("no organisation (fill the organisation column or pass --org)"))
    cities = tuple(city(c).name for c in re.split(r"[;,]", values.get("city", "")) if c.strip())
    country = country_code(values["country"]) if values.get("country") else None
    if country is None and cities:
        country = city(cities[0]).country
    event = Event(
        id="",
        organisation=organisation_code(org_text),
        kind=Kind.parse(values.get("kind") or "meeting"),
        title=clip(values.get("title_fr") or title, MAX_TITLE),
        title_en=title,
        window=window,
        status=ConfirmationState.parse(values.get("status") or "provisional"),
        theme=resolve_theme(values["theme"]) if values.get("theme") else None,
        country=country,
        cities=cities,
        origin=opts.origin,
        sources=(Source(document=opts.name, excerpt=_excerpt(values, row)),),
    )
    return replace(event, id=_id(values.get("id", ""), event))


# One sentence per required column, so that each language can word it whole.
_EMPTY = {"title": N_("the title is empty"), "date": N_("the date is empty")}


def _required(values: dict[str, str], column: str) -> str:
    value = values.get(column, "")
    if not value:
        raise InvalidInput(_(_EMPTY[column]))
    return value


def _id(given: str, event: Event) -> str:
    if given:
        if not _ID.fullmatch(given):
            raise InvalidInput(
                _(
                    "id {id!r} must be lower-case letters, digits, '.', '_' or '-' (up to 100)"
                ).format(id=given)
            )
        return given
    return readable_id(event)


def _excerpt(values: dict[str, str], row: int) -> str:
    said = ", ".join(f"{k}={v}" for k, v in values.items() if v)
    return clip(f"row {row}: {said}", 10_000)

"""Opening a calendar file: its size checked, then read as iCalendar or CSV by what it is."""

from __future__ import annotations

from pathlib import Path

from sco_cal.domain.errors import InvalidInput
from sco_cal.interchange.incoming import Parsed, ReadOptions

MAX_FILE_BYTES = 64 * 1024 * 1024


def read_file(path: Path, opts: ReadOptions) -> Parsed:
    """The file read and checked, as iCalendar or CSV by its extension or its content."""
    try:
        if path.stat().st_size > MAX_FILE_BYTES:
            raise InvalidInput(f"{path.name} is larger than {MAX_FILE_BYTES >> 20} MiB")
        data = path.read_bytes()
    except OSError as exc:
        raise InvalidInput(f"cannot read {path}: {exc.strerror or exc}") from None
    if _is_ics(path, data):
        from sco_cal.interchange.importer import read_ics

        return read_ics(data, opts)
    if _is_csv(path, data):
        from sco_cal.interchange.csv_import import read_csv

        return read_csv(data, opts)
    raise InvalidInput(
        f"{path.name} is neither iCalendar (.ics) nor CSV (.csv) "
        "(an iCalendar file starts with BEGIN:VCALENDAR, a CSV file with a header row)"
    )


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

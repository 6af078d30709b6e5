"""Opening a calendar file: read within its size limit, then as iCalendar or CSV by what it is."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.i18n import _
from sco_cal.interchange.incoming import Parsed, ReadOptions


def read_file(
    path: Path, opts: ReadOptions, *, max_bytes: int | None = None, progress: Progress = QUIET
) -> Parsed:
    """The file read (no more than `max_bytes`, 50 MB by default) as iCalendar or CSV, by
    its extension or its content: every event that can be read, and what cannot."""
    from sco_cal.interchange.source import DEFAULT_MAX_BYTES, read_input

    progress.start(_("reading {file}").format(file=path.name))
    data = read_input(path, max_bytes or DEFAULT_MAX_BYTES)
    with collector_paused():
        return _read_data(path, data, opts, progress)


def _read_data(path: Path, data: bytes, opts: ReadOptions, progress: Progress) -> Parsed:
    if _is_ics(path, data):
        from sco_cal.interchange.importer import read_ics

        progress.start(
            _("reading {file}").format(file=path.name), total=data.count(b"BEGIN:VEVENT")
        )
        return read_ics(data, opts, tick=progress.advance)
    if _is_csv(path, data):
        from sco_cal.interchange.csv_import import read_csv

        return read_csv(data, opts)
    raise InvalidInput(
        f"{path.name} is neither iCalendar (.ics) nor CSV (.csv) "
        "(an iCalendar file starts with BEGIN:VCALENDAR, a CSV file with a header row)"
    )


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a file is read, or its events written or exported.

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

"""Commands that move calendars in and out: export (iCalendar, JSON, CSV) and import."""

from __future__ import annotations

import sys
from dataclasses import dataclass, replace
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.listing import list_criteria
from sco_cal.cli.options import (
    AllEvents,
    City,
    Country,
    DateFrom,
    DateTo,
    Db,
    Fmt,
    FollowUp,
    Format,
    KindOption,
    LangOption,
    NoColor,
    OrgLong,
    Past,
    Series,
    Status,
    Tag,
    Theme,
    Today,
    WithNotes,
    Words,
)
from sco_cal.cli.progress import progress_on_stderr
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.query import Criteria
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sco_cal.domain.query import EventFilter
    from sco_cal.interchange.incoming import Skipped
    from sco_cal.interchange.report import ImportReport

app = typer.Typer()


class ExportFormat(StrEnum):
    ICS = "ics"
    JSON = "json"
    CSV = "csv"


class Fuzzy(StrEnum):  # the values of interchange.fuzzy.FuzzyMode, without importing it
    SPAN = "span"
    MARKER = "marker"
    SKIP = "skip"


@app.command(
    "export",
    help=N_(
        "Export events to a calendar file: every event (past too) unless filtered as for `list`."
    ),
)
def export(
    words: Words = None,
    all_: AllEvents = False,
    past: Past = False,
    org: OrgLong = None,
    country: Country = None,
    city: City = None,
    status: Status = None,
    theme: Theme = None,
    kind: KindOption = None,
    series: Series = None,
    tag: Tag = None,
    date_from: DateFrom = None,
    date_to: DateTo = None,
    follow_up: FollowUp = False,
    annotated: WithNotes = False,
    fmt: Annotated[
        ExportFormat,
        typer.Option("--format", "-F", help=N_("iCalendar (RFC 5545), or json, csv.")),
    ] = ExportFormat.ICS,
    output: Annotated[
        Path | None,
        typer.Option(
            "--output",
            "-o",
            metavar="FILE",
            help=N_(
                "Write to FILE (default: stdout); a new file is private (0600), an existing "
                "one keeps its mode, a FIFO or device is written into, a symbolic link is refused."
            ),
        ),
    ] = None,
    feed: Annotated[
        Path | None,
        typer.Option(
            "--feed",
            metavar="DIR",
            help=N_(
                "Write and atomically replace DIR/sco-cal.ics, for subscribed calendars "
                "(run it from cron); a new feed is readable as the umask allows."
            ),
        ),
    ] = None,
    with_notes: Annotated[
        bool,
        typer.Option(
            "--with-notes", help=N_("Include annotations (left out unless asked: files travel).")
        ),
    ] = False,
    with_alarms: Annotated[
        bool, typer.Option("--with-alarms", help=N_("Pending reminders as VALARMs."))
    ] = False,
    fuzzy: Annotated[
        Fuzzy | None,
        typer.Option(
            "--fuzzy",
            help=N_(
                "Windows coarser than a month (quarter, half, season, year, open-ended): "
                "marker (default) shows each once, on its first day; span covers every day "
                "of the window; skip leaves them out."
            ),
        ),
    ] = None,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        written = _Written(fmt, output, feed, with_notes, with_alarms, fuzzy)
        _export(cli, list_criteria(cli, locals()), written)


@dataclass(frozen=True)
class _Written:
    """How the export is written: its format, where to, and what goes in it."""

    fmt: ExportFormat
    output: Path | None
    feed: Path | None
    with_notes: bool
    with_alarms: bool
    fuzzy: Fuzzy | None


def _export(cli: Cli, criteria: Criteria, written: _Written) -> None:
    from sco_cal.interchange.feed import feed_path
    from sco_cal.store.files import write_output

    output, feed, fmt = written.output, written.feed, written.fmt
    if output is not None and feed is not None:
        raise InvalidInput(_("give --output or --feed, not both"))
    if feed is not None and fmt is not ExportFormat.ICS:
        raise InvalidInput(_("a feed is an iCalendar file: --feed needs --format ics"))
    if written.fuzzy is not None and fmt is not ExportFormat.ICS:
        raise InvalidInput(_("--fuzzy is for calendar programs: it needs --format ics"))
    if criteria.scope is None:  # a calendar keeps its past; --from today for what is to come
        criteria = replace(criteria, scope="all")
    data, count = _rendered(cli, criteria.resolve(cli.today), written)
    target = feed_path(feed) if feed is not None else output
    if target is None or str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_output(target, data, shared=feed is not None)
    cli.say(
        ngettext("wrote {n} event to {target}", "wrote {n} events to {target}", count).format(
            n=count, target=target
        )
    )


def _rendered(cli: Cli, flt: EventFilter, written: _Written) -> tuple[bytes, int]:
    """The file's bytes and how many events it holds."""
    fmt = written.fmt
    if fmt is ExportFormat.ICS:
        with progress_on_stderr() as progress:
            data = cli.service.calendars.export_ics(
                flt,
                with_notes=written.with_notes,
                with_alarms=written.with_alarms,
                lang=cli.lang,
                fuzzy=written.fuzzy.value if written.fuzzy else None,
                progress=progress,
            )
        return data, data.count(b"BEGIN:VEVENT")
    from sco_cal.output.formats import EVENT_CSV_COLUMNS, to_csv, to_json
    from sco_cal.output.records import event_record

    events = cli.service.calendars.export_events(flt, with_notes=written.with_notes)
    records = [event_record(e, cli.today, cli.lang) for e in events]
    if fmt is ExportFormat.JSON:
        return (to_json(records) + "\n").encode("utf-8"), len(records)
    return to_csv(records, EVENT_CSV_COLUMNS).encode("utf-8"), len(records)


@app.command(
    "import",
    help=N_(
        "Import events from an iCalendar or CSV file: what can be read, and again without "
        "duplicates."
    ),
)
def import_file(
    file: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("An iCalendar (.ics) or CSV (.csv) file."))
    ],
    org: Annotated[
        str | None,
        typer.Option("--org", help=N_("Organisation of the events that name none (SCO, CSTO...).")),
    ] = None,
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Say what would change; write nothing."))
    ] = False,
    date_from: Annotated[
        str | None,
        typer.Option(
            "--from", metavar="DATE", help=N_("Expand recurring events from DATE (default: today).")
        ),
    ] = None,
    date_to: Annotated[
        str | None,
        typer.Option(
            "--to", metavar="DATE", help=N_("...up to DATE (default: two years after --from).")
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help=N_(
                "All or nothing: refuse the whole file at its first fault (exit 2) instead "
                "of importing what can be read and listing what cannot."
            ),
        ),
    ] = False,
    max_size: Annotated[
        str | None,
        typer.Option(
            "--max-size",
            metavar="SIZE",
            help=N_("Refuse a larger file (default 50MB; e.g. 200MB, 1GB)."),
        ),
    ] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        from sco_cal.interchange.source import parse_size

        limit = parse_size(max_size) if max_size is not None else None
        with progress_on_stderr() as progress:
            report = cli.service.calendars.import_file(
                file,
                organisation=org,
                dry_run=dry_run,
                date_from=date_from,
                date_to=date_to,
                strict=strict,
                max_bytes=limit,
                progress=progress,
            )
        if cli.fmt is Format.JSON:
            cli.json(_report_record(report))
            return
        cli.out("\n".join(_report_lines(report)))


def _report_record(report: ImportReport) -> dict[str, Any]:
    return {
        "file": report.file,
        "format": report.format,
        "dry_run": report.dry_run,
        "added": [{"id": i, "event": report.labels.get(i)} for i in report.added],
        "updated": [{"id": i, "fields": f} for i, f in report.updated.items()],
        "unchanged": report.unchanged,
        "skipped": [
            {"what": s.what, "reason": s.reason, "line": s.line, "uid": s.uid}
            for s in report.skipped
        ],
        "expanded": (
            {"from": report.expanded[0].isoformat(), "to": report.expanded[1].isoformat()}
            if report.expanded
            else None
        ),
    }


def _skipped_what(skipped: Skipped) -> str:
    if not skipped.uid:
        return skipped.what
    return _("{what} (UID {uid})").format(what=skipped.what, uid=skipped.uid)


def _report_lines(report: ImportReport) -> list[str]:
    lines = [
        _(
            "{file}: added {added}, updated {updated}, unchanged {unchanged}, skipped {skipped}"
        ).format(
            file=safe(report.file),
            added=len(report.added),
            updated=len(report.updated),
            unchanged=len(report.unchanged),
            skipped=len(report.skipped),
        )
    ]
    lines += [f"  + {i}  {safe(report.labels.get(i, ''))}" for i in report.added]
    lines += [f"  ~ {i}: {', '.join(f)}" for i, f in report.updated.items()]
    lines += [f"  ! {safe(_skipped_what(s))}: {safe(s.reason)}" for s in report.skipped]
    if report.expanded:
        lines.append(
            _("recurring events expanded from {before} to {after}").format(
                before=report.expanded[0], after=report.expanded[1]
            )
        )
    if report.dry_run:
        lines.append(_("dry run: nothing was written"))
    return lines

"""Commands that move calendars in and out: export (iCalendar, JSON, CSV) and import."""

from __future__ import annotations

import sys
from dataclasses import replace
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
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.query import Criteria
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext

if TYPE_CHECKING:
    from sco_cal.domain.query import EventFilter
    from sco_cal.interchange.report import ImportReport

app = typer.Typer()


class ExportFormat(StrEnum):
    ICS = "ics"
    JSON = "json"
    CSV = "csv"


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
        typer.Option("--output", "-o", metavar="FILE", help=N_("Write to FILE (default: stdout).")),
    ] = None,
    feed: Annotated[
        Path | None,
        typer.Option(
            "--feed",
            metavar="DIR",
            help=N_(
                "Write and atomically replace DIR/sco-cal.ics, for subscribed calendars "
                "(run it from cron)."
            ),
        ),
    ] = None,
    with_notes: Annotated[
        bool, typer.Option("--with-notes", help=N_("Annotations in the description."))
    ] = False,
    with_alarms: Annotated[
        bool, typer.Option("--with-alarms", help=N_("Pending reminders as VALARMs."))
    ] = False,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        _export(cli, list_criteria(cli, locals()), fmt, output, feed, with_notes, with_alarms)


def _export(
    cli: Cli,
    criteria: Criteria,
    fmt: ExportFormat,
    output: Path | None,
    feed: Path | None,
    with_notes: bool,
    with_alarms: bool,
) -> None:
    from sco_cal.interchange.feed import feed_path, write_atomically

    if output is not None and feed is not None:
        raise InvalidInput(_("give --output or --feed, not both"))
    if feed is not None and fmt is not ExportFormat.ICS:
        raise InvalidInput(_("a feed is an iCalendar file: --feed needs --format ics"))
    if criteria.scope is None:  # a calendar keeps its past; --from today for what is to come
        criteria = replace(criteria, scope="all")
    data, count = _rendered(cli, fmt, criteria.resolve(cli.today), with_notes, with_alarms)
    target = feed_path(feed) if feed is not None else output
    if target is None or str(target) == "-":
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
        return
    write_atomically(target, data)
    cli.say(
        ngettext("wrote {n} event to {target}", "wrote {n} events to {target}", count).format(
            n=count, target=target
        )
    )


def _rendered(
    cli: Cli, fmt: ExportFormat, flt: EventFilter, with_notes: bool, with_alarms: bool
) -> tuple[bytes, int]:
    """The file's bytes and how many events it holds."""
    if fmt is ExportFormat.ICS:
        data = cli.service.calendars.export_ics(
            flt, with_notes=with_notes, with_alarms=with_alarms, lang=cli.lang
        )
        return data, data.count(b"BEGIN:VEVENT")
    from sco_cal.output.formats import EVENT_CSV_COLUMNS, to_csv, to_json
    from sco_cal.output.records import event_record

    events = cli.service.events.find(flt, details=True)
    records = [event_record(e, cli.today, cli.lang) for e in events]
    if fmt is ExportFormat.JSON:
        return (to_json(records) + "\n").encode("utf-8"), len(records)
    return to_csv(records, EVENT_CSV_COLUMNS).encode("utf-8"), len(records)


@app.command(
    "import",
    help=N_(
        "Import events from an iCalendar or CSV file: all or nothing, and again without duplicates."
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
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        report = cli.service.calendars.import_file(
            file, organisation=org, dry_run=dry_run, date_from=date_from, date_to=date_to
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
        "skipped": [{"what": s.what, "reason": s.reason} for s in report.skipped],
        "expanded": (
            {"from": report.expanded[0].isoformat(), "to": report.expanded[1].isoformat()}
            if report.expanded
            else None
        ),
    }


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
    lines += [f"  ! {safe(s.what)}: {safe(s.reason)}" for s in report.skipped]
    if report.expanded:
        lines.append(
            _("recurring events expanded from {before} to {after}").format(
                before=report.expanded[0], after=report.expanded[1]
            )
        )
    if report.dry_run:
        lines.append("dry run: nothing was written")
    return lines

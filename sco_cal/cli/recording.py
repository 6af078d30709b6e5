"""Commands that record facts: annotate, change state, reschedule, edit, tag, add."""

from __future__ import annotations

from typing import Annotated

import typer

from sco_cal.cli.common import MAX_ID, Cli, Format, command
from sco_cal.date_labels import format_window
from sco_cal.errors import InvalidInput
from sco_cal.model import MAX_SERIES_NUMBER, Event
from sco_cal.output.records import annotation_record, event_record
from sco_cal.states import ConfirmationState

app = typer.Typer()
EventId = Annotated[str, typer.Argument(metavar="ID", help="Event id or a unique prefix of it.")]
Note = Annotated[str | None, typer.Option("--note", "-m", help="Why: kept in the history.")]
SourceOpt = Annotated[
    str | None, typer.Option("--source", help="Where the fact comes from (document, URL, person).")
]


def report(cli: Cli, event: Event, message: str) -> None:
    """The changed event as data for scripts, a short sentence for people."""
    if cli.fmt is Format.JSON:
        cli.json(event_record(event, cli.today, cli.lang, full=True))
    cli.say(message)


@command(app, "annotate")
def annotate(
    cli: Cli,
    event_id: EventId,
    text: Annotated[str, typer.Argument(help="The note; '-' reads it from standard input.")],
) -> None:
    """Add a note to an event (append-only; deletions are recorded)."""
    if text == "-":
        import sys

        text = sys.stdin.read()
    note = cli.service.annotate(event_id, text)
    if cli.fmt is Format.JSON:
        cli.json(annotation_record(note))
    cli.say(f"annotated {note.event_id} (#{note.id})")


@command(app, "unannotate")
def unannotate(
    cli: Cli,
    event_id: EventId,
    annotation_id: Annotated[
        int,
        typer.Argument(
            metavar="NOTE_ID", min=1, max=MAX_ID, help="The #number shown by `annotations`."
        ),
    ],
) -> None:
    """Delete an annotation; the deletion is recorded in the history."""
    cli.service.delete_annotation(event_id, annotation_id)
    cli.say(f"deleted annotation #{annotation_id}")


@command(app, "status")
def status(
    cli: Cli,
    event_id: EventId,
    state: Annotated[
        str,
        typer.Argument(
            metavar="STATE", help="proposed, provisional, confirmed, postponed, cancelled or held."
        ),
    ],
    note: Note = None,
    source: SourceOpt = None,
) -> None:
    """Record a new confirmation state."""
    _change(cli, event_id, ConfirmationState.parse(state), note, source)


def _change(
    cli: Cli, event_id: str, state: ConfirmationState, note: str | None, source: str | None
) -> None:
    before = cli.service.get(event_id)
    after = cli.service.change_status(before.id, state, note=note, source=source)
    report(cli, after, f"{after.id}: {before.status.value} -> {after.status.value}")


def _shortcut(state: ConfirmationState, doc: str) -> None:
    def shortcut(cli: Cli, event_id: EventId, note: Note = None, source: SourceOpt = None) -> None:
        _change(cli, event_id, state, note, source)

    shortcut.__doc__ = doc
    command(app, {"confirmed": "confirm", "cancelled": "cancel"}.get(state.value, state.value))(
        shortcut
    )


_shortcut(ConfirmationState.CONFIRMED, "Record that the organisers confirmed the event.")
_shortcut(ConfirmationState.CANCELLED, "Record that the event was cancelled.")
_shortcut(ConfirmationState.HELD, "Record that the event took place.")


@command(app, "postpone")
def postpone(
    cli: Cli,
    event_id: EventId,
    date_phrase: Annotated[
        str, typer.Argument(metavar="NEW_DATE", help="The new date, any phrase.")
    ],
    note: Note = None,
    source: SourceOpt = None,
) -> None:
    """Record a postponement to a new date (old and new windows are kept)."""
    before = cli.service.get(event_id)
    after = cli.service.postpone(before.id, date_phrase, note=note, source=source)
    report(
        cli,
        after,
        f"{after.id}: postponed from {format_window(before.window, cli.lang)} "
        f"to {format_window(after.window, cli.lang)}",
    )


@command(app, "reschedule")
def reschedule(
    cli: Cli,
    event_id: EventId,
    date_phrase: Annotated[
        str, typer.Argument(metavar="DATE", help="The corrected date, any phrase.")
    ],
    note: Note = None,
    source: SourceOpt = None,
) -> None:
    """Correct or refine an event's date without changing its state."""
    before = cli.service.get(event_id)
    after = cli.service.reschedule(before.id, date_phrase, note=note, source=source)
    report(
        cli,
        after,
        f"{after.id}: {format_window(before.window, cli.lang)} -> "
        f"{format_window(after.window, cli.lang)}",
    )


@command(app, "edit")
def edit(
    cli: Cli,
    event_id: EventId,
    assignments: Annotated[
        list[str],
        typer.Argument(
            metavar="FIELD=VALUE...", help="e.g. city=Bichkek country=kg title_en='New title'."
        ),
    ],
    note: Note = None,
    expect_version: Annotated[
        int | None,
        typer.Option(
            "--expect-version",
            min=1,
            max=MAX_ID,
            help="Refuse if the event is no longer at this version.",
        ),
    ] = None,
) -> None:
    """Change fields of an event; each change is recorded."""
    changes = {}
    for item in assignments:
        name, sep, value = item.partition("=")
        if not sep:
            raise InvalidInput(f"'{item}' is not FIELD=VALUE")
        changes[name.strip().replace("-", "_")] = value
    after = cli.service.edit(event_id, changes, note=note, expected_version=expect_version)
    report(cli, after, f"{after.id}: edited {', '.join(changes)} (version {after.version})")


@command(app, "tag", context_settings={"ignore_unknown_options": True})
def tag(
    cli: Cli,
    event_id: EventId,
    changes: Annotated[
        list[str], typer.Argument(metavar="+TAG|-TAG...", help="+tag adds, -tag removes.")
    ],
) -> None:
    """Add (+tag) or remove (-tag) tags."""
    add = [c[1:] if c.startswith("+") else c for c in changes if not c.startswith("-")]
    remove = [c[1:] for c in changes if c.startswith("-")]
    tags = cli.service.tag(event_id, add, remove)
    if cli.fmt is Format.JSON:
        cli.json({"id": cli.service.resolve(event_id), "tags": list(tags)})
    cli.say(f"tags: {', '.join(tags) or '(none)'}")


@command(app, "add")
def add(
    cli: Cli,
    title: Annotated[str, typer.Argument(help="English title.")],
    date_phrase: Annotated[str, typer.Option("--date", "-d", help="When, any date phrase.")],
    org: Annotated[str, typer.Option("--org", "-o", help="Organisation.")],
    country: Annotated[str | None, typer.Option("--country", "-c", help="Host country.")] = None,
    city: Annotated[
        list[str] | None, typer.Option("--city", help="City; repeat for several.")
    ] = None,
    title_fr: Annotated[str | None, typer.Option("--title-fr", help="French title.")] = None,
    kind: Annotated[str, typer.Option("--kind", "-k", help="Kind.")] = "meeting",
    state: Annotated[
        str, typer.Option("--status", "-s", help="Confirmation state.")
    ] = "provisional",
    theme: Annotated[str | None, typer.Option("--theme", "-t", help="Theme.")] = None,
    series: Annotated[str | None, typer.Option("--series", help="Series slug.")] = None,
    number: Annotated[
        int | None,
        typer.Option("--number", min=1, max=MAX_SERIES_NUMBER, help="Number in the series."),
    ] = None,
    new_id: Annotated[
        str | None, typer.Option("--id", help="Choose the id (default: from the title).")
    ] = None,
) -> None:
    """Add an event that no document has brought in."""
    event = cli.service.add(
        title=title,
        date_phrase=date_phrase,
        organisation=org,
        country=country,
        cities=city,
        title_fr=title_fr,
        kind=kind,
        status=state,
        theme=theme,
        series=series,
        number=number,
        event_id=new_id,
    )
    report(cli, cli.service.get(event.id), f"added {event.id}")

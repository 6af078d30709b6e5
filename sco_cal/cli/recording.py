"""Commands that record facts: annotate, change state, reschedule, edit, tag, add; and
delete, restore and undo."""

from __future__ import annotations

from typing import Annotated, Any

import typer
from typer.core import TyperCommand

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.options import MAX_ID, AllowPast, Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.domain.date_labels import format_window
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import MAX_SERIES_NUMBER, Event
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.postponement import is_sine_die
from sco_cal.i18n import N_, _
from sco_cal.output.records import annotation_record, event_record, history_record
from sco_cal.output.words import action_word, state_word

app = typer.Typer()
EventId = Annotated[
    str, typer.Argument(metavar="ID", help=N_("Event id or a unique prefix of it."))
]
Note = Annotated[str | None, typer.Option("--note", "-m", help=N_("Why: kept in the history."))]
SourceOpt = Annotated[
    str | None,
    typer.Option("--source", help=N_("Where the fact comes from (document, URL, person).")),
]


def report(cli: Cli, event: Event, message: str) -> None:
    """The changed event as data for scripts, a short sentence for people."""
    if cli.fmt is Format.JSON:
        cli.json(event_record(event, cli.today, cli.lang, full=True))
    cli.say(message)


@app.command("annotate", help=N_("Add a note to an event (append-only; deletions are recorded)."))
def annotate(
    event_id: EventId,
    text: Annotated[
        str, typer.Argument(metavar="TEXT", help=N_("The note; '-' reads it from standard input."))
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        if text == "-":
            import sys

            text = sys.stdin.read()
        note = cli.service.records.annotate(event_id, text)
        if cli.fmt is Format.JSON:
            cli.json(annotation_record(note))
        cli.say(_("annotated {id} (#{number})").format(id=note.event_id, number=note.id))


@app.command(
    "unannotate", help=N_("Delete an annotation; the deletion is recorded in the history.")
)
def unannotate(
    event_id: EventId,
    annotation_id: Annotated[
        int,
        typer.Argument(
            metavar="NOTE_ID", min=1, max=MAX_ID, help=N_("The #number shown by `annotations`.")
        ),
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        cli.service.records.unannotate(event_id, annotation_id)
        cli.say(_("deleted annotation #{number}").format(number=annotation_id))


@app.command("status", help=N_("Record a new confirmation state."))
def status(
    event_id: EventId,
    state: Annotated[
        str,
        typer.Argument(
            metavar="STATE",
            help=N_(
                "proposed, provisional, confirmed, postponed, cancelled or held; "
                "'postponed sine die' (or 'reporté sine die') for a postponement with no new date."
            ),
        ),
    ],
    note: Note = None,
    source: SourceOpt = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        if is_sine_die(state):
            _postpone(cli, event_id, state, note, source, allow_past=False)
        else:
            _change(cli, event_id, ConfirmationState.parse(state), note, source)


def _change(
    cli: Cli, event_id: str, state: ConfirmationState, note: str | None, source: str | None
) -> None:
    before = cli.service.events.get(event_id)
    after = cli.service.records.change_status(before.id, state, note=note, source=source)
    report(cli, after, f"{after.id}: {state_word(before.status)} -> {state_word(after.status)}")


def _state_command(name: str, state: ConfirmationState, summary: str) -> None:
    """`sco-cal NAME ID`: a shortcut for `sco-cal status ID STATE`."""

    def record_state(
        event_id: EventId,
        note: Note = None,
        source: SourceOpt = None,
        db: Db = None,
        today: Today = None,
        fmt: Fmt = None,
        lang: LangOption = None,
        no_color: NoColor = False,
    ) -> None:
        with command_context(db, today, fmt, lang, no_color) as cli:
            _change(cli, event_id, state, note, source)

    app.command(name, help=summary)(record_state)


_state_command(
    "confirm", ConfirmationState.CONFIRMED, N_("Record that the organisers confirmed it.")
)
_state_command("cancel", ConfirmationState.CANCELLED, N_("Record that the event was cancelled."))
_state_command("held", ConfirmationState.HELD, N_("Record that the event took place."))


@app.command(
    "postpone",
    help=N_("Record a postponement to a new date, or sine die (old and new windows are kept)."),
)
def postpone(
    event_id: EventId,
    date_phrase: Annotated[
        str,
        typer.Argument(
            metavar="NEW_DATE",
            help=N_("The new date, any phrase; 'sine die' when there is none."),
        ),
    ],
    note: Note = None,
    source: SourceOpt = None,
    allow_past: AllowPast = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        _postpone(cli, event_id, date_phrase, note, source, allow_past=allow_past)


def _postpone(
    cli: Cli,
    event_id: str,
    date_phrase: str,
    note: str | None,
    source: str | None,
    *,
    allow_past: bool,
) -> None:
    before = cli.service.events.get(event_id)
    after = cli.service.records.postpone(
        before.id, date_phrase, note=note, source=source, allow_past=allow_past
    )
    old = format_window(before.window, cli.lang)
    if after.sine_die is None:
        message = _("{id}: postponed from {old} to {new}").format(
            id=after.id, old=old, new=format_window(after.window, cli.lang)
        )
    else:
        message = _(
            "{id}: postponed sine die (was {old}); it needs follow-up from {day} "
            "if no new date is recorded"
        ).format(id=after.id, old=old, day=after.sine_die.follow_up_from.isoformat())
    report(cli, after, message)


@app.command("reschedule", help=N_("Correct or refine an event's date without changing its state."))
def reschedule(
    event_id: EventId,
    date_phrase: Annotated[
        str, typer.Argument(metavar="DATE", help=N_("The corrected date, any phrase."))
    ],
    note: Note = None,
    source: SourceOpt = None,
    allow_past: AllowPast = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        before = cli.service.events.get(event_id)
        after = cli.service.records.reschedule(
            before.id, date_phrase, note=note, source=source, allow_past=allow_past
        )
        report(
            cli,
            after,
            f"{after.id}: {format_window(before.window, cli.lang)} -> "
            f"{format_window(after.window, cli.lang)}",
        )


@app.command("edit", help=N_("Change fields of an event; each change is recorded."))
def edit(
    event_id: EventId,
    assignments: Annotated[
        list[str],
        typer.Argument(
            metavar="FIELD=VALUE...", help=N_("e.g. city=Bichkek country=kg title_en='New title'.")
        ),
    ],
    note: Note = None,
    expect_version: Annotated[
        int | None,
        typer.Option(
            "--expect-version",
            min=1,
            max=MAX_ID,
            help=N_("Refuse if the event is no longer at this version."),
        ),
    ] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        changes = {}
        for item in assignments:
            name, sep, value = item.partition("=")
            if not sep:
                raise InvalidInput(_("'{item}' is not FIELD=VALUE").format(item=item))
            changes[name.strip().replace("-", "_")] = value
        after = cli.service.records.edit(
            event_id, changes, note=note, expected_version=expect_version
        )
        edited = _("{id}: edited {fields} (version {version})")
        report(
            cli, after, edited.format(id=after.id, fields=", ".join(changes), version=after.version)
        )


# A tag to remove, as the parser is given it: no program argument can hold a NUL.
REMOVED = "\0"


class TagChanges(TyperCommand):
    """`tag ID -thanks` removes the tag `thanks`. The parser reads a dash and letters as
    short options run together (`-thanks` holds `-h`, the help; `-Fun` a `--format`), so
    every `-word` that is neither one of the command's options nor an option's value
    reaches it marked as a tag to remove."""

    def parse_args(self, ctx: Any, args: list[str]) -> list[str]:
        options = [p for p in self.params if p.param_type_name == "option"]
        names = {name for p in options for name in p.opts}
        valued = {name for p in options if not getattr(p, "is_flag", False) for name in p.opts}
        marked: list[str] = []
        for position, arg in enumerate(args):
            if arg == "--":  # the rest is positional already
                marked += args[position:]
                break
            after_option = bool(marked) and marked[-1] in valued
            if arg.startswith("-") and not arg.startswith("--") and arg not in names:
                arg = arg if after_option or arg == "-" else REMOVED + arg[1:]
            marked.append(arg)
        return super().parse_args(ctx, marked)


@app.command("tag", cls=TagChanges, help=N_("Add (+tag) or remove (-tag) tags."))
def tag(
    event_id: EventId,
    changes: Annotated[
        list[str], typer.Argument(metavar="+TAG|-TAG...", help=N_("+tag adds, -tag removes."))
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        removed = [c.startswith(("-", REMOVED)) for c in changes]
        add = [c.removeprefix("+") for c, r in zip(changes, removed, strict=True) if not r]
        remove = [c[1:] for c, r in zip(changes, removed, strict=True) if r]
        tags = cli.service.records.tag(event_id, add, remove)
        if cli.fmt is Format.JSON:
            cli.json({"id": cli.service.events.resolve_id(event_id), "tags": list(tags)})
        cli.say(_("tags: {tags}").format(tags=", ".join(tags) or _("(none)")))


@app.command("add", help=N_("Add an event that no document has brought in."))
def add(
    title: Annotated[str, typer.Argument(metavar="TITLE", help=N_("English title."))],
    date_phrase: Annotated[str, typer.Option("--date", "-d", help=N_("When, any date phrase."))],
    org: Annotated[str, typer.Option("--org", "-o", help=N_("Organisation."))],
    country: Annotated[
        str | None, typer.Option("--country", "-c", help=N_("Host country."))
    ] = None,
    city: Annotated[
        list[str] | None, typer.Option("--city", help=N_("City; repeat for several."))
    ] = None,
    title_fr: Annotated[str | None, typer.Option("--title-fr", help=N_("French title."))] = None,
    kind: Annotated[str, typer.Option("--kind", "-k", help=N_("Kind."))] = "meeting",
    state: Annotated[
        str, typer.Option("--status", "-s", help=N_("Confirmation state."))
    ] = "provisional",
    theme: Annotated[str | None, typer.Option("--theme", "-t", help=N_("Theme."))] = None,
    series: Annotated[str | None, typer.Option("--series", help=N_("Series slug."))] = None,
    number: Annotated[
        int | None,
        typer.Option("--number", min=1, max=MAX_SERIES_NUMBER, help=N_("Number in the series.")),
    ] = None,
    new_id: Annotated[
        str | None, typer.Option("--id", help=N_("Choose the id (default: from the title)."))
    ] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        event = cli.service.records.add_event(
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
        report(cli, cli.service.events.get(event.id), _("added {id}").format(id=event.id))


@app.command(
    "rm",
    help=N_(
        "Delete an event: it leaves every list, its history is kept, `restore` brings it back."
    ),
)
def remove(
    event_id: EventId,
    note: Note = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        event = cli.service.records.delete(event_id, note=note)
        report(
            cli,
            event,
            _("deleted {id} (sco-cal restore {id} brings it back)").format(id=event.id),
        )


@app.command("restore", help=N_("Bring back a deleted event."))
def restore(
    event_id: Annotated[
        str,
        typer.Argument(metavar="ID", help=N_("A deleted event's id or a unique prefix of it.")),
    ],
    note: Note = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        event = cli.service.records.restore(event_id, note=note)
        report(cli, event, _("restored {id}").format(id=event.id))


@app.command(
    "undo",
    help=N_(
        "Take back your last change (an edit, a state, a date, a note, tags, an addition or a "
        "deletion); again, the one before. The undo is recorded in the history too."
    ),
)
def undo(
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    # The sheet's module (tables, places, organisations) for this one line only.
    from sco_cal.output.detail import changes_text

    with command_context(db, today, fmt, lang, no_color) as cli:
        entry = cli.service.records.undo()
        if cli.fmt is Format.JSON:
            cli.json(history_record(entry))
        cli.say(
            _("undid {action} on {id} ({when}): {line}").format(
                action=action_word(entry.action),
                id=entry.event_id,
                when=f"{entry.at:%Y-%m-%d %H:%M}",
                line=changes_text(entry.changes) or "-",
            )
        )

"""`sco-cal remind`: set, list, remove and snooze reminders, and deliver the due ones (cron)."""

from __future__ import annotations

import shutil
import subprocess
from collections.abc import Sequence
from enum import StrEnum
from typing import Annotated

import typer

from sco_cal.cli.common import Cli, command_context
from sco_cal.cli.options import MAX_ID, AllowPast, Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.domain.date_labels import format_window
from sco_cal.domain.reminders import DueReminder, ListedReminder
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.output.reminders import (
    REMINDER_COLUMNS,
    due_record,
    lead_words,
    reminder_row,
    render_due,
    render_reminders,
)

app = typer.Typer(
    help=N_("Reminders before events; `remind due` delivers them (meant for cron)."),
    no_args_is_help=True,
)
ReminderId = Annotated[
    int,
    typer.Argument(
        metavar="REMINDER_ID", min=1, max=MAX_ID, help=N_("The #number shown by `remind list`.")
    ),
]
NOTHING_DUE = 1  # like grep: a script can tell "nothing due" from "printed some"


class DueFormat(StrEnum):
    TEXT = "text"
    TABLE = "table"  # the common name for text
    JSON = "json"


@app.command(
    "add", help=N_("Set reminders on an event: a lead time before its known day, or a given day.")
)
def add(
    event_id: Annotated[str, typer.Argument(metavar="ID", help=N_("Event id or a unique prefix."))],
    before: Annotated[
        list[str] | None,
        typer.Option(
            "--before",
            "-b",
            metavar="LEAD",
            help=N_(
                "14d, 2w, '1 mois', '3 days' before the meeting's known day, or a date "
                "phrase (that day); repeat for several."
            ),
        ),
    ] = None,
    on: Annotated[
        list[str] | None,
        typer.Option(
            "--on",
            metavar="DATE",
            help=N_("A reminder on that day (any date phrase: 'next monday', '1er mars')."),
        ),
    ] = None,
    when_dated: Annotated[
        bool,
        typer.Option(
            "--when-dated",
            help=N_(
                "The lead time counts once the meeting has a known day (a meeting dated "
                "'2026' or 'in October' has none yet)."
            ),
        ),
    ] = False,
    allow_past: AllowPast = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        event = cli.service.events.get(event_id)
        added = cli.service.reminders.add(
            event.id, before or (), on=on or (), when_dated=when_dated, allow_past=allow_past
        )
        ids = {r.id for r in added}
        items = [r for r in cli.service.reminders.listed(event.id) if r.reminder.id in ids]
        if cli.fmt is Format.JSON:
            cli.json([reminder_row(r, cli.lang) for r in items])
        for item in items:
            cli.say(_added(item, cli.lang))


def _added(item: ListedReminder, lang: str) -> str:
    head = _("reminder #{number} on {id}").format(number=item.reminder.id, id=item.event.id)
    lead = lead_words(item, lang)
    if item.due is None:
        return _("{head}: {lead} its known day, once it has one (now: {when})").format(
            head=head, lead=lead, when=format_window(item.event.window, lang)
        )
    message = _("{head}: due {day}").format(head=head, day=item.due.isoformat())
    if lead is not None:
        message += f" ({lead} {format_window(item.event.window, lang)})"
    return message


@app.command(
    "list",
    help=N_(
        "Stored reminders, soonest first, each pending, waiting for a date, delivered, snoozed "
        "or expired (defaults from the configuration are not listed)."
    ),
)
def list_reminders(
    event_id: Annotated[
        str | None, typer.Argument(metavar="[ID]", help=N_("Only this event's reminders."))
    ] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, tabular=True) as cli:
        reminders = cli.service.reminders.listed(event_id)
        records = [reminder_row(r, cli.lang) for r in reminders]
        if cli.fmt is Format.JSON:
            cli.json(records)
        elif cli.fmt is not Format.TABLE:
            cli.rows(records, REMINDER_COLUMNS)
        elif not reminders:
            cli.say(_("no reminders"))
        else:
            cli.out(render_reminders(reminders, cli.lang, cli.paint))


@app.command("rm", help=N_("Delete a reminder (recorded in the event's history)."))
def remove(
    reminder_id: ReminderId,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        cli.service.reminders.remove(reminder_id)
        cli.say(_("deleted reminder #{number}").format(number=reminder_id))


@app.command(
    "snooze",
    help=N_("Put a reminder off: due again in 3d, 1w, or on a given day (even if delivered)."),
)
def snooze(
    reminder_id: ReminderId,
    spec: Annotated[
        str, typer.Argument(metavar="FOR_OR_UNTIL", help=N_("3d, 1w, or a date phrase."))
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        reminder = cli.service.reminders.snooze(reminder_id, spec)
        if cli.fmt is Format.JSON:
            (item,) = [
                r
                for r in cli.service.reminders.listed(reminder.event_id)
                if r.reminder.id == reminder.id
            ]
            cli.json(reminder_row(item, cli.lang))
        assert reminder.snoozed_until is not None
        cli.say(
            _("reminder #{number} snoozed until {day}").format(
                number=reminder.id, day=reminder.snoozed_until.isoformat()
            )
        )


@app.command(
    "due",
    help=N_("Print each due reminder once and mark it delivered; exit 1 when nothing is due."),
)
def due(
    dry_run: Annotated[
        bool, typer.Option("--dry-run", help=N_("Show what is due without marking it delivered."))
    ] = False,
    notify: Annotated[
        bool, typer.Option("--notify", help=N_("Also send a desktop notification (notify-send)."))
    ] = False,
    fmt: Annotated[
        DueFormat,
        typer.Option("--format", "-F", help=N_("text (default, also for pipes) or json.")),
    ] = DueFormat.TEXT,
    db: Db = None,
    today: Today = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, None, lang, no_color) as cli:
        rules = cli.settings.reminders
        found = cli.service.reminders.due(rules, deliver=not dry_run, lang=cli.lang)
        if not found:
            raise typer.Exit(NOTHING_DUE)
        if fmt is DueFormat.JSON:
            cli.json([due_record(item, cli.lang) for item in found])
        else:
            cli.out(render_due(found, cli.paint))
        if notify:
            send_notifications(cli, found)


def send_notifications(cli: Cli, items: Sequence[DueReminder]) -> None:
    """A desktop notification per reminder, or one line saying why there is none."""
    program = shutil.which("notify-send")
    if program is None:
        cli.say("sco-cal: " + _("desktop notifications are unavailable (notify-send not found)"))
        return
    for item in items:
        try:
            subprocess.run(
                [program, "--app-name=sco-cal", "sco-cal reminder", safe(item.text)],
                check=True,
                capture_output=True,
                timeout=10,
            )
        except (OSError, subprocess.SubprocessError) as exc:
            cli.say(
                "sco-cal: "
                + _("desktop notification failed: {error}").format(error=type(exc).__name__)
            )
            return

"""Commands that look after the store itself: init, seed, db path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sco_cal.cli.common import command_context
from sco_cal.cli.options import Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.cli.progress import progress_on_stderr
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _, ngettext

app = typer.Typer()
db_app = typer.Typer(help=N_("The database: where it is and what it holds."), no_args_is_help=True)


@app.command(
    "init",
    help=N_("Create the store (seeded, unless --empty); an existing store is left as it is."),
)
def init(
    empty: Annotated[
        bool, typer.Option("--empty", help=N_("Create the store without the seed data."))
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force",
            help=N_("Add the store to a database that holds other programs' tables."),
        ),
    ] = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        database = cli.service.database
        if database.is_ready():
            cli.say(_("the store already exists: {location}").format(location=database.location()))
            return
        database.ensure_ready(seed=not empty, adopt=force)
        count = database.event_count()
        created = ngettext(
            "created {location} with {n} event", "created {location} with {n} events", count
        )
        cli.say(created.format(location=database.location(), n=count))


@app.command(
    "seed", help=N_("Re-apply the seed data: add what is new, never undo what people changed.")
)
def seed(
    path: Annotated[
        Path | None, typer.Option("--file", help=N_("Another seed file (TOML)."))
    ] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        with progress_on_stderr() as progress:
            report = cli.service.database.reseed(path, progress=progress)
        if cli.fmt is Format.JSON:
            cli.json(
                {
                    "added": report.added,
                    "updated": report.updated,
                    "kept": report.kept,
                    "unchanged": report.unchanged,
                    "sources_added": report.sources_added,
                }
            )
            return
        lines = [
            _(
                "added {added}, updated {updated}, kept user changes on {kept}, unchanged {unchanged}"
            ).format(
                added=len(report.added),
                updated=len(report.updated),
                kept=len(report.kept),
                unchanged=report.unchanged,
            )
        ]
        lines += [f"  + {event_id}" for event_id in report.added]
        lines += [f"  ~ {event_id}: {', '.join(f)}" for event_id, f in report.updated.items()]
        lines += [
            "  = " + _("{id}: kept your {fields}").format(id=event_id, fields=", ".join(f))
            for event_id, f in report.kept.items()
        ]
        cli.out(safe("\n".join(lines)))  # ids from a seed file given with --file


@db_app.command("path", help=N_("Print where the database is."))
def db_path(
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        cli.out(cli.service.database.location())


@db_app.command(
    "check",
    help=N_("Check integrity, schema version and orphan rows; exit 1 if anything is wrong."),
)
def db_check(
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        checks = cli.service.database.check()
        if cli.fmt is Format.JSON:
            cli.json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
        else:
            for c in checks:
                mark = (
                    cli.paint(_("ok").ljust(4), "green")
                    if c.ok
                    else cli.paint(_("FAIL"), "red", "bold")
                )
                cli.out(f"{mark}  {c.name}: {c.detail}")
        if not all(c.ok for c in checks):
            raise typer.Exit(1)


@db_app.command(
    "backup", help=N_("A consistent copy of the store, safe to take while others use it.")
)
def db_backup(
    destination: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("Where to write the copy."))
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color) as cli:
        with progress_on_stderr() as progress:
            written = cli.service.database.backup(destination, progress=progress)
        cli.say(
            _("backed up {location} to {file}").format(
                location=cli.service.database.location(), file=written
            )
        )


@db_app.command(
    "restore",
    help=N_("Replace the store by a backup (the current store is saved beside it first)."),
)
def db_restore(
    source: Annotated[
        Path, typer.Argument(metavar="FILE", help=N_("A backup made by `db backup`."))
    ],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        with progress_on_stderr() as progress:
            saved = cli.service.database.restore(source, progress=progress)
        if saved:
            kept = _("restored {file}; the previous store was saved as {saved}")
        else:
            kept = _("restored {file}; there was no store before")
        cli.say(kept.format(file=source, saved=saved))

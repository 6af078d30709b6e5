"""Commands that look after the store itself: init, seed, db path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sco_cal.cli.common import command_context
from sco_cal.cli.options import Db, Fmt, Format, LangOption, NoColor, Today
from sco_cal.i18n import _, ngettext

app = typer.Typer()
db_app = typer.Typer(help="The database: where it is and what it holds.", no_args_is_help=True)


@app.command("init")
def init(
    empty: Annotated[
        bool, typer.Option("--empty", help="Create the store without the seed data.")
    ] = False,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """Create the store (seeded, unless --empty); an existing store is left as it is."""
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        database = cli.service.database
        if database.is_ready():
            cli.say(_("the store already exists: {location}").format(location=database.location()))
            return
        database.ensure_ready(seed=not empty)
        count = database.event_count()
        created = ngettext(
            "created {location} with {n} event", "created {location} with {n} events", count
        )
        cli.say(created.format(location=database.location(), n=count))


@app.command("seed")
def seed(
    path: Annotated[Path | None, typer.Option("--file", help="Another seed file (TOML).")] = None,
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """Re-apply the seed data: add what is new, never undo what people changed."""
    with command_context(db, today, fmt, lang, no_color) as cli:
        report = cli.service.database.reseed(path)
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
            f"added {len(report.added)}, updated {len(report.updated)}, "
            f"kept user changes on {len(report.kept)}, unchanged {report.unchanged}"
        ]
        lines += [f"  + {event_id}" for event_id in report.added]
        lines += [f"  ~ {event_id}: {', '.join(f)}" for event_id, f in report.updated.items()]
        lines += [
            f"  = {event_id}: kept your {', '.join(f)}" for event_id, f in report.kept.items()
        ]
        cli.out("\n".join(lines))


@db_app.command("path")
def db_path(
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """Print where the database is."""
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        cli.out(cli.service.database.location())


@db_app.command("check")
def db_check(
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """Check integrity, schema version and orphan rows; exit 1 if anything is wrong."""
    with command_context(db, today, fmt, lang, no_color) as cli:
        checks = cli.service.database.check()
        if cli.fmt is Format.JSON:
            cli.json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
        else:
            for c in checks:
                mark = cli.paint("ok  ", "green") if c.ok else cli.paint("FAIL", "red", "bold")
                cli.out(f"{mark}  {c.name}: {c.detail}")
        if not all(c.ok for c in checks):
            raise typer.Exit(1)


@db_app.command("backup")
def db_backup(
    destination: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.")],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """A consistent copy of the store, safe to take while others use it."""
    with command_context(db, today, fmt, lang, no_color) as cli:
        written = cli.service.database.backup(destination)
        cli.say(f"backed up {cli.service.database.location()} to {written}")


@db_app.command("restore")
def db_restore(
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by `db backup`.")],
    db: Db = None,
    today: Today = None,
    fmt: Fmt = None,
    lang: LangOption = None,
    no_color: NoColor = False,
) -> None:
    """Replace the store by a backup (the current store is saved beside it first)."""
    with command_context(db, today, fmt, lang, no_color, ensure=False) as cli:
        saved = cli.service.database.restore(source)
        cli.say(f"restored {source}; the previous store was saved as {saved}")

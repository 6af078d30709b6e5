"""Commands that look after the store itself: init, seed, db path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sco_cal.cli.common import Cli, Format, command
from sco_cal.text import safe

app = typer.Typer()
db_app = typer.Typer(help="The database: where it is and what it holds.", no_args_is_help=True)


@command(app, "init", ensure=False)
def init(
    cli: Cli,
    empty: Annotated[
        bool, typer.Option("--empty", help="Create the store without the seed data.")
    ] = False,
    force: Annotated[
        bool,
        typer.Option(
            "--force", help="Add the store to a database that holds other programs' tables."
        ),
    ] = False,
) -> None:
    """Create the store (seeded, unless --empty); an existing store is left as it is."""
    if cli.service.store.is_ready():
        cli.say(f"the store already exists: {cli.service.store.target.display()}")
        return
    cli.service.ensure_ready(seed=not empty, adopt=force)
    count = cli.service.store.reader.count()
    cli.say(f"created {cli.service.store.target.display()} with {count} events")


@command(app, "seed")
def seed(
    cli: Cli,
    path: Annotated[Path | None, typer.Option("--file", help="Another seed file (TOML).")] = None,
) -> None:
    """Re-apply the seed data: add what is new, never undo what people changed."""
    report = cli.service.seed(path)
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
    lines += [f"  = {event_id}: kept your {', '.join(f)}" for event_id, f in report.kept.items()]
    cli.out(safe("\n".join(lines)))  # ids from a seed file given with --file


@command(db_app, "path", ensure=False)
def db_path(cli: Cli) -> None:
    """Print where the database is."""
    cli.out(cli.service.store.target.display())


@command(db_app, "check", ensure=False)
def db_check(cli: Cli) -> None:
    """Check integrity, schema version and orphan rows; exit 1 if anything is wrong."""
    checks = cli.service.check()
    if cli.fmt is Format.JSON:
        cli.json([{"check": c.name, "ok": c.ok, "detail": c.detail} for c in checks])
    else:
        for c in checks:
            mark = cli.paint("ok  ", "green") if c.ok else cli.paint("FAIL", "red", "bold")
            cli.out(f"{mark}  {c.name}: {c.detail}")
    if not all(c.ok for c in checks):
        raise typer.Exit(1)


@command(db_app, "backup")
def db_backup(
    cli: Cli,
    destination: Annotated[Path, typer.Argument(metavar="FILE", help="Where to write the copy.")],
) -> None:
    """A consistent copy of the store, safe to take while others use it."""
    written = cli.service.backup(destination)
    cli.say(f"backed up {cli.service.store.target.display()} to {written}")


@command(db_app, "restore", ensure=False)
def db_restore(
    cli: Cli,
    source: Annotated[Path, typer.Argument(metavar="FILE", help="A backup made by `db backup`.")],
) -> None:
    """Replace the store by a backup (the current store is saved beside it first)."""
    saved = cli.service.restore(source)
    kept = f"the previous store was saved as {saved}" if saved else "there was no store before"
    cli.say(f"restored {source}; {kept}")

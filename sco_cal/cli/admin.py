"""Commands that look after the store itself: init, seed, db path."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from sco_cal.cli.common import Cli, Format, command

app = typer.Typer()
db_app = typer.Typer(help="The database: where it is and what it holds.", no_args_is_help=True)


@command(app, "init", ensure=False)
def init(
    cli: Cli,
    empty: Annotated[
        bool, typer.Option("--empty", help="Create the store without the seed data.")
    ] = False,
) -> None:
    """Create the store (seeded, unless --empty); an existing store is left as it is."""
    if cli.service.store.is_ready():
        cli.say(f"the store already exists: {cli.service.store.target.display()}")
        return
    cli.service.ensure_ready(seed=not empty)
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
    cli.out("\n".join(lines))


@command(db_app, "path", ensure=False)
def db_path(cli: Cli) -> None:
    """Print where the database is."""
    cli.out(cli.service.store.target.display())

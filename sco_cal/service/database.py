"""The store itself: creating, upgrading and seeding it, checks, backups and restores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.service.context import ServiceContext

if TYPE_CHECKING:
    from sco_cal.store.maintenance import Check
    from sco_cal.store.seeding import SeedReport


class Database:
    """Where the calendar is kept, and looking after it."""

    def __init__(self, ctx: ServiceContext) -> None:
        self._ctx = ctx

    def location(self) -> str:
        """The database's path or URL, without its password."""
        return self._ctx.store.target.display()

    def is_ready(self) -> bool:
        """The store exists and has this version's schema."""
        return self._ctx.store.is_ready()

    def event_count(self) -> int:
        return self._ctx.store.reader.count()

    def role(self) -> str:
        """The PostgreSQL role this connection was authenticated as."""
        if self._ctx.store.target.path is not None:
            raise InvalidInput(
                'author = "@database" needs a PostgreSQL database; SQLite has no roles'
            )
        return str(self._ctx.store.reader.scalar("SELECT current_user"))

    def ensure_ready(self, *, seed: bool = True) -> None:
        """Create (and seed) a missing store, or upgrade an old one, in one transaction.

        An upgrade of an SQLite store is preceded by a backup beside it, so a failed or
        regretted upgrade can be undone with `sco-cal db restore`.
        """
        store = self._ctx.store
        if store.is_ready():
            return
        from sco_cal.store.migrations import migrate_in
        from sco_cal.store.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed

        existing = store.reader.schema_version() if self._exists() else 0
        if existing and store.target.path is not None:
            from sco_cal.store.maintenance import backup, backup_name

            backup(store.target, backup_name(store.target.path, f"v{existing}"))
        data = load_seed() if seed and not existing else None

        def create(session: Any) -> None:
            before, _ = migrate_in(session.connection())
            if before == 0 and data is not None:
                apply_seed(session=session, seed=data, now=self._ctx.now())

        self._ctx.write(create)

    def check(self) -> list[Check]:
        """Integrity, schema version and orphan rows; every check runs."""
        from sco_cal.store.maintenance import check

        return check(self._ctx.store)

    def backup(self, destination: Path, *, progress: Progress = QUIET) -> Path:
        """A consistent copy, safe to take while others write."""
        from sco_cal.store.maintenance import backup

        progress.start(f"backing up to {destination.name}")
        return backup(self._ctx.store.target, destination)

    def restore(self, source: Path, *, progress: Progress = QUIET) -> Path:
        """Replace the store's content by a backup; returns where the old content went."""
        from sco_cal.store.maintenance import restore

        progress.start(f"restoring {source.name}")
        self._ctx.store.close()
        return restore(self._ctx.store.target, source)

    def reseed(self, path: Path | None = None, *, progress: Progress = QUIET) -> SeedReport:
        """Apply the seed data again: new events added, people's changes kept."""
        from sco_cal.store.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed

        progress.start("reading the seed data")
        data = load_seed(path)
        progress.start("seeding", total=len(data.events))
        return self._ctx.write(
            lambda s: apply_seed(session=s, seed=data, now=self._ctx.now(), tick=progress.advance)
        )

    def _exists(self) -> bool:
        path = self._ctx.store.target.path
        return path is None or path.exists()

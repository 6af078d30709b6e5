"""Opening, seeding, checking, backing up and restoring the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sco_cal.store.maintenance import Check
    from sco_cal.store.seeding import SeedReport

from sco_cal.progress import QUIET, Progress
from sco_cal.service.base import ServiceBase


class DatabaseService(ServiceBase):
    def ensure_ready(self, *, seed: bool = True) -> None:
        """Create (and seed) a missing store, or upgrade an old one, in one transaction.

        An upgrade of an SQLite store is preceded by a backup beside it, so a failed or
        regretted upgrade can be undone with `sco-cal db restore`.
        """
        if self.store.is_ready():
            return
        from sco_cal.seed_file import load_seed
        from sco_cal.store.migrations import migrate_in
        from sco_cal.store.seeding import apply_seed

        existing = self.store.reader.schema_version() if self._store_exists() else 0
        if existing and self.store.target.path is not None:
            from sco_cal.store.maintenance import backup, backup_name

            backup(self.store.target, backup_name(self.store.target.path, f"v{existing}"))
        data = load_seed() if seed and not existing else None

        def create(session: Any) -> None:
            before, _ = migrate_in(session.connection())
            if before == 0 and data is not None:
                apply_seed(session=session, seed=data, now=self.now())

        self.store.write(create)

    def _store_exists(self) -> bool:
        path = self.store.target.path
        return path is None or path.exists()

    def check(self) -> list[Check]:
        from sco_cal.store.maintenance import check

        return check(self.store)

    def backup(self, destination: Path, *, progress: Progress = QUIET) -> Path:
        from sco_cal.store.maintenance import backup

        progress.start(f"backing up to {destination.name}")
        return backup(self.store.target, destination)

    def restore(self, source: Path, *, progress: Progress = QUIET) -> Path:
        """Replace the store's content by a backup; returns where the old content went."""
        from sco_cal.store.maintenance import restore

        progress.start(f"restoring {source.name}")
        self.store.close()
        return restore(self.store.target, source)

    def seed(self, path: Path | None = None, *, progress: Progress = QUIET) -> SeedReport:
        from sco_cal.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed

        progress.start("reading the seed data")
        data = load_seed(path)
        progress.start("seeding", total=len(data.events))
        return self.store.write(
            lambda s: apply_seed(session=s, seed=data, now=self.now(), tick=progress.advance)
        )

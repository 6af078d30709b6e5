"""Opening, seeding, checking, backing up and restoring the store."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from sco_cal.store.maintenance import Check
    from sco_cal.store.seeding import SeedReport

from sco_cal.service.base import ServiceBase

RESTORED_KEY = "restored_at"


class DatabaseService(ServiceBase):
    def ensure_ready(self, *, seed: bool = True, adopt: bool = False) -> None:
        """Create (and seed) a missing store, or upgrade an old one, in one transaction.

        An upgrade of an SQLite store is preceded by a backup beside it, so a failed or
        regretted upgrade can be undone with `sco-cal db restore`. A database holding
        another program's tables is refused unless `adopt` (`init --force`).
        """
        if self.store.is_ready():
            return
        from sco_cal.seed_file import load_seed
        from sco_cal.store.migrations import lock_schema, migrate_in, stored_version
        from sco_cal.store.seeding import apply_seed
        from sco_cal.store.version import SCHEMA_VERSION

        existing = self.store.reader.schema_version() if self._store_exists() else 0
        data = load_seed() if seed and not existing else None

        def create(session: Any) -> None:
            conn = session.connection()
            lock_schema(conn)
            # Read again under the lock: another process may have done it meanwhile.
            before = stored_version(conn)
            if before == SCHEMA_VERSION:
                return
            if before and self.store.target.path is not None:
                from sco_cal.store.maintenance import save_copy

                save_copy(self.store.target, self.store.target.path, f"v{before}")
            migrate_in(conn, adopt=adopt)
            if before == 0 and data is not None:
                apply_seed(session=session, seed=data, now=self.now())

        self.store.write(create)

    def _store_exists(self) -> bool:
        path = self.store.target.path
        return path is None or path.exists()

    def check(self) -> list[Check]:
        """Every check of the store; one that cannot even be opened is reported too."""
        from sco_cal.errors import StoreError
        from sco_cal.store.maintenance import Check, check, file_checks

        try:
            self.ensure_ready()
        except StoreError as exc:
            # The store cannot be read as one: only the file itself can say more.
            return [Check("store", False, str(exc)), *file_checks(self.store)]
        return check(self.store)

    def backup(self, destination: Path) -> Path:
        from sco_cal.store.maintenance import backup

        return backup(self.store.target, destination)

    def restore(self, source: Path) -> Path | None:
        """Replace the store's content by a backup; returns where the old content went
        (None when there was no store)."""
        from sco_cal.store.maintenance import restore
        from sco_cal.store.reminders import set_meta

        self.store.close()
        saved = restore(self.store.target, source)
        self.store.forget_connections()
        # An older backup is brought up to date now, not by whoever opens it next; and
        # the mark tells open TUIs that the whole store changed under them.
        self.ensure_ready(seed=False)
        mark = str(int(self.now().timestamp() * 1_000_000))
        self.store.write(lambda s: set_meta(session=s, key=RESTORED_KEY, value=mark))
        return saved

    def follow_replaced_store(self) -> bool:
        """Whether the store was found replaced by one this sco-cal must first upgrade (a
        restore by an older sco-cal, say); it is then upgraded and reopened."""
        if self.store.is_ready():
            return False
        self.store.forget_connections()
        self.ensure_ready(seed=False)
        return True

    def seed(self, path: Path | None = None) -> SeedReport:
        from sco_cal.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed

        data = load_seed(path)
        return self.store.write(lambda s: apply_seed(session=s, seed=data, now=self.now()))

"""The store itself: creating, upgrading and seeding it, checks, backups and restores."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext

if TYPE_CHECKING:
    from sqlalchemy import Connection

    from sco_cal.store.maintenance import Check
    from sco_cal.store.seeding import SeedReport

RESTORED_KEY = "restored_at"


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

    def ensure_ready(self, *, seed: bool = True, adopt: bool = False) -> None:
        """Create (and seed) a missing store, or upgrade an old one, in one transaction.

        An upgrade of an SQLite store is preceded by a backup beside it, so a failed or
        regretted upgrade can be undone with `sco-cal db restore`. A database holding
        another program's tables is refused unless `adopt` (`init --force`).
        """
        store = self._ctx.store
        if store.is_ready():
            return
        from sco_cal.store.migrations import lock_schema, migrate_in, stored_version
        from sco_cal.store.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed
        from sco_cal.store.version import SCHEMA_VERSION

        existing = store.reader.schema_version() if self._exists() else 0
        data = load_seed() if seed and not existing else None

        def create(conn: Connection) -> None:
            from sco_cal.store.engine import EngineTransaction

            lock_schema(conn)
            # Read again under the lock: another process may have done it meanwhile.
            before = stored_version(conn)
            if before == SCHEMA_VERSION:
                return
            if before and store.target.path is not None:
                from sco_cal.store.maintenance import save_copy

                save_copy(store.target, store.target.path, f"v{before}")
            migrate_in(conn, adopt=adopt)
            if before == 0 and data is not None:
                apply_seed(tx=EngineTransaction(conn), seed=data, now=self._ctx.now())

        store.write_schema(create)

    def check(self) -> list[Check]:
        """Integrity, schema version and orphan rows; every check runs, and a store that
        cannot even be opened is reported too."""
        from sco_cal.domain.errors import StoreError
        from sco_cal.store.maintenance import Check, check, file_checks

        try:
            self.ensure_ready()
        except StoreError as exc:
            # The store cannot be read as one: only the file itself can say more.
            return [Check("store", False, str(exc)), *file_checks(self._ctx.store)]
        return check(self._ctx.store)

    def backup(self, destination: Path, *, progress: Progress = QUIET) -> Path:
        """A consistent copy, safe to take while others write."""
        from sco_cal.store.maintenance import backup

        progress.start(_("backing up to {file}").format(file=destination.name))
        return backup(self._ctx.store.target, destination)

    def restore(self, source: Path, *, progress: Progress = QUIET) -> Path | None:
        """Replace the store's content by a backup; returns where the old content went
        (None when there was no store)."""
        from sco_cal.store.digests import set_meta
        from sco_cal.store.maintenance import restore

        progress.start(_("restoring {file}").format(file=source.name))
        store = self._ctx.store
        store.close()
        saved = restore(store.target, source)
        store.forget_connections()
        # An older backup is brought up to date now, not by whoever opens it next; and
        # the mark tells open TUIs that the whole store changed under them.
        self.ensure_ready(seed=False)
        mark = str(int(self._ctx.now().timestamp() * 1_000_000))
        self._ctx.write(lambda tx: set_meta(tx=tx, key=RESTORED_KEY, value=mark))
        return saved

    def follow_replaced_store(self) -> bool:
        """Whether the store was found replaced by one this sco-cal must first upgrade (a
        restore by an older sco-cal, say); it is then upgraded and reopened."""
        store = self._ctx.store
        if store.is_ready():
            return False
        store.forget_connections()
        self.ensure_ready(seed=False)
        return True

    def reseed(self, path: Path | None = None, *, progress: Progress = QUIET) -> SeedReport:
        """Apply the seed data again: new events added, people's changes kept."""
        from sco_cal.store.seed_file import load_seed
        from sco_cal.store.seeding import apply_seed

        progress.start(_("reading the seed data"))
        data = load_seed(path)
        progress.start(_("seeding"), total=len(data.events))
        return self._ctx.write(
            lambda tx: apply_seed(tx=tx, seed=data, now=self._ctx.now(), tick=progress.advance)
        )

    def _exists(self) -> bool:
        path = self._ctx.store.target.path
        return path is None or path.exists()

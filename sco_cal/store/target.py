"""Which database to use, from `--db`, `SCO_CAL_DB` or the default path."""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

from sco_cal.config.paths import default_db_path
from sco_cal.domain.errors import StoreError


@dataclass(frozen=True, slots=True)
class DatabaseTarget:
    """A database URL, and for SQLite the file it names."""

    url: str
    path: Path | None = None

    @property
    def dialect(self) -> str:
        return "sqlite" if self.path is not None else self.url.split(":", 1)[0].split("+")[0]

    def display(self) -> str:
        """The URL without its password, safe to print."""
        if self.path is not None:
            return str(self.path)
        scheme, _, rest = self.url.partition("://")
        if "@" in rest:
            creds, _, host = rest.rpartition("@")
            user = creds.split(":", 1)[0]
            return f"{scheme}://{user}:***@{host}"
        return self.url


def resolve_target(db: str | None = None) -> DatabaseTarget:
    """A path or an SQLAlchemy URL; a bare path means an SQLite file."""
    value = db or os.environ.get("SCO_CAL_DB") or str(default_db_path())
    if "://" not in value:
        return DatabaseTarget(
            f"sqlite:///{Path(value).expanduser().absolute()}", Path(value).expanduser().absolute()
        )
    scheme = value.split(":", 1)[0]
    if scheme.startswith("sqlite"):
        raw = value.split(":///", 1)[1] if ":///" in value else ""
        if not raw or raw == ":memory:":
            raise StoreError("an in-memory database keeps nothing: give a file path")
        path = Path(raw).expanduser().absolute()
        return DatabaseTarget(f"sqlite:///{path}", path)
    if scheme.startswith("postgresql"):
        if scheme in ("postgresql", "postgres"):
            value = "postgresql+psycopg" + value[len(scheme) :]
        return DatabaseTarget(value)
    raise StoreError(
        f"unsupported database URL scheme '{scheme}' (use a path, sqlite:/// or "
        "postgresql+psycopg://)"
    )

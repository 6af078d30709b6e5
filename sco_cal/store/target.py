"""Which database to use, from `--db`, `SCO_CAL_DB` or the default path."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import parse_qsl, quote, unquote, urlencode

from sco_cal.config.paths import default_db_path
from sco_cal.domain.errors import StoreError
from sco_cal.domain.redaction import remember_secret
from sco_cal.i18n import _


@dataclass(frozen=True, slots=True)
class DatabaseTarget:
    """A database: for SQLite the file, for a server its URL and, apart, its password.

    The URL never holds the password, so it can be shown, logged and handed to other
    programs; the password goes to the driver and to `pg_dump` through the environment.
    """

    url: str
    path: Path | None = None
    password: str | None = field(default=None, repr=False)

    @property
    def dialect(self) -> str:
        return "sqlite" if self.path is not None else self.url.split(":", 1)[0].split("+")[0]

    def libpq_url(self) -> str:
        """A server's URL as libpq, psycopg and pg_dump read it: without SQLAlchemy's
        `+driver` in the scheme, and without the password, which travels apart."""
        return "postgresql://" + self.url.partition("://")[2]

    def display(self) -> str:
        """Where the database is, safe to print."""
        return str(self.path) if self.path is not None else self.url


def resolve_target(db: str | None = None) -> DatabaseTarget:
    """A path or a database URL; a bare path means an SQLite file."""
    value = db or os.environ.get("SCO_CAL_DB") or str(default_db_path())
    if "://" not in value:
        path = Path(value).expanduser().absolute()
        return DatabaseTarget(f"sqlite:///{path}", path)
    scheme = value.split(":", 1)[0]
    if scheme.startswith("sqlite"):
        raw = value.split(":///", 1)[1] if ":///" in value else ""
        if not raw or raw == ":memory:":
            raise StoreError(_("an in-memory database keeps nothing: give a file path"))
        path = Path(raw).expanduser().absolute()
        return DatabaseTarget(f"sqlite:///{path}", path)
    if scheme.startswith("postgres"):
        return _server_target(value)
    raise StoreError(
        f"unsupported database URL scheme '{scheme}' (use a path, sqlite:/// or "
        "postgresql+psycopg://)"
    )


def _server_target(value: str) -> DatabaseTarget:
    """A PostgreSQL URL split into a password-free URL and the password.

    The user part ends at the last '@', so a password may hold '@', ':' or '/' as
    typed; percent-encoded passwords are read too. A `password=` query parameter is
    taken out of the URL the same way.
    """
    scheme, rest = value.split("://", 1)
    driver = "postgresql+psycopg" if scheme in ("postgresql", "postgres") else scheme
    userinfo, at, location = rest.rpartition("@")
    user, _sep, password = userinfo.partition(":")
    location, _sep, query = location.partition("?")
    params = parse_qsl(query, keep_blank_values=True)
    secret = unquote(password) or None
    for name, given in params:
        if name == "password":
            secret = given
    if secret:
        remember_secret(secret)
    if not location:
        raise StoreError(_("the database URL names no server: postgresql+psycopg://USER@HOST/DB"))
    kept = urlencode([(n, v) for n, v in params if n != "password"])
    user_part = quote(unquote(user), safe="") + "@" if at else ""
    url = f"{driver}://{user_part}{location}" + (f"?{kept}" if kept else "")
    return DatabaseTarget(url, None, secret)

"""`[sync]` in the configuration file: the CalDAV collections, and whose credentials.

Credentials come from the environment (`SCO_CAL_SYNC_USER`, `SCO_CAL_SYNC_PASSWORD`),
the configuration file or a netrc file, in that order, and never from the URL: a URL
is typed on command lines, kept in shell history and printed in messages.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.redaction import remember_secret
from sco_cal.i18n import _

USER_VARIABLE = "SCO_CAL_SYNC_USER"
PASSWORD_VARIABLE = "SCO_CAL_SYNC_PASSWORD"  # noqa: S105 (a variable's name, not a secret)


@dataclass(frozen=True, slots=True)
class CollectionSettings:
    """`[sync.collections.NAME]`: one collection, and the organisations it holds."""

    name: str
    url: str
    organisations: tuple[str, ...] = ()
    """The events synced there (none: every event)."""


@dataclass(frozen=True, slots=True)
class SyncSettings:
    """`[sync]`: who connects, and to which collections."""

    username: str | None = None
    password: str | None = field(default=None, repr=False)
    collections: tuple[CollectionSettings, ...] = ()


@dataclass(frozen=True, slots=True)
class Credentials:
    """Who a sync connects as; `origin` says where they were found (for messages)."""

    username: str | None
    password: str | None = field(default=None, repr=False)
    origin: str = "none found"


def parse_sync(raw: Any, path: Path) -> SyncSettings:
    """`[sync]` checked: unknown keys and malformed URLs are refused with the file's name."""
    if not isinstance(raw, dict):
        raise InvalidInput(_("{path}: [{table}] must be a table").format(path=path, table="sync"))
    if unknown := set(raw) - {"username", "password", "collections"}:
        raise InvalidInput(
            _("{path}: [{table}] has unknown keys: {keys}").format(
                path=path, table="sync", keys=", ".join(sorted(unknown))
            )
        )
    for key in ("username", "password"):
        if key in raw and not isinstance(raw[key], str):
            raise InvalidInput(
                _("{path}: [{table}] {key} must be a string").format(
                    path=path, table="sync", key=key
                )
            )
    tables = raw.get("collections", {})
    if not isinstance(tables, dict):
        raise InvalidInput(
            _("{path}: [sync.collections] must hold one table per collection").format(path=path)
        )
    collections = []
    for name, table in tables.items():
        where = f"{path}: [sync.collections.{name}]"
        if not isinstance(table, dict) or not isinstance(table.get("url"), str):
            raise InvalidInput(_('{where} needs url = "https://..."').format(where=where))
        if unknown := set(table) - {"url", "org"}:
            raise InvalidInput(
                _("{where} has unknown keys: {keys}").format(
                    where=where, keys=", ".join(sorted(unknown))
                )
            )
        orgs = table.get("org", [])
        orgs = [orgs] if isinstance(orgs, str) else orgs
        if not isinstance(orgs, list) or not all(isinstance(o, str) for o in orgs):
            raise InvalidInput(
                _('{where} org must be a name or a list of names ("SCO")').format(where=where)
            )
        collections.append(
            CollectionSettings(
                name=str(name), url=checked_url(table["url"]), organisations=tuple(orgs)
            )
        )
    return SyncSettings(
        username=raw.get("username"), password=raw.get("password"), collections=tuple(collections)
    )


def checked_url(url: str) -> str:
    """The collection's URL, ending in a slash; one with credentials in it is refused
    (without repeating them)."""
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InvalidInput(
            _("a collection's URL must start with https:// (or http://) and name a host")
        )
    if parts.username is not None or parts.password is not None:
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        raise InvalidInput(
            _(
                "the URL for {host} carries credentials: put them in the configuration file, "
                "{variables} or a netrc file, not in the URL"
            ).format(host=host, variables=f"{USER_VARIABLE}/{PASSWORD_VARIABLE}")
        )
    clean = parts._replace(fragment="").geturl()
    return clean if clean.endswith("/") else clean + "/"


def credentials_for(url: str, settings: SyncSettings) -> Credentials:
    """Who to connect to `url` as: the environment, else the configuration, else netrc.
    The password found is hidden from then on in every message and error."""
    found = _credentials_for(url, settings)
    if found.password:
        remember_secret(found.password)
    return found


def _credentials_for(url: str, settings: SyncSettings) -> Credentials:
    env_user, env_password = os.environ.get(USER_VARIABLE), os.environ.get(PASSWORD_VARIABLE)
    if env_password:
        return Credentials(env_user or settings.username, env_password, _("the environment"))
    if settings.password:
        return Credentials(
            env_user or settings.username, settings.password, _("the configuration file")
        )
    found = _netrc(urlsplit(url).hostname or "")
    if found is not None:
        login, password, where = found
        return Credentials(env_user or settings.username or login, password, where)
    return Credentials(env_user or settings.username, None)


def _netrc(host: str) -> tuple[str, str, str] | None:
    import netrc

    path = Path(os.environ.get("NETRC") or Path.home() / ".netrc")
    try:
        entry = netrc.netrc(str(path)).authenticators(host)
    except FileNotFoundError:
        return None
    except (netrc.NetrcParseError, OSError) as exc:
        # The parser's message quotes the file's line: it may hold a password.
        line = getattr(exc, "lineno", None)
        where = _("{path} (line {line})").format(path=path, line=line) if line else str(path)
        raise InvalidInput(_("cannot read {path}").format(path=where)) from None
    if entry is None or not entry[2]:
        return None
    return entry[0], entry[2], f"netrc ({path})"

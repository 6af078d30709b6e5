"""One calendar collection on a CalDAV server, through the `caldav` library.

What a sync needs of it and no more: what changed since a sync-token (RFC 6578;
the library lists every resource with its ETag when the server has no tokens),
the data of some resources in one REPORT, and a conditional PUT (If-Match on the
ETag last seen, If-None-Match for a new one), so that a change made on the server
meanwhile is never overwritten. Every failure becomes a ServerError whose message
names the collection's URL and never the credentials.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import quote, unquote, urlsplit

from sco_cal.domain.errors import ServerError
from sco_cal.i18n import _
from sco_cal.interchange.incoming import one_line

TIMEOUT = 30  # seconds a server may take to answer one request
_ETAG = "{DAV:}getetag"


@dataclass(frozen=True, slots=True)
class Listing:
    """What changed in the collection: resources (path -> ETag) added or changed, paths
    deleted, and the token to ask from next time. `full`: every resource was listed, so
    one not listed is gone."""

    etags: dict[str, str | None]
    deleted: frozenset[str]
    token: str | None
    full: bool


@dataclass(frozen=True, slots=True)
class Written:
    """A PUT's outcome: stored (with its new ETag, when the server says it) or refused
    because the resource changed (or appeared) on the server since it was last read."""

    stored: bool
    etag: str | None = None


@dataclass
class Collection:
    """A calendar collection, reached with the given credentials."""

    url: str
    username: str | None
    password: str | None = field(repr=False)
    credentials_from: str = "none found"
    # The library's objects (caldav.DAVClient, caldav.Calendar): its sync and async
    # halves share signatures that type checkers cannot tell apart.
    _client: Any = field(default=None, init=False, repr=False)
    _calendar: Any = field(default=None, init=False, repr=False)

    def __post_init__(self) -> None:
        from importlib.util import find_spec

        if find_spec("caldav") is None:
            raise ServerError(
                _("sync needs the caldav library, an optional part: pip install 'sco-cal[sync]'")
            )

    def changes(self, token: str | None) -> Listing:
        """The resources changed since `token` (all of them without one)."""
        with self._errors():
            found = self._cal().get_objects_by_sync_token(token, load_objects=False)
            deleted = frozenset(self.path_of(u) for u in getattr(found, "deleted_urls", ()) or ())
            etags = {
                self.path_of(o.url): _etag(o.props.get(_ETAG))
                for o in found
                if self.path_of(o.url) not in deleted
            }
            new_token = str(found.sync_token) if found.sync_token else None
        # The library falls back to listing everything (with a made-up token) when the
        # server has no sync-tokens or forgot this one.
        full = token is None or (new_token or "").startswith("fake-")
        return Listing(etags=etags, deleted=deleted, token=new_token, full=full)

    def fetch(self, paths: Sequence[str]) -> dict[str, str]:
        """The iCalendar text of each resource (a resource deleted meanwhile is absent)."""
        if not paths:
            return {}
        from caldav.lib.url import URL

        with self._errors():
            cal = self._cal()
            objects = cal.multiget([URL.objectify(self.url_of(p)) for p in paths])
            return {self.path_of(o.url): str(o.data) for o in objects if o.data}

    def put(self, path: str, body: bytes, etag: str | None) -> Written:
        """Write a resource: over the version `etag` names, or as a new one (etag None)."""
        headers = {"Content-Type": "text/calendar; charset=utf-8"}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = f'"{etag}"'
        with self._errors():
            response = self._dav().put(self.url_of(path), body.decode("utf-8"), headers)
        if response.status == 412:
            return Written(stored=False)
        if response.status not in (200, 201, 204):
            raise ServerError(
                _("{url}: the server refused to store {path} ({status})").format(
                    url=self.url, path=path, status=response.status
                )
            )
        return Written(stored=True, etag=_etag(response.headers.get("ETag")))

    def path_for(self, event_id: str) -> str:
        """Where an event sco-cal writes lives in the collection."""
        return urlsplit(self.url).path + quote(event_id, safe="") + ".ics"

    def path_of(self, url: Any) -> str:
        return unquote(urlsplit(str(url)).path)

    def url_of(self, path: str) -> str:
        return urlsplit(self.url)._replace(path=quote(path)).geturl()

    def close(self) -> None:
        if self._client is not None:
            self._client.close()

    def _dav(self) -> Any:
        if self._client is None:
            from caldav.davclient import DAVClient

            self._client = DAVClient(
                url=self.url,
                username=self.username,
                password=self.password,
                timeout=TIMEOUT,
                enable_rfc6764=False,  # the URL names the collection: no DNS discovery
            )
        return self._client

    def _cal(self) -> Any:
        if self._calendar is None:
            self._calendar = self._dav().calendar(url=self.url)
        return self._calendar

    @contextmanager
    def _errors(self) -> Iterator[None]:
        """The library's and the network's failures as one-line errors naming the URL."""
        from caldav.lib import error

        try:
            yield
        except error.AuthorizationError:
            who = (
                _("no credentials")
                if self.password is None
                else _("credentials from {origin}").format(origin=self.credentials_from)
            )
            raise ServerError(
                _("{url}: the server refused access ({who})").format(url=self.url, who=who)
            ) from None
        except error.NotFoundError:
            raise ServerError(
                _("{url}: no calendar collection there").format(url=self.url)
            ) from None
        except error.DAVError as exc:
            raise ServerError(
                _("{url}: the server answered wrongly ({reason})").format(
                    url=self.url, reason=_reason(exc)
                )
            ) from None
        except (OSError, ValueError) as exc:
            # niquests' connection errors are OSErrors; their text names host and port only.
            raise ServerError(
                _("{url}: cannot reach the server ({reason})").format(
                    url=self.url, reason=_reason(exc)
                )
            ) from None


def _reason(exc: BaseException) -> str:
    return one_line(getattr(exc, "reason", None) or type(exc).__name__, 120)


def _etag(value: object) -> str | None:
    return str(value).strip().removeprefix("W/").strip('"') if value else None

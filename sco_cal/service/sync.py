"""Two-way sync with a CalDAV collection: what changed on either side since the last sync.

A sync reads first and writes after. It asks the server what changed since its
sync-token, fetches only those resources, and compares each with what both sides
last agreed on (`sco_cal.domain.sync`). Then, in one transaction, it records here
what people changed in their calendar programs (each change in the event's history,
by the CalDAV user, with the server as its source), and only then writes to the
server what changed here, each PUT conditional on the ETag last seen. A failure
while reading leaves the store as it was; one while writing keeps what reached the
server recorded, and the rest is written by the next sync.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING, Any

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event
from sco_cal.domain.history_notes import CHANGED_IN_A_CALENDAR
from sco_cal.domain.progress import QUIET, Progress
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.domain.sync import Merge, Part, Prefer, merge, part_changes, parts_of
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.interchange.resource import Remote
    from sco_cal.interchange.server import Collection
    from sco_cal.store.sync_state import Agreed, SyncState
    from sco_cal.store.transaction import Transaction

# History actions of the changes a sync records, as the matching commands record them.
_ACTIONS = {Part.STATUS: "status", Part.DATES: "reschedule", Part.TITLE: "edit"}


@dataclass(frozen=True, slots=True)
class SyncTarget:
    """A collection to sync with: its events (`organisations`, none: all) and the
    organisation given to events others create there (None: they are not imported)."""

    collection: Collection
    organisations: tuple[str, ...] = ()
    organisation_for_others: str | None = None

    @property
    def url(self) -> str:
        return self.collection.url

    @property
    def user(self) -> str:
        """Who the changes pulled from the server are recorded as."""
        return self.collection.username or "caldav"


@dataclass
class Conflicted:
    event_id: str
    parts: tuple[str, ...]  # "status", "dates", "title", or "deleted" (removed there)
    here: dict[str, str]
    there: dict[str, str]


@dataclass
class SyncReport:
    """What a sync did (or, dry, would do) with one collection."""

    url: str
    dry_run: bool
    pulled: dict[str, list[str]] = field(default_factory=dict)  # event id -> parts taken
    imported: list[str] = field(default_factory=list)  # events created there by others
    created: list[str] = field(default_factory=list)  # events written there for the first time
    updated: list[str] = field(default_factory=list)  # events written over their old copy
    removed_there: list[str] = field(default_factory=list)  # deleted on the server: kept here
    conflicts: list[Conflicted] = field(default_factory=list)
    skipped: list[tuple[str, str]] = field(default_factory=list)  # (resource, why)
    labels: dict[str, str] = field(default_factory=dict)  # event id -> title

    @property
    def changed(self) -> bool:
        return bool(self.pulled or self.imported or self.created or self.updated)


@dataclass
class _Plan:
    """The decisions of one sync, taken before anything is written."""

    # event id -> (its version as read, the field changes of each part pulled)
    changes: dict[str, tuple[int, list[tuple[Part, dict[str, Any]]]]] = field(default_factory=dict)
    new: list[Event] = field(default_factory=list)
    agreed: list[Agreed] = field(default_factory=list)  # recorded with the pulled changes
    push: dict[str, str | None] = field(default_factory=dict)  # event id -> ETag to write over


class Sync:
    """This calendar and the CalDAV collections it is shared through."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def run(
        self,
        target: SyncTarget,
        *,
        prefer: Prefer | None = None,
        dry_run: bool = False,
        lang: str = "en",
        progress: Progress = QUIET,
    ) -> SyncReport:
        """Sync with one collection; conflicts not settled by `prefer` are only listed."""
        from sco_cal.store.sync_state import load_state

        state = self._ctx.write(lambda s: load_state(s, target.url))
        local = {
            e.id: e
            for e in self._events.find(
                EventFilter(scope=Scope.ALL, organisations=target.organisations), details=True
            )
        }
        report = SyncReport(url=target.url, dry_run=dry_run)
        report.labels = {i: e.title_in(lang) for i, e in local.items()}
        remote = target.collection
        listing = remote.changes(state.token if state.items else None)
        by_href = state.by_href
        gone = set(listing.deleted)
        if listing.full:
            gone |= set(by_href) - set(listing.etags)
        wanted = [
            p
            for p, tag in listing.etags.items()
            if tag is None or by_href.get(p) is None or by_href[p].etag != tag
        ]
        progress.start(_("reading changes from the server"), total=len(wanted))
        fetched = remote.fetch(wanted)
        plan = _Plan()
        for path in wanted:
            if path in fetched:
                self._pulled(
                    target,
                    state,
                    path,
                    fetched[path],
                    listing.etags[path],
                    local,
                    plan,
                    report,
                    prefer,
                    lang,
                )
            progress.advance()
        for path in sorted(gone & set(by_href)):
            self._removed(by_href[path], local, plan, report, prefer)
        self._local_changes(target, state, local, plan, report, prefer)
        if dry_run:
            report.created = [i for i, tag in plan.push.items() if tag is None]
            report.updated = [i for i, tag in plan.push.items() if tag is not None]
            return report
        # A conflict left alone, or a resource left out (an event naming no organisation
        # may come in with --org next time), must be seen again: the token moves on only
        # when every change it covers was taken or settled.
        settled = not report.conflicts and not report.skipped
        self._record(target, plan, listing.token if settled else None, report)
        self._push(target, state, plan, report, lang, progress)
        return report

    # -- reading: what changed on the server ----------------------------------------

    def _pulled(
        self,
        target: SyncTarget,
        state: SyncState,
        path: str,
        data: str,
        etag: str | None,
        local: dict[str, Event],
        plan: _Plan,
        report: SyncReport,
        prefer: Prefer | None,
        lang: str,
    ) -> None:
        from sco_cal.interchange.resource import read_resource, uid_of
        from sco_cal.interchange.vocabulary import event_id_for
        from sco_cal.store.sync_state import Agreed

        agreed = state.by_href.get(path)
        event_id = agreed.event_id if agreed else event_id_for(uid_of(data))
        known = local.get(event_id)
        try:
            found = read_resource(
                data,
                name=path,
                lang=lang,
                today=self._ctx.today,
                organisation=known.organisation if known else target.organisation_for_others,
            )
        except InvalidInput as exc:
            report.skipped.append((path, str(exc)))
            return
        event = local.get(event_id)
        if event is None:
            if agreed is not None or event_id in state.items:
                return  # an event this collection no longer holds (its organisation changed)
            self._imported(target, path, etag, found, plan, report, lang)
            return
        here = parts_of(event, lang)
        if agreed is None:
            there = parts_of(found.event, lang)
            moved: set[Part] = set(Part)
        else:
            there, moved = _there(found, agreed, lang)
        result = merge(
            agreed.base if agreed else None,
            here,
            there,
            remote_moved=moved,
            local_moved=agreed is None or event.version != agreed.version,
            prefer=prefer,
        )
        if result.conflicts:
            report.conflicts.append(
                Conflicted(
                    event.id,
                    tuple(p.value for p in result.conflicts),
                    {p.value: here[p] for p in result.conflicts},
                    {p.value: there[p] for p in result.conflicts},
                )
            )
            return
        changes = [(part, _changes(part, found, moved, agreed, lang)) for part in result.pull]
        if changes:
            plan.changes[event.id] = (event.version, changes)
            report.pulled[event.id] = [p.value for p in result.pull]
        pulled = {p: there[p] for p in result.pull}
        if result.push:
            # Still to be written there: recorded as a change here, so that if the write
            # fails, the next sync writes it rather than take it as agreed.
            version = agreed.version if agreed else 0
            merged = {**(agreed.base if agreed else here), **pulled}
        else:
            # Each part pulled is one recorded change, one version more.
            version = event.version + len(changes)
            merged = {**here, **pulled}
        uid = agreed.uid if agreed else None
        plan.agreed.append(Agreed(event.id, path, etag, version, merged, found.shown, uid))
        if result.push:
            plan.push[event.id] = etag

    def _imported(
        self,
        target: SyncTarget,
        path: str,
        etag: str | None,
        found: Remote,
        plan: _Plan,
        report: SyncReport,
        lang: str,
    ) -> None:
        from sco_cal.store.sync_state import Agreed

        event = found.event
        if target.organisations and event.organisation not in target.organisations:
            report.skipped.append(
                (
                    path,
                    f"{event.title_en!r} is a {event.organisation} event: this collection "
                    f"holds {', '.join(target.organisations)}",
                )
            )
            return
        event = replace(event, origin=f"sync:{target.url}")
        plan.new.append(event)
        report.imported.append(event.id)
        report.labels[event.id] = event.title_in(lang)
        plan.agreed.append(
            Agreed(event.id, path, etag, 1, parts_of(event, lang), found.shown, found.uid)
        )

    def _removed(
        self,
        agreed: Agreed,
        local: dict[str, Event],
        plan: _Plan,
        report: SyncReport,
        prefer: Prefer | None,
    ) -> None:
        """A resource deleted on the server: the meeting is not deleted here (removing an
        entry from a calendar says nothing of the meeting), and not written back unless
        it changed here too, which is a conflict."""
        event = local.get(agreed.event_id)
        if event is None:
            return
        if event.version != agreed.version and prefer is not Prefer.REMOTE:
            if prefer is Prefer.LOCAL:
                plan.push[event.id] = None
                return
            report.conflicts.append(
                Conflicted(event.id, ("deleted",), {"version": str(event.version)}, {})
            )
            return
        report.removed_there.append(event.id)
        plan.agreed.append(replace(agreed, href=None, etag=None, version=event.version))

    def _local_changes(
        self,
        target: SyncTarget,
        state: SyncState,
        local: dict[str, Event],
        plan: _Plan,
        report: SyncReport,
        prefer: Prefer | None,
    ) -> None:
        """Events new here, or changed here since the last sync, that the server did not
        change: written there."""
        handled = (
            {c.event_id for c in report.conflicts}
            | set(plan.push)
            | {a.event_id for a in plan.agreed}
        )
        for event in local.values():
            if event.id in handled:
                continue
            agreed = state.items.get(event.id)
            if agreed is None:
                plan.push[event.id] = None
            elif agreed.href is None:
                if event.version == agreed.version:
                    continue  # removed on the server, unchanged here: left out
                if prefer is Prefer.LOCAL:
                    plan.push[event.id] = None
                elif prefer is None:
                    report.conflicts.append(
                        Conflicted(event.id, ("deleted",), {"version": str(event.version)}, {})
                    )
            elif event.version != agreed.version:
                plan.push[event.id] = agreed.etag

    # -- writing: here first, then there ---------------------------------------------

    def _record(
        self, target: SyncTarget, plan: _Plan, token: str | None, report: SyncReport
    ) -> None:
        """The changes pulled, the events imported and the new agreements, in one transaction."""
        from sco_cal.store.sync_state import save_state
        from sco_cal.store.writer import insert_events, update_event

        now = self._ctx.now()

        def write(tx: Transaction) -> None:
            written: dict[str, int] = {}  # event id -> its version after the changes pulled
            for event_id, (read, parts) in plan.changes.items():
                # Someone changing the event here meanwhile refuses the whole sync
                # (Conflict), rather than have the server's values written over theirs.
                version = read
                for part, changes in parts:
                    version = update_event(
                        tx=tx,
                        event_id=event_id,
                        changes=changes,
                        author=target.user,
                        now=now,
                        action=_ACTIONS[part],
                        expected_version=version,
                        note=CHANGED_IN_A_CALENDAR,
                        source=target.url,
                    )
                written[event_id] = version
            if plan.new:
                insert_events(
                    tx=tx,
                    events=plan.new,
                    author=target.user,
                    now=now,
                    notes={e.id: "created in a calendar program" for e in plan.new},
                    source=target.url,
                )
            # A change equal to what the event holds makes no new version: agree on the
            # version written, not on one counted ahead (events still to be pushed keep
            # the version last agreed, so that they stay changed here).
            agreed = [
                replace(a, version=written[a.event_id])
                if a.event_id in written and a.event_id not in plan.push
                else a
                for a in plan.agreed
            ]
            save_state(tx, target.url, agreed, token=token, synced_at=now)

        self._ctx.write(write)

    def _push(
        self,
        target: SyncTarget,
        state: SyncState,
        plan: _Plan,
        report: SyncReport,
        lang: str,
        progress: Progress,
    ) -> None:
        """Write what changed here; what reached the server is recorded even if a later
        write fails."""
        from sco_cal.interchange.resource import resource_bytes
        from sco_cal.store.sync_state import Agreed, save_state

        if not plan.push:
            return
        fresh = {
            e.id: e
            for e in self._events.find(
                EventFilter(scope=Scope.ALL, organisations=target.organisations), details=True
            )
        }
        known = {a.event_id: a for a in plan.agreed} | {
            i: a for i, a in state.items.items() if i not in {a.event_id for a in plan.agreed}
        }
        done: list[Agreed] = []
        progress.start(_("writing changes to the server"), total=len(plan.push))
        try:
            for event_id, etag in plan.push.items():
                event = fresh.get(event_id)
                if event is None:
                    continue
                agreed = known.get(event_id)
                path = (
                    agreed.href if agreed and agreed.href else target.collection.path_for(event_id)
                )
                uid = agreed.uid if agreed else None
                body, shown = resource_bytes(event, lang, self._ctx.today, uid)
                written = target.collection.put(path, body, etag)
                if not written.stored:
                    report.conflicts.append(
                        Conflicted(event_id, (_("changed on the server during the sync"),), {}, {})
                    )
                else:
                    (report.created if etag is None else report.updated).append(event_id)
                    done.append(
                        Agreed(
                            event_id,
                            path,
                            written.etag,
                            event.version,
                            parts_of(event, lang),
                            shown,
                            uid,
                        )
                    )
                progress.advance()
        finally:
            if done:
                self._ctx.write(lambda s: save_state(s, target.url, done))


def _there(found: Remote, agreed: Agreed, lang: str) -> tuple[dict[Part, str], set[Part]]:
    """The server's parts, and those a calendar program changed since the last sync."""
    moved = {p for p in Part if found.shown.get(p.value) != agreed.shown.get(p.value)}
    there = parts_of(found.event, lang)
    seen = parts_of(found.seen, lang)
    for part in (Part.DATES, Part.TITLE):
        if part in moved:
            there[part] = seen[part]
    if Part.TITLE in moved:
        from sco_cal.interchange.resource import title_shown

        there[Part.TITLE] = title_shown(found.seen, agreed.shown.get(Part.TITLE.value, ""))
    return there, moved


def _changes(
    part: Part, found: Remote, moved: set[Part], agreed: Agreed | None, lang: str
) -> dict[str, Any]:
    """The field changes that take `part` from the server: the state as sco-cal reads it
    (exact when the program kept it), the dates and title as the program shows them
    when a person changed them there."""
    if agreed is None:  # never agreed: the server's copy as sco-cal wrote it
        return part_changes(part, found.event, lang)
    if part is Part.TITLE:
        from sco_cal.interchange.resource import title_shown

        title = title_shown(found.seen, agreed.shown.get(Part.TITLE.value, ""))
        return {"title": title} if lang == "fr" else {"title_en": title}
    source = found.seen if part in moved and part is not Part.STATUS else found.event
    return part_changes(part, source, lang)


__all__ = ["Merge", "Sync", "SyncReport", "SyncTarget"]

"""Recording facts: notes, states, dates, fields, tags and new events."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import replace
from typing import TYPE_CHECKING, Any

from sco_cal.domain.edits import clean_tag, clean_text, edit, series_number
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import (
    Annotation,
    Event,
    HistoryEntry,
    Kind,
    checked_slug,
    readable_id,
    sine_die_fields,
    window_fields,
)
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.postponement import check_not_past, is_sine_die, sine_die
from sco_cal.domain.text import unique
from sco_cal.i18n import _
from sco_cal.service.context import ServiceContext
from sco_cal.service.events import Events

if TYPE_CHECKING:
    from sco_cal.domain.dates import DateWindow
    from sco_cal.store.transaction import Transaction


class Recorder:
    """Every change a person makes to an event, each written with its history."""

    def __init__(self, ctx: ServiceContext, events: Events) -> None:
        self._ctx = ctx
        self._events = events

    def annotate(self, id_text: str, text: str) -> Annotation:
        """Add a note (append-only)."""
        from sco_cal.store.writer import add_annotation

        event_id, body = self._events.resolve_id(id_text), clean_text(text, "annotation")
        return self._ctx.record(add_annotation, event_id=event_id, text=body)

    def unannotate(self, id_text: str, annotation_id: int) -> None:
        """Delete a note; the deletion is recorded."""
        from sco_cal.store.writer import delete_annotation

        event_id = self._events.resolve_id(id_text)
        self._ctx.record(delete_annotation, event_id=event_id, annotation_id=annotation_id)

    def change_status(
        self,
        id_text: str,
        state: ConfirmationState | str,
        *,
        note: str | None = None,
        source: str | None = None,
        window: DateWindow | None = None,
        expected_version: int | None = None,
        allow_past: bool = False,
    ) -> Event:
        """Record a new confirmation state (and, for a postponement, the new window, which
        must not have ended unless `allow_past`)."""
        state = ConfirmationState.parse(state) if isinstance(state, str) else state
        event = self._events.get(id_text)
        if state is event.status and window is None:
            raise InvalidInput(_("{id} is already {state}").format(id=event.id, state=state.value))
        if state is ConfirmationState.POSTPONED and window is None:
            raise InvalidInput(
                _("a postponement needs the new date, or 'sine die': use `postpone ID DATE`")
            )
        changes: dict[str, Any] = {"status": state}
        if window is not None:
            check_not_past(window, self._ctx.today, allow_past=allow_past)
            changes |= window_fields(window) | sine_die_fields(None)
        return self._update(
            event, changes, action="status", note=note, source=source, expected=expected_version
        )

    def postpone(
        self,
        id_text: str,
        phrase: str,
        *,
        note: str | None = None,
        source: str | None = None,
        allow_past: bool = False,
    ) -> Event:
        """Record a postponement to the window `phrase` names, or with no new date when it
        says "sine die" (followed up after the configured delay)."""
        if not is_sine_die(phrase):
            window = self._window(phrase)
            return self.change_status(
                id_text,
                ConfirmationState.POSTPONED,
                note=note,
                source=source,
                window=window,
                allow_past=allow_past,
            )
        event = self._events.get(id_text)
        if event.sine_die is not None:
            raise InvalidInput(
                _("{id} is already postponed sine die (since {since})").format(
                    id=event.id, since=event.sine_die.since.isoformat()
                )
            )
        changes: dict[str, Any] = {"status": ConfirmationState.POSTPONED}
        changes |= sine_die_fields(sine_die(self._ctx.today, self._ctx.sine_die_days))
        return self._update(event, changes, action="status", note=note, source=source)

    def reschedule(
        self,
        id_text: str,
        phrase: str,
        *,
        note: str | None = None,
        source: str | None = None,
        allow_past: bool = False,
    ) -> Event:
        """Correct the event's window, leaving its state; a window that has already ended
        only with `allow_past`."""
        event = self._events.get(id_text)
        window = self._window(phrase)
        check_not_past(window, self._ctx.today, allow_past=allow_past)
        changes = window_fields(window) | sine_die_fields(None)
        return self._update(event, changes, action="reschedule", note=note, source=source)

    def edit(
        self,
        id_text: str,
        typed: Mapping[str, str],
        *,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Event:
        """Change fields given as text, each checked (a country in any spelling, ...)."""
        event = self._events.get(id_text)
        if not typed:
            raise InvalidInput(_("nothing to change: give at least one field"))
        changes = dict(edit(name, value) for name, value in typed.items())
        return self._update(event, changes, action="edit", note=note, expected=expected_version)

    def tag(self, id_text: str, add: list[str], remove: list[str]) -> tuple[str, ...]:
        """Add and remove tags; the event's tags afterwards."""
        from sco_cal.store.writer import set_tags

        event_id = self._events.resolve_id(id_text)
        adding, removing = [clean_tag(t) for t in add], [clean_tag(t) for t in remove]
        return self._ctx.record(set_tags, event_id=event_id, add=adding, remove=removing)

    def add_event(
        self,
        *,
        title: str,
        date_phrase: str,
        organisation: str,
        country: str | None = None,
        cities: list[str] | None = None,
        title_fr: str | None = None,
        kind: str = "meeting",
        status: str = "provisional",
        theme: str | None = None,
        series: str | None = None,
        number: int | None = None,
        summary: str | None = None,
        event_id: str | None = None,
    ) -> Event:
        """A new event typed in by a person; its id comes from its title unless given."""
        from sco_cal.store.writer import event_exists, insert_event

        typed = {"organisation": organisation, "country": country or "", "theme": theme or ""}
        fields = dict(edit(name, value) for name, value in typed.items())
        title = clean_text(title, "title")
        event = Event(
            id="",
            kind=Kind.parse(kind),
            title=clean_text(title_fr, "title") if title_fr else title,
            title_en=title,
            window=self._window(date_phrase),
            status=ConfirmationState.parse(status),
            series=checked_slug(series, "series") if series else None,
            number=series_number(number) if number is not None else None,
            cities=edit("cities", ",".join(cities or ()))[1],
            summary=summary,
            origin="user",
            **fields,
        )

        chosen = checked_slug(event_id, "id") if event_id else None

        def insert(tx: Transaction) -> Event:
            def exists(candidate: str) -> bool:
                return event_exists(tx=tx, event_id=candidate)

            new_id = chosen or unique(readable_id(event), exists)
            if exists(new_id):
                raise InvalidInput(
                    _("an event with id '{new_id}' already exists").format(new_id=new_id)
                )
            created = replace(event, id=new_id)
            insert_event(tx=tx, event=created, author=self._ctx.author, now=self._ctx.now())
            return created

        return self._ctx.write(insert)

    def delete(self, id_text: str, *, note: str | None = None) -> Event:
        """Take an event out of every list; its history stays and `restore` brings it back."""
        return self._set_deleted(self._events.resolve_id(id_text), True, "delete", note)

    def restore(self, id_text: str, *, note: str | None = None) -> Event:
        """Bring back a deleted event."""
        return self._set_deleted(
            self._events.resolve_id(id_text, deleted=True), False, "restore", note
        )

    def _set_deleted(self, event_id: str, deleted: bool, action: str, note: str | None) -> Event:
        from sco_cal.store.writer import set_deleted

        self._ctx.record(set_deleted, event_id=event_id, deleted=deleted, action=action, note=note)
        return self._ctx.store.reader.event(event_id)

    def undo(self) -> HistoryEntry:
        """Take back the last change this person made (and did not undo yet); the entry
        taken back. Refused when someone changed the same thing since."""
        from sco_cal.store.undo import last_entry, undo_entry

        def work(tx: Transaction) -> HistoryEntry:
            entry = last_entry(tx=tx, author=self._ctx.author)
            if entry is None:
                raise InvalidInput(
                    _("{author} has no change left to undo").format(author=self._ctx.author)
                )
            undo_entry(tx=tx, entry=entry, author=self._ctx.author, now=self._ctx.now())
            return entry

        return self._ctx.write(work)

    def _window(self, phrase: str) -> DateWindow:
        from sco_cal.domain.date_phrases import parse_date_phrase

        return parse_date_phrase(phrase, today=self._ctx.today)

    def _update(
        self,
        event: Event,
        changes: dict[str, Any],
        *,
        action: str,
        note: str | None = None,
        source: str | None = None,
        expected: int | None = None,
    ) -> Event:
        """Write `changes` in one transaction that reads the event as it is then; the
        event as it now stands.

        Only `expected` (a version given by the person, or by a screen acting on what it
        showed) may refuse the change; without it, a change made meanwhile by someone
        else is simply built upon, as a shell user expects of a plain command.
        """
        from sco_cal.store.writer import update_event

        self._ctx.record(
            update_event,
            event_id=event.id,
            changes=changes,
            action=action,
            expected_version=expected,
            note=note,
            source=source,
        )
        return self._events.get(event.id)

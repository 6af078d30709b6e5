"""Recording facts: notes, states, dates, fields, tags and new events."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Any

from sco_cal.date_phrases import parse_date_phrase
from sco_cal.errors import InvalidInput, UnknownValue
from sco_cal.model import MAX_SERIES_NUMBER, Annotation, Event, Kind, slug
from sco_cal.organisations import organisation_code
from sco_cal.places import city, country_code
from sco_cal.states import ConfirmationState
from sco_cal.text import fold
from sco_cal.themes import resolve_theme

if TYPE_CHECKING:
    from sco_cal.dates import DateWindow

from sco_cal.service.base import ServiceBase

EDITABLE = (
    "title",
    "title_en",
    "organisation",
    "kind",
    "series",
    "number",
    "country",
    "cities",
    "theme",
    "summary",
    "start_time",
    "timezone",
)
_FIELD_ALIASES = {
    "city": "cities",
    "title_fr": "title",
    "org": "organisation",
    "time": "start_time",
}
MAX_TEXT = 10_000


@dataclass
class RecordingService(ServiceBase):
    def annotate(self, id_text: str, text: str) -> Annotation:
        from sco_cal.store.writer import add_annotation

        event_id, body = self.resolve(id_text), _clean_text(text, "annotation")
        return self.store.write(
            lambda s: add_annotation(
                session=s, event_id=event_id, text=body, author=self.author, now=self.now()
            )
        )

    def delete_annotation(self, id_text: str, annotation_id: int) -> None:
        from sco_cal.store.writer import delete_annotation

        event_id = self.resolve(id_text)
        self.store.write(
            lambda s: delete_annotation(
                session=s,
                event_id=event_id,
                annotation_id=annotation_id,
                author=self.author,
                now=self.now(),
            )
        )

    def change_status(
        self,
        id_text: str,
        state: ConfirmationState | str,
        *,
        note: str | None = None,
        source: str | None = None,
        window: DateWindow | None = None,
        expected_version: int | None = None,
    ) -> Event:
        """Record a new confirmation state (and, for a postponement, the new window)."""
        state = ConfirmationState.parse(state) if isinstance(state, str) else state
        event = self.get(id_text)
        if state is event.status and window is None:
            raise InvalidInput(f"{event.id} is already {state.value}")
        if state is ConfirmationState.POSTPONED and window is None:
            raise InvalidInput("a postponement needs the new date: use `postpone ID DATE`")
        changes: dict[str, Any] = {"status": state.value}
        if window is not None:
            changes |= _window_columns(window)
        self._update(
            event,
            changes,
            action="status",
            note=note,
            source=source,
            expected_version=expected_version,
        )
        return self.get(event.id)

    def postpone(
        self, id_text: str, phrase: str, *, note: str | None = None, source: str | None = None
    ) -> Event:
        window = parse_date_phrase(phrase, today=self.today)
        return self.change_status(
            id_text, ConfirmationState.POSTPONED, note=note, source=source, window=window
        )

    def reschedule(
        self, id_text: str, phrase: str, *, note: str | None = None, source: str | None = None
    ) -> Event:
        event = self.get(id_text)
        window = parse_date_phrase(phrase, today=self.today)
        self._update(event, _window_columns(window), action="reschedule", note=note, source=source)
        return self.get(event.id)

    def edit(
        self,
        id_text: str,
        changes: dict[str, str],
        *,
        note: str | None = None,
        expected_version: int | None = None,
    ) -> Event:
        """Change fields given as text, each checked (a country in any spelling, ...)."""
        event = self.get(id_text)
        if not changes:
            raise InvalidInput("nothing to change: give at least one field")
        columns = {
            _FIELD_ALIASES.get(name, name): _edit_value(_FIELD_ALIASES.get(name, name), value)
            for name, value in changes.items()
        }
        self._update(event, columns, action="edit", note=note, expected_version=expected_version)
        return self.get(event.id)

    def tag(self, id_text: str, add: list[str], remove: list[str]) -> tuple[str, ...]:
        from sco_cal.store.writer import set_tags

        event_id = self.resolve(id_text)
        add_t, remove_t = [_clean_tag(t) for t in add], [_clean_tag(t) for t in remove]
        return self.store.write(
            lambda s: set_tags(
                session=s,
                event_id=event_id,
                add=add_t,
                remove=remove_t,
                author=self.author,
                now=self.now(),
            )
        )

    def add(
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
        """A new event typed in by a person."""
        from sco_cal.store.writer import event_exists, insert_event

        title = _clean_text(title, "title")
        window = parse_date_phrase(date_phrase, today=self.today)
        event = Event(
            id="",
            organisation=organisation_code(organisation),
            kind=Kind.parse(kind),
            title=_clean_text(title_fr, "title") if title_fr else title,
            title_en=title,
            window=window,
            status=ConfirmationState.parse(status),
            theme=resolve_theme(theme) if theme else None,
            series=slug(series, "series") if series else None,
            number=_series_number(number) if number is not None else None,
            country=country_code(country) if country else None,
            cities=tuple(city(c).name for c in cities or ()),
            summary=summary,
            origin="user",
        )

        chosen = slug(event_id, "id") if event_id else None

        def insert(session: Any) -> Event:
            new_id = chosen or _unique_slug(session, event, event_exists)
            if event_exists(session=session, event_id=new_id):
                raise InvalidInput(f"an event with id '{new_id}' already exists")
            created = replace(event, id=new_id)
            insert_event(session=session, event=created, author=self.author, now=self.now())
            return created

        return self.store.write(insert)


def _window_columns(window: DateWindow) -> dict[str, Any]:
    return {
        "start_date": window.start,
        "end_date": window.end,
        "precision": window.precision.value,
        "date_text": window.text,
        "open_ended": window.open_ended,
    }


def _edit_value(name: str, value: str) -> Any:
    import json

    value = value.strip()
    if name not in EDITABLE:
        raise UnknownValue(
            f"cannot edit '{name}' (editable: {', '.join(EDITABLE)}; "
            "use reschedule or status for dates and states)"
        )
    if name in ("title", "title_en"):
        return _clean_text(value, name)
    converters: dict[str, Any] = {
        "organisation": organisation_code,
        "kind": lambda v: Kind.parse(v).value,
        "country": lambda v: country_code(v) if v else None,
        "cities": lambda v: json.dumps(
            [city(c).name for c in v.split(",") if c.strip()], ensure_ascii=False
        ),
        "theme": lambda v: resolve_theme(v) if v else None,
        "series": lambda v: slug(v, "series") if v else None,
        "number": _number,
        "start_time": _time_of_day,
        "timezone": _timezone,
    }
    convert = converters.get(name)
    if convert is not None:
        return convert(value)
    return value or None


def _number(value: str) -> int | None:
    if not value:
        return None
    if not (value.isascii() and value.isdigit()):
        raise InvalidInput(f"number must be a whole number, not '{value}'")
    return _series_number(int(value))


def _series_number(number: int) -> int:
    if not 1 <= number <= MAX_SERIES_NUMBER:
        raise InvalidInput(f"number must be 1-{MAX_SERIES_NUMBER:,}, not {number}")
    return number


def _time_of_day(value: str) -> str | None:
    if not value:
        return None
    if not re.fullmatch(r"([01]\d|2[0-3]):[0-5]\d", value):
        raise InvalidInput(f"time must be HH:MM (24-hour), not '{value}'")
    return value


def _timezone(value: str) -> str | None:
    if not value:
        return None
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            f"unknown time zone '{value}' (use an IANA name such as Asia/Bishkek)"
        ) from None
    return value


def _clean_text(text: str | None, what: str) -> str:
    body = (text or "").strip()
    if not body:
        raise InvalidInput(f"the {what} is empty")
    if len(body) > MAX_TEXT:
        raise InvalidInput(f"the {what} is longer than {MAX_TEXT} characters")
    return body


def _clean_tag(tag: str) -> str:
    clean = tag.strip().lstrip("#+-").casefold()
    if not re.fullmatch(r"[\w.-]{1,40}", clean):
        raise InvalidInput(f"'{tag}' is not a tag (letters, digits, '-', '.', '_', up to 40)")
    return clean


def _unique_slug(session: Any, event: Event, exists: Any) -> str:
    words = re.findall(r"[a-z0-9]+", fold(event.title_en))[:6]
    base = "-".join([event.organisation.lower(), *words, str(event.window.start.year)])
    slug, n = base, 2
    while exists(session=session, event_id=slug):
        slug, n = f"{base}-{n}", n + 1
    return slug

"""What a person types for a field, a tag or a note, checked and read into domain values."""

from __future__ import annotations

import re
from typing import Any

from sco_cal.domain.errors import InvalidInput, UnknownValue
from sco_cal.domain.event import MAX_SERIES_NUMBER, Kind, checked_slug
from sco_cal.i18n import N_, _

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
FIELD_ALIASES = {"city": "cities", "title_fr": "title", "org": "organisation", "time": "start_time"}
_REQUIRED = ("organisation", "kind")  # an empty value is refused, never cleared
MAX_TEXT = 10_000
_TAG = re.compile(r"[\w.-]{1,40}")
_TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d")


def edit(name: str, typed: str) -> tuple[str, Any]:
    """The field `name` (or its alias) and the value `typed` means for it.

    `edit("city", "Bichkek,Och") == ("cities", ("Bishkek", "Osh"))`; an empty value
    clears an optional field.
    """
    field = FIELD_ALIASES.get(name, name)
    if field not in EDITABLE:
        raise UnknownValue(
            _(
                "cannot edit '{name}' (editable: {fields}; "
                "use reschedule or status for dates and states)"
            ).format(name=name, fields=", ".join(EDITABLE))
        )
    value = typed.strip()
    if field in ("title", "title_en"):
        return field, clean_text(value, field)
    if not value and field not in _REQUIRED:
        return field, () if field == "cities" else None
    return field, _READERS.get(field, str)(value)


def _cities(value: str) -> tuple[str, ...]:
    from sco_cal.domain.places import city

    return tuple(city(c).name for c in value.split(",") if c.strip())


def _organisation(value: str) -> str:
    from sco_cal.domain.organisations import organisation_code

    return organisation_code(value)


def _country(value: str) -> str:
    from sco_cal.domain.places import country_code

    return country_code(value)


def _theme(value: str) -> str:
    from sco_cal.domain.themes import resolve_theme

    return resolve_theme(value)


def _series(value: str) -> str:
    return checked_slug(value, "series")


def _number(value: str) -> int:
    if not (value.isascii() and value.isdigit()):
        raise InvalidInput(_("number must be a whole number, not '{value}'").format(value=value))
    return series_number(int(value))


def series_number(number: int) -> int:
    """`number` if it can be the rank of a meeting in its series, else InvalidInput."""
    if not 1 <= number <= MAX_SERIES_NUMBER:
        raise InvalidInput(
            _("number must be 1-{max}, not {number}").format(
                max=f"{MAX_SERIES_NUMBER:,}", number=number
            )
        )
    return number


def _time_of_day(value: str) -> str:
    if not _TIME.fullmatch(value):
        raise InvalidInput(_("time must be HH:MM (24-hour), not '{value}'").format(value=value))
    return value


def _timezone(value: str) -> str:
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(value)
    except (ZoneInfoNotFoundError, ValueError):
        raise InvalidInput(
            _("unknown time zone '{value}' (use an IANA name such as Asia/Bishkek)").format(
                value=value
            )
        ) from None
    return value


_READERS: dict[str, Any] = {
    "organisation": _organisation,
    "kind": Kind.parse,
    "country": _country,
    "cities": _cities,
    "theme": _theme,
    "series": _series,
    "number": _number,
    "start_time": _time_of_day,
    "timezone": _timezone,
}


# One sentence per text, so that each language can word it whole (and agree in gender).
_EMPTY = {
    "title": N_("the title is empty"),
    "title_en": N_("the title_en is empty"),
    "annotation": N_("the annotation is empty"),
}
_TOO_LONG = {
    "title": N_("the title is longer than {max} characters"),
    "title_en": N_("the title_en is longer than {max} characters"),
    "annotation": N_("the annotation is longer than {max} characters"),
}


def clean_text(text: str | None, what: str) -> str:
    """A title or a note (`what`: title, title_en or annotation): not empty, not longer
    than MAX_TEXT."""
    body = (text or "").strip()
    if not body:
        raise InvalidInput(_(_EMPTY[what]))
    if len(body) > MAX_TEXT:
        raise InvalidInput(_(_TOO_LONG[what]).format(max=MAX_TEXT))
    return body


def clean_tag(tag: str) -> str:
    """`#Briefing` or `+briefing` is the tag `briefing`."""
    clean = tag.strip().lstrip("#+-").casefold()
    if not _TAG.fullmatch(clean):
        raise InvalidInput(
            _("'{tag}' is not a tag (letters, digits, '-', '.', '_', up to 40)").format(tag=tag)
        )
    return clean

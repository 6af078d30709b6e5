"""One VEVENT as a sco-cal event: its state, titles, place, theme, tags and sources.

`to_event` is the other half of `export.vevent_lines`: a VEVENT sco-cal wrote (it
carries X-SCO-CAL-STATUS) comes back as the event it was; any other is read for what
calendar programs put in it.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import date
from functools import lru_cache

from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.event import Event, Kind, Source
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import organisation_code
from sco_cal.domain.places import find_city, find_country
from sco_cal.domain.themes import resolve_theme
from sco_cal.i18n import _
from sco_cal.interchange import vocabulary as v
from sco_cal.interchange.components import Component
from sco_cal.interchange.incoming import MAX_TEXT, MAX_TITLE, ReadOptions, as_tag, clip
from sco_cal.interchange.props import FieldError, category_names, checked, text, texts
from sco_cal.interchange.timing import When

_PLACE_PARTS = re.compile(r"[,;/()\n]|\s[-\u2013]\s")


def organisation_of(comp: Component, default: str | None) -> str | None:
    """The organisation: sco-cal's own field, else a category naming one, else `default`."""
    own = text(comp, v.X_ORGANISATION)
    if own:
        return _organisation(own) or checked(v.X_ORGANISATION, organisation_code, own)
    for category in category_names(comp):
        found = _organisation(category)
        if found is not None:
            return found
    return default


def _quietly(lookup: Callable[[str], str]) -> Callable[[str], str | None]:
    """`lookup` answering None where it would refuse the name. A file repeats the same
    few categories and themes on every event: each spelling is looked up once (and a
    miss costs no exception after the first)."""

    @lru_cache(maxsize=4096)
    def found(name: str) -> str | None:
        try:
            return lookup(name)
        except InvalidInput:
            return None

    return found


_organisation = _quietly(organisation_code)
_theme = _quietly(resolve_theme)


@lru_cache(maxsize=4096)
def _place_part(name: str) -> tuple[str | None, str | None]:
    """(city, its country) or (None, country code) or (None, None) for one LOCATION part."""
    found_city = find_city(name)
    if found_city is not None:
        return found_city.name, found_city.country
    found_country = find_country(name)
    return None, found_country.code if found_country is not None else None


def is_own(comp: Component) -> bool:
    """Whether sco-cal wrote this VEVENT (so its X- properties say what the event was)."""
    return v.X_STATUS in comp.props


def to_event(
    comp: Component, *, event_id: str, organisation: str, opts: ReadOptions, when: When
) -> Event:
    """The event a VEVENT describes, happening `when`; FieldError names the property
    that cannot be used."""
    own = is_own(comp)
    summary_text = text(comp, "SUMMARY") or ""
    title_en = (text(comp, v.X_TITLE_EN) if own else None) or summary_text or "(no title)"
    title = (text(comp, v.X_TITLE) if own else None) or title_en
    theme = _own_theme(comp) if own else _theme_from(category_names(comp))
    country, cities, note = _own_place(comp) if own else _place(text(comp, "LOCATION") or "")
    tags = {as_tag(c) for c in category_names(comp) if not _names_org_or_theme(c, theme)}
    return Event(
        id=event_id,
        organisation=organisation,
        kind=checked(v.X_KIND, Kind.parse, text(comp, v.X_KIND) or "meeting"),
        title=clip(title, MAX_TITLE),
        title_en=clip(title_en, MAX_TITLE),
        window=when.window,
        status=state_of(comp, own),
        theme=theme,
        series=text(comp, v.X_SERIES) if own else None,
        number=_number(text(comp, v.X_NUMBER)) if own else None,
        country=country,
        cities=cities,
        start_time=when.start_time,
        timezone=when.timezone,
        summary=_summary(comp, own, note),
        origin=opts.origin,
        tags=tuple(sorted(t for t in tags if t)),
        sources=_own_sources(comp) if own else _file_source(summary_text, when, opts),
    )


def state_of(comp: Component, own: bool) -> ConfirmationState:
    """sco-cal's exact state, unless a calendar program has changed STATUS since."""
    status = (text(comp, "STATUS") or "").upper()
    if own:
        state = checked(v.X_STATUS, ConfirmationState.parse, text(comp, v.X_STATUS) or "")
        if not status or v.STATUS_OUT[state] == status:
            return state
    return v.STATUS_IN.get(status, v.DEFAULT_STATE)


def _names_org_or_theme(category: str, theme: str | None) -> bool:
    """Whether a category already says the organisation or the theme (so is not a tag)."""
    if _organisation(category) is not None:
        return True
    return theme is not None and _theme(category) == theme


def _own_theme(comp: Component) -> str | None:
    own = text(comp, v.X_THEME)
    if not own:
        return None
    return _theme(own) or checked(v.X_THEME, resolve_theme, own)


def _theme_from(categories: list[str]) -> str | None:
    for category in categories:
        found = _theme(category)
        if found is not None:
            return found
    return None


def _own_place(comp: Component) -> tuple[str | None, tuple[str, ...], str | None]:
    cities = text(comp, v.X_CITIES) or ""
    names = tuple(c.strip() for c in cities.split(v.CITY_SEPARATOR.strip()) if c.strip())
    return text(comp, v.X_COUNTRY) or None, names, None


def _place(location: str) -> tuple[str | None, tuple[str, ...], str | None]:
    """Country and cities read from LOCATION; the words left over are kept as a note."""
    country: str | None = None
    cities: list[str] = []
    unknown = False
    for part in (p.strip() for p in _PLACE_PARTS.split(location) if p.strip()):
        found_city, found_country = _place_part(part)
        if found_city is not None:
            if found_city not in cities:
                cities.append(found_city)
            country = country or found_country
        elif found_country is not None:
            country = found_country
        else:
            unknown = True
    note = f"Location: {clip(location, 500)}" if location.strip() and unknown else None
    return country, tuple(cities), note


def _summary(comp: Component, own: bool, place_note: str | None) -> str | None:
    if own:
        return text(comp, v.X_SUMMARY) or None
    parts = [p for p in (text(comp, "DESCRIPTION"), place_note) if p]
    return clip("\n\n".join(parts), MAX_TEXT) if parts else None


def _own_sources(comp: Component) -> tuple[Source, ...]:
    sources = []
    for excerpt, params in texts(comp, v.X_SOURCE):
        day = params.get(v.X_DOCUMENT_DATE)
        sources.append(
            Source(
                document=params.get(v.X_DOCUMENT) or "(unknown document)",
                excerpt=clip(excerpt, MAX_TEXT),
                document_date=checked(v.X_SOURCE, date.fromisoformat, day) if day else None,
            )
        )
    return tuple(sources)


def _file_source(summary_text: str, when: When, opts: ReadOptions) -> tuple[Source, ...]:
    # The file is where this date comes from: cite it with what it said.
    said = f"{summary_text or '(no title)'} ({when.window.text})"
    return (Source(document=opts.name, excerpt=clip(said, MAX_TEXT)),)


def _number(value: str | None) -> int | None:
    if not value:
        return None
    if not value.isdigit():
        raise FieldError(
            v.X_NUMBER,
            _("{x_number} must be a whole number, not {value!r}").format(
                x_number=v.X_NUMBER, value=value
            ),
        )
    return int(value)

"""The text an event is found by: titles, places in every spelling, excerpts, notes."""

from __future__ import annotations

from sco_cal.domain.event import Event
from sco_cal.domain.text import fold


def event_search_text(event: Event) -> str:
    """One folded string holding every word a user might search the event by.

    Places are indexed under all their known spellings, so `bichkek` finds an event
    stored with the canonical `Bishkek`.
    """
    from sco_cal.domain.places import city_spellings, country_spellings  # gazetteer: only on writes

    parts: list[str] = [event.id, event.title, event.title_en, event.organisation]
    parts += [event.series or "", event.summary or "", event.theme or ""]
    if event.country:
        parts += country_spellings(event.country)
    for city in event.cities:
        parts += city_spellings(city)
    parts += [s.excerpt for s in event.sources]
    parts += [a.text for a in event.live_annotations]
    parts += event.tags
    return fold(" \n ".join(p for p in parts if p))

"""The text an event is found by: titles, places in every spelling, excerpts, notes."""

from __future__ import annotations

from functools import lru_cache

from sco_cal.model import Event
from sco_cal.text import fold


def event_search_text(event: Event) -> str:
    """One folded string holding every word a user might search the event by.

    Places are indexed under all their known spellings, so `bichkek` finds an event
    stored with the canonical `Bishkek`.
    """
    parts: list[str] = [event.id, event.title, event.title_en, event.organisation]
    parts += [event.series or "", event.summary or "", event.theme or ""]
    parts.append(_place_words(event.country, event.cities))
    parts += [s.excerpt for s in event.sources]
    parts += [a.text for a in event.live_annotations]
    parts += event.tags
    joined = " \n ".join(p for p in parts if p)
    if joined.isascii():
        return fold(joined)
    # Folded part by part, the same as folding them joined (whitespace between them
    # collapses to one space either way): only the parts with accents pay for them.
    return " ".join(folded for folded in map(fold, parts) if folded)


@lru_cache(maxsize=1024)
def _place_words(country: str | None, cities: tuple[str, ...]) -> str:
    """Every known spelling of a country and its cities, folded."""
    from sco_cal.places import city_spellings, country_spellings  # gazetteer: only on writes

    spellings = list(country_spellings(country)) if country else []
    for city in cities:
        spellings += city_spellings(city)
    return " ".join(folded for folded in map(fold, spellings) if folded)

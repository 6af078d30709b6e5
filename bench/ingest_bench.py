"""Measure the reader on documents with gold answers: found, windows, states, places, links.

    python -m bench.ingest_bench                          # the test corpus and the seeds
    python -m bench.ingest_bench --corpus ../other-corpus # another folder of documents
    python -m bench.ingest_bench --misses                 # also list what went wrong

Each corpus document (`NAME.txt` or `NAME.md` beside `NAME_gold.json`) is read against a
freshly seeded store; each seed document against an empty store, with the events of
`seed/calendar.toml` that cite it as its gold. Per document and in total: meetings found
of those expected (optional gold entries are neither required nor spurious), exact
windows, right states, right places and right links of those found, wrong links, and
spurious items (a new event, an update or an ambiguous item that matches no gold entry).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from bench.ingest_score import Score, load_gold, score_review, seed_gold
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.service import CalendarService
from sco_cal.store.seed_file import load_seed, seed_dir
from sco_cal.wiring import build_service

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT / "tests" / "fixtures" / "ingest"
TODAY = date(2026, 11, 23)
_SUFFIXES = (".txt", ".md", ".html", ".htm")


@dataclass(frozen=True, slots=True)
class Measured:
    """The scores of one run: per corpus document, per seed document, and totals."""

    corpus: list[Score]
    seeds: list[Score]

    @staticmethod
    def total(scores: list[Score], name: str) -> Score:
        total = Score(name)
        for score in scores:
            total.add(score)
        return total


def corpus_documents(folder: Path) -> Iterator[tuple[Path, Path]]:
    """(document, gold file) pairs of a corpus folder, in name order."""
    for gold in sorted(folder.glob("*_gold.json")):
        stem = gold.name.removesuffix("_gold.json")
        document = next((p for s in _SUFFIXES if (p := folder / f"{stem}{s}").is_file()), None)
        if document is not None:
            yield document, gold


def measure(corpus: Path | None = CORPUS, *, seeds: bool = True) -> Measured:
    """Score every corpus document against a seeded store and every seed against an empty one."""
    with tempfile.TemporaryDirectory() as scratch:
        corpus_scores = _measure_corpus(corpus, Path(scratch)) if corpus is not None else []
        seed_scores = _measure_seeds(Path(scratch)) if seeds else []
    return Measured(corpus_scores, seed_scores)


def _measure_corpus(folder: Path, scratch: Path) -> list[Score]:
    service, _ = build_service(db=str(scratch / "seeded.db"), today=TODAY)
    try:
        stored = _ids(service)
        return [
            score_review(document.name, service.documents.review(document), load_gold(gold), stored)
            for document, gold in corpus_documents(folder)
        ]
    finally:
        service.close()


def _measure_seeds(scratch: Path) -> list[Score]:
    seed = load_seed()
    service, _ = build_service(db=str(scratch / "empty.db"), today=TODAY, seed=False)
    try:
        scores = []
        for document in seed.documents:
            path = seed_dir() / "sources" / document.file
            items = service.documents.review(path, as_of=document.published)
            scores.append(score_review(document.file, items, seed_gold(seed, document.file), ()))
        return scores
    finally:
        service.close()


def _ids(service: CalendarService) -> frozenset[str]:
    return frozenset(e.id for e in service.events.find(EventFilter(scope=Scope.ALL)))


def render(scores: list[Score], title: str, *, misses: bool) -> list[str]:
    """A table of `scores` with its total, then (when asked) what each document missed."""
    lines = [title, _HEADER]
    lines += [_row(score) for score in scores]
    total = Measured.total(scores, "total")
    lines.append(_row(total))
    lines.append(
        f"  found {total.share('found'):.0%}, windows {total.share('windows'):.0%}, "
        f"states {total.share('states'):.0%}, places {total.share('places'):.0%}, "
        f"links {total.share('links'):.0%}, wrong links {total.wrong_links}, "
        f"spurious {total.spurious} ({total.spurious / max(1, len(scores)):.1f} per document)"
    )
    if misses:
        for score in scores:
            lines += [f"  {score.name}: {miss}" for miss in score.misses]
    return lines


_HEADER = (
    f"{'document':<42} {'found':>7} {'windows':>8} {'states':>7} {'places':>7} "
    f"{'links':>7} {'wrong':>5} {'spur.':>5} {'amb.':>4} {'unread.':>7}"
)


def _row(s: Score) -> str:
    return (
        f"{s.name[:42]:<42} {s.found:>3}/{s.expected:<3} {s.windows:>3}/{s.windows_scored:<4} "
        f"{s.states:>3}/{s.states_scored:<3} {s.places:>3}/{s.places_scored:<3} "
        f"{s.links:>3}/{s.found:<3} {s.wrong_links:>5} {s.spurious:>5} {s.ambiguous:>4} "
        f"{s.unreadable:>7}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description="Measure the reader against gold answers.")
    parser.add_argument("--corpus", type=Path, default=CORPUS, help="folder of documents")
    parser.add_argument("--no-seeds", action="store_true", help="skip the seed documents")
    parser.add_argument("--misses", action="store_true", help="list each miss")
    options = parser.parse_args()
    if not options.corpus.is_dir():
        sys.exit(f"ingest_bench: no such folder: {options.corpus}")
    measured = measure(options.corpus, seeds=not options.no_seeds)
    print("\n".join(render(measured.corpus, f"corpus {options.corpus}", misses=options.misses)))
    if measured.seeds:
        print()
        print("\n".join(render(measured.seeds, "seed documents", misses=options.misses)))


if __name__ == "__main__":
    main()

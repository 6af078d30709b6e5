"""The reader measured on documents with gold answers: the targets a desk relies on.

The corpus (`tests/fixtures/ingest/`) is read against the seeded store, the seed
documents against an empty one; the figures are those `python -m bench.ingest_bench`
prints. Below a target the reader is not trustworthy enough, and the test says where.
"""

from __future__ import annotations

import pytest

from bench.ingest_bench import Measured, measure

FOUND = 0.95
WINDOWS = 0.90
STATES = 0.90
LINKS = 0.95
SPURIOUS_PER_DOCUMENT = 1


@pytest.fixture(scope="module")
def measured() -> Measured:
    return measure()


@pytest.mark.parametrize("which", ["corpus", "seeds"])
def test_the_reader_meets_its_targets(measured: Measured, which: str) -> None:
    scores = measured.corpus if which == "corpus" else measured.seeds
    total = Measured.total(scores, which)
    misses = "\n".join(f"{s.name}: {m}" for s in scores for m in s.misses)

    assert len(scores) >= (12 if which == "corpus" else 5)
    assert total.share("found") >= FOUND, misses
    assert total.share("windows") >= WINDOWS, misses
    assert total.share("states") >= STATES, misses
    assert total.share("links") >= LINKS, misses


@pytest.mark.parametrize("which", ["corpus", "seeds"])
def test_no_document_gets_a_wrong_link_or_much_noise(measured: Measured, which: str) -> None:
    for score in measured.corpus if which == "corpus" else measured.seeds:
        assert score.wrong_links == 0, (score.name, score.misses)
        assert score.spurious <= SPURIOUS_PER_DOCUMENT, (score.name, score.misses)

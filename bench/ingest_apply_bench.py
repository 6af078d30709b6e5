"""Time `ingest --apply` on long documents: is it linear in the number of findings?

    python -m bench.ingest_apply_bench                    # 1,000 and 2,000 findings
    python -m bench.ingest_apply_bench --findings 500 --findings 4000

A generated bulletin names N meetings, one a line, each new to the seeded store. The
review (reading the document, matching every finding) runs before the write
transaction opens; the apply is one transaction. Each phase is timed on its own, on a
fresh copy of the seeded store, and given per finding: linear work keeps that flat.
"""

from __future__ import annotations

import argparse
import shutil
import tempfile
import time
from datetime import date
from pathlib import Path

from sco_cal.wiring import build_service

TODAY = date(2026, 11, 23)
_BODIES = (
    "ministres de la Santé",
    "ministres de l’Agriculture",
    "ministres des Transports",
    "responsables des services antidrogue",
    "procureurs généraux",
    "ministres de la Culture",
    "ministres de l’Éducation",
    "ministres de l’Énergie",
)
_PLACES = ("à Bichkek", "à Douchanbé", "à Tachkent", "à Astana", "à Moscou", "à Minsk")
_MONTHS = ("mars", "avril", "mai", "juin", "septembre", "octobre", "novembre")


def bulletin(findings: int) -> str:
    """A bulletin of `findings` lines, each one new meeting with its own number."""
    lines = ["Bulletin n°9, 15/01/2027", ""]
    for n in range(findings):
        body = _BODIES[n % len(_BODIES)]
        number = 100 + n // len(_BODIES)
        lines.append(
            f"En {_MONTHS[n % len(_MONTHS)]} 2027, la {number}e réunion des {body} de l’OCS "
            f"se tiendra {_PLACES[n % len(_PLACES)]}."
        )
    return "\n".join(lines) + "\n"


def run(findings: int, scratch: Path, seeded: Path) -> tuple[float, float, int]:
    document = scratch / f"bulletin-{findings}.txt"
    document.write_text(bulletin(findings), encoding="utf-8")
    store = scratch / f"store-{findings}.db"
    shutil.copyfile(seeded, store)
    service, _ = build_service(db=str(store), today=TODAY)
    try:
        start = time.perf_counter()
        items = service.documents.review(document)
        reviewed = time.perf_counter() - start
        start = time.perf_counter()
        report = service.documents.apply(items)
        applied = time.perf_counter() - start
    finally:
        service.close()
    return reviewed, applied, len(report.added)


def main() -> None:
    parser = argparse.ArgumentParser(description="Time ingest --apply on long documents.")
    parser.add_argument("--findings", type=int, action="append", help="size (repeatable)")
    options = parser.parse_args()
    with tempfile.TemporaryDirectory() as folder:
        scratch = Path(folder)
        seeded = scratch / "seeded.db"
        service, _ = build_service(db=str(seeded), today=TODAY)
        service.close()
        for findings in options.findings or [1_000, 2_000]:
            reviewed, applied, added = run(findings, scratch, seeded)
            print(
                f"{findings:>6} findings: review {reviewed:.2f} s "
                f"({reviewed / findings * 1000:.2f} ms each), apply {applied:.2f} s "
                f"({applied / findings * 1000:.2f} ms each), {added} events added",
                flush=True,
            )


if __name__ == "__main__":
    main()

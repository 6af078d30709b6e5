"""Which organisation a sentence names: OCS/SCO, OTSC/CSTO, ONU/UN and the others."""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable
from functools import cache

from sco_cal.domain.organisations import NATIONAL, all_organisations
from sco_cal.domain.text import fold
from sco_cal.ingest.folding import Folded

DEFAULT_ORGANISATION = "SCO"
# Short acronyms are ordinary words in lower case ("un", "ocs" never, but "un" always).
_ACRONYM_LENGTH = 6
# Bodies whose meetings the desk does not record, even when a document lists them.
_UNTRACKED = re.compile(
    r"(?<![\w-])(?:union europeenne|european union|commission europeenne|european"
    r" commission|conseil europeen|european council|otan|nato|osce|g7|g20|g 20)(?![\w])"
)
_UNTRACKED_ACRONYM = re.compile(r"(?<![\w-])(?:UE|EU)(?![\w])")


@cache
def _patterns() -> tuple[tuple[re.Pattern[str], str, bool], ...]:
    """(pattern on folded text, code, whether the original must be upper case)."""
    found = []
    for org in all_organisations():
        if org.code == NATIONAL:
            continue
        for spelling in {org.code, org.name_en, org.name_fr, *org.aliases}:
            acronym = spelling.isupper() and len(spelling) <= _ACRONYM_LENGTH
            body = re.escape(fold(spelling)).replace(r"\ ", r"[\s-]+")
            found.append((re.compile(rf"(?<![\w-]){body}(?![\w])"), org.code, acronym))
    return tuple(sorted(found, key=lambda p: -len(p[0].pattern)))


def organisations_in(
    folded: Folded, start: int = 0, end: int | None = None
) -> list[tuple[int, str]]:
    """(position, code) of every organisation the text names (between `start` and `end`)."""
    found: dict[int, str] = {}
    stop = len(folded.text) if end is None else end
    for pattern, code, acronym in _patterns():
        for match in pattern.finditer(folded.text, start, stop):
            if acronym and not folded.span(match.start(), match.end()).isupper():
                continue
            found.setdefault(match.start(), code)
    return sorted(found.items())


def organisation_spans(folded: Folded, *, acronyms: bool = False) -> list[tuple[int, int]]:
    """Where the text spells out an organisation's name ("Shanghai" is then no place),
    and where it writes its acronym too when `acronyms`."""
    spans = []
    for pattern, _code, acronym in _patterns():
        if acronym and not acronyms:
            continue
        for m in pattern.finditer(folded.text):
            if acronym and not folded.span(m.start(), m.end()).isupper():
                continue
            spans.append((m.start(), m.end()))
    return spans


def untracked_in(text: str) -> bool:
    """Whether the words name a body the desk does not follow (the EU, NATO, the OSCE)."""
    return bool(_UNTRACKED_ACRONYM.search(text) or _UNTRACKED.search(fold(text)))


def main_organisation(texts: Iterable[str]) -> str | None:
    """The organisation a document names most often, if it names any."""
    counts: Counter[str] = Counter()
    for text in texts:
        counts.update(code for _, code in organisations_in(Folded.of(text)))
    return counts.most_common(1)[0][0] if counts else None

"""Short ids for narrow tables: a few letters that name one event, which `show` accepts.

An event's id (`sco-heads-of-state-council-2026-bishkek`) is readable but long. Its
short id is the start of a code computed from the id alone (so it does not change
with the list it is shown in): as many characters as make it unique among every
event's code, and never the start of an id, since an id's prefix is read first.
"""

from __future__ import annotations

import bisect
from collections.abc import Iterable, Sequence
from functools import cache

# No 0/o or 1/l: a short id is read off a screen and typed again.
_ALPHABET = "abcdefghijkmnpqrstuvwxyz23456789"
_LONGEST = 8
SHORTEST = 4


def codes(event_ids: Iterable[str]) -> list[str]:
    """The full code of each id: eight characters of its BLAKE2 digest, five bits each,
    the lowest first."""
    import hashlib  # OpenSSL's library loads with it: only when short ids are asked for

    blake2b, pairs = hashlib.blake2b, _pairs()
    found = []
    for event_id in event_ids:
        n = int.from_bytes(blake2b(event_id.encode(), digest_size=5).digest(), "big")
        # Two characters a lookup: a 100k-event store's codes in half the time.
        found.append(
            pairs[n & 1023] + pairs[n >> 10 & 1023] + pairs[n >> 20 & 1023] + pairs[n >> 30]
        )
    return found


@cache
def _pairs() -> list[str]:
    """The two characters of every ten bits, the lower five first."""
    return [_ALPHABET[n & 31] + _ALPHABET[n >> 5] for n in range(1024)]


def short_ids(wanted: Iterable[str], every_id: Sequence[str]) -> dict[str, str]:
    """The short id of each of `wanted`, unique among the codes of `every_id` (sorted)."""
    every_code = sorted(codes(every_id))
    found = {}
    wanted_ids = list(wanted)
    for event_id, mine in zip(wanted_ids, codes(wanted_ids), strict=True):
        at = bisect.bisect_left(every_code, mine)
        after = at + 1 if at < len(every_code) and every_code[at] == mine else at
        neighbours = [every_code[j] for j in (at - 1, after) if 0 <= j < len(every_code)]
        length = max([SHORTEST, *(_common(mine, other) + 1 for other in neighbours)])
        while length < _LONGEST and _starts_an_id(mine[:length], every_id):
            length += 1
        found[event_id] = mine[: min(length, _LONGEST)]
    return found


def looks_short(text: str) -> bool:
    """Whether `text` could be a short id."""
    return SHORTEST <= len(text) <= _LONGEST and all(c in _ALPHABET for c in text)


def ids_with_short_id(text: str, ids: Iterable[str]) -> list[str]:
    """The ids whose code starts with `text`."""
    listed = list(ids)
    return sorted(i for i, mine in zip(listed, codes(listed), strict=True) if mine.startswith(text))


def _common(a: str, b: str) -> int:
    n = 0
    while n < min(len(a), len(b)) and a[n] == b[n]:
        n += 1
    return n


def _starts_an_id(prefix: str, sorted_ids: Sequence[str]) -> bool:
    at = bisect.bisect_left(sorted_ids, prefix)
    return at < len(sorted_ids) and sorted_ids[at].startswith(prefix)

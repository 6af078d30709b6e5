"""Which words of a unit speak of which meeting, when a unit names several.

Each meeting owns the text from the break before it to the break before the next
one ("..., puis les chefs d'état-major ...", "...; elle sera suivie de ..."), a relative
clause staying with the meeting it describes. Meetings named together ("les
responsables des services antidrogue et les procureurs généraux se retrouveront") share
what follows them; "respectivement" deals its dates and places out one each.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

from sco_cal.ingest.titles import MeetingPhrase

_BREAK = re.compile(
    r";|,|\s(?:et|and|puis|then|while|whereas|tandis que|alors que|with|avec|mais|but)\s"
)
_ATTACHED = re.compile(
    r",\s*(?:qui|que|dont|lequel|laquelle|which|who|whose|where|ou|initialement|originally"
    r"|prevue?s?|annoncee?s?|announced|scheduled|planned|expected|called|repoussee?s?"
    r"|reportee?s?|postponed|held|tenue?s?|deja|already|comme|as|d'abord|first|set)\b[^,;]*,?"
)
_COORDINATION = re.compile(
    r"^(?:\s|,|et|and|ainsi que|as well as|ou|or|des etats membres|of the member states"
    r"|les|the|des|la|le|l'|an?|une?)*$"
)
_RESPECTIVELY = re.compile(r"\b(?:respectivement|respectively)\b")
_LATTER = re.compile(r"\b(?:les secon(?:d|de)s|the latter|les derniers)\b")
_FORMER = re.compile(r"\b(?:les premiers|les premieres|the former)\b")


@dataclass(frozen=True, slots=True)
class Scope:
    """Where one meeting's date, place and state are read.

    `span` is the folded range of its words; `others` are spans named for the other
    meetings of its group (never read for this one); with `rank`, the dates or places
    the group shares are dealt out, this meeting taking the `rank`-th of `size`.
    """

    head: MeetingPhrase
    span: tuple[int, int]
    others: tuple[tuple[int, int], ...] = ()
    rank: int | None = None
    size: int = 1
    own: tuple[int, int] | None = None

    def holds(self, start: int, end: int) -> bool:
        """Whether the phrase at `start`..`end` speaks of this meeting."""
        first, last = self.span
        if start < first or end > last:
            return False
        return not any(s <= start and end <= e for s, e in self.others)

    def in_own(self, start: int) -> bool:
        return self.own is not None and self.own[0] <= start < self.own[1]


def scopes(
    text: str, heads: list[MeetingPhrase], protected: Sequence[tuple[int, int]] = ()
) -> list[Scope]:
    """One scope per head of the folded `text`, in order; no break falls inside a
    `protected` span (a date such as "les 27 et 28 août")."""
    if not heads:
        return []
    groups = _groups(text, heads)
    bounds = _bounds(text, groups, protected)
    found: list[Scope] = []
    for group, (start, end) in zip(groups, bounds, strict=True):
        owns = [_own(text, h, end) for h in group]
        region = text[start:end]
        split = _split_former_latter(text, start, end) if len(group) == 2 else None
        for rank, head in enumerate(group):
            others = tuple(o for i, o in enumerate(owns) if i != rank)
            if split is not None:
                span = (start, split) if rank == 0 else (split, end)
                found.append(Scope(head, span, others, own=owns[rank]))
            elif len(group) > 1 and _RESPECTIVELY.search(region):
                found.append(Scope(head, (start, end), others, rank, len(group), owns[rank]))
            else:
                found.append(Scope(head, (start, end), others, own=owns[rank]))
    return found


def _groups(text: str, heads: list[MeetingPhrase]) -> list[list[MeetingPhrase]]:
    """Heads named together, with nothing but "et", "and" or a parenthesis between them."""
    groups = [[heads[0]]]
    for head in heads[1:]:
        previous = groups[-1][-1]
        between = re.sub(r"\([^()]*\)", " ", text[previous.end : head.start])
        if _COORDINATION.match(between):
            groups[-1].append(head)
        else:
            groups.append([head])
    return groups


def _bounds(
    text: str, groups: list[list[MeetingPhrase]], protected: Sequence[tuple[int, int]]
) -> list[tuple[int, int]]:
    """Each group's range: from the break before it to the break before the next."""
    starts = [0]
    for before, after in zip(groups, groups[1:], strict=False):
        starts.append(_break_after(text, before[-1], after[0].start, protected))
    ends = [*starts[1:], len(text)]
    return list(zip(starts, ends, strict=True))


def _break_after(
    text: str, head: MeetingPhrase, limit: int, protected: Sequence[tuple[int, int]]
) -> int:
    """The first break after the head's own words (title, parenthesis, relative clause)."""
    position = _own(text, head, limit)[1]
    while True:
        attached = _ATTACHED.match(text, position)
        if attached is None or attached.end() >= limit:
            break
        position = attached.end()
    depth = 0
    for i in range(position, limit):
        char = text[i]
        if char == "(":
            depth += 1
        elif char == ")":
            depth = max(0, depth - 1)
        elif depth == 0 and _BREAK.match(text, i) and not any(s <= i < e for s, e in protected):
            return i
    return limit


def _own(text: str, head: MeetingPhrase, limit: int) -> tuple[int, int]:
    """The head's title and a parenthesis right after it ("(Astana, 14-15 octobre)")."""
    end = head.end
    paren = re.match(r"\s*\([^()]*\)", text[end:limit])
    if paren is not None:
        end += paren.end()
    return head.start, end


def _split_former_latter(text: str, start: int, end: int) -> int | None:
    """Where "les seconds" takes over from "les premiers" in a shared clause."""
    latter = _LATTER.search(text, start, end)
    if latter is None or _FORMER.search(text, start, latter.start()) is None:
        return None
    return latter.start()

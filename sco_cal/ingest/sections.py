"""What a heading, a table header or a sentence introducing a list says of the meetings
below it: a state ("A. Réunions tenues"), a tense ("Coming up"), an organisation
("## OTSC"), or that they are not tracked at all ("Pour information")."""

from __future__ import annotations

import re
from dataclasses import dataclass, replace

from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.ingest.bodies import organisations_in
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.wording import state_in

_PAST = re.compile(
    r"\b(?:last week|la semaine (?:derniere|passee)|bilan|tenues?|held|past meetings"
    r"|reunions tenues|ont eu lieu|took place|recent)\b"
)
_FUTURE = re.compile(
    r"\b(?:coming up|a venir|further ahead|upcoming|prochaines?|perspectives|agenda|next"
    r"|calendrier|coming)\b"
)
_SKIP = re.compile(
    r"\b(?:pour information|pour memoire|hors champ|for reference|not tracked"
    r"|for information|non suivis?|for context(?: only)?|pour contexte|a titre indicatif)\b"
)
_COLUMNS = {
    "date": r"dates?|date\(s\)|quand|when|periode|period|days?|jours?",
    "meeting": r"reunions?|meetings?|evenements?|events?|intitule|title|rencontres?"
    r"|activit(?:y|ies|es?)|manifestations?",
    "place": r"lieux?|venues?|places?|villes?|city|cities|pays|country|host|hote|where|ou"
    r"|locations?|host (?:city|country)|pays hote",
    "status": r"statuts?|status|etat|state|remarques?|remarks?|notes?|observations?|comments?"
    r"|commentaires?|suivi|state of play",
    "organisation": r"organisations?|organes?|bodies|body",
}
_NAMED_COLUMNS = 2
# A column the reader has no use for ("No.", "Level", "Organiser"): the table is still one.
OTHER_COLUMN = "other"
_YEAR = re.compile(r"\b(?:19|20)\d\d\b")
_BELOW = re.compile(r"\b(?:ci-dessous|suivante?s|below|following|ci-apres)\b|:\s*$")


@dataclass(frozen=True, slots=True)
class Section:
    """What the headings above a unit say of it; None where they say nothing."""

    state: ConfirmationState | None = None
    state_words: str = ""
    tense: str | None = None  # "past" or "future"
    organisation: str | None = None
    skip: bool = False
    year: int | None = None  # "### 2027": the year of a table's year-less rows

    def merged(self, lead: Section) -> Section:
        """This section with a list's lead-in sentence taking precedence."""
        return replace(
            self,
            state=lead.state or self.state,
            state_words=lead.state_words or self.state_words,
            tense=lead.tense or self.tense,
        )


def section_of(sector: str | None, sub: str | None) -> Section:
    """What the sector heading and the heading below it say, the nearer one first."""
    found = Section()
    for heading in (sector, sub):
        if heading is None:
            continue
        folded = Folded.of(heading)
        text = folded.text
        state, words = state_in(text)
        tense = "past" if _PAST.search(text) else "future" if _FUTURE.search(text) else None
        codes = {code for _, code in organisations_in(folded)}
        years = set(_YEAR.findall(text))
        found = Section(
            state=state or (found.state if heading is sub else None),
            state_words=words if state else found.state_words,
            tense=tense or found.tense,
            organisation=codes.pop() if len(codes) == 1 else found.organisation,
            skip=bool(_SKIP.search(text)) or found.skip,
            year=int(years.pop()) if len(years) == 1 else found.year,
        )
    return found


def lead_in(sentence: str) -> Section | None:
    """The state a sentence ending in ':' gives the list after it ("ont eu lieu les réunions
    ci-dessous :"), if it gives one."""
    text = Folded.of(sentence).text
    if not _BELOW.search(text):
        return None
    state, words = state_in(text)
    tense = "past" if _PAST.search(text) or state is ConfirmationState.HELD else None
    if state is None and tense is None:
        return None
    return Section(state=state, state_words=words, tense=tense)


def column_roles(cells: tuple[str, ...]) -> tuple[str, ...]:
    """The role of each column when `cells` is a table's header row, else ()."""
    roles = []
    for cell in cells:
        # "Réunion / Meeting", "Date (2026)": any of its names, without the aside
        text = re.sub(r"\s*\([^()]*\)", "", Folded.of(cell.strip()).text)
        names = [text, *(part.strip() for part in re.split(r"[/|]", text))]
        role = next(
            (
                name
                for name, pattern in _COLUMNS.items()
                if any(re.fullmatch(pattern, n) for n in names)
            ),
            None,
        )
        roles.append(role or OTHER_COLUMN)
    known = [r for r in roles if r != OTHER_COLUMN]
    # the meeting and its date or place, and more columns named than not
    if "meeting" not in known or len(known) < _NAMED_COLUMNS or len(known) * 2 <= len(roles):
        return ()
    return tuple(roles)

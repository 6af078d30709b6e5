"""The words that make a sentence about a meeting, and what they say of its state.

Every pattern applies to folded text (`sco_cal.ingest.folding`): lower case, no
accents, straight apostrophes.
"""

from __future__ import annotations

import re

from sco_cal.domain.lifecycle import ConfirmationState

# Nouns that name a gathering, French and English; the longest alternatives first.
MEETING_NOUN = re.compile(
    r"\b(?:jeux d'ete|jeux d'hiver|table ronde|round table|groupe de travail|working group"
    r"|reunions?|sessions?|sommets?|conferences?|forums?|meetings?|summits?|seminaires?"
    r"|seminars?|exercices?|exercises?|festivals?|expositions?|exhibitions?|salons?"
    r"|marathons?|tournois?|tournaments?|championnats?|championships?|congres|congress"
    r"|colloques?|symposiums?|assemblees?|assembly|consultations|jeux|games|rencontres?"
    r"|foires?|fairs?|concours|olympiades?)\b"
)
# A sentence announces (or reports) a meeting rather than merely mentioning one.
ANNOUNCES = re.compile(
    r"\b(?:se tiendr\w+|se tiendr|aur(?:a|ont) lieu|aurait lieu|se deroul(?:era|eront|erait)"
    r"|accueill(?:era|eront|erait|eraient)|organiser(?:a|ont|ait)|sera organise\w*"
    r"|est prevue?s?|sont prevue?s?|sera prevue?s?|prevue?s? (?:a|en|au|le|les|pour|du)"
    r"|annonce(?:e|es|s)?|confirme(?:e|es|s)?|report(?:e|ee|es|ees)"
    r"|annul(?:e|ee|es|ees)|ajourn(?:e|ee|es|ees)|repouss(?:e|ee|es|ees)"
    r"|s'est (?:tenue?|deroulee?)|se sont (?:tenue?s|deroulee?s)|a eu lieu|ont eu lieu"
    r"|a ete le theatre|a reuni|ont pris note de la tenue|ont pris note des resultats"
    r"|ont salue les resultats|entend organiser|propos\w* d'organiser|envisage\w*"
    r"|will (?:take place|be held|host|convene|meet)|is (?:scheduled|planned|set)"
    r"|are (?:scheduled|planned)|was held|were held|took place|has been held|postponed"
    r"|cancel+ed|called off|rescheduled|confirmed|announced|hosts)\b"
)
# Strongest first: a cancelled meeting may mention the date it was "prévue".
_STATES: tuple[tuple[ConfirmationState, re.Pattern[str]], ...] = (
    (
        ConfirmationState.CANCELLED,
        re.compile(r"\b(?:annul(?:e|ee|es|ees)|cancel+ed|called off|n'aura pas lieu)\b"),
    ),
    (
        ConfirmationState.POSTPONED,
        re.compile(
            r"\b(?:report(?:e|ee|es|ees)|ajourn(?:e|ee|es|ees)|repouss(?:e|ee|es|ees)"
            r"|decal(?:e|ee|es|ees)|postponed|delayed|rescheduled|pushed back)\b"
        ),
    ),
    (
        ConfirmationState.HELD,
        re.compile(
            r"\b(?:s'est (?:tenue?|deroulee?)|se sont (?:tenue?s|deroulee?s)|a eu lieu"
            r"|ont eu lieu|a ete le theatre|a reuni|ont pris note de la tenue"
            r"|ont pris note des resultats|ont salue les resultats|was held|were held"
            r"|took place|has been held|have been held)\b"
        ),
    ),
)
_UNCONFIRMED = re.compile(
    r"\b(?:sous reserve|a confirmer|en attente de confirmation|pas encore confirm\w*"
    r"|non confirm\w*|provisoire\w*|to be confirmed|tbc|not yet confirmed|subject to"
    r" confirmation|tentative\w*|provisional\w*)\b"
)
_CONFIRMED = re.compile(r"\b(?:confirm(?:e|ee|es|ees)|confirmed|officiellement annonce\w*)\b")
_PROPOSED = re.compile(
    r"\b(?:proposition d'organiser|propos\w* d'organiser|entend organiser|envisag\w*"
    r"|ont soutenu la (?:proposition|tenue)|souhaite organiser|proposed to (?:hold|host)"
    r"|plans? to (?:hold|host)|intends to (?:hold|host))\b"
)
# The organisers' own announcement: a day and a place ("aura lieu le 11 novembre à Moscou").
FIRM_VERB = re.compile(
    r"\b(?:aur(?:a|ont) lieu|se tiendr\w+|se deroul(?:era|eront)|will (?:take place|be held))\b"
)
# The whole agenda is provisional: "certaines de ces échéances sont en attente de confirmation".
AGENDA_CAVEAT = re.compile(
    r"\b(?:en attente de confirmation|sous reserve(?: de confirmation)?|restent a confirmer"
    r"|a confirmer|agenda provisoire|calendrier provisoire|to be confirmed|subject to"
    r" confirmation|provisional (?:agenda|calendar|schedule))\b"
)
MOVED_TO = re.compile(
    r"\b(?:report(?:e|ee|es|ees)|repouss(?:e|ee|es|ees)|decal(?:e|ee|es|ees)|postponed"
    r"|delayed|rescheduled|pushed back|moved)\b"
)
WAS_PLANNED = re.compile(
    r"\b(?:initialement|prevue?s?|au lieu de|originally|initially|instead of|scheduled for)\s*$"
)
_ENGLISH = re.compile(r"\b(?:the|of|will|and|take|place|in|meeting|be|is|was|held)\b")
_FRENCH = re.compile(r"\b(?:le|la|les|des|du|de|se|et|en|au|sera|aura|lieu|reunion|est)\b")
MANY = re.compile(r"\b(?:une serie d'|series of|plusieurs|several|des reunions|meetings of)")


def state_in(text: str) -> tuple[ConfirmationState | None, str]:
    """The state a sentence states outright, and the words that say it."""
    for state, pattern in _STATES:
        if (match := pattern.search(text)) is not None:
            return state, match.group()
    if (match := _UNCONFIRMED.search(text)) is not None:
        return ConfirmationState.PROVISIONAL, match.group()
    if (match := _CONFIRMED.search(text)) is not None:
        return ConfirmationState.CONFIRMED, match.group()
    if (match := _PROPOSED.search(text)) is not None:
        return ConfirmationState.PROPOSED, match.group()
    return None, ""


def is_english(text: str) -> bool:
    """Whether a folded sentence reads as English rather than French."""
    return len(_ENGLISH.findall(text)) > len(_FRENCH.findall(text))

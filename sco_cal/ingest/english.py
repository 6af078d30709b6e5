"""English titles and series slugs for French meeting titles, from a small phrase table.

The table covers the bodies the bulletins name; a title it cannot cover entirely gets
no English title (the French one is shown instead) rather than a half translation.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from sco_cal.domain.text import fold
from sco_cal.domain.text import slug as text_slug

_HEADS = {
    "reunion": "Meeting", "meeting": "Meeting", "rencontre": "Meeting", "session": "Session",
    "sommet": "Summit", "conference": "Conference", "forum": "Forum", "seminaire": "Seminar",
    "exercice": "Exercise", "jeux d'ete": "Summer Games", "jeux d'hiver": "Winter Games",
    "jeux": "Games", "festival": "Festival", "exposition": "Exhibition", "salon": "Fair",
    "foire": "Fair", "marathon": "Marathon", "tournoi": "Tournament",
    "championnat": "Championship", "congres": "Congress", "colloque": "Symposium",
    "table ronde": "Round Table", "consultations": "Consultations", "assemblee": "Assembly",
    "concours": "Contest", "groupe de travail": "Working Group",
}  # fmt: skip
_ADJECTIVES = {
    "extraordinaire": "Extraordinary", "ordinaire": "Regular", "international": "International",
    "internationale": "International", "conjoint": "Joint", "conjointe": "Joint",
    "antiterroriste": "Counter-Terrorism", "informel": "Informal", "informelle": "Informal",
    "annuel": "Annual", "annuelle": "Annual", "logistique": "Logistics", "regional": "Regional",
    "regionale": "Regional", "militaire": "Military", "economique": "Economic",
}  # fmt: skip
_PORTFOLIOS = {
    "defense": "Defence", "affaires etrangeres": "Foreign Affairs", "economie": "Economy",
    "commerce": "Trade", "finances": "Finance", "energie": "Energy", "transports": "Transport",
    "agriculture": "Agriculture", "education": "Education", "sante": "Health",
    "culture": "Culture", "justice": "Justice", "industrie": "Industry", "interieur": "Interior",
    "tourisme": "Tourism", "sports": "Sports", "sport": "Sport", "travail": "Labour",
    "environnement": "Environment", "situations d'urgence": "Emergency Situations",
    "science": "Science", "numerique": "Digital",
}  # fmt: skip
_SINGLE_WORD = {"Foreign Affairs": "Foreign"}
_BODIES: tuple[tuple[str, str], ...] = (
    (r"(?:du )?conseil des chefs d'etat", "the Council of Heads of State"),
    (r"des chefs d'etat", "Heads of State"),
    (
        r"(?:du )?conseil des chefs de gouvernement(?: \(premiers ministres\))?",
        "the Council of Heads of Government",
    ),  # fmt: skip
    (r"des chefs de gouvernement", "Heads of Government"),
    (
        r"des ministres des finances et des gouverneurs de banques centrales",
        "Finance Ministers and Central Bank Governors",
    ),  # fmt: skip
    (
        r"des (?:responsables|chefs) des services (?:antidrogue|de lutte antidrogue)",
        "Heads of Anti-Drug Services",
    ),  # fmt: skip
    (
        r"du conseil de la structure regionale antiterroriste",
        "the Council of the Regional Anti-Terrorist Structure",
    ),  # fmt: skip
    (
        r"des (?:responsables|chefs) (?:de|des) ports et (?:des )?centres logistiques",
        "Heads of Ports and Logistics Centres",
    ),  # fmt: skip
    (
        r"du groupe de travail sur la cooperation douaniere",
        "the Working Group on Customs Cooperation",
    ),  # fmt: skip
    (r"sur la cooperation douaniere", "on Customs Cooperation"),
    (r"des presidents des cours supremes", "Presidents of Supreme Courts"),
    (
        r"des (?:responsables|chefs) des departements du developpement des telecommunications"
        r" et des technologies de l'information",
        "Heads of Telecommunications and IT Development Departments",
    ),  # fmt: skip
    (r"des procureurs generaux", "Prosecutors General"),
    (r"des secretaires des conseils de securite", "Security Council Secretaries"),
    (r"des forces armees", "the Armed Forces"),
    (r"des gouverneurs de banques centrales", "Central Bank Governors"),
    (r"des dirigeants", "Leaders"),
    (r"du forum", "the Forum"),
)
_ORGS = (
    r"(?:des etats membres |des pays membres |des pays )?(?:de l'|du |de la |des )?"
    r"(?:organisation de cooperation de shanghai|organisation du traite de securite collective"
    r"|ocs|sco|otsc|csto|onu|un)(?: \((?:ocs|otsc|sco|csto)\))?"
)
_ORGS_EN = re.compile(r"\b(?:sco|csto|un|ocs|otsc)\b")
_MEMBERS = r"des etats membres"
_ORDINAL = re.compile(r"^(?:(\d{1,3})(?:e|er|re|th|st|nd|rd)|premier|premiere|first)\s+")
_ENGLISH_NOISE = frozenset("the of on and for in at a an".split())
_ENGLISH_HEADS = frozenset("meeting meetings session sessions".split())
_FRENCH_FILLER = frozenset(
    "reunion session meeting rencontre de des du la le les l d et sur pour au aux a".split()
)
_SERIES_BY_ORG = {"SCO": "heads-of-state-council", "CSTO": "csto-collective-security-council"}


@dataclass(frozen=True, slots=True)
class English:
    """The English title (None when the table cannot cover it) and a series slug."""

    title: str | None
    series: str


def english_title(title: str, *, organisation: str, number: int | None, english: bool) -> English:
    """The English title and series slug for a normalised meeting `title`."""
    folded = fold(title)
    if english:
        return English(_title_case(title), _english_series(folded, organisation))
    rest = _ORDINAL.sub("", folded)
    head, adjectives, rest = _head(rest)
    name, rest = _name(title, rest)
    suffix, rest = _suffix(title, rest)
    body = _body(rest)
    head_en = " ".join(w for w in [*adjectives, head, name] if w) if head else ""
    series = _series(folded, head_en, body, organisation)
    if not head or body is None:
        return English(None, series)
    parts = [_ordinal(number)] if number else []
    if body and not body.startswith(("the ", "on ")):
        parts += [head_en, "of", organisation, body]  # people: "of SCO Defence Ministers"
    elif body:
        parts += [organisation, head_en, ("of " + body) if body.startswith("the ") else body]
    else:
        parts += [organisation, head_en]
    return English(" ".join(p for p in [*parts, suffix] if p), series)


def _head(rest: str) -> tuple[str | None, list[str], str]:
    for french in sorted(_HEADS, key=len, reverse=True):
        if rest == french or rest.startswith(french + " "):
            rest = rest[len(french) :].strip()
            adjectives = []
            while (word := rest.split(" ", 1)[0]) in _ADJECTIVES:
                adjectives.append(_ADJECTIVES[word])
                rest = rest[len(word) :].strip()
            return _HEADS[french], adjectives, rest
    return None, [], rest


def _name(title: str, rest: str) -> tuple[str, str]:
    """A quoted name ("« Mission de paix 2026 »") is kept as written, in quotes."""
    quoted = re.search(r"[«“]\s*(.+?)\s*[»”]", title)
    if quoted is None:
        return "", rest
    return f"“{quoted.group(1)}”", re.sub(r"\s*[«“][^»”]*[»”]", "", rest, count=1).strip()


def _suffix(title: str, rest: str) -> tuple[str, str]:
    """Acronyms in brackets and years keep their place at the end: "(RATS)", "2026"."""
    kept = re.findall(r"\([A-Z][A-Z0-9+-]{1,9}\)", title)
    rest = re.sub(r"\s*\([a-z][a-z0-9+-]{1,9}\)", "", rest)
    years = re.findall(r"\b(?:19|20|21)\d\d\b", rest)
    rest = re.sub(r"\s*\b(?:19|20|21)\d\d\b", "", rest).strip()
    return " ".join(kept + years), rest


def _body(rest: str) -> str | None:
    rest = re.sub(rf"\s*{_ORGS}\b", "", rest).strip()
    rest = re.sub(rf"\s*{_MEMBERS}\b", "", rest).strip()
    if not rest:
        return ""
    for pattern, english in _BODIES:
        if re.fullmatch(pattern, rest):
            return english
    return _ministers(rest)


def _ministers(rest: str) -> str | None:
    match = re.fullmatch(r"des ministres (?:de la |de l'|des |du )(.+)", rest)
    if match is None:
        return None
    names = re.split(r" et (?:de la |de l'|des |du )", match.group(1))
    portfolios = [_PORTFOLIOS.get(name) for name in names]
    if any(p is None for p in portfolios) or len(portfolios) > 2:
        return None
    if len(portfolios) == 1:
        return f"{_SINGLE_WORD.get(portfolios[0] or '', portfolios[0])} Ministers"
    return f"Ministers of {portfolios[0]} and {portfolios[1]}"


def _series(folded: str, head_en: str, body: str | None, organisation: str) -> str:
    if re.search(r"\b(?:sommet|chefs d'etat|summit|heads of state)\b", folded):
        return _SERIES_BY_ORG.get(organisation, "heads-of-state-council")
    named = re.search(r"[«“\"]\s*([^»”\"]+?)\s*[»”\"]", folded)
    if named is not None:
        return slug(re.sub(r"\d+", "", named.group(1)))
    if body:
        return slug(body)
    rest = re.sub(rf"\b{_ORGS}\b|\b{_MEMBERS}\b", " ", _ORDINAL.sub("", folded))
    words = [w for w in re.findall(r"[a-z]+", rest) if w not in _FRENCH_FILLER]
    return slug(" ".join(words)) or slug(head_en) or slug(folded)


def _english_series(folded: str, organisation: str) -> str:
    if re.search(r"\b(?:summit|heads of state)\b", folded):
        return _SERIES_BY_ORG.get(organisation, "heads-of-state-council")
    rest = _ORGS_EN.sub(" ", _ORDINAL.sub("", folded))
    words = [w for w in re.findall(r"[a-z]+", rest) if w not in _ENGLISH_HEADS]
    return slug(" ".join(words)) or slug(folded)


def _title_case(title: str) -> str:
    words = title.split(" ")
    return " ".join(
        w if w.isupper() or (i and w in _ENGLISH_NOISE) else w[:1].upper() + w[1:]
        for i, w in enumerate(words)
    )


def slug(text: str, words: int = 5) -> str:
    """Lower-case ASCII words joined by hyphens, without filler words."""
    return text_slug(text, words, skip=_ENGLISH_NOISE)


def _ordinal(number: int) -> str:
    ending = (
        "th" if 10 <= number % 100 <= 20 else {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    )
    return f"{number}{ending}"

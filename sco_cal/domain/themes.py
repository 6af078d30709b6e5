"""The theme vocabulary: the bulletin's four sectors, their sub-themes, and extensions."""

from __future__ import annotations

from dataclasses import dataclass

from sco_cal.domain.aliases import Vocabulary
from sco_cal.domain.languages import in_language
from sco_cal.i18n import N_


@dataclass(frozen=True, slots=True)
class Theme:
    """A theme id (`parent.child`), its labels, and other words that name it."""

    id: str
    label_en: str
    label_fr: str
    aliases: tuple[str, ...] = ()

    @property
    def parent(self) -> str | None:
        """The id of the enclosing theme, or None for a top-level one."""
        head, dot, _ = self.id.rpartition(".")
        return head if dot else None


# The first four sectors and their sub-themes follow the provisional SCO agenda's
# headings; the others cover what the remaining sources report (summits, health...).
_THEMES: tuple[Theme, ...] = (
    Theme("security", "Security", "Sécurité"),
    Theme(
        "security.counter-terrorism",
        "Counter-terrorism and narcotics",
        "Lutte contre le terrorisme et les stupéfiants",
        ("counter-terrorism", "terrorism", "terrorisme", "narcotics", "drugs", "stupéfiants"),
    ),
    Theme(
        "security.military",
        "Military cooperation",
        "Coopération militaire",
        ("military", "militaire", "defence", "defense", "défense"),
    ),
    Theme("economy", "Economy and energy", "Économie et énergie", ("économie",)),
    Theme(
        "economy.trade",
        "Trade and economy",
        "Coopération économique et commerciale",
        (
            "trade",
            "commerce",
            "finance",
            "finances",
            "industry",
            "industrie",
            "investment",
            "investissement",
        ),
    ),
    Theme(
        "economy.energy",
        "Energy transition",
        "Transition énergétique",
        ("energy", "énergie"),
    ),
    Theme(
        "transport",
        "Transport and logistics",
        "Transports et logistique",
        ("transports", "logistics", "logistique"),
    ),
    Theme(
        "institutional",
        "Institutional, legal and cultural affairs",
        "Domaines institutionnel, normatif et culturel",
        ("institutionnel",),
    ),
    Theme(
        "institutional.justice-technology",
        "Justice and technology",
        "Justice et technologies",
        ("justice",),
    ),
    Theme(
        "institutional.agriculture-education",
        "Agriculture and education",
        "Agriculture et éducation",
        ("agriculture", "education", "éducation"),
    ),
    Theme("institutional.sport", "Sport", "Sports", ("sports",)),
    Theme(
        "diplomacy",
        "Diplomacy and summits",
        "Diplomatie et sommets",
        ("diplomatie", "summits", "sommets"),
    ),
    Theme("health", "Health", "Santé"),
    Theme("culture", "Culture and heritage", "Culture et patrimoine", ("heritage", "patrimoine")),
    Theme(
        "environment",
        "Environment and climate",
        "Environnement et climat",
        ("environnement", "climate", "climat", "sustainable development", "développement durable"),
    ),
    Theme(
        "technology",
        "Digital and artificial intelligence",
        "Numérique et intelligence artificielle",
        (
            "technologie",
            "technologies",
            "digital",
            "numérique",
            "AI",
            "IA",
            "artificial intelligence",
            "intelligence artificielle",
            "innovation",
            "start-ups",
        ),
    ),
    Theme("social", "Youth and society", "Jeunesse et société", ("youth", "jeunesse", "société")),
)


_VOCABULARY = Vocabulary(
    _THEMES,
    id_of=lambda theme: theme.id,
    spellings=lambda theme: (theme.id, theme.label_en, theme.label_fr, *theme.aliases),
    unknown=N_("unknown theme '{value}' (expected one of: {known})"),
)


def all_themes() -> tuple[Theme, ...]:
    """Every theme, each parent before its sub-themes."""
    return _THEMES


def theme_ids() -> tuple[str, ...]:
    """The valid theme ids."""
    return _VOCABULARY.ids


def theme(theme_id: str) -> Theme:
    """The theme with this exact id; UnknownValue otherwise."""
    return _VOCABULARY.get(theme_id)


def theme_label(theme_id: str, lang: str = "en") -> str:
    """The label of theme `theme_id` in `lang` ("en" or "fr")."""
    found = theme(theme_id)
    return in_language(lang, found.label_en, found.label_fr)


def resolve_theme(text: str) -> str:
    """The id of the theme named `text`: an id, a label in either language, or a keyword.

    `resolve_theme("Sécurité") == resolve_theme("security") == "security"`.
    """
    return _VOCABULARY.id_for(text)


def theme_matches(query_id: str, theme_id: str | None) -> bool:
    """Whether an event themed `theme_id` answers a query for `query_id`.

    A theme matches itself and its sub-themes: `security` covers `security.military`.
    """
    return theme_id is not None and (theme_id == query_id or theme_id.startswith(query_id + "."))

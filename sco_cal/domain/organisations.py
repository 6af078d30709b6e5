"""The organisations that convene meetings, under their English and French names."""

from __future__ import annotations

from dataclasses import dataclass

from sco_cal.domain.aliases import Vocabulary
from sco_cal.domain.languages import in_language
from sco_cal.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Organisation:
    """A convening body: a stable code, its names and its other spellings."""

    code: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...] = ()


# Host-country initiatives have no international body behind them; they still need a
# code so that every event can be filtered by who convenes it.
NATIONAL = "NATIONAL"

_ORGANISATIONS: tuple[Organisation, ...] = (
    Organisation(
        "SCO",
        "Shanghai Cooperation Organisation",
        "Organisation de coopération de Shanghai",
        ("OCS", "Shanghai Cooperation Organization"),
    ),
    Organisation(
        "CSTO",
        "Collective Security Treaty Organisation",
        "Organisation du traité de sécurité collective",
        ("OTSC", "Collective Security Treaty Organization"),
    ),
    Organisation(
        "UN",
        "United Nations",
        "Organisation des Nations unies",
        ("ONU", "Nations unies", "UNO", "United Nations Organization"),
    ),
    Organisation(
        "UNESCO",
        "United Nations Educational, Scientific and Cultural Organization",
        "Organisation des Nations unies pour l'éducation, la science et la culture",
        (),
    ),
    Organisation(
        "UNODC",
        "United Nations Office on Drugs and Crime",
        "Office des Nations unies contre la drogue et le crime",
        ("ONUDC",),
    ),
    Organisation(
        "CIS",
        "Commonwealth of Independent States",
        "Communauté des États indépendants",
        ("CEI",),
    ),
    Organisation(
        "EAEU",
        "Eurasian Economic Union",
        "Union économique eurasiatique",
        ("UEEA", "EEU", "UEE", "Union économique eurasienne"),
    ),
    Organisation("BRICS", "BRICS", "BRICS", ()),
    Organisation(
        "ASEAN",
        "Association of Southeast Asian Nations",
        "Association des nations de l'Asie du Sud-Est",
        ("ANASE",),
    ),
    Organisation(
        NATIONAL,
        "Host-country initiative",
        "Initiative nationale",
        ("National", "Host country", "Pays hôte"),
    ),
)

# The acronyms a reader writes differently in another language (the OCS, the OTSC).
_ACRONYMS = (N_("SCO"), N_("CSTO"), N_("UN"), N_("UNODC"), N_("CIS"), N_("EAEU"), N_("ASEAN"))


def organisation_acronym(code: str) -> str:
    """The organisation `code` as people abbreviate it in the current language."""
    return _(code)


_VOCABULARY = Vocabulary(
    _ORGANISATIONS,
    id_of=lambda org: org.code,
    spellings=lambda org: (org.code, org.name_en, org.name_fr, *org.aliases),
    unknown=N_("unknown organisation '{value}' (expected one of: {known})"),
    canonical=lambda code: code.strip().upper(),
)


def all_organisations() -> tuple[Organisation, ...]:
    """Every known organisation, the SCO first."""
    return _ORGANISATIONS


def organisation_codes() -> tuple[str, ...]:
    """The valid organisation codes."""
    return _VOCABULARY.ids


def organisation(code: str) -> Organisation:
    """The organisation with this code (any case); UnknownValue otherwise."""
    return _VOCABULARY.get(code)


def organisation_code(text: str) -> str:
    """The code of the organisation named `text`: code, acronym or full name, any language.

    `organisation_code("Organisation du traité de sécurité collective") == "CSTO"`.
    """
    return _VOCABULARY.id_for(text)


def organisation_name(code: str, lang: str = "en") -> str:
    """The full name of the organisation `code` in `lang` ("en" or "fr")."""
    org = organisation(code)
    return in_language(lang, org.name_en, org.name_fr)

"""Table-driven tests for the gazetteer, the organisations and the theme vocabulary."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from sco_cal.domain.errors import UnknownPlace, UnknownValue
from sco_cal.domain.organisations import (
    all_organisations,
    organisation,
    organisation_code,
    organisation_name,
)
from sco_cal.domain.places import (
    City,
    all_cities,
    all_countries,
    city,
    city_spellings,
    country_code,
    country_name,
    country_spellings,
    find_city,
    find_country,
    match_city,
    match_country,
)
from sco_cal.domain.themes import (
    all_themes,
    resolve_theme,
    theme,
    theme_ids,
    theme_label,
    theme_matches,
)

# --- countries --------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("kg", "KG"),
        ("KG", "KG"),
        (" Kg ", "KG"),
        ("KGZ", "KG"),
        ("kgz", "KG"),
        ("Kyrgyzstan", "KG"),
        ("Kirghizstan", "KG"),
        ("Kirghizistan", "KG"),
        ("kirghizistan", "KG"),
        ("KIRGHIZISTAN", "KG"),
        ("République kirghize", "KG"),
        ("Republique kirghize", "KG"),
        ("Kyrgyz Republic", "KG"),
        ("Bélarus", "BY"),
        ("Belarus", "BY"),
        ("Biélorussie", "BY"),
        ("Bielorussie", "BY"),
        ("République de Biélorussie", "BY"),
        ("BLR", "BY"),
        ("Tadjikistan", "TJ"),
        ("Tajikistan", "TJ"),
        ("République du Tadjikistan", "TJ"),
        ("Ouzbékistan", "UZ"),
        ("Ouzbekistan", "UZ"),
        ("République d’Ouzbékistan", "UZ"),
        ("Uzbekistan", "UZ"),
        ("Chine", "CN"),
        ("China", "CN"),
        ("République populaire de Chine", "CN"),
        ("Russie", "RU"),
        ("Fédération de Russie", "RU"),
        ("Federation de Russie", "RU"),
        ("Russian Federation", "RU"),
        ("Inde", "IN"),
        ("India", "IN"),
        ("Iran", "IR"),
        ("République islamique d'Iran", "IR"),
        ("République islamique d’Iran", "IR"),
        ("Pakistan", "PK"),
        ("République islamique du Pakistan", "PK"),
        ("Kazakhstan", "KZ"),
        ("République du Kazakhstan", "KZ"),
        ("Koweït", "KW"),
        ("Koweit", "KW"),
        ("Kuwait", "KW"),
        ("Afghanistan", "AF"),
        ("Mongolie", "MN"),
        ("Arménie", "AM"),
        ("Azerbaïdjan", "AZ"),
        ("Azerbaidjan", "AZ"),
        ("Cambodge", "KH"),
        ("Népal", "NP"),
        ("Sri Lanka", "LK"),
        ("Turquie", "TR"),
        ("Turkey", "TR"),
        ("Égypte", "EG"),
        ("Qatar", "QA"),
        ("Arabie saoudite", "SA"),
        ("Émirats arabes unis", "AE"),
        ("Bahreïn", "BH"),
        ("Maldives", "MV"),
        ("Birmanie", "MM"),
        ("République démocratique populaire lao", "LA"),
        ("Turkménistan", "TM"),
        ("Géorgie", "GE"),
        ("Ukraine", "UA"),
        ("États-Unis", "US"),
        ("Etats-Unis d'Amerique", "US"),
        ("USA", "US"),
        ("Autriche", "AT"),
        ("Suisse", "CH"),
        ("France", "FR"),
        ("Allemagne", "DE"),
        ("Royaume-Uni", "GB"),
        ("Brésil", "BR"),
        ("Italie", "IT"),
        ("Espagne", "ES"),
        ("Japon", "JP"),
        ("Corée du Sud", "KR"),
        ("Indonésie", "ID"),
        ("Malaisie", "MY"),
        ("Thaïlande", "TH"),
        ("Viêt Nam", "VN"),
        ("Vietnam", "VN"),
    ],
)
def test_country_code(spelling: str, code: str) -> None:
    assert country_code(spelling) == code


@pytest.mark.parametrize("spelling", ["xyz", "", "   ", "Narnia", "Kirghiz", "Bishkek"])
def test_unknown_country(spelling: str) -> None:
    with pytest.raises(UnknownPlace, match="unknown country"):
        country_code(spelling)
    assert find_country(spelling) is None


def test_unknown_country_message() -> None:
    with pytest.raises(UnknownPlace) as caught:
        country_code("xyz")
    assert str(caught.value) == "unknown country 'xyz'"


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("KG", "en", "Kyrgyzstan"),
        ("KG", "fr", "Kirghizistan"),
        ("kg", "fr", "Kirghizistan"),
        ("BY", "fr", "Bélarus"),
        ("UZ", "fr", "Ouzbékistan"),
        ("KW", "fr", "Koweït"),
        ("RU", "en", "Russia"),
        ("Biélorussie", "en", "Belarus"),
        ("CN", "fr-FR", "Chine"),
    ],
)
def test_country_name(code: str, lang: str, name: str) -> None:
    assert country_name(code, lang) == name


def test_country_name_defaults_to_english() -> None:
    assert country_name("TJ") == "Tajikistan"


def test_country_name_errors() -> None:
    with pytest.raises(UnknownPlace):
        country_name("ZZ")
    with pytest.raises(UnknownValue, match="language"):
        country_name("KG", "de")


def test_every_country_spelling_resolves_to_its_own_country() -> None:
    # A spelling shared by two countries would resolve to only one of them.
    for found in all_countries():
        assert found.code == found.code.upper() and len(found.code) == 2
        for spelling in country_spellings(found.code):
            assert country_code(spelling) == found.code, spelling


@pytest.mark.parametrize(
    "code", ["BY", "CN", "IN", "IR", "KZ", "KG", "PK", "RU", "TJ", "UZ", "AF", "MN", "TR", "US"]
)
def test_required_countries_are_known(code: str) -> None:
    assert country_code(code) == code


def test_country_spellings_of_unknown_code_is_the_code() -> None:
    assert country_spellings("ZZ") == ("ZZ",)
    assert "Kirghizstan" in country_spellings("KG")


# --- cities -----------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "name", "code"),
    [
        ("Bishkek", "Bishkek", "KG"),
        ("Bichkek", "Bishkek", "KG"),
        ("bichkek", "Bishkek", "KG"),
        ("Cholpon-Ata", "Cholpon-Ata", "KG"),
        ("Cholpon- Ata", "Cholpon-Ata", "KG"),
        ("Tcholpon-Ata", "Cholpon-Ata", "KG"),
        ("Osh", "Osh", "KG"),
        ("Dushanbe", "Dushanbe", "TJ"),
        ("Douchanbé", "Dushanbe", "TJ"),
        ("Douchanbe", "Dushanbe", "TJ"),
        ("Tashkent", "Tashkent", "UZ"),
        ("Tachkent", "Tashkent", "UZ"),
        ("Samarkand", "Samarkand", "UZ"),
        ("Samarcande", "Samarkand", "UZ"),
        ("Astana", "Astana", "KZ"),
        ("Nour-Soultan", "Astana", "KZ"),
        ("Nur-Sultan", "Astana", "KZ"),
        ("Almaty", "Almaty", "KZ"),
        ("Aktau", "Aktau", "KZ"),
        ("Aktaou", "Aktau", "KZ"),
        ("Moscow", "Moscow", "RU"),
        ("Moscou", "Moscow", "RU"),
        ("Saint Petersburg", "Saint Petersburg", "RU"),
        ("Saint-Pétersbourg", "Saint Petersburg", "RU"),
        ("Saint-Petersbourg", "Saint Petersburg", "RU"),
        ("St Petersburg", "Saint Petersburg", "RU"),
        ("St. Petersburg", "Saint Petersburg", "RU"),
        ("Yekaterinburg", "Yekaterinburg", "RU"),
        ("Ekaterinbourg", "Yekaterinburg", "RU"),
        ("Iekaterinbourg", "Yekaterinburg", "RU"),
        ("Ufa", "Ufa", "RU"),
        ("Oufa", "Ufa", "RU"),
        ("Omsk", "Omsk", "RU"),
        ("Kazan", "Kazan", "RU"),
        ("Sochi", "Sochi", "RU"),
        ("Sotchi", "Sochi", "RU"),
        ("Tianjin", "Tianjin", "CN"),
        ("Beijing", "Beijing", "CN"),
        ("Pékin", "Beijing", "CN"),
        ("Shanghai", "Shanghai", "CN"),
        ("Shanghaï", "Shanghai", "CN"),
        ("Qingdao", "Qingdao", "CN"),
        ("Xi'an", "Xi'an", "CN"),
        ("Xi’an", "Xi'an", "CN"),
        ("Xian", "Xi'an", "CN"),
        ("Chengdu", "Chengdu", "CN"),
        ("Kunming", "Kunming", "CN"),
        ("Urumqi", "Urumqi", "CN"),
        ("Ouroumqi", "Urumqi", "CN"),
        ("New Delhi", "New Delhi", "IN"),
        ("new delhi", "New Delhi", "IN"),
        ("Delhi", "New Delhi", "IN"),
        ("Minsk", "Minsk", "BY"),
        ("Tehran", "Tehran", "IR"),
        ("Téhéran", "Tehran", "IR"),
        ("Islamabad", "Islamabad", "PK"),
        ("Vienna", "Vienna", "AT"),
        ("Vienne", "Vienna", "AT"),
        ("Geneva", "Geneva", "CH"),
        ("Genève", "Geneva", "CH"),
        ("New York", "New York", "US"),
        ("Kuwait City", "Kuwait City", "KW"),
        ("Koweït", "Kuwait City", "KW"),
        ("Kuwait", "Kuwait City", "KW"),
        ("Baku", "Baku", "AZ"),
        ("Bakou", "Baku", "AZ"),
        ("Yerevan", "Yerevan", "AM"),
        ("Erevan", "Yerevan", "AM"),
        ("Ulaanbaatar", "Ulaanbaatar", "MN"),
        ("Oulan-Bator", "Ulaanbaatar", "MN"),
    ],
)
def test_city(spelling: str, name: str, code: str) -> None:
    assert city(spelling) == City(name, code)
    assert find_city(spelling) == City(name, code)


@pytest.mark.parametrize("spelling", ["Atlantis", "", "Kirghizistan", "Paris, Texas"])
def test_unknown_city(spelling: str) -> None:
    assert find_city(spelling) is None
    with pytest.raises(UnknownPlace, match="unknown city"):
        city(spelling)


def test_every_city_spelling_resolves_to_its_own_city() -> None:
    for found in all_cities():
        assert country_code(found.country) == found.country
        for spelling in city_spellings(found.name):
            assert city(spelling) == found, spelling


def test_city_spellings() -> None:
    assert set(city_spellings("Dushanbe")) >= {"Dushanbe", "Douchanbé"}
    assert city_spellings("Douchanbé")[0] == "Dushanbe"
    assert city_spellings("Région de l'Est") == ("Région de l'Est",)


# --- matching ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("query", "code", "expected"),
    [
        ("Kirghizistan", "KG", True),
        ("kirghizstan", "KG", True),
        ("kg", "KG", True),
        ("Kyrgyzstan", "kg", True),
        ("Biélorussie", "BY", True),
        ("Bélarus", "BY", True),
        ("Kazakhstan", "KG", False),
        ("Russie", None, False),
    ],
)
def test_match_country(query: str, code: str | None, expected: bool) -> None:
    assert match_country(query, code) is expected


def test_match_country_reports_a_misspelt_query() -> None:
    with pytest.raises(UnknownPlace):
        match_country("Kirgyzland", "KG")


@pytest.mark.parametrize(
    ("query", "cities", "expected"),
    [
        ("Bichkek", ["Bishkek"], True),
        ("Douchanbé", ["Dushanbe"], True),
        ("douchanbe", ["Dushanbe"], True),
        ("Aktaou", ["Aktau"], True),
        ("Moscou", ["Moscow", "Saint Petersburg"], True),
        ("Saint-Pétersbourg", ["Moscow", "Saint Petersburg"], True),
        ("Samarcande", ["Tashkent"], False),
        ("Moscou", [], False),
        ("Région de l'Est", ["region de l’est"], True),
        ("Atlantis", ["Moscow"], False),
    ],
)
def test_match_city(query: str, cities: list[str], expected: bool) -> None:
    assert match_city(query, cities) is expected


# --- organisations ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("spelling", "code"),
    [
        ("SCO", "SCO"),
        ("sco", "SCO"),
        ("OCS", "SCO"),
        ("Organisation de coopération de Shanghai", "SCO"),
        ("Organisation de Coopération de Shanghaï", "SCO"),
        ("Shanghai Cooperation Organisation", "SCO"),
        ("Shanghai Cooperation Organization", "SCO"),
        ("CSTO", "CSTO"),
        ("OTSC", "CSTO"),
        ("Organisation du traité de sécurité collective", "CSTO"),
        ("UN", "UN"),
        ("ONU", "UN"),
        ("Nations unies", "UN"),
        ("Nations Unies", "UN"),
        ("United Nations", "UN"),
        ("UNESCO", "UNESCO"),
        ("UNODC", "UNODC"),
        ("ONUDC", "UNODC"),
        ("Office des Nations unies contre la drogue et le crime", "UNODC"),
        ("CIS", "CIS"),
        ("CEI", "CIS"),
        ("EAEU", "EAEU"),
        ("UEEA", "EAEU"),
        ("Union économique eurasiatique", "EAEU"),
        ("Union économique eurasienne", "EAEU"),
        ("BRICS", "BRICS"),
        ("ASEAN", "ASEAN"),
        ("ANASE", "ASEAN"),
        ("Association des nations de l’Asie du Sud-Est", "ASEAN"),
        ("NATIONAL", "NATIONAL"),
        ("Initiative nationale", "NATIONAL"),
        ("Host-country initiative", "NATIONAL"),
    ],
)
def test_organisation_code(spelling: str, code: str) -> None:
    assert organisation_code(spelling) == code


@pytest.mark.parametrize("spelling", ["NATO", "", "Shanghai"])
def test_unknown_organisation(spelling: str) -> None:
    with pytest.raises(UnknownValue, match="unknown organisation"):
        organisation_code(spelling)


@pytest.mark.parametrize(
    ("code", "lang", "name"),
    [
        ("SCO", "en", "Shanghai Cooperation Organisation"),
        ("SCO", "fr", "Organisation de coopération de Shanghai"),
        ("csto", "fr", "Organisation du traité de sécurité collective"),
        ("NATIONAL", "en", "Host-country initiative"),
        ("NATIONAL", "fr", "Initiative nationale"),
        ("EAEU", "fr", "Union économique eurasiatique"),
    ],
)
def test_organisation_name(code: str, lang: str, name: str) -> None:
    assert organisation_name(code, lang) == name


def test_unknown_organisation_code_is_an_error() -> None:
    with pytest.raises(UnknownValue):
        organisation_name("OCS")  # an alias, not a code
    with pytest.raises(UnknownValue):
        organisation("NATO")
    with pytest.raises(UnknownValue, match="language"):
        organisation_name("SCO", "ru")


def test_every_organisation_spelling_resolves_to_itself() -> None:
    for org in all_organisations():
        for spelling in (org.code, org.name_en, org.name_fr, *org.aliases):
            assert organisation_code(spelling) == org.code, spelling


# --- themes -----------------------------------------------------------------------------

EXPECTED_THEMES = {
    "security": "Sécurité",
    "security.counter-terrorism": "Lutte contre le terrorisme et les stupéfiants",
    "security.military": "Coopération militaire",
    "economy": "Économie et énergie",
    "economy.trade": "Coopération économique et commerciale",
    "economy.energy": "Transition énergétique",
    "transport": "Transports et logistique",
    "institutional": "Domaines institutionnel, normatif et culturel",
    "institutional.justice-technology": "Justice et technologies",
    "institutional.agriculture-education": "Agriculture et éducation",
    "institutional.sport": "Sports",
    "diplomacy": "Diplomatie et sommets",
    "health": "Santé",
    "culture": "Culture et patrimoine",
    "environment": "Environnement et climat",
    "technology": "Numérique et intelligence artificielle",
    "social": "Jeunesse et société",
}


def test_theme_ids_and_french_labels() -> None:
    assert set(theme_ids()) == set(EXPECTED_THEMES)
    for theme_id, label in EXPECTED_THEMES.items():
        assert theme_label(theme_id, "fr") == label


def test_parents_come_before_their_sub_themes() -> None:
    seen: set[str] = set()
    for item in all_themes():
        if item.parent is not None:
            assert item.parent in seen
        seen.add(item.id)


@pytest.mark.parametrize(
    ("text", "theme_id"),
    [
        ("security", "security"),
        ("Sécurité", "security"),
        ("securite", "security"),
        ("SECURITY", "security"),
        ("security.military", "security.military"),
        ("Coopération militaire", "security.military"),
        ("Military cooperation", "security.military"),
        ("Lutte contre le terrorisme et les stupéfiants", "security.counter-terrorism"),
        ("counter terrorism", "security.counter-terrorism"),
        ("Economie et energie", "economy"),
        ("Trade and economy", "economy.trade"),
        ("finance", "economy.trade"),
        ("Transition énergétique", "economy.energy"),
        ("Transports et logistique", "transport"),
        ("Domaines institutionnel, normatif et culturel", "institutional"),
        ("Justice et technologies", "institutional.justice-technology"),
        ("Agriculture et éducation", "institutional.agriculture-education"),
        ("Sports", "institutional.sport"),
        ("Diplomatie et sommets", "diplomacy"),
        ("Santé", "health"),
        ("Culture et patrimoine", "culture"),
        ("développement durable", "environment"),
        ("Intelligence artificielle", "technology"),
        ("start-ups", "technology"),
        ("Jeunesse et société", "social"),
    ],
)
def test_resolve_theme(text: str, theme_id: str) -> None:
    assert resolve_theme(text) == theme_id


@pytest.mark.parametrize("text", ["", "astrology", "security.nuclear"])
def test_unknown_theme(text: str) -> None:
    with pytest.raises(UnknownValue, match="unknown theme"):
        resolve_theme(text)


def test_every_theme_spelling_resolves_to_itself() -> None:
    for item in all_themes():
        for spelling in (item.id, item.label_en, item.label_fr, *item.aliases):
            assert resolve_theme(spelling) == item.id, spelling


@pytest.mark.parametrize(
    ("query", "theme_id", "expected"),
    [
        ("security", "security", True),
        ("security", "security.military", True),
        ("security", "security.counter-terrorism", True),
        ("security.military", "security", False),
        ("security.military", "security.counter-terrorism", False),
        ("economy", "economy.energy", True),
        ("institutional", "institutional.sport", True),
        ("economy", "environment", False),
        ("social", None, False),
    ],
)
def test_theme_matches(query: str, theme_id: str | None, expected: bool) -> None:
    assert theme_matches(query, theme_id) is expected


def test_theme_label_errors() -> None:
    assert theme_label("health") == "Health"
    with pytest.raises(UnknownValue):
        theme_label("Santé")  # a label, not an id
    with pytest.raises(UnknownValue, match="language"):
        theme_label("health", "es")
    assert theme("health").parent is None
    assert theme("security.military").parent == "security"


# --- arbitrary input --------------------------------------------------------------------


@given(st.text(max_size=40))
def test_resolvers_answer_or_raise_their_own_error(text: str) -> None:
    # Whatever a user types, the only failure is the documented one.
    for resolve, error in (
        (country_code, UnknownPlace),
        (city, UnknownPlace),
        (organisation_code, UnknownValue),
        (resolve_theme, UnknownValue),
    ):
        try:
            resolve(text)
        except error:
            pass

"""Gazetteer: countries (ISO 3166) and cities, matched under every spelling."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from sco_cal.domain.aliases import Vocabulary, spelling_key
from sco_cal.domain.errors import UnknownPlace
from sco_cal.domain.languages import in_language
from sco_cal.i18n import N_, _


@dataclass(frozen=True, slots=True)
class Country:
    """A country: ISO 3166 alpha-2 code, names, and other spellings (alpha-3 first)."""

    code: str
    name_en: str
    name_fr: str
    aliases: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class City:
    """A city under its canonical English name, with its country's alpha-2 code."""

    name: str
    country: str


# code: (alpha-3, English name, French name, other spellings)
_COUNTRIES: dict[str, tuple[str, str, str, tuple[str, ...]]] = {
    # SCO members
    "BY": (
        "BLR",
        "Belarus",
        "Bélarus",
        (
            "Беларусь",
            "Biélorussie",
            "Byelorussia",
            "Belorussia",
            "Republic of Belarus",
            "République du Bélarus",
            "République de Biélorussie",
            "République de Belarus",
        ),
    ),
    "CN": (
        "CHN",
        "China",
        "Chine",
        ("中国", "People's Republic of China", "PRC", "République populaire de Chine", "RPC"),
    ),
    "IN": ("IND", "India", "Inde", ("Republic of India", "République de l'Inde", "Bharat")),
    "IR": (
        "IRN",
        "Iran",
        "Iran",
        ("Islamic Republic of Iran", "République islamique d'Iran", "Persia", "Perse"),
    ),
    "KZ": (
        "KAZ",
        "Kazakhstan",
        "Kazakhstan",
        (
            "Казахстан",
            "Republic of Kazakhstan",
            "République du Kazakhstan",
            "Qazaqstan",
            "Kazakstan",
        ),
    ),
    "KG": (
        "KGZ",
        "Kyrgyzstan",
        "Kirghizistan",
        (
            "Кыргызстан",
            "Kirghizstan",
            "Kirghizie",
            "Kirgizstan",
            "Kirgizia",
            "Kyrgyzia",
            "Kyrgyz Republic",
            "République kirghize",
        ),
    ),
    "PK": (
        "PAK",
        "Pakistan",
        "Pakistan",
        ("Islamic Republic of Pakistan", "République islamique du Pakistan"),
    ),
    "RU": ("RUS", "Russia", "Russie", ("Россия", "Russian Federation", "Fédération de Russie")),
    "TJ": (
        "TJK",
        "Tajikistan",
        "Tadjikistan",
        ("Таджикистан", "Tadzhikistan", "Republic of Tajikistan", "République du Tadjikistan"),
    ),
    "UZ": (
        "UZB",
        "Uzbekistan",
        "Ouzbékistan",
        ("Узбекистан", "Republic of Uzbekistan", "République d'Ouzbékistan", "O'zbekiston"),
    ),
    # SCO partners and neighbours
    "AF": ("AFG", "Afghanistan", "Afghanistan", ("Islamic Emirate of Afghanistan",)),
    "MN": ("MNG", "Mongolia", "Mongolie", ()),
    "AM": ("ARM", "Armenia", "Arménie", ("Republic of Armenia", "République d'Arménie")),
    "AZ": (
        "AZE",
        "Azerbaijan",
        "Azerbaïdjan",
        ("Republic of Azerbaijan", "République d'Azerbaïdjan"),
    ),
    "KH": ("KHM", "Cambodia", "Cambodge", ("Kingdom of Cambodia", "Royaume du Cambodge")),
    "NP": ("NPL", "Nepal", "Népal", ()),
    "LK": ("LKA", "Sri Lanka", "Sri Lanka", ()),
    "TR": ("TUR", "Türkiye", "Turquie", ("Turkey", "Republic of Türkiye")),
    "EG": ("EGY", "Egypt", "Égypte", ("Arab Republic of Egypt", "République arabe d'Égypte")),
    "QA": ("QAT", "Qatar", "Qatar", ("State of Qatar", "État du Qatar")),
    "SA": ("SAU", "Saudi Arabia", "Arabie saoudite", ("Kingdom of Saudi Arabia",)),
    "AE": (
        "ARE",
        "United Arab Emirates",
        "Émirats arabes unis",
        ("UAE", "EAU", "Emirates", "Émirats"),
    ),
    "KW": ("KWT", "Kuwait", "Koweït", ("State of Kuwait", "État du Koweït")),
    "BH": ("BHR", "Bahrain", "Bahreïn", ("Kingdom of Bahrain", "Royaume de Bahreïn")),
    "MV": ("MDV", "Maldives", "Maldives", ("Republic of Maldives",)),
    "MM": ("MMR", "Myanmar", "Myanmar", ("Burma", "Birmanie")),
    "LA": (
        "LAO",
        "Laos",
        "Laos",
        (
            "Lao PDR",
            "Lao People's Democratic Republic",
            "République démocratique populaire lao",
            "RDP lao",
        ),
    ),
    "TM": ("TKM", "Turkmenistan", "Turkménistan", ()),
    "GE": ("GEO", "Georgia", "Géorgie", ()),
    "UA": ("UKR", "Ukraine", "Ukraine", ()),
    "IL": ("ISR", "Israel", "Israël", ("State of Israel", "État d'Israël")),
    "PS": ("PSE", "Palestine", "Palestine", ("State of Palestine", "État de Palestine")),
    "BD": ("BGD", "Bangladesh", "Bangladesh", ()),
    # Others a desk meets
    "US": (
        "USA",
        "United States",
        "États-Unis",
        ("United States of America", "États-Unis d'Amérique", "Etats-Unis"),
    ),
    "AT": ("AUT", "Austria", "Autriche", ()),
    "CH": ("CHE", "Switzerland", "Suisse", ("Swiss Confederation", "Confédération suisse")),
    "FR": ("FRA", "France", "France", ("French Republic", "République française")),
    "DE": ("DEU", "Germany", "Allemagne", ("Federal Republic of Germany",)),
    "BE": ("BEL", "Belgium", "Belgique", ()),
    "GB": (
        "GBR",
        "United Kingdom",
        "Royaume-Uni",
        ("UK", "Great Britain", "Grande-Bretagne", "Britain"),
    ),
    "BR": ("BRA", "Brazil", "Brésil", ()),
    "ZA": ("ZAF", "South Africa", "Afrique du Sud", ()),
    "IT": ("ITA", "Italy", "Italie", ()),
    "ES": ("ESP", "Spain", "Espagne", ()),
    "JP": ("JPN", "Japan", "Japon", ()),
    "KR": (
        "KOR",
        "South Korea",
        "Corée du Sud",
        ("Republic of Korea", "République de Corée"),
    ),
    "ID": ("IDN", "Indonesia", "Indonésie", ()),
    "MY": ("MYS", "Malaysia", "Malaisie", ()),
    "TH": ("THA", "Thailand", "Thaïlande", ()),
    "VN": ("VNM", "Viet Nam", "Viêt Nam", ("Vietnam",)),
}

# canonical English name: (country code, other spellings)
_CITIES: dict[str, tuple[str, tuple[str, ...]]] = {
    # Kyrgyzstan
    "Bishkek": ("KG", ("Bichkek", "Frunze", "Бишкек", "比什凯克")),
    "Cholpon-Ata": ("KG", ("Tcholpon-Ata", "Чолпон-Ата")),
    "Osh": ("KG", ("Och", "Ош")),
    "Karakol": ("KG", ()),
    # Tajikistan
    "Dushanbe": ("TJ", ("Douchanbé", "Duschanbe", "Душанбе", "杜尚别")),
    "Khujand": ("TJ", ("Khodjent", "Khudjand")),
    # Uzbekistan
    "Tashkent": ("UZ", ("Tachkent", "Toshkent", "Ташкент", "塔什干")),
    "Samarkand": ("UZ", ("Samarcande", "Samarqand", "Самарканд")),
    "Bukhara": ("UZ", ("Boukhara", "Buxoro")),
    "Khiva": ("UZ", ()),
    "Termez": ("UZ", ()),
    # Kazakhstan
    "Astana": ("KZ", ("Nour-Soultan", "Nur-Sultan", "Akmola", "Астана", "阿斯塔纳")),
    "Almaty": ("KZ", ("Alma-Ata", "Алматы", "阿拉木图")),
    "Aktau": ("KZ", ("Aktaou", "Aqtau", "Актау")),
    "Shymkent": ("KZ", ("Chymkent",)),
    "Oskemen": ("KZ", ("Ust-Kamenogorsk", "Öskemen", "Oust-Kamenogorsk")),
    "Karaganda": ("KZ", ("Karagandy", "Qaraghandy")),
    # Russia
    "Moscow": ("RU", ("Moscou", "Moskva", "Москва", "莫斯科")),
    "Saint Petersburg": (
        "RU",
        ("Saint-Pétersbourg", "St Petersburg", "St-Pétersbourg", "Санкт-Петербург", "圣彼得堡"),
    ),
    "Yekaterinburg": ("RU", ("Ekaterinbourg", "Iekaterinbourg", "Ekaterinburg")),
    "Ufa": ("RU", ("Oufa",)),
    "Omsk": ("RU", ()),
    "Kazan": ("RU", ("Kazan'",)),
    "Sochi": ("RU", ("Sotchi",)),
    "Novosibirsk": ("RU", ()),
    "Vladivostok": ("RU", ()),
    "Chelyabinsk": ("RU", ("Tcheliabinsk",)),
    "Nizhny Novgorod": ("RU", ("Nijni Novgorod",)),
    # China
    "Tianjin": ("CN", ("Tientsin", "天津")),
    "Beijing": ("CN", ("Pékin", "Peking", "北京", "Пекин")),
    "Shanghai": ("CN", ("Shanghaï", "上海")),
    "Qingdao": ("CN", ("Tsingtao", "青岛")),
    "Xi'an": ("CN", ("西安",)),
    "Chengdu": ("CN", ("成都",)),
    "Kunming": ("CN", ("昆明",)),
    "Urumqi": ("CN", ("Ouroumqi", "Urumchi", "乌鲁木齐")),
    "Kashgar": ("CN", ("Kachgar", "Kashi")),
    "Harbin": ("CN", ()),
    "Guangzhou": ("CN", ("Canton",)),
    "Hangzhou": ("CN", ()),
    "Dalian": ("CN", ()),
    # India
    "New Delhi": ("IN", ("Delhi", "Nouvelle-Delhi", "Нью-Дели")),
    "Mumbai": ("IN", ("Bombay",)),
    "Bengaluru": ("IN", ("Bangalore",)),
    "Goa": ("IN", ()),
    # Other members and neighbours
    "Minsk": ("BY", ("Минск", "明斯克")),
    "Vitebsk": ("BY", ("Viciebsk",)),
    "Tehran": ("IR", ("Téhéran", "Тегеран")),
    "Islamabad": ("PK", ("Исламабад",)),
    "Karachi": ("PK", ()),
    "Lahore": ("PK", ()),
    "Kabul": ("AF", ("Kaboul",)),
    "Ulaanbaatar": ("MN", ("Oulan-Bator", "Ulan Bator")),
    "Baku": ("AZ", ("Bakou",)),
    "Yerevan": ("AM", ("Erevan",)),
    "Tbilisi": ("GE", ("Tbilissi",)),
    "Ashgabat": ("TM", ("Achgabat", "Ashkhabad")),
    "Ankara": ("TR", ()),
    "Istanbul": ("TR", ()),
    "Kuwait City": ("KW", ("Koweït", "Kuwait", "Koweït City", "Koweït-Ville")),
    "Doha": ("QA", ()),
    "Riyadh": ("SA", ("Riyad",)),
    "Abu Dhabi": ("AE", ("Abou Dabi",)),
    "Dubai": ("AE", ("Dubaï",)),
    "Cairo": ("EG", ("Le Caire",)),
    "Manama": ("BH", ()),
    "Kathmandu": ("NP", ("Katmandou",)),
    "Colombo": ("LK", ()),
    "Vientiane": ("LA", ()),
    "Phnom Penh": ("KH", ()),
    "Hanoi": ("VN", ("Hanoï",)),
    "Bangkok": ("TH", ()),
    "Kuala Lumpur": ("MY", ()),
    "Jakarta": ("ID", ("Djakarta",)),
    # Seats of international bodies and other capitals
    "Vienna": ("AT", ("Vienne", "Wien")),
    "Geneva": ("CH", ("Genève", "Genf")),
    "New York": ("US", ("New York City", "NYC")),
    "Washington": ("US", ("Washington DC",)),
    "Paris": ("FR", ()),
    "Brussels": ("BE", ("Bruxelles",)),
    "Berlin": ("DE", ()),
    "London": ("GB", ("Londres",)),
    "Rome": ("IT", ()),
    "Madrid": ("ES", ()),
    "Tokyo": ("JP", ()),
    "Seoul": ("KR", ("Séoul",)),
    "Brasília": ("BR", ("Brasilia",)),
    "Rio de Janeiro": ("BR", ()),
}


# The cities people read under another name in another language; the English name is
# the catalogue's key ("Moscow" is "Moscou" in French).
_EXONYMS = (
    N_("Bishkek"),
    N_("Cholpon-Ata"),
    N_("Osh"),
    N_("Dushanbe"),
    N_("Khujand"),
    N_("Tashkent"),
    N_("Samarkand"),
    N_("Bukhara"),
    N_("Aktau"),
    N_("Shymkent"),
    N_("Moscow"),
    N_("Saint Petersburg"),
    N_("Yekaterinburg"),
    N_("Ufa"),
    N_("Sochi"),
    N_("Chelyabinsk"),
    N_("Nizhny Novgorod"),
    N_("Beijing"),
    N_("Shanghai"),
    N_("Urumqi"),
    N_("Kashgar"),
    N_("New Delhi"),
    N_("Tehran"),
    N_("Kabul"),
    N_("Ulaanbaatar"),
    N_("Baku"),
    N_("Yerevan"),
    N_("Tbilisi"),
    N_("Ashgabat"),
    N_("Kuwait City"),
    N_("Riyadh"),
    N_("Abu Dhabi"),
    N_("Dubai"),
    N_("Cairo"),
    N_("Kathmandu"),
    N_("Hanoi"),
    N_("Vienna"),
    N_("Geneva"),
    N_("Brussels"),
    N_("London"),
    N_("Seoul"),
)


_GAZETTEER_COUNTRIES = Vocabulary(
    tuple(
        Country(code, en, fr, (alpha3, *aliases))
        for code, (alpha3, en, fr, aliases) in _COUNTRIES.items()
    ),
    id_of=lambda country: country.code,
    spellings=lambda country: (country.code, country.name_en, country.name_fr, *country.aliases),
    unknown=N_("unknown country '{value}'"),
    error=UnknownPlace,
    canonical=lambda code: code.strip().upper(),
)
_GAZETTEER_CITIES = Vocabulary(
    tuple(City(name, code) for name, (code, _aliases) in _CITIES.items()),
    id_of=lambda city: city.name,
    spellings=lambda city: (city.name, *_CITIES[city.name][1]),
    unknown=N_("unknown city '{value}'"),
    error=UnknownPlace,
    canonical=lambda name: name,  # a stored name, exactly; anything else is a spelling
)


def all_countries() -> tuple[Country, ...]:
    """Every country the gazetteer knows, in no particular order."""
    return _GAZETTEER_COUNTRIES.things


def all_cities() -> tuple[City, ...]:
    """Every city the gazetteer knows, in no particular order."""
    return _GAZETTEER_CITIES.things


def find_country(text: str) -> Country | None:
    """The country spelled `text` (code, alpha-3, any name), or None."""
    return _GAZETTEER_COUNTRIES.find(text)


def country(text: str) -> Country:
    """The country spelled `text`; UnknownPlace when no spelling matches."""
    return _GAZETTEER_COUNTRIES.named(text)


def country_code(text: str) -> str:
    """The ISO 3166 alpha-2 code (upper case) of the country spelled `text`.

    `country_code("kirghizistan") == country_code("Kyrgyz Republic") == "KG"`.
    """
    return country(text).code


def country_name(code: str, lang: str = "en") -> str:
    """The name of a country (given by code or any spelling) in `lang` ("en" or "fr")."""
    found = country(code)
    return in_language(lang, found.name_en, found.name_fr)


def country_spellings(code: str) -> tuple[str, ...]:
    """Every known way of writing a country, for search; just `code` if it is unknown."""
    found = _GAZETTEER_COUNTRIES.with_id(code)
    return (code,) if found is None else _GAZETTEER_COUNTRIES.spellings(found)


def find_city(text: str) -> City | None:
    """The city spelled `text` (any known spelling, accents optional), or None."""
    return _GAZETTEER_CITIES.find(text)


def city(text: str) -> City:
    """The city spelled `text`; UnknownPlace when no spelling matches."""
    return _GAZETTEER_CITIES.named(text)


def city_label(name: str) -> str:
    """The city `name` (as stored) as people read it in the current language."""
    return _(name)


def city_spellings(name: str) -> tuple[str, ...]:
    """Every known way of writing a city, for search; just `name` if it is unknown."""
    found = _GAZETTEER_CITIES.with_id(name) or find_city(name)
    return (name,) if found is None else _GAZETTEER_CITIES.spellings(found)


def match_country(query: str, code: str | None) -> bool:
    """Whether the country spelled `query` is the one with code `code`.

    A query that names no known country raises UnknownPlace rather than matching
    nothing, so that a misspelt filter is reported instead of silently empty.
    """
    return code is not None and country_code(query) == code.strip().upper()


def match_city(query: str, cities: Iterable[str]) -> bool:
    """Whether any of `cities` is the city spelled `query`.

    Cities missing from the gazetteer are still compared spelling against spelling:
    recorded events may name places this table does not know.
    """
    wanted = find_city(query)
    query_key = spelling_key(query)
    for name in cities:
        candidate = find_city(name)
        if wanted is not None and candidate is not None:
            if candidate == wanted:
                return True
        elif spelling_key(name) == query_key:
            return True
    return False

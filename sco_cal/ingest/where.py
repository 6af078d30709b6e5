"""Finding the host country and city of a meeting among the words of a sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from sco_cal.domain.places import find_city, find_country
from sco_cal.domain.text import fold
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.wording import FORMER_PLACE

_WORD = re.compile(r"[^\W_][\w-]*")
_MAX_WORDS = 3
_LOCATIVE = re.compile(
    r"(?:^|\s)(?:en|au|aux|a|in|at|dans|near|pres de"
    # "confirmed for Kazan", "moved to Bishkek" (what it moved from is a FORMER_PLACE).
    r"|(?:confirmed|scheduled|rescheduled|set|planned|slated) for"
    r"|(?:moved|relocated|transferred) to)(?: la| le| les| l')?\s*$"
)
# "in the resort town of Cholpon-Ata", "dans la ville d'Och".
_TOWN_OF = re.compile(
    r"\b(?:in|at|a|dans|en) (?:the |la |le |l')?(?:[\w-]+ ){0,2}(?:town|city|resort|capital"
    r"|(?:ville|station|capitale|cite)(?: [\w-]+)?) (?:of|de|d')\s*$"
)
# "moved from Moscow to Kazan", "déplacée de Moscou à Kazan": the second is the place.
_MOVED_FROM_TO = re.compile(
    r"\b(?:moved|relocated|transferred|switched|shifted|deplacee?s?|transferee?s?)"
    r" (?:from|de|d') ?[\w' -]{2,30} (?:to|a)\s*$"
)
# The meeting named for its city at the end of its title: "la réunion de haut niveau
# OCS-ALC d'Astana", "le marathon annuel de Kunming" (no clause or date between them).
_NAMED_FOR = re.compile(r"(?: [\w-]+){0,4} (?:de |d')")
# Where something was said, not where the meeting is: "the ministry said in Astana".
_SAID_IN = re.compile(
    r"\b(?:said|told (?:\w+ ){0,2}|announced|stated|speaking|declared|a (?:declare|annonce|indique)"
    r"|ont (?:declare|annonce|indique)|annoncee?s?|lancee?s?|launched|selon (?:\w+ ){0,3})"
    r" (?:in|a|at)\s*$"
)
# Who proposed a meeting, not where it is: "proposed by Tajikistan", "à l'initiative de
# l'Ouzbékistan" before the name, "which Kazakhstan had proposed", "que le Kirghizstan
# avait proposée" after it (but "Kazakhstan has proposed to host" names the host).
_PROPOSED_BY = re.compile(
    r"\b(?:(?:proposed|suggested|initiated|put forward) by|at the (?:initiative|request) of"
    r"|(?:proposee?s?|suggeree?s?) par|a l'initiative d[eu]|sur (?:la )?proposition d[eu]"
    r"|a la demande d[eu])(?: la| le| l')?\s*$"
)
_PROPOSES = re.compile(
    r"\s*(?:(?:had|has|have) )?(?:proposed|suggested|put forward|initiated)\b(?! to host| hosting)"
    r"|\s*(?:a|avait|ont|avaient) (?:propose|suggere|initie)e?s?\b"
    r"(?! d'accueillir| de l'accueillir)"
)
# "in Kyrgyzstan's Cholpon-Ata", "in Kazakhstan's largest city, Almaty".
_COUNTRYS = re.compile(r"\b(?:in|at) [\w-]+'s (?:(?:[\w-]+ ){0,2}(?:city|town|capital),? )?$")
_LISTED = re.compile(r"(?:^|\(|,|\bdont|\bnotamment|\bincluding)\s*$")
_JOINED = re.compile(r"(?:\bet|\band|,)\s*$")
# A capital named by its country: "in the Kazakh capital", "dans la capitale kirghize".
_CAPITALS = (
    ("Astana", r"kazakh|kazakhe|kazakhstanaise"),
    ("Bishkek", r"kyrgyz|kirghize?|kyrgyzstanaise"),
    ("Tashkent", r"uzbek|ouzbeke?"),
    ("Dushanbe", r"tajik|tadjike?"),
    ("Beijing", r"chinese|chinoise"),
    ("Moscow", r"russian|russe"),
    ("New Delhi", r"indian|indienne"),
    ("Islamabad", r"pakistani|pakistanaise"),
    ("Tehran", r"iranian|iranienne"),
    ("Minsk", r"belarusian|belarusse|bielorusse"),
)
CAPITALS = frozenset(name for name, _ in _CAPITALS)
# "la capitale du Kazakhstan", "the capital of Uzbekistan"
_CAPITAL_OF = re.compile(
    r"\b(?:the capital of|la capitale (?:du|de la|de l'|de|des))\s*"
    r"(?P<country>[\w'-]+(?: [\w'-]+)?)"
)
_EITHER = re.compile(r"\s+(?:or|ou)\s+(?:a |in |at |en )?")
_CAPITAL = re.compile(
    r"\b(?:the (?P<en>{words}) capital|la capitale (?P<fr>{words}))\b".format(
        words="|".join(words for _, words in _CAPITALS)
    )
)
# Places that are no city but lie in one country: "on the shores of Issyk-Kul".
_REGIONS = {
    "issyk-kul": "KG",
    "issyk-koul": "KG",
    "issyk kul": "KG",
    "issyk-kol": "KG",
    "иссык-куль": "KG",
    "baikal": "RU",
    "xinjiang": "CN",
    "hainan": "CN",
}
_HOSTS = re.compile(
    r"^\W*(?:\w+\s+){0,2}?(?:accueill\w*|organis\w*|hosts?|will host|recevra|abritera)\b"
)


@dataclass(frozen=True, slots=True)
class PlaceMention:
    """A country or city named in a sentence, at folded positions `start`..`end`."""

    start: int
    end: int
    wording: str
    country: str
    city: str | None = None


@dataclass(frozen=True, slots=True)
class Host:
    """Where a sentence says a meeting happens, and how that was decided."""

    country: str | None
    cities: tuple[str, ...]
    reason: str
    ambiguous: bool = False


def find_places(folded: Folded, *, skip: Iterable[tuple[int, int]] = ()) -> list[PlaceMention]:
    """Every known country and city spelled in the sentence (any spelling), in order."""
    words = list(_WORD.finditer(folded.text))
    skipped = tuple(skip)
    found: list[PlaceMention] = []
    i = 0
    while i < len(words):
        mention = None
        for n in range(min(_MAX_WORDS, len(words) - i), 0, -1):
            start, end = words[i].start(), words[i + n - 1].end()
            if any(start < s_end and end > s_start for s_start, s_end in skipped):
                continue
            mention = _place(folded.span(start, end), start, end, n)
            if mention is not None:
                found.append(mention)
                i += n
                break
        if mention is None:
            i += 1
    for match in _CAPITAL.finditer(folded.text):
        if not any(match.start() < m.end and match.end() > m.start for m in found):
            found += _capital(match)
    for match in _CAPITAL_OF.finditer(folded.text):
        found = [*_capital_of(folded, match, found)]
    return sorted(found, key=lambda m: m.start)


def _capital(match: re.Match[str]) -> list[PlaceMention]:
    adjective = match["en"] or match["fr"]
    for name, words in _CAPITALS:
        capital = find_city(name)
        if capital is not None and re.fullmatch(words, adjective):
            return [PlaceMention(match.start(), match.end(), match.group(), capital.country, name)]
    return []


def _capital_of(
    folded: Folded, match: re.Match[str], found: list[PlaceMention]
) -> list[PlaceMention]:
    """ "dans la capitale du Kazakhstan": the country's mention becomes its capital's."""
    country = next((m for m in found if m.city is None and m.start == match.start("country")), None)
    if country is None:
        return found
    capital = next(
        (
            c
            for c in (find_city(name) for name, _ in _CAPITALS)
            if c and c.country == country.country
        ),
        None,
    )
    if capital is None:
        return found
    mention = PlaceMention(match.start(), country.end, match.group(), capital.country, capital.name)
    return [mention if m is country else m for m in found]


def _place(wording: str, start: int, end: int, words: int) -> PlaceMention | None:
    # Place names are capitalised ("in", "de" and "au" are also ISO codes); Chinese has no case.
    if wording[:1].islower() or not wording[:1].isalpha():
        return None
    if wording.isupper() and len(wording) <= 4:
        return None
    letters = sum(c.isalpha() for c in wording)
    if letters >= 3:
        city = find_city(wording)
        if city is not None:
            return PlaceMention(start, end, wording, city.country, city.name)
    if letters >= 4 or words > 1:
        country = find_country(wording)
        if country is not None:
            return PlaceMention(start, end, wording, country.code)
        region = _REGIONS.get(fold(wording))
        if region is not None:
            return PlaceMention(start, end, wording, region)
    return None


def host_of(
    folded: Folded,
    mentions: list[PlaceMention],
    *,
    after_noun: int | None = None,
    dealt: bool = False,
) -> Host:
    """The host: the first city said to be the place, else the country it is held in.

    A city counts when the sentence places the meeting there ("à Aktau", "(Koweït,
    4-5 novembre)", "Tachkent accueillera", "le sommet de Bichkek"), not when it
    names something else ("la Déclaration de Tianjin"), nor the place it was planned in
    before ("d'abord envisagée à Islamabad, est désormais confirmée à Och"). A city
    `dealt` to this meeting by "respectively" is its place.
    """
    text = folded.text
    mentions = [m for m in mentions if not _speaker_or_proposer(text, m)]
    now = [m for m in mentions if not FORMER_PLACE.search(text[max(0, m.start - 60) : m.start])]
    mentions = now or mentions
    cities = _located_cities(folded.text, mentions, after_noun)
    if after_noun is not None:
        # "les forums tenus à Omsk et à Xi'an seront suivis d'un troisième forum, à Almaty":
        # where the words after the meeting's noun put it, before any place said earlier
        cities = [c for c in cities if c.start >= after_noun] or cities
    if dealt and not cities:
        # "in Bishkek and Kazan ... respectively": each city of the list is one's place
        cities = [m for m in mentions if m.city is not None][:1]
    if cities:
        first = cities[0]
        second = next((m for m in mentions if m.start > first.end and m.city), None)
        if second is not None and _EITHER.fullmatch(text, first.end, second.start):
            # "in Almaty or Astana": the country is known, the city is not
            why = f"'{first.wording}' or '{second.wording}'"
            return Host(first.country if first.country == second.country else None, (), why)
        names = tuple(
            dict.fromkeys(m.city for m in cities if m.country == first.country and m.city)
        )
        return Host(first.country, names, f"city '{first.wording}' ({first.city}, {first.country})")
    located = [m for m in mentions if _is_host(folded.text, m)]
    if located:
        first = located[0]
        ambiguous = len({m.country for m in located}) > 1
        return Host(first.country, (), f"country '{first.wording}' ({first.country})", ambiguous)
    codes = {m.country for m in mentions}
    if len(codes) == 1:
        first = mentions[0]
        return Host(first.country, (), f"the only country named, '{first.wording}'")
    if codes:
        return Host(None, (), "several countries named, none as the host", True)
    return Host(None, (), "no place named")


def _speaker_or_proposer(text: str, mention: PlaceMention) -> bool:
    """Whether the place is where something was said, or who proposed the meeting."""
    return bool(
        _SAID_IN.search(text[max(0, mention.start - 50) : mention.start])
        or _PROPOSED_BY.search(text[max(0, mention.start - 40) : mention.start])
        or _PROPOSES.match(text, mention.end)
    )


def _located_cities(
    text: str, mentions: list[PlaceMention], after_noun: int | None
) -> list[PlaceMention]:
    found: list[PlaceMention] = []
    for mention in mentions:
        if mention.city is None:
            continue
        before = text[max(0, mention.start - 16) : mention.start]
        if (
            _is_host(text, mention)
            or _LISTED.search(before)
            or (found and _JOINED.search(before) and mention.country == found[0].country)
            or (after_noun is not None and text[after_noun : mention.start] in (" de ", " of "))
            or (after_noun is not None and _NAMED_FOR.fullmatch(text, after_noun, mention.start))
        ):
            found.append(mention)
    return found


def _is_host(text: str, mention: PlaceMention) -> bool:
    before = text[max(0, mention.start - 16) : mention.start]
    after = text[mention.end : mention.end + 40]
    wider = text[max(0, mention.start - 50) : mention.start]
    town = _TOWN_OF.search(wider) or _COUNTRYS.search(wider) or _MOVED_FROM_TO.search(wider)
    return bool(_LOCATIVE.search(before) or _HOSTS.match(after) or town)

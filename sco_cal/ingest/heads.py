"""Every meeting a unit names: by a gathering noun ("la 22e réunion"), a council ("the
Permanent Council"), the people who meet ("les ministres de l'Agriculture se
réuniront"), an exercise's name (« Interaction-2026 ») or an ellipsis ("ceux de la
Santé")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from sco_cal.domain.event import Kind
from sco_cal.domain.places import find_country
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.numbers import ordinal_value
from sco_cal.ingest.titles import MeetingPhrase, meeting_at, normalise_title
from sco_cal.ingest.wording import COUNCIL, JOINT, MEETING_NOUN, SPOKE

_PEOPLE = (
    r"ministres|ministers|responsables|chefs|heads|presidents|procureurs generaux"
    r"|prosecutors general|secretaires|secretaries|coordinateurs nationaux|coordinateurs"
    r"|national coordinators|coordinators|hauts fonctionnaires|senior officials|gouverneurs"
    r"|governors|dirigeants|experts"
)
_PEOPLE_HEAD = re.compile(rf"\b(?:{_PEOPLE})\b")
# What people do when they meet; a people head needs one in its clause.
_GATHER = re.compile(
    r"\b(?:se reuni\w*|se retrouv\w*|se sont (?:reuni|retrouv|rencontr)\w*"
    r"|s'est (?:reuni|retrouv)\w*|reunis|meet|meets|met|meeting|gather\w*|convene\w*"
    r"|tiendr\w* leurs? |ont tenu|avaient tenu|avait tenu|held their|hold their|will hold"
    r"|assembl\w*|se rencontr\w*)\b"
)
# "would host the agriculture ministers", "..., and the secretaries of security councils".
_HOSTED = re.compile(
    r"\b(?:host|hosts|hosting|accueill\w*|welcome\w*|receive\w*|recevr\w*)\s+"
    r"(?:the |les )?(?:[\w-]+ ){0,2}$"
)
_AND_THE = re.compile(r"(?:,|\band|\bet)\s+(?:the|les)\s+$")
_POSSESSIVE = re.compile(r"\b(?:leurs?|their|its|son|sa|ses)\s+(?:[\w-]+\s+){0,3}$")
_COMPLEMENT = re.compile(
    r"(?:\s+(?:de la|de l'|des|du|de|d'|of the|of|on|for)\s*[\w'’-]+(?: [\w'’-]+){0,6}?"
    r"(?:\s+et\s+(?:de la|de l'|des|du|de|d')\s*[\w'’-]+(?: [\w'’-]+){0,2}?)?)"
    r"(?=\s*(?:[,;:()]|\s(?:se|s'|ont|avaient|tiendront|will|are|were|who|qui|en|au|aux|a|in|et"
    r"|at|le|les|et ceux|and|sont|seront|meet|met|le \d|on|ne|will not)\b|$))"
)
_OF = re.compile(r"\b(?:des|du|de la|de l'|of|of the)\s+$")
_ENGLISH_BEFORE = re.compile(r"(?:(?<!['’])\b(?:sco|csto|ocs|otsc|un|the|[a-z][\w-]*)\s+){1,3}$")
_ENGLISH_STOP_WORDS = frozenset(
    "the a an its their and or of in at on for to with by said says told who which that "
    "were was are is will would as after before while".split()
)
_WORDS = r"[\w'’-]+(?: [\w'’-]+){0,6}?"
_TITLE_STOP = (
    r"(?=\s*(?:[,;:()]|\s(?:en|au|aux|a|le|les|in|at|on|to|prevue?s?|planned|est|sont|sera"
    r"|seront|is|are|was|were|will|se|qui|which|who)\b|$))"
)
_ELLIPSIS = re.compile(
    r"\b(?:ceux|celles)\s+(?P<what>(?:de la|de l'|des|du|de)\s*[\w'’-]+(?: [\w'’-]+){0,2}?)"
    r"(?=\s*(?:[,;:()]|\s(?:en|au|aux|a|le|les|avaient|ont|se)\b|$))"
)
# "celle des chefs des services douaniers", "that of the heads of ...": one more meeting
# like the one named before it.
_ONE_LIKE = re.compile(
    r"\b(?:celle|celui|that)\s+(?P<what>(?:de la|de l'|des|du|of the|of)\s+"
    + _WORDS
    + r")"
    + _TITLE_STOP
)
# "the ministers of culture and of sport ... respectively": two groups of ministers.
_AND_OF = re.compile(
    r"\s+(?:and|et)\s+(?P<what>(?:of the|of|de la|de l'|des|du|de|d')\s*"
    + _WORDS
    + r")"
    + _TITLE_STOP
)
# "les réunions des ministres de la Science (Tachkent) et des ministres de la Culture
# (Bichkek)", "the meetings of the heads of tax services in Astana on May 6, of ...": one
# meeting for each complement of a plural noun.
_PLURAL_OF = re.compile(
    r"\b(?P<noun>reunions|meetings|sessions|conferences|forums)\s+(?=(?:des|du|de la|de l'"
    r"|of the|of)\s)"
)
_NEXT_OF = re.compile(
    r"(?:,\s*(?:et\s+|and\s+)?|\s(?:et|and)\s+)(?=(?:des|du|de la|de l'|of the|of)\s)"
)
_COMPLEMENT_OF = re.compile(
    r"(?P<what>(?:des|du|de la|de l'|of the|of)\s+" + _WORDS + r")" + _TITLE_STOP
)
_NAMED = re.compile(r"«\s*([^«»]{2,60}?)\s*»|“([^“”]{2,60}?)”|\"([^\"]{2,60}?)\"")
_EXERCISE = re.compile(r"\b(?:exercices?|exercises?|drills?|manoeuvres?|maneuvers?)\b")
_SPEAKER = re.compile(
    r"[^,.;]{0,60}?\b(?:s'est felicite|se sont felicites|a salue|ont salue|welcomed|praised)\b"
)
# "la résolution 2231 du Conseil de sécurité": the body wrote a text, it did not meet.
_ABOUT = re.compile(
    r"\b(?:resolutions?|decisions?|declarations?|rapports?|reports?|statements?|strategie"
    r"|strategy|programme|program)\b(?:\s+\S+){0,6}\s+(?:du|de la|de l'|des|of the|of)\s*$"
)
# "agreed to set up a joint working group": a body is founded, nobody meets.
_FOUNDED = re.compile(
    r"\b(?:set(?:ting)? up|creat(?:e|ing)|establish(?:ing)?|form(?:ing)?|creer|creation d'?"
    r"|mettre en place|mise en place d'?|instituer)\s+(?:(?:an?|the|un|une|le|la|joint|commun)"
    r"\s+)*$"
)
_SERIES_OF = re.compile(r"(?:une |la |a )?(?P<what>serie d'|series of )$")
_OF_TWO = re.compile(
    r"(?:\s+(?:de la|de l'|des|du|de|d'|of the|of)\s*[\w'’-]+(?: [\w'’-]+){0,2}?)?"
    r"\s+(?:du|de la|de l'|de|d'|of|of the)\s*(?P<first>[\w-]+)"
    r"\s+(?:et|and)\s+(?:du|de la|de l'|de|d'|of|of the)?\s*(?P<second>[\w-]+)\b"
)
_COORDINATED = re.compile(r"\s*(?:,|et|and)\s+(?:les |the )?")
_RESPECTIVELY = re.compile(r"\b(?:respectivement|respectively)\b")
_HEADS_OF_STATE = re.compile(r"\b(?:chefs d'etat|heads of state)(?![\w-])")  # not "état-major"
_RELATIVE = re.compile(r",\s*(?:qui|who|which)\b")
_RANK_IN_TIME = re.compile(r"\s*(?:of the year|de l'annee|under|sous)")
# "a joint session of the Council of ..., the Council of ... and the Committee of ...":
# the bodies named after it are its members, not meetings of their own.
_NEXT_MEMBER = re.compile(
    r"\s*(?:,|\bet\b|\band\b)\s*(?:,\s*)?(?:du|de la|de l'|des|the|of the)?\s*$"
)
_CLAUSE_END = re.compile(r"[;.:]")
# "... will hold a joint meeting", "... tiendront une réunion conjointe"
_HOLD = re.compile(
    r"\b(?:hold|holds|held|will hold|tiendr\w*|tiennent|ont tenu|a tenu|organis\w*"
    r"|convene\w*)\s+(?:an?|une?|leurs?|their|its|sa|son)?\s*$"
)
_GENERIC_NOUN = re.compile(r"reunions?|meetings?|sessions?|rencontres?")
_NAME_YEAR = re.compile(r"[a-z]+[\s-]*(?:-|\u2013)?\s*\d{4}")


def find_heads(
    folded: Folded,
    *,
    masked: Sequence[tuple[int, int]],
    stops_at: Callable[[int], bool],
    english: bool,
) -> list[MeetingPhrase]:
    """Every meeting the unit names, in order, none inside another's title."""
    text = folded.text
    heads = _people(folded, [], english)
    for noun in _nouns(text, masked):
        if _in_head(heads, noun.start()):
            continue
        previous = max((h for h in heads if h.end <= noun.start()), default=None, key=_end)
        if previous is not None and _named_by_people(text, previous, noun):
            # "the Artificial Intelligence Experts' Forum": a forum, named for its people
            phrase = meeting_at(folded, noun, masked=masked, stops_at=stops_at, english=english)
            words = folded.span(previous.start, phrase.end)
            title = normalise_title(words, english=english, number=phrase.number)
            merged = replace(phrase, start=previous.start, title=title)
            heads = [h for h in heads if h is not previous] + [merged]
            heads.sort(key=lambda h: h.start)
            continue
        if previous is not None and _attaches(text, previous, noun.start()):
            joined = _joined_with(folded, heads, previous, noun, english)
            heads = [h for h in heads if h is not previous and h is not joined[1]]
            heads.append(_with_number(folded, joined[0], noun, english))
            heads.sort(key=lambda h: h.start)
            continue
        if _depth(text, noun.start()) > 0 and previous is not None:
            continue  # "(second session under the Kyrgyz chairmanship)": about the one before
        phrase = meeting_at(folded, noun, masked=masked, stops_at=stops_at, english=english)
        series = _SERIES_OF.search(text, max(0, phrase.start - 16), phrase.start)
        if series is not None:  # "une série d'exercices": one event, a series
            start = series.start("what")
            words = folded.span(start, phrase.end)
            phrase = replace(phrase, start=start, vague=False, title=words[:1].upper() + words[1:])
        if COUNCIL.fullmatch(noun.group()) and _SPEAKER.match(text, phrase.end):
            continue  # "le Conseil de la jeunesse s'est félicité des résultats de ...": a speaker
        if (
            _plural_only(noun, phrase)
            or _ABOUT.search(text[max(0, phrase.start - 50) : phrase.start])
            or _FOUNDED.search(text[max(0, phrase.start - 40) : phrase.start])
        ):
            phrase = replace(phrase, silent=True)  # several, none named; or a text's author
        heads = [h for h in heads if not (phrase.start <= h.start and h.end <= phrase.end)]
        heads.append(phrase)
    heads = _named_exercises(folded, heads, masked, english)
    heads.sort(key=lambda h: h.start)
    heads = _joint_sessions(folded, _joint_of_people(folded, heads, english), english)
    heads = _distributed(folded, _ellipses(folded, heads, english), english)
    heads = _each_respectively(folded, heads, english)
    return _ones_like(folded, heads, english)


def _joint_of_people(
    folded: Folded, heads: list[MeetingPhrase], english: bool
) -> list[MeetingPhrase]:
    """ "The foreign ministers and the defence ministers will hold a joint meeting": the
    people named together hold one meeting, the joint one."""
    text = folded.text
    for i, head in enumerate(heads):
        if i == 0 or JOINT.search(text, head.start, head.end) is None:
            continue
        first = i
        while (
            first > 0
            and _PEOPLE_HEAD.search(Folded.of(heads[first - 1].title).text)
            and (
                first == i
                or _COORDINATED.fullmatch(text[heads[first - 1].end : heads[first].start])
            )
        ):
            first -= 1
        between = text[heads[i - 1].end : head.start]
        if first == i or head.silent or _CLAUSE_END.search(between) or not _HOLD.search(between):
            continue
        people = folded.span(heads[first].start, heads[i - 1].end)
        if english:
            title = f"{head.title} of {people}"
        else:
            body = re.sub(r"^(?:les|des)\s+", "", people, flags=re.IGNORECASE)
            title = f"{head.title} des {body}"
        title = normalise_title(title, english=english, number=head.number)
        # a joint "meeting" of ministers is a ministerial meeting
        kind = heads[first].kind if head.kind is Kind.MEETING else head.kind
        merged = replace(head, start=heads[first].start, title=title, kind=kind)
        return [*heads[:first], merged, *_joint_of_people(folded, heads[i + 1 :], english)]
    return heads


def _joint_sessions(
    folded: Folded, heads: list[MeetingPhrase], english: bool
) -> list[MeetingPhrase]:
    """A joint session and the bodies listed after it, one meeting."""
    text = folded.text
    merged: list[MeetingPhrase] = []
    for head in heads:
        joint = merged[-1] if merged else None
        if (
            joint is not None
            and not head.silent
            and JOINT.search(text, joint.start, min(joint.end, joint.noun_end + 12)) is not None
            and _NEXT_MEMBER.fullmatch(text, joint.end, head.start) is not None
        ):
            words = folded.span(joint.start, head.end)
            title = normalise_title(words, english=english, number=joint.number)
            merged[-1] = replace(joint, end=head.end, title=title, truncated=head.truncated)
            continue
        merged.append(head)
    return merged


def _joined_with(
    folded: Folded,
    heads: list[MeetingPhrase],
    head: MeetingPhrase,
    noun: re.Match[str],
    english: bool,
) -> tuple[MeetingPhrase, MeetingPhrase | None]:
    """ "The finance ministers and central bank governors will hold their seventh meeting":
    people named together who hold one meeting (a singular noun) are one head."""
    text = folded.text
    before = max((h for h in heads if h.end <= head.start), default=None, key=_end)
    if (
        before is None
        or noun.group().endswith(("s", "x"))
        or _RESPECTIVELY.search(text)
        or not _PEOPLE_HEAD.search(Folded.of(before.title).text)
        or not _PEOPLE_HEAD.search(Folded.of(head.title).text)
        or _COORDINATED.fullmatch(text[before.end : head.start]) is None
    ):
        return head, None
    words = folded.span(before.start, head.end)
    if not english:
        words = re.sub(r"\s+et les\s+", " et des ", words)
    merged = replace(before, end=head.end, noun_end=head.end, title=_people_title(words, english))
    return merged, before


def _end(head: MeetingPhrase) -> int:
    return head.end


def _depth(text: str, position: int) -> int:
    return max(0, text.count("(", 0, position) - text.count(")", 0, position))


def _plural_only(noun: re.Match[str], phrase: MeetingPhrase) -> bool:
    word = noun.group()
    return (
        phrase.many
        and phrase.number is None
        and word.endswith(("s", "x"))
        and word not in ("jeux", "games", "consultations", "congres", "concours", "exercices")
        and word not in ("exercises", "assembly")
    )


def _nouns(text: str, masked: Sequence[tuple[int, int]]) -> list[re.Match[str]]:
    found = [*MEETING_NOUN.finditer(text), *COUNCIL.finditer(text)]
    found = [m for m in found if not any(s <= m.start() < e for s, e in masked)]
    return sorted(found, key=lambda m: m.start())


def _named_by_people(text: str, previous: MeetingPhrase, noun: re.Match[str]) -> bool:
    """ "the Experts' Forum", "the Young Leaders' Festival": the people name a gathering
    other than their own meeting."""
    return (
        re.fullmatch(r"'\s+", text[previous.end : noun.start()]) is not None
        and _GENERIC_NOUN.fullmatch(noun.group()) is None
    )


def _attaches(text: str, previous: MeetingPhrase, start: int) -> bool:
    """ "les ministres ... tiendront leur 23e réunion", "ministres (17e réunion)", "the
    ministers' meeting": one meeting."""
    between = text[previous.end : start]
    if _POSSESSIVE.search(text[max(previous.end, start - 40) : start]) and len(between) < 60:
        return True
    paren = re.fullmatch(r"\s*\(\s*(?:[\w-]+\s+){0,3}", between)
    # "the energy ministers' meeting", "the ministers' 5th annual meeting"
    possessive = re.fullmatch(r"'\s+(?:[\w-]+\s+){0,2}", between)
    return paren is not None or possessive is not None


def _with_number(
    folded: Folded, head: MeetingPhrase, noun: re.Match[str], english: bool
) -> MeetingPhrase:
    text = folded.text
    before = text[max(0, noun.start() - 40) : noun.start()]
    word = re.search(r"(\S+(?:\s+et\s+\S+)?)\s+$", before)
    number = ordinal_value(word.group(1).strip("( ")) if word else None
    if number is None or _RANK_IN_TIME.match(text, noun.end()):
        return head
    if _RELATIVE.search(text, head.end, noun.start()):
        return replace(head, held_number=number)  # "who met ... for their 22nd meeting"
    return numbered(head, number, english=english)


def numbered(head: MeetingPhrase, number: int | None, *, english: bool) -> MeetingPhrase:
    """The head with its ordinal, written into a "Réunion des ..." title."""
    title = head.title
    if number is not None and head.number is None and re.match(r"(?:Réunion|Meeting)\b", title):
        title = f"{number}{'e' if not english else _suffix(number)} {title[:1].lower()}{title[1:]}"
        title = normalise_title(title, english=english)
    return replace(head, number=number, title=title)


def _suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _named_exercises(
    folded: Folded, heads: list[MeetingPhrase], masked: Sequence[tuple[int, int]], english: bool
) -> list[MeetingPhrase]:
    """Several named exercises after one plural noun become one meeting each; a named
    exercise beside its noun ("its "Interaction-2026" joint exercise") is that one, and
    so is one named beside drills or manoeuvres when the sentence names no other."""
    text = folded.text
    names = [
        m
        for m in _NAMED.finditer(text)
        if _NAME_YEAR.search(text[m.start() : m.end()]) or _near_exercise(text, m)
    ]
    beside = [h for h in heads if h.kind is Kind.EXERCISE and _names_one(text, h, names)]
    # 'the "Search-2026" reconnaissance drills got under way': drills are no meeting noun
    alone = not heads and any(_near_exercise(text, n) for n in names)
    if len(names) < 2 and not beside and not alone:
        return heads
    kept = [
        h
        for h in heads
        if not (h.kind is Kind.EXERCISE and (_covers_two(h, names) or _names_one(text, h, names)))
    ]
    for name in names:
        if any(h.start <= name.start() < h.end for h in kept):
            continue
        original = folded.span(name.start(), name.end())
        title = f"Exercise {original}" if english else f"Exercice {original}"
        kept.append(MeetingPhrase.whole(name.start(), name.end(), title, Kind.EXERCISE))
    return kept


def _near_exercise(text: str, name: re.Match[str]) -> bool:
    around = text[max(0, name.start() - 40) : name.end() + 40]
    return _EXERCISE.search(around) is not None


def _names_one(text: str, head: MeetingPhrase, names: list[re.Match[str]]) -> bool:
    """ "its "Interaction-2026" joint exercise": the noun is the named exercise's own."""
    return any(
        re.fullmatch(r"\s*(?:[\w-]+\s+){0,2}", text[n.end() : head.start]) is not None
        or re.fullmatch(r"\s*", text[head.end : n.start()]) is not None
        for n in names
        if n.end() <= head.start or head.end <= n.start()
    )


def _in_head(heads: list[MeetingPhrase], position: int) -> bool:
    return any(h.start <= position < h.end for h in heads)


def _covers_two(head: MeetingPhrase, names: list[re.Match[str]]) -> bool:
    near = [n for n in names if head.start - 60 <= n.start() <= head.end + 60]
    return len(near) >= 2


def _people(folded: Folded, heads: list[MeetingPhrase], english: bool) -> list[MeetingPhrase]:
    """ "Les ministres de l'Agriculture se réuniront en mai": a meeting without its noun."""
    text = folded.text
    found: list[MeetingPhrase] = []
    for match in _PEOPLE_HEAD.finditer(text):
        if _in_head(heads, match.start()) or _in_head(found, match.start()):
            continue
        if _OF.search(text[max(0, match.start() - 8) : match.start()]):
            continue  # "la réunion des ministres": part of another title
        complement = _COMPLEMENT.match(text, match.end())
        end = complement.end() if complement else match.end()
        start = match.start()
        if english:
            before = _ENGLISH_BEFORE.search(text[max(0, start - 40) : start])
            if before is not None:
                start = _english_start(text, start - len(before.group()), start)
        clause = text[end : end + 90]
        hosted = _HOSTED.search(text[max(0, start - 40) : start]) is not None
        named_before = bool(found) or _named_before(text, start)
        follows = named_before and _AND_THE.search(text[max(0, start - 12) : start]) is not None
        gathers = _GATHER.search(clause.split(";")[0]) or re.match(r"\s*\(", clause)
        if not (gathers or hosted or follows) or SPOKE.match(clause):
            continue  # "the ministers welcomed the results of the meeting of ...": speakers
        if _two_countries(folded, match.end()):
            continue  # "les ministres du Kirghizistan et du Kazakhstan": a bilateral meeting
        words = folded.span(start, end)
        title = _people_title(words, english)
        kind = _people_kind(match.group(), text[start:end])
        found.append(MeetingPhrase.whole(start, end, title, kind))
    return found


def _two_countries(folded: Folded, position: int) -> bool:
    """Whether the people are those of two countries ("des Affaires étrangères du
    Kirghizistan et du Kazakhstan"), not of an organisation's members."""
    pair = _OF_TWO.match(folded.text, position)
    if pair is None:
        return False
    first = folded.span(pair.start("first"), pair.end("first"))
    second = folded.span(pair.start("second"), pair.end("second"))
    return find_country(first) is not None and find_country(second) is not None


def _named_before(text: str, position: int) -> bool:
    """Whether a meeting is named before `position` ("The Council ... will meet in
    October, and the ministers of justice in December": the second shares the verb)."""
    return bool(MEETING_NOUN.search(text, 0, position) or COUNCIL.search(text, 0, position))


def _people_kind(people: str, words: str) -> Kind:
    if _HEADS_OF_STATE.search(words):
        return Kind.SUMMIT  # "the heads of state will meet for their summit"
    return Kind.MINISTERIAL if "minist" in people else Kind.MEETING


def _english_start(text: str, first: int, noun: int) -> int:
    """Where prenominal modifiers begin ("SCO foreign ministers"), past function words."""
    words = list(re.finditer(r"[\w'-]+", text[first:noun]))
    keep = noun
    for word in reversed(words):
        if word.group() in _ENGLISH_STOP_WORDS:
            break
        keep = first + word.start()
    return keep


def _people_title(words: str, english: bool) -> str:
    words = " ".join(words.split())
    if english:
        return normalise_title(f"Meeting of {words}", english=True)
    body = re.sub(r"^(?:les|des|ses|leurs)\s+", "", words, flags=re.IGNORECASE)
    return normalise_title(f"Réunion des {body}", english=False)


def _ellipses(folded: Folded, heads: list[MeetingPhrase], english: bool) -> list[MeetingPhrase]:
    """ "Les ministres de l'Agriculture ..., ceux de la Santé en octobre": a second meeting."""
    text = folded.text
    result = list(heads)
    for match in _ELLIPSIS.finditer(text):
        before = [h for h in result if h.end <= match.start()]
        if not before or _in_head(result, match.start()):
            continue
        model = before[-1]
        people = _PEOPLE_HEAD.search(Folded.of(model.title).text)
        if people is None:
            continue
        noun = people.group()
        what = folded.span(match.start("what"), match.end("what"))
        title = normalise_title(f"Réunion des {noun} {what}", english=english)
        result.append(MeetingPhrase.whole(match.start(), match.end(), title, model.kind))
    return sorted(result, key=lambda h: h.start)


def _ones_like(folded: Folded, heads: list[MeetingPhrase], english: bool) -> list[MeetingPhrase]:
    """ "La réunion des chefs des services des frontières ... ; celle des chefs des services
    douaniers ...": the second meeting takes the noun of the first."""
    text = folded.text
    result = list(heads)
    for match in _ONE_LIKE.finditer(text):
        before = [h for h in result if h.end <= match.start()]
        named = any(match.start() <= h.start < match.end("what") for h in result)
        if not before or named or _in_head(result, match.start()):
            continue  # "ainsi que celle du deuxième séminaire": the holding of a meeting named
        # the nearest meeting named by its noun ("celle ..., celle ...": the first one's)
        nouns = (MEETING_NOUN.search(text, h.start, h.end) for h in reversed(before))
        noun = next((n for n in nouns if n is not None), None)
        if noun is None:
            continue
        model = before[-1]
        what = folded.span(match.start("what"), match.end("what"))
        title = normalise_title(f"{_singular(folded.span(*noun.span()))} {what}", english=english)
        result.append(MeetingPhrase.whole(match.start(), match.end("what"), title, model.kind))
    return sorted(result, key=lambda h: h.start)


def _distributed(folded: Folded, heads: list[MeetingPhrase], english: bool) -> list[MeetingPhrase]:
    """A plural noun and its complements, one meeting each: "the meetings of the heads of
    tax services in Astana on May 6, of the heads of statistics services in Dushanbe".
    """
    text = folded.text
    result = list(heads)
    for plural in _PLURAL_OF.finditer(text):
        clause = _CLAUSE_END.search(text, plural.end())
        stop = clause.start() if clause is not None else len(text)
        starts = [plural.end()]
        for joint in _NEXT_OF.finditer(text, plural.end(), stop):
            if _depth(text, joint.start()) == 0:
                starts.append(joint.end())
        parts = [m for m in (_COMPLEMENT_OF.match(text, at) for at in starts) if m is not None]
        if len(parts) < 2:
            continue
        noun = _singular(folded.span(*plural.span("noun")))
        found = []
        for part in parts:
            what = folded.span(part.start("what"), part.end("what"))
            title = normalise_title(f"{noun} {what}", english=english)
            found.append(MeetingPhrase.whole(part.start(), part.end("what"), title, Kind.MEETING))
        # the plural's own head, and any head inside a complement, give way to them
        result = [
            h
            for h in result
            if not (plural.start() <= h.start < found[-1].end) and not _in_head(found, h.start)
        ]
        result += found
    return sorted(result, key=lambda h: h.start)


def _singular(noun: str) -> str:
    noun = noun[:1].upper() + noun[1:]
    return noun[:-1] if noun.endswith("s") else noun


def _each_respectively(
    folded: Folded, heads: list[MeetingPhrase], english: bool
) -> list[MeetingPhrase]:
    """ "The ministers of culture and of sport will meet in Bishkek and Kazan ...
    respectively": the people of each complement hold a meeting of their own (without
    "respectively", "ministers of economy and trade" are one meeting's)."""
    text = folded.text
    if _RESPECTIVELY.search(text) is None:
        return heads
    result = list(heads)
    for head in heads:
        people = _PEOPLE_HEAD.search(Folded.of(head.title).text)
        inner = _AND_OF.search(text, head.start, head.end)
        if people is not None and inner is not None and inner.end("what") <= head.end:
            # "les ministres de la Culture et de la Santé": the title took both
            first = replace(
                head,
                end=inner.start(),
                title=_people_title(folded.span(head.start, inner.start()), english),
            )
            result = [first if h is head else h for h in result]
            head = first
        second = _AND_OF.match(text, head.end)
        if people is None or second is None or _in_head(result, second.start("what")):
            continue
        what = folded.span(second.start("what"), second.end("what"))
        title = _people_title(f"{people.group()} {what}", english)
        result.append(
            MeetingPhrase.whole(second.start("what"), second.end("what"), title, head.kind)
        )
    return sorted(result, key=lambda h: h.start)

"""Every meeting a unit names: by a gathering noun ("la 22e réunion"), a council ("the
Permanent Council"), the people who meet ("les ministres de l'Agriculture se
réuniront"), an exercise's name (« Interaction-2026 ») or an ellipsis ("ceux de la
Santé")."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import replace

from sco_cal.ingest.folding import Folded
from sco_cal.ingest.numbers import ordinal_value
from sco_cal.ingest.titles import MeetingPhrase, meeting_at, normalise_title
from sco_cal.ingest.wording import COUNCIL, MEETING_NOUN
from sco_cal.model import Kind

_PEOPLE = (
    r"ministres|ministers|responsables|chefs|heads|presidents|procureurs generaux"
    r"|prosecutors general|secretaires|secretaries|coordinateurs nationaux|coordinateurs"
    r"|national coordinators|coordinators|hauts fonctionnaires|senior officials|gouverneurs"
    r"|governors|dirigeants"
)
_PEOPLE_HEAD = re.compile(rf"\b(?:{_PEOPLE})\b")
# What people do when they meet; a people head needs one in its clause.
_GATHER = re.compile(
    r"\b(?:se reuni\w*|se retrouv\w*|reunis|meet|meets|met|meeting|gather\w*|convene\w*"
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
    r"^(?:\s+(?:de la|de l'|des|du|de|d'|of the|of|on|for)\s*[\w'’-]+(?: [\w'’-]+){0,3}?"
    r"(?:\s+et\s+(?:de la|de l'|des|du|de|d')\s*[\w'’-]+(?: [\w'’-]+){0,2}?)?)"
    r"(?=\s*(?:[,;:()]|\s(?:se|s'|ont|avaient|tiendront|will|are|were|who|qui|en|au|aux|a|in"
    r"|at|le|les|et ceux|and|sont|seront|meet|met|le \d|on)\b|$))"
)
_OF = re.compile(r"\b(?:des|du|de la|de l'|of|of the)\s+$")
_ENGLISH_BEFORE = re.compile(r"(?:\b(?:sco|csto|ocs|otsc|un|the|[a-z][\w-]*)\s+){1,3}$")
_ENGLISH_STOP_WORDS = frozenset(
    "the a an its their and or of in at on for to with by said says told who which that "
    "were was are is will would as after before while".split()
)
_ELLIPSIS = re.compile(
    r"\b(?:ceux|celles)\s+(?P<what>(?:de la|de l'|des|du|de)\s*[\w'’-]+(?: [\w'’-]+){0,2}?)"
    r"(?=\s*(?:[,;:()]|\s(?:en|au|aux|a|le|les|avaient|ont|se)\b|$))"
)
_NAMED = re.compile(r"«\s*([^«»]{2,60}?)\s*»|“([^“”]{2,60}?)”|\"([^\"]{2,60}?)\"")
_EXERCISE = re.compile(r"\b(?:exercices?|exercises?|drills?|manoeuvres?|maneuvers?)\b")
_SPEAKER = re.compile(
    r"^[^,.;]{0,60}?\b(?:s'est felicite|se sont felicites|a salue|ont salue|welcomed|praised)\b"
)
# "la résolution 2231 du Conseil de sécurité": the body wrote a text, it did not meet.
_ABOUT = re.compile(
    r"\b(?:resolutions?|decisions?|declarations?|rapports?|reports?|statements?|strategie"
    r"|strategy|programme|program)\b(?:\s+\S+){0,6}\s+(?:du|de la|de l'|des|of the|of)\s*$"
)
_SERIES_OF = re.compile(r"(?:une |la |a )?(?P<what>serie d'|series of )$")
_RELATIVE = re.compile(r",\s*(?:qui|who|which)\b")
_RANK_IN_TIME = re.compile(r"\s*(?:of the year|de l'annee|under|sous)")
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
        if previous is not None and _attaches(text, previous, noun.start()):
            heads[heads.index(previous)] = _with_number(folded, previous, noun, english)
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
        if _plural_only(noun, phrase) or _ABOUT.search(
            text[max(0, phrase.start - 50) : phrase.start]
        ):
            phrase = replace(phrase, silent=True)  # several, none named; or a text's author
        heads = [h for h in heads if not (phrase.start <= h.start and h.end <= phrase.end)]
        heads.append(phrase)
    heads = _named_exercises(folded, heads, masked, english)
    heads.sort(key=lambda h: h.start)
    return _ellipses(folded, heads, english)


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


def _attaches(text: str, previous: MeetingPhrase, start: int) -> bool:
    """ "les ministres ... tiendront leur 23e réunion", "ministres (17e réunion)": one meeting."""
    between = text[previous.end : start]
    if _POSSESSIVE.search(text[max(previous.end, start - 12) : start]) and len(between) < 60:
        return True
    paren = re.fullmatch(r"\s*\(\s*(?:[\w-]+\s+){0,3}", between)
    return paren is not None


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
    """Several named exercises after one plural noun become one meeting each."""
    text = folded.text
    names = [
        m
        for m in _NAMED.finditer(text)
        if _NAME_YEAR.search(text[m.start() : m.end()]) or _near_exercise(text, m)
    ]
    if len(names) < 2:
        return heads
    kept = [h for h in heads if not (h.kind is Kind.EXERCISE and _covers_two(h, names))]
    for name in names:
        if any(h.start <= name.start() < h.end for h in kept):
            continue
        original = folded.span(name.start(), name.end())
        title = f"Exercise {original}" if english else f"Exercice {original}"
        kept.append(
            MeetingPhrase(
                start=name.start(),
                end=name.end(),
                noun_end=name.end(),
                title=title,
                number=None,
                kind=Kind.EXERCISE,
                vague=False,
                many=False,
                truncated=False,
            )
        )
    return kept


def _near_exercise(text: str, name: re.Match[str]) -> bool:
    around = text[max(0, name.start() - 40) : name.end() + 40]
    return _EXERCISE.search(around) is not None


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
        follows = bool(found) and _AND_THE.search(text[max(0, start - 12) : start]) is not None
        gathers = _GATHER.search(clause.split(";")[0]) or re.match(r"\s*\(", clause)
        if not (gathers or hosted or follows):
            continue
        words = folded.span(start, end)
        title = _people_title(words, english)
        found.append(
            MeetingPhrase(
                start=start,
                end=end,
                noun_end=end,
                title=title,
                number=None,
                kind=Kind.MINISTERIAL if "minist" in match.group() else Kind.MEETING,
                vague=False,
                many=False,
                truncated=False,
            )
        )
    return found


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
        result.append(
            MeetingPhrase(
                start=match.start(),
                end=match.end(),
                noun_end=match.end(),
                title=title,
                number=None,
                kind=model.kind,
                vague=False,
                many=False,
                truncated=False,
            )
        )
    return sorted(result, key=lambda h: h.start)

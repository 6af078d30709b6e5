"""The meeting a sentence names: its title as written, its ordinal and its kind."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from sco_cal.domain.event import Kind
from sco_cal.domain.text import fold
from sco_cal.ingest.folding import Folded
from sco_cal.ingest.numbers import ORDINAL_WORDS, ordinal_value, roman_value
from sco_cal.ingest.wording import MANY, MEETING_NOUN

_MAX_TITLE_WORDS = 30
_ORDINAL = (
    r"(?P<ord>\b(?:\d{1,3} ?(?:eme|ere|er|re|e|th|st|nd|rd)|[ivxlc]{1,7} ?(?:eme|e)|"
    + ORDINAL_WORDS
    + r"))"
)
_ORDINAL_TOKEN = re.compile(_ORDINAL + r"(?= |$)")
_EDITION = re.compile(r"\s*edition (?:du|de la|de l'|des)\s*$")
# English puts what a meeting is about before the noun: "the SCO culture ministers meeting".
_ENGLISH_MODIFIERS = re.compile(r"(?:(?<!')\b(?!(?:%s)\b)[a-z][\w-]*(?:'s)?\s+){1,5}$")
_ENGLISH_FUNCTION_WORDS = (
    "the|a|an|this|that|these|its|their|next|last|of|in|at|on|for|to|and|will|was|were|is|are"
    "|has|have|be|been|by|with|from|said|says|after|before|during|as"
)
_STOP = re.compile(
    r"\s*[,;:.!?(\u2014\u2013]|\s+-\s|\s+(?:se|s'|aura|auront|aurait|sera|seront|serait|a|ont"
    r"|est|sont|etait|fut|will|is|are|was|were|has|have|had|which|that|qui|que|dont|ou|where"
    r"|devrai(?:en)?t|pourrai(?:en)?t|doi(?:t|ven)t|could|should|may|might|would|went|took"
    r"|prevue?s?|initialement|comme|avec|afin|consacree?s? (?:a|au|aux)|portant|centree?s? sur"
    r"|marquant|visant"
    r"|sur le theme|with|on the theme|focusing|devoted|dedicated|dans le cadre|en marge"
    r"|en presence|aupres|ouverte?s?(?! d[eu'])|open|to be|et la|et le|et les|et l'|and the|lors"
    r"|pour un|pour une|et une?|and an?|ainsi que|as well as|annoncee?s?|reportee?s?"
    r"|annulee?s?|confirmee?s?|desormais|planned"
    r"|scheduled|set for|due|expected|initially|originally|postponed|cancel+ed|met|meets|meet"
    r"|convened|convenes|gathered|holds|held|hosted|opened|ended|agreed|approved|said|told|to"
    r"|would|could|may|might|should|must|can|now|on (?:the )?eve|last|next"
    r"|(?:proposed|suggested|initiated) by|at the initiative|a l'initiative)\b"
)
_ACRONYM = re.compile(r"\(\s*[A-Z][A-Z0-9+-]{1,9}\s*\)")
_ANAPHORA = re.compile(r"^\W*(?:de ce type|de ce genre|of this kind|of that kind)?\W*$")
_NOT_PLURAL = frozenset("jeux games consultations congres concours".split())
_KINDS: tuple[tuple[str, Kind], ...] = (
    (r"sommets?|summits?|chefs d'etat(?!-)|heads of state", Kind.SUMMIT),
    (r"groupe de travail|working group", Kind.WORKING_GROUP),
    (r"exercices?|exercises?", Kind.EXERCISE),
    (
        r"jeux|games|marathons?|tournois?|tournaments?|championnats?|championships?|concours"
        r"|olympiades?|coupe|cup",
        Kind.COMPETITION,
    ),  # fmt: skip
    (r"festivals?", Kind.FESTIVAL),
    (r"expositions?|exhibitions?|salons?|foires?|fairs?", Kind.EXHIBITION),
    (r"forums?", Kind.FORUM),
    (
        r"conferences?|colloques?|symposiums?|congres|congress|seminaires?|seminars?",
        Kind.CONFERENCE,
    ),  # fmt: skip
    (r"ministres|ministers", Kind.MINISTERIAL),
)
# Words after an ordinal that make it a rank in time, not the meeting's number.
_NOT_SERIES = re.compile(
    r"\s*(?:\(|,)?\s*(?:de l'annee|of the year|sous (?:la )?presidence|under the|depuis|since"
    r"|this year|cette annee|de ce type|of its kind|de la presidence|of the chairmanship)"
)


@dataclass(frozen=True, slots=True)
class MeetingPhrase:
    """The words naming the meeting: folded span, normalised title, ordinal, kind."""

    start: int
    end: int
    noun_end: int
    title: str
    number: int | None
    kind: Kind
    vague: bool  # "une réunion", "la réunion de ce type": which meeting is left unsaid
    many: bool  # "une série d'exercices": several meetings in one phrase
    truncated: bool
    held_number: int | None = None  # "who met ... for their 22nd meeting": an earlier one's
    silent: bool = False  # bounds the words of the meetings around it, gives no finding

    @classmethod
    def whole(cls, start: int, end: int, title: str, kind: Kind) -> MeetingPhrase:
        """Words that name one meeting, all of them its title (no ordinal)."""
        return cls(
            start=start,
            end=end,
            noun_end=end,
            title=title,
            number=None,
            kind=kind,
            vague=False,
            many=False,
            truncated=False,
        )


def find_meeting(
    folded: Folded,
    *,
    masked: Sequence[tuple[int, int]],
    stops_at: Callable[[int], bool],
    english: bool,
) -> MeetingPhrase | None:
    """The first meeting the sentence names, or None if it names none.

    `stops_at(i)` says whether a place or date phrase begins at folded position `i`,
    which ends the title ("la 13e réunion ... au Kirghizstan").
    """
    noun = next(
        (m for m in MEETING_NOUN.finditer(folded.text) if not _inside(m.start(), masked)), None
    )
    if noun is None:
        return None
    return meeting_at(folded, noun, masked=masked, stops_at=stops_at, english=english)


def meeting_at(
    folded: Folded,
    noun: re.Match[str],
    *,
    masked: Sequence[tuple[int, int]],
    stops_at: Callable[[int], bool],
    english: bool,
) -> MeetingPhrase:
    """The meeting phrase around the gathering noun `noun` (a match on the folded text)."""
    text = folded.text
    start, number = _title_start(folded, noun.start(), english)
    end, truncated = _title_end(folded, noun.end(), masked, stops_at)
    if number is not None and _NOT_SERIES.match(text, end):
        number = None  # "la première réunion sous présidence kirghize": not its number
    title = normalise_title(folded.span(start, end), english=english, number=number)
    rest = text[noun.end() : end]
    word = noun.group()
    return MeetingPhrase(
        start=start,
        end=end,
        noun_end=noun.end(),
        title=title,
        number=number,
        kind=_kind(text[start:end]),
        vague=start == noun.start() and bool(_ANAPHORA.match(rest)),
        many=bool(MANY.search(text[max(0, noun.start() - 20) : end]))
        or (word.endswith("s") and word not in _NOT_PLURAL and number is None),
        truncated=truncated,
    )


def _title_start(folded: Folded, noun_start: int, english: bool) -> tuple[int, int | None]:
    """Where the title begins: at its ordinal ("la 22è réunion", "le 1er marathon")."""
    before = folded.text[max(0, noun_start - 80) : noun_start]
    offset = noun_start - len(before)
    allowed = 3 if english else 1
    for match in reversed(list(_ORDINAL_TOKEN.finditer(before))):
        between = _EDITION.sub("", before[match.end() :])
        if len(between.split()) > allowed or re.search(r"[^\w\s'-]", between):
            break
        tail = _trailing(match)
        if tail is None:
            continue
        start, word = tail
        original = folded.span(offset + start, offset + match.end())
        number = _ordinal_value(word, original)
        if number is not None:
            return offset + start, number
    modifiers = _ENGLISH_MODIFIERS.pattern % _ENGLISH_FUNCTION_WORDS
    if english and (found := re.search(modifiers, before)) is not None:
        return offset + found.start(), None
    return noun_start, None


def _ordinal_value(folded_word: str, original: str) -> int | None:
    word = folded_word.strip()
    value = ordinal_value(word)
    if value is not None:
        return value
    # "Le" and "Ce" are articles, not 50 and 100: a lone roman letter must be I, V or X.
    roman = re.match(r"(?:[IVXLC]{2,}|[IVX])(?=\s?(?:e|è|ème|eme|ᵉ)\b)", original.strip())
    return roman_value(roman.group()) if roman is not None else None


def _trailing(match: re.Match[str]) -> tuple[int, str] | None:
    """The longest tail of an ordinal match that reads as a number ("leur vingt et
    unième" -> "vingt et unième")."""
    words = list(re.finditer(r"\S+", match.group()))
    for first in words:
        piece = match.group()[first.start() :]
        if ordinal_value(piece) is not None or re.fullmatch(r"[ivxlc]{1,7} ?(?:eme|e)", piece):
            return match.start() + first.start(), piece
    return None


def _title_end(
    folded: Folded,
    noun_end: int,
    masked: Sequence[tuple[int, int]],
    stops_at: Callable[[int], bool],
) -> tuple[int, bool]:
    text = folded.text
    end = _punctuation_stop(folded, noun_end, masked)
    for i in range(noun_end + 1, end):
        if text[i - 1] == " " and stops_at(i):
            end = i - 1
            break
    words = list(re.finditer(r"\S+", text[noun_end:end]))
    if len(words) > _MAX_TITLE_WORDS:
        return noun_end + words[_MAX_TITLE_WORDS - 1].end(), True
    return end, False


def _punctuation_stop(folded: Folded, pos: int, masked: Sequence[tuple[int, int]]) -> int:
    """Where a comma, a verb or a clause ends the title; quotes and "(RATS)" do not."""
    text = folded.text
    while (stop := _STOP.search(text, pos)) is not None:
        quote = next((m for m in masked if m[0] <= stop.start() < m[1]), None)
        if quote is not None:
            pos = quote[1]
            continue
        if stop.group().strip() == "(":
            acronym = _ACRONYM.match(folded.original, folded.start(stop.end() - 1))
            if acronym is not None:
                pos = stop.end() - 1 + len(acronym.group())
                continue
        return stop.start()
    return len(text)


def normalise_title(text: str, *, english: bool, number: int | None = None) -> str:
    """One line, the ordinal as `22e`, French `meeting` as `réunion`, a capital first letter."""
    title = _closing_quote(" ".join(text.split()).strip(" ,;:.-\u2013\u2014\"'’«»"))
    if number is not None:
        title = _ordinal_as_digits(title, number, english=english)
    title = re.sub(r"^(\d{1,3})\s?(?:è|ème|eme|ᵉ|e)(?=\s)", r"\1e", title)
    title = re.sub(r"^1\s?(?:ère|ere|re)(?=\s)", "1re", title)
    roman = re.match(r"^([IVXLC]+)\s?(?:ème|eme|e)(?=\s)", title)
    if roman is not None and (value := roman_value(roman.group(1))) is not None:
        title = f"{value}e" + title[roman.end() :]
    if not english:
        title = re.sub(r"\bmeeting\b", "réunion", title, count=1)
    return title[:1].upper() + title[1:]


def _closing_quote(title: str) -> str:
    """The closing mark of a quoted name that ends the title, taken off with the
    punctuation around it: « Forum « Route de la soie » », not « Forum « Route de la soie »."""
    if title.count("«") > title.count("»"):
        return f"{title} »" if title[-1:] != "\u00a0" else f"{title}»"
    if title.count("“") > title.count("”"):
        return f"{title}”"
    if title.count('"') % 2:
        return f'{title}"'
    return title


def _ordinal_as_digits(title: str, number: int, *, english: bool) -> str:
    """ "Vingt et unième réunion" -> "21e réunion"; "twenty-sixth summit" -> "26th summit"."""
    words = title.split(" ")
    for n in range(min(4, len(words) - 1), 0, -1):
        head = " ".join(words[:n])
        if ordinal_value(fold(head)) == number and not re.match(r"\d", head):
            suffix = _english_suffix(number) if english else ("re" if number == 1 else "e")
            return " ".join([f"{number}{suffix}", *words[n:]])
    return title


def _english_suffix(number: int) -> str:
    if 10 <= number % 100 <= 20:
        return "th"
    return {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")


def _kind(folded_title: str) -> Kind:
    for pattern, kind in _KINDS:
        if re.search(rf"\b(?:{pattern})\b", folded_title):
            return kind
    return Kind.MEETING


def _inside(position: int, masked: Sequence[tuple[int, int]]) -> bool:
    return any(start <= position < end for start, end in masked)

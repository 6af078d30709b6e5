"""The words that make a sentence about a meeting, and what they say of its state.

Every pattern applies to folded text (`sco_cal.ingest.folding`): lower case, no
accents, straight apostrophes. The vocabulary of states is built from how agendas,
communiqués, readouts and wire stories word them, in French and English.
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
    r"|foires?|fairs?|concours|olympiades?|side events?|camps?|cups?"
    r"|coupes?(?= (?:ouverte|de l'|des |du |d')))\b"
)
# A council meets: "le Conseil des ministres ...", "the Permanent Council", "RATS Council".
COUNCIL = re.compile(
    r"\b(?:conseil(?= (?:des|de la|de l'|du|de securite|permanent|superieur|d'affaires))"
    r"|conseil permanent|council|comite(?= (?:des|de la|de l'|du))|committee(?= of))\b"
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
    r"|se reuni\w*|se retrouv\w*|reunis|meet|met|gather\w*|convene\w*|hosted|host"
    r"|will (?:take place|be held|host|convene|meet)|is (?:scheduled|planned|set)"
    r"|are (?:scheduled|planned)|was held|were held|took place|has been held|postponed"
    r"|cancel+ed|called off|rescheduled|confirmed|announced|hosts|expected"
    r"|(?:is|are) (?:now )?off(?= *(?:[.,;]|$)))\b"
)
_NOT = r"(?<!\bnot )(?<!\bnot be )(?<!\bn'est pas )(?<!\bne sont pas )(?<!\bpas )(?<!\bnon )"
# Strongest first: a cancelled meeting may mention the date it was "prévue".
_CANCELLED = re.compile(
    r"\b(?:annul(?:e|ee|es|ees|ent)?|cancel+(?:ed|s)?|called off|scrapped|has been dropped"
    r"|(?:is|are) (?:now )?off(?= *(?:[.,;]|$))"
    r"|supprimee?s?)\b"
)
# "ne se tiendra pas en mai : elle est repoussée": only a cancellation when nothing moves it.
_NOT_HELD = re.compile(
    r"\b(?:n'aura (?:finalement |donc )?pas lieu|ne se tiendr\w+ (?:finalement |donc )?pas"
    r"|will not (?:take place|be held)"
    r"|(?:will not meet|ne se reuni\w* pas)(?=[^.;]*\b(?:as (?:planned|scheduled)|comme prevu)))\b"
)
_SINE_DIE = re.compile(
    r"\b(?:ne se tiendr\w+ (?:finalement )?pas avant|n'aura (?:pas )?lieu (?:qu'|pas avant)"
    r"|will not (?:take place|be held) (?:before|until)|sine die|ajourn\w*|indefinitely"
    r"|sans date|indefiniment|sans nouvelle date|without a new date|no new date"
    r"|until further notice|jusqu'a nouvel ordre|a une date ulterieure|to a later date"
    r"|sans qu'une (?:nouvelle )?date|(?:is|are|was|were|been|remains?|put) on hold"
    r"|(?:est|sont|a ete|ont ete|reste|restent) (?:suspendue?s?|en suspens))\b"
)
_POSTPONED = re.compile(
    _NOT + r"\b(?:report(?:e|ee|es|ees)|repouss(?:e|ee|es|ees)|decal(?:e|ee|es|ees)"
    r"|postponed|delayed|rescheduled|pushed back|put off|put back|moved back)\b"
)
_HELD = re.compile(
    r"\b(?:s'est (?:bien )?(?:tenue?|deroulee?|reunie?|achevee?|ouverte?|clos)"
    r"|se sont (?:bien )?(?:tenue?s|deroulee?s|reunie?s|achevee?s|retrouvee?s)"
    r"|(?:a|ont) (?:bien )?eu lieu|a ete le theatre|a reuni|ont reuni|ont tenu|a tenu"
    r"|avaient tenu|avait tenu|pris note (?:avec satisfaction )?de la tenue"
    r"|pris note des resultats|ont (?:hautement )?(?:salue|apprecie) les resultats"
    r"|(?:a|ont) salue (?:la tenue|le succes)|se sont felicites? des resultats"
    r"|s'est felicitee? des resultats|se sont felicites des resultats|reunis a"
    r"|conduite? en|(?<!la )tenue? (?:a|le|les|en)"
    r"|was held|were held|took place|has been held|have been held|met|gathered"
    r"|convened|(?<!will be )(?<!to be )hosted|welcomed the|held (?:its|their)|were attended"
    r"|went ahead"
    r"|ended|concluded|wrapped up|(?:ont|a) ete organisee?s?|were organi[sz]ed|pris part a"
    r"|took part in|participated in|a participe a|ont participe a"
    # "the drills began", not "the member states began drawing up the calendar"
    r"|(?:began|begun|started)(?! \w+ing\b| to\b)|opened|kicked off|got under way"
    r"|(?:is|are) (?:now )?under way"
    r"|(?:a|ont) (?:debute|commence)|s'est poursuivie?|se sont poursuivie?s"
    r"|(?:the )?(?:results?|outcomes?) of the|(?:les |des )?resultats (?:de la|des|du))\b"
)


# "On ignore si la réunion a eu lieu": whether it was held is the question, not the news.
_UNKNOWN_OUTCOME = re.compile(
    r"\b(?:on ignore (?:encore )?si|(?:nous )?ne savons pas si|sans savoir si|on ne sait pas"
    r" (?:encore )?si|it is (?:not (?:yet )?known|unclear|not clear) (?:whether|if)"
    r"|(?:we )?do not (?:yet )?know (?:whether|if)|whether .{0,80} took place)\b"
)


def outcome_unknown(words: str) -> bool:
    """Whether the words ask if a meeting took place: it was due before the document."""
    return _UNKNOWN_OUTCOME.search(words) is not None


def _strongest(text: str) -> tuple[ConfirmationState, str] | None:
    """Cancelled, postponed or held, strongest first: a meeting "prévue" and then
    "annulée" is cancelled; one that "ne se tiendra pas en mai" but "est repoussée" moved."""
    if (match := _SINE_DIE.search(text)) is not None:
        return ConfirmationState.POSTPONED, match.group()
    if (match := _CANCELLED.search(text)) is not None:
        return ConfirmationState.CANCELLED, match.group()
    if (match := _POSTPONED.search(text)) is not None:
        return ConfirmationState.POSTPONED, match.group()
    if (match := _NOT_HELD.search(text)) is not None:
        return ConfirmationState.CANCELLED, match.group()
    if (match := _UNKNOWN_OUTCOME.search(text)) is not None:
        return ConfirmationState.PROVISIONAL, match.group()
    if (match := _HELD.search(text)) is not None:
        return ConfirmationState.HELD, match.group()
    return None


_UNCONFIRMED = re.compile(
    _NOT + r"\b(?:sous reserve|a confirmer|restent? a confirmer|en attente de confirmation"
    r"|pas encore confirm\w*|non confirm\w*|provisoire\w*|to be confirmed|tbc|tba"
    r"|not yet confirmed|subject to confirmation|tentative\w*|provisional\w*|expected"
    r"|pencil+ed in|devrai(?:en)?t|pourrai(?:en)?t|could|might|may be"
    r"|(?:is|are) (?:also )?set to|evenements a venir|upcoming events"
    r"|envisag\w*|attendue?s? (?:a|en|au|pour|le)|est prevue?|sont prevue?s|programmee?s?"
    r"|likely|probablement|dates? (?:a|to be) (?:annoncer|announced|fixer)"
    # the conditional of hearsay, and a draft of the calendar
    r"|se tiendrai(?:en)?t|aurai(?:en)?t lieu|se deroulerai(?:en)?t|se reunirai(?:en)?t"
    r"|draft (?:calendar|agenda|schedule|programme|program)|projet de (?:calendrier|programme)"
    r"|(?:calendrier|programme|agenda) previsionnel)\b"
)
_CONFIRMED = re.compile(
    _NOT + r"\b(?:confirm(?:e|ee|es|ees|s)|confirmed|confirms|officiellement annonce\w*"
    r"|(?:est|sont) (?:desormais )?(?:arretee?s?|fixee?s?)|desormais fixee?s?|maintient"
    r"|maintenue?s?|invitations ont ete (?:adressees|envoyees)|a notifie|has notified"
    r"|invitations (?:have been|were) sent)\b"
)
_PROPOSED = re.compile(
    r"\b(?:proposition d'organiser|propos\w* d'(?:organiser|accueillir)|entend organiser"
    r"|ont soutenu la (?:proposition|tenue)|soutien\w* la proposition|a propose"
    r"|ont pris note de la proposition|souhaite (?:organiser|accueillir)|propose\w* par"
    r"|propositions? visant a (?:organiser|creer|tenir)"
    r"|proposed (?:to (?:hold|host)|by)|supports? the proposal|supported the proposal"
    r"|(?:has )?offered to host|plans? to (?:hold|host)|intends to (?:hold|host)"
    r"|ont soutenu|supports)\b"
)
# The organisers' own announcement: a day and a place ("aura lieu le 11 novembre à Moscou").
FIRM_VERB = re.compile(
    r"\b(?:aur(?:a|ont) lieu|se tiendr\w+|se deroul(?:era|eront)|will (?:take place|be held)"
    r"|se reunir\w+|se retrouver\w+|will (?:meet|convene|hold|host)|accueiller\w+)\b"
)
# Held at a distance: no place to give, so a day stated is all there is to confirm.
ONLINE = re.compile(
    r"\b(?:(?:by|via|par|en) (?:video ?conference|videoconference|visioconference|video link"
    r"|visio)|videoconference|visioconference|online|en ligne|virtual(?:ly| format| meeting)"
    r"|en format virtuel)\b"
)
# A verb saying the meeting is ahead ("se tiendra") or behind ("s'est tenu").
FUTURE_VERB = re.compile(
    r"\b(?:se tiendr\w+|aur(?:a|ont|ait) lieu|se reunir\w+|se retrouver\w+|accueiller\w+"
    r"|se deroul(?:era|eront|erait)|sera|seront|will|would|is expected|are expected|devrai\w*"
    r"|prochaine?s?|next|a venir|upcoming|is due|are due|to be held|programmee?s?|prevue?s?)\b"
)
# The whole agenda is provisional: "certaines de ces échéances sont en attente de confirmation".
AGENDA_CAVEAT = re.compile(
    r"\b(?:en attente de confirmation|sous reserve(?: de confirmation)?|restent a confirmer"
    r"|a confirmer|agenda provisoire|calendrier provisoire|to be confirmed|subject to"
    r" confirmation|provisional (?:agenda|calendar|schedule))\b"
)
# The whole document confirms what follows: "today confirmed the dates and venues of ...".
AGENDA_CONFIRMED = re.compile(
    r"\b(?:confirm(?:ed|s|e|ent) (?:the |les )?(?:dates|venues|lieux|calendrier)"
    r"|a confirme les dates|confirme les dates et (?:les )?lieux)\b"
)
# "a joint session of the councils of ...": several bodies meeting together, not one of them.
JOINT = re.compile(r"\b(?:joint|conjoint\w*|combined|(?:reunion|session|seance)s? communes?)\b")
MOVED_TO = re.compile(
    r"\b(?:report(?:e|ee|es|ees)|repouss(?:e|ee|es|ees)|decal(?:e|ee|es|ees)|postponed"
    r"|delayed|rescheduled|pushed back|put back|moved|avancee?s?|brought forward|bring forward"
    r"|pas avant|not before|until)\b"
)
WAS_PLANNED = re.compile(
    r"\b(?:initialement|prevue?s?|programmee?s?|au lieu de|originally|initially|instead of"
    r"|scheduled for"
    r"|annoncee?s? pour|announced for|devait se tenir|devaient se tenir|was to be held"
    r"|planned for|placed in|d'abord annoncee?|qui devait se tenir|pencil+ed"
    r"|slated for|pressentie? pour)\s*(?:\S+\s+){0,2}$"
)
_ENGLISH = re.compile(
    r"\b(?:the|of|will|and|take|place|in|meeting|be|is|was|held|are|to|meet|met|said|on"
    r"|at|for|with|its|their|this|that|from|by|has|have)\b"
)
_FRENCH = re.compile(
    r"\b(?:le|la|les|des|du|de|se|et|en|au|sera|aura|lieu|reunion|est|pour|sur|avec|par"
    r"|dans|qui|que|ont|sont|aux|une|leur|leurs)\b"
)
MANY = re.compile(r"\b(?:une serie d'|series of|plusieurs|several|des reunions|meetings of)")
# What people say or do about meetings, rather than meet: they are speakers, not a meeting.
SPOKE = re.compile(
    r"\s*(?:(?:also|have|had|further|ont|avaient|egalement|aussi)\s+){0,2}"
    r"(?:welcomed|agreed|approved|noted|said|discussed|adopted|reviewed|took note|stressed"
    r"|called|decided|signed|exchanged|expressed|praised|recalled|underlined|endorsed"
    r"|salue|adopte|approuve|examine|pris note|souligne|convenu|decide|signe|evoque"
    r"|discute|rappele|exprime|passe en revue|se sont felicites|sont convenus)\b"
)
# Not meetings of the bodies the desk follows: visits, talks, receptions.
NOT_A_MEETING = re.compile(
    r"\b(?:visite d'etat|visite officielle|visite de travail|state visit|official visit"
    r"|working visit|s'est entretenue? avec|entretien bilateral|recoit son homologue"
    r"|a recu son homologue|bilateral talks|talks with|bilateral meeting|bilaterale?"
    r"|visites?|visits?"
    # one person meeting another: "met his Uzbek counterpart", "a rencontré l'ambassadeur"
    r"|(?:met|meets|will meet|a rencontre|rencontrera|rencontre|a recu|recevra|recoit"
    r"|received|receives|will receive|s'est entretenue? avec)(?: with)?\s+(?:[\w'-]+\s+){0,4}?"
    r"(?:counterparts?|homologues?|ambassadors?|ambassadeurs?|(?:foreign |prime )?minister"
    r"|(?:premier )?ministre|president|secretary(?:-| )general|secretaire general))\b"
)


# An offer or a proposal to hold or host: still an offer when the sentence hedges its date
# ("has offered to host ..., possibly in May").
_OFFERED = re.compile(
    r"\b(?:(?:has |have |had )?offered to (?:host|hold|organi[sz]e)|offers? to host"
    r"|propos\w* (?:holding|hosting|to (?:hold|host|organi[sz]e|convene))"
    r"|suggest\w* (?:holding|hosting|that)|put forward (?:a|the|its) proposal"
    r"|(?:has |have )?(?:bid|volunteered|applied) to host|is bidding to host"
    r"|a propose (?:d'|de (?:tenir|reunir)|que)|ont propose (?:d'|de (?:tenir|reunir)|que)"
    r"|propose d'(?:organiser|accueillir)|a suggere|ont suggere|suggere (?:d'|de |que)"
    r"|s'est (?:propose|proposee|porte candidat|portee candidate) (?:pour|a|d')"
    r"|offert d'(?:accueillir|organiser)|candidature (?:pour|a) (?:accueillir|l'organisation)"
    r"|(?:ready|willing|prepared) to (?:host|hold|organi[sz]e)"
    r"|(?:pret|prete|prets|disposee?s?) a (?:accueillir|organiser))"
)


# Only talked about: "is under discussion", "est à l'étude". An idea, not yet a plan.
_DISCUSSED = re.compile(
    r"\b(?:under (?:discussion|consideration|study|review)|being (?:discussed|considered|studied)"
    r"|(?:est|sont|reste|restent) (?:a l'etude|en discussion|a l'examen|en cours d'examen"
    r"|a l'ordre du jour des discussions)|a l'etude)\b"
)


_CHANGE = (
    r"(?:annul\w*|cancel+(?:ed)?|called off|call(?:ed)? off|report(?:e|ee|es|ees)"
    r"|repouss(?:e|ee|es|ees)|postponed|delayed|put off|put back|ajourn\w*|scrapped)"
)
# A change that only may happen: "could be postponed", "pourrait être reportée", "risque
# d'être annulée". The meeting stands, unconfirmed.
_HEDGED_CHANGE = re.compile(
    r"\b(?:could|may|might|pourrai(?:en)?t|risquen?t? d'|risks? (?:being )?"
    r"|threaten\w* to|is likely to|are likely to)\s*(?:well |also |still |even )?"
    r"(?:be |etre |have been |avoir ete )?" + _CHANGE + r"\b"
)
# A change denied: "was not cancelled", "n'a pas été annulée", "has not been postponed".
_DENIED_CHANGE = re.compile(
    r"\b(?:(?:was|were|has|have|is|are|will) not (?:been |be )?|(?:was|were|has|have|is|are)"
    r"n't (?:been )?|n'(?:a|ont|est|sont|sera|seront|avait|etait) (?:pas|jamais) (?:ete )?"
    r"|ne sera pas |ne seront pas |never been )" + _CHANGE + r"\b"
)


# The plan a change leaves behind: "d'abord envisagée à Islamabad, est désormais confirmée
# à Och", "initially pencilled in for July": its words hedge the old plan, not the new.
_FORMER = (
    r"\b(?:initialement|d'abord|originally|initially|first)\s+(?:prevue?s?|envisagee?s?"
    r"|programmee?s?|annoncee?s?|planned|scheduled|set|announced|pencil+ed in|slated|mooted)"
)
# ... up to the main clause's verb: "originally set for March was postponed sine die".
_FORMER_PLAN = re.compile(
    _FORMER + r"(?:(?!\b(?:was|were|has|have|had|is|are|will|a|ont|est|sont|sera|seront)\b)[^,;])*"
)
FORMER_PLACE = re.compile(_FORMER + r"\s+(?:\S+\s+){0,2}$")


def state_in(text: str) -> tuple[ConfirmationState | None, str]:
    """The state a sentence states outright, and the words that say it."""
    text = _FORMER_PLAN.sub(" ", text)
    hedged = _HEDGED_CHANGE.search(text)
    text = _DENIED_CHANGE.sub(" ", _HEDGED_CHANGE.sub(" ", text))
    strongest = _strongest(text)
    if strongest is not None:
        return strongest
    if hedged is not None:
        return ConfirmationState.PROVISIONAL, hedged.group()
    if (match := _OFFERED.search(text) or _DISCUSSED.search(text)) is not None:
        return ConfirmationState.PROPOSED, match.group()
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

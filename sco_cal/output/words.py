"""The values of enumerations as people read them, in the current language.

JSON and CSV keep the English values (`status: "confirmed"`), which scripts rely on;
tables, sheets, digests and the TUI show these words instead.
"""

from __future__ import annotations

from sco_cal.domain.dates import Precision
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.i18n import N_, _

_STATES = {
    ConfirmationState.PROPOSED: N_("proposed"),
    ConfirmationState.PROVISIONAL: N_("provisional"),
    ConfirmationState.CONFIRMED: N_("confirmed"),
    ConfirmationState.POSTPONED: N_("postponed"),
    ConfirmationState.CANCELLED: N_("cancelled"),
    ConfirmationState.HELD: N_("held"),
}
# Below 100 columns the agenda shows these.
_STATE_ABBREVIATIONS = {
    ConfirmationState.PROPOSED: N_("prop."),
    ConfirmationState.PROVISIONAL: N_("prov."),
    ConfirmationState.CONFIRMED: N_("conf."),
    ConfirmationState.POSTPONED: N_("postp."),
    ConfirmationState.CANCELLED: N_("canc."),
    ConfirmationState.HELD: N_("held"),
}
_PRECISIONS = {
    Precision.DAY: N_("day"),
    Precision.DAYS: N_("days"),
    Precision.MONTH: N_("month"),
    Precision.QUARTER: N_("quarter"),
    Precision.HALF: N_("half-year"),
    Precision.SEASON: N_("season"),
    Precision.YEAR: N_("year"),
}
_KINDS = {
    Kind.SUMMIT: N_("summit"),
    Kind.MINISTERIAL: N_("ministerial"),
    Kind.MEETING: N_("meeting"),
    Kind.WORKING_GROUP: N_("working group"),
    Kind.FORUM: N_("forum"),
    Kind.CONFERENCE: N_("conference"),
    Kind.EXERCISE: N_("exercise"),
    Kind.COMPETITION: N_("competition"),
    Kind.FESTIVAL: N_("festival"),
    Kind.EXHIBITION: N_("exhibition"),
    Kind.SIGNING: N_("signing"),
    Kind.OTHER: N_("other"),
}
# What a history entry records, by its stored action: English shows the action itself.
_ACTIONS = {
    "created": N_("created"),
    "status": N_("status"),
    "edit": N_("edit"),
    "reschedule": N_("reschedule"),
    "annotate": N_("annotate"),
    "unannotate": N_("unannotate"),
    "tag": N_("tag"),
    "untag": N_("untag"),
    "remind": N_("remind"),
    "unremind": N_("unremind"),
    "snooze": N_("snooze"),
    "delete": N_("delete"),
    "restore": N_("restore"),
    "undo": N_("undo"),
    "seed": N_("seed"),
    "import": N_("import"),
}
# The fields a history entry names, by their stored names: English shows the name itself.
_FIELDS = {
    "status": N_("status"),
    "date": N_("date"),
    "organisation": N_("organisation"),
    "kind": N_("kind"),
    "title": N_("title"),
    "title_en": N_("title_en"),
    "series": N_("series"),
    "number": N_("number"),
    "country": N_("country"),
    "cities": N_("cities"),
    "theme": N_("theme"),
    "start_date": N_("start_date"),
    "end_date": N_("end_date"),
    "precision": N_("precision"),
    "open_ended": N_("open_ended"),
    "start_time": N_("start_time"),
    "timezone": N_("timezone"),
    "sine_die_since": N_("sine_die_since"),
    "sine_die_follow_up": N_("sine_die_follow_up"),
    "summary": N_("summary"),
    "reminder": N_("reminder"),
}


def state_word(state: ConfirmationState) -> str:
    return _(_STATES[state])


def state_abbreviation(state: ConfirmationState) -> str:
    return _(_STATE_ABBREVIATIONS[state])


def precision_word(precision: Precision) -> str:
    return _(_PRECISIONS[precision])


def kind_word(kind: Kind) -> str:
    return _(_KINDS[kind])


def action_word(action: str) -> str:
    """The stored action's word; an action from a newer version shows as stored."""
    return _(_ACTIONS[action]) if action in _ACTIONS else action


def field_word(field: str) -> str:
    """A changed field's name; a field from a newer version shows as stored."""
    return _(_FIELDS[field]) if field in _FIELDS else field


def value_word(field: str, value: str) -> str:
    """A value as a history entry stores it, in words where it is one of an enumeration's
    (a state, a kind, a precision); any other value as stored."""
    words: dict[str, dict[str, str]] = {
        "status": {k.value: v for k, v in _STATES.items()},
        "kind": {k.value: v for k, v in _KINDS.items()},
        "precision": {k.value: v for k, v in _PRECISIONS.items()},
    }
    known = words.get(field, {})
    return _(known[value]) if value in known else value

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
# What a history entry records, by its stored action.
_ACTIONS = {
    "created": N_("created"),
    "status": N_("state"),
    "edit": N_("edited"),
    "reschedule": N_("rescheduled"),
    "annotate": N_("note"),
    "unannotate": N_("note deleted"),
    "tag": N_("tagged"),
    "untag": N_("untagged"),
    "seed": N_("seed"),
    "remind": N_("reminder"),
    "unremind": N_("reminder removed"),
    "snooze": N_("reminder snoozed"),
}


def state_word(state: ConfirmationState) -> str:
    return _(_STATES[state])


def precision_word(precision: Precision) -> str:
    return _(_PRECISIONS[precision])


def kind_word(kind: Kind) -> str:
    return _(_KINDS[kind])


def action_word(action: str) -> str:
    """The stored action's word; an action from a newer version shows as stored."""
    return _(_ACTIONS[action]) if action in _ACTIONS else action

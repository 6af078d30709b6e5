"""Dialogs for the actions on an event: each validates through the service and keeps
what was typed when the input is refused."""

from sco_cal.tui.dialogs.annotate import AnnotateDialog
from sco_cal.tui.dialogs.edit import EditDialog
from sco_cal.tui.dialogs.move import MoveDialog
from sco_cal.tui.dialogs.new_event import NewEventDialog
from sco_cal.tui.dialogs.reminder import ReminderDialog
from sco_cal.tui.dialogs.state import StateDialog
from sco_cal.tui.dialogs.tag import TagDialog
from sco_cal.tui.dialogs.unannotate import UnannotateDialog

__all__ = [
    "AnnotateDialog",
    "EditDialog",
    "MoveDialog",
    "NewEventDialog",
    "ReminderDialog",
    "StateDialog",
    "TagDialog",
    "UnannotateDialog",
]

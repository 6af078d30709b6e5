"""The one service layer the CLI and the TUI stand on, composed of its parts."""

from sco_cal.service.agenda import AgendaService
from sco_cal.service.database import DatabaseService
from sco_cal.service.documents import IngestingService
from sco_cal.service.interchange import TransferService
from sco_cal.service.recording import RecordingService
from sco_cal.service.reminders import RemindingService


class CalendarService(
    DatabaseService,
    RecordingService,
    AgendaService,
    RemindingService,
    TransferService,
    IngestingService,
):
    """Everything a person can ask of the calendar, against a fixed `today`."""


__all__ = ["CalendarService"]

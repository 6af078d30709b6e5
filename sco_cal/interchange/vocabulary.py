"""The iCalendar words sco-cal speaks: UIDs, states, and its own X- properties."""

from __future__ import annotations

import hashlib
import re
from datetime import date

from sco_cal.domain.lifecycle import ConfirmationState

PRODID = "-//sco-cal//sco-cal//EN"
UID_DOMAIN = "sco-cal"
CALENDAR_NAME = "sco-cal"

# RFC 5545 has three states for six: the exact one travels in X-SCO-CAL-STATUS.
STATUS_OUT = {
    ConfirmationState.PROPOSED: "TENTATIVE",
    ConfirmationState.PROVISIONAL: "TENTATIVE",
    ConfirmationState.POSTPONED: "TENTATIVE",
    ConfirmationState.CONFIRMED: "CONFIRMED",
    ConfirmationState.HELD: "CONFIRMED",
    ConfirmationState.CANCELLED: "CANCELLED",
}
STATUS_IN = {
    "TENTATIVE": ConfirmationState.PROVISIONAL,
    "CONFIRMED": ConfirmationState.CONFIRMED,
    "CANCELLED": ConfirmationState.CANCELLED,
}
# A calendar entry that says nothing of its state is taken as what its owner expects.
DEFAULT_STATE = ConfirmationState.CONFIRMED

# sco-cal's own fields, so that a file it exported comes back without loss.
X_PREFIX = "X-SCO-CAL-"
X_STATUS = "X-SCO-CAL-STATUS"
X_PRECISION = "X-SCO-CAL-PRECISION"
X_DATE_TEXT = "X-SCO-CAL-DATE-TEXT"
X_OPEN_ENDED = "X-SCO-CAL-OPEN-ENDED"
X_ORGANISATION = "X-SCO-CAL-ORGANISATION"
X_KIND = "X-SCO-CAL-KIND"
X_THEME = "X-SCO-CAL-THEME"
X_TITLE = "X-SCO-CAL-TITLE"
X_TITLE_EN = "X-SCO-CAL-TITLE-EN"
X_COUNTRY = "X-SCO-CAL-COUNTRY"
X_CITIES = "X-SCO-CAL-CITIES"
X_SERIES = "X-SCO-CAL-SERIES"
X_NUMBER = "X-SCO-CAL-NUMBER"
X_SUMMARY = "X-SCO-CAL-SUMMARY"
X_SOURCE = "X-SCO-CAL-SOURCE"
# The whole window of an event shown on fewer days (a marker): "2026-07-01/2026-12-31".
X_WINDOW = "X-SCO-CAL-WINDOW"
X_DOCUMENT = "X-DOCUMENT"
X_DOCUMENT_DATE = "X-DOCUMENT-DATE"
CITY_SEPARATOR = "; "
OWN_ONCE = (
    X_STATUS,
    X_PRECISION,
    X_DATE_TEXT,
    X_OPEN_ENDED,
    X_ORGANISATION,
    X_KIND,
    X_THEME,
    X_TITLE,
    X_TITLE_EN,
    X_COUNTRY,
    X_CITIES,
    X_SERIES,
    X_NUMBER,
    X_SUMMARY,
    X_WINDOW,
)

_OWN_ID = re.compile(r"[\w.-]{1,100}")


def window_text(start: date, end: date) -> str:
    return f"{start.isoformat()}/{end.isoformat()}"


def parse_window(text: str) -> tuple[date, date]:
    """The days of an X-SCO-CAL-WINDOW value; ValueError if it names none."""
    first, slash, last = text.strip().partition("/")
    if not slash:
        raise ValueError(f"not a window of days: {text[:40]!r}")
    start, end = date.fromisoformat(first), date.fromisoformat(last)
    if end < start:
        raise ValueError(f"the window ends {end} before it starts {start}")
    return start, end


def uid_for(event_id: str) -> str:
    """The UID of an event: stable, so a client updates it on re-export."""
    return f"{event_id}@{UID_DOMAIN}"


def event_id_for(uid: str, occurrence: date | None = None) -> str:
    """The event id a UID (and a recurrence date) is imported under, the same every time.

    A UID that sco-cal exported maps back to the event it came from; any other is
    hashed, and the occurrences of one series share the prefix `ics-<hash>`.
    """
    local, at, domain = uid.rpartition("@")
    suffix = f"-{occurrence:%Y%m%d}" if occurrence is not None else ""
    if at and domain == UID_DOMAIN and _OWN_ID.fullmatch(local):
        return local + suffix
    digest = hashlib.sha256(uid.encode("utf-8", "surrogatepass")).hexdigest()[:10]
    return f"ics-{digest}{suffix}"

"""The notes sco-cal itself writes on history entries ("annotation #12", "imported from
desk.ics (line 40)"). The store keeps them as written, in English, like every value it
holds; a sheet, a history or a digest shows them in its reader's language."""

from __future__ import annotations

import re

from sco_cal.i18n import N_, _

SEEDED = N_("from the seed data; date from {file}")
ANNOTATED = N_("annotation #{number}")
ANNOTATION_DELETED = N_("annotation #{number} deleted")
REMINDED = N_("reminder #{number}")
REMINDER_DELETED = N_("reminder #{number} deleted")
REMINDER_DUE = N_("reminder #{number} due {day}")
REMINDER_WHEN_DATED = N_("reminder #{number}, {spec} before the meeting's day once it is known")
IMPORTED = N_("imported from {file} ({where})")
IMPORT_LINE = N_("line {number}")
IMPORT_ROW = N_("row {number}")
CHANGED_IN_A_CALENDAR = N_("changed in a calendar program")
# Its "ingest:" is how provenance tells a change read from a document (MACHINE_NOTES).
REVIEWED = N_("ingest: accepted from the review of {file}")

_TEMPLATES = (
    SEEDED,
    ANNOTATED,
    ANNOTATION_DELETED,
    REMINDED,
    REMINDER_DELETED,
    REMINDER_DUE,
    REMINDER_WHEN_DATED,
    IMPORTED,
    IMPORT_LINE,
    IMPORT_ROW,
    CHANGED_IN_A_CALENDAR,
    REVIEWED,
)


def _pattern(template: str) -> re.Pattern[str]:
    # Odd parts are field names: a number is digits, so "annotation #{number}" does not
    # also read "annotation #3 deleted"; anything else is any text.
    parts = re.split(r"\{(\w+)\}", template)
    pattern = ""
    for i, part in enumerate(parts):
        if not i % 2:
            pattern += re.escape(part)
        else:
            pattern += f"(?P<{part}>" + (r"\d+" if part == "number" else ".+") + ")"
    return re.compile(pattern)


_PATTERNS = tuple((template, _pattern(template)) for template in _TEMPLATES)


def note_in_language(note: str) -> str:
    """`note` in the current language when sco-cal wrote it; a person's note as typed."""
    for template, pattern in _PATTERNS:
        found = pattern.fullmatch(note)
        if found:
            values = found.groupdict()
            if "where" in values:
                values["where"] = note_in_language(values["where"])
            return _(template).format(**values)
    return note

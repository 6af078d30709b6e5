"""The notes sco-cal itself writes on history entries ("annotation #12", "imported from
desk.ics (line 40)"). The store keeps them as written, in English, like every value it
holds; a sheet, a history or a digest shows them in its reader's language."""

from __future__ import annotations

import re

from sco_cal.i18n import N_, _


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


_PATTERNS: list[tuple[str, re.Pattern[str]]] = []


def _note(template: str) -> str:
    """`template`, known from now on to `note_in_language`."""
    _PATTERNS.append((template, _pattern(template)))
    return template


SEEDED = _note(N_("from the seed data; date from {file}"))
ANNOTATED = _note(N_("annotation #{number}"))
ANNOTATION_DELETED = _note(N_("annotation #{number} deleted"))
REMINDED = _note(N_("reminder #{number}"))
REMINDER_DELETED = _note(N_("reminder #{number} deleted"))
REMINDER_DUE = _note(N_("reminder #{number} due {day}"))
REMINDER_WHEN_DATED = _note(
    N_("reminder #{number}, {spec} before the meeting's day once it is known")
)
IMPORTED = _note(N_("imported from {file} ({where})"))
IMPORT_LINE = _note(N_("line {number}"))
IMPORT_ROW = _note(N_("row {number}"))
CHANGED_IN_A_CALENDAR = _note(N_("changed in a calendar program"))
# Its "ingest:" is how provenance tells a change read from a document (MACHINE_NOTES).
REVIEWED = _note(N_("ingest: accepted from the review of {file}"))


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

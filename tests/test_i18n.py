"""Which language the locale variables ask for, and English until a catalogue is chosen."""

from __future__ import annotations

import pytest

from sco_cal.i18n import _, language_from_environment, ngettext


@pytest.mark.parametrize(
    ("environ", "expected"),
    [
        ({"LANG": "fr_FR.UTF-8"}, "fr"),
        ({"LC_ALL": "fr_CA.utf8", "LANG": "en_GB.UTF-8"}, "fr"),
        ({"LC_ALL": "", "LC_MESSAGES": "fr_BE@euro", "LANG": "en_US"}, "fr"),
        ({"LC_MESSAGES": "en_US.UTF-8", "LANG": "fr_FR.UTF-8"}, "en"),
        ({"LANG": "C.UTF-8"}, None),
        ({"LANG": "POSIX"}, None),
        ({}, None),
    ],
)
def test_the_locale_variables_name_a_language_in_gettext_order(
    environ: dict[str, str], expected: str | None
) -> None:
    assert language_from_environment(environ) == expected


def test_text_is_english_until_a_catalogue_is_chosen() -> None:
    assert _("meeting") == "meeting"
    assert ngettext("{n} meeting", "{n} meetings", 3) == "{n} meetings"

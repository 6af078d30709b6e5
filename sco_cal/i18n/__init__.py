"""What sco-cal says to people, in their language: gettext catalogues, chosen once a run.

Every user-facing string goes through `_` (or `ngettext` for counts); JSON keys and the
values of enumerations stay English. `use()` picks the catalogue; until it is called,
text is English. The catalogues live in `sco_cal/locale/<lang>/LC_MESSAGES/`, a `.po`
per language (what translators edit) and the `.mo` compiled from it (what runs).
"""

from __future__ import annotations

import gettext
import os
from collections.abc import Mapping
from pathlib import Path

DOMAIN = "sco-cal"
LOCALE_DIR = Path(__file__).parent.parent / "locale"
SOURCE_LANGUAGE = "en"

_current: gettext.NullTranslations = gettext.NullTranslations()
_language = "en"


def use(language: str) -> None:
    """Speak `language` ("en", "fr") from now on in this process."""
    global _current, _language
    _language = language
    # The catalogue is opened by its path: `gettext.translation` would also import
    # `locale` to expand the language's aliases, which costs `sco-cal list` more than
    # reading the catalogue itself; its messages are read when asked for (see mo.py).
    try:
        data = _catalogue(language).read_bytes()
    except FileNotFoundError:
        _current = gettext.NullTranslations()
        return
    from sco_cal.i18n.mo import MoCatalogue

    _current = MoCatalogue(data)


def _catalogue(language: str) -> Path:
    return LOCALE_DIR / language / "LC_MESSAGES" / f"{DOMAIN}.mo"


def available_languages() -> list[str]:
    """English, and every language with a compiled catalogue: adding a language is adding
    its catalogue, not code."""
    found = (p.parent.parent.name for p in LOCALE_DIR.glob(f"*/LC_MESSAGES/{DOMAIN}.mo"))
    return [SOURCE_LANGUAGE, *sorted(found)]


def choose_language(option: str | None, configured: str | None) -> str:
    """`--lang`, else `lang` in the config file, else the locale variables when sco-cal
    speaks what they ask for, else English."""
    if option or configured:
        return option or configured or SOURCE_LANGUAGE
    wanted = language_from_environment()
    if wanted and _catalogue(wanted).is_file():
        return wanted
    return SOURCE_LANGUAGE


def current_language() -> str:
    return _language


def _(message: str) -> str:
    """`message` in the current language."""
    return _current.gettext(message)


def ngettext(singular: str, plural: str, n: int) -> str:
    """The form of a counted message that suits `n` in the current language."""
    return _current.ngettext(singular, plural, n)


def N_(message: str) -> str:
    """Marks `message` for the catalogue without translating it yet (module constants
    that are translated where they are shown)."""
    return message


def language_from_environment(environ: Mapping[str, str] | None = None) -> str | None:
    """The language the locale variables ask for, in gettext's order of precedence:
    `LC_ALL`, `LC_MESSAGES`, `LANG` ("fr_FR.UTF-8" is "fr"); None when they name none
    ("C" and "POSIX" name none)."""
    env = os.environ if environ is None else environ
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = env.get(name, "").strip()
        if value:
            code = value.split(".")[0].split("@")[0].split("_")[0].lower()
            return None if code in ("c", "posix") else code
    return None

"""The composition root: options in, a ready service (and later the TUI app) out."""

from __future__ import annotations

import os
from datetime import date
from typing import TYPE_CHECKING

from sco_cal.config.settings import Settings, load_settings
from sco_cal.domain.dates import iso_day
from sco_cal.domain.errors import InvalidInput
from sco_cal.i18n import _, available_languages, choose_language, use
from sco_cal.service import CalendarService
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target

if TYPE_CHECKING:
    from sco_cal.tui.app import ScoCalApp


def resolve_today(text: str | None) -> date:
    """`--today`, else `SCO_CAL_TODAY`, else the system date; it must name one day."""
    text = text or os.environ.get("SCO_CAL_TODAY")
    if not text:
        return date.today()
    if (day := iso_day(text.strip())) is not None:
        return day
    from sco_cal.domain.date_phrases import parse_date_phrase  # "demain": every phrase's rules

    window = parse_date_phrase(text, today=date.today())
    if window.start != window.end:
        raise InvalidInput(_("--today must name one day, not '{text}'").format(text=text))
    return window.start


def build_service(
    *,
    db: str | None = None,
    today: str | date | None = None,
    settings: Settings | None = None,
    ensure: bool = True,
    seed: bool = True,
) -> tuple[CalendarService, Settings]:
    """The service over the chosen store; a missing store is created and seeded."""
    settings = settings or load_settings()
    day = today if isinstance(today, date) else resolve_today(today)
    service = CalendarService(
        Store(resolve_target(db)),
        today=day,
        author=settings.author,
        sine_die_days=settings.follow_up.sine_die_days,
    )
    if settings.author == DATABASE_ROLE:
        service.author = service.database.role()
    if ensure:
        service.database.ensure_ready(seed=seed)
    return service, settings


# `author = "@database"` in the config: on a shared server, record the role each
# person connects as, which the server has authenticated, rather than a login name.
DATABASE_ROLE = "@database"


def make_app(
    *,
    db: str | None = None,
    today: str | date | None = None,
    lang: str | None = None,
    settings: Settings | None = None,
    show_all: bool = False,
) -> ScoCalApp:
    """The TUI over the chosen store, for `sco-cal tui`, the tests and the benchmarks."""
    from sco_cal.tui.app import ScoCalApp  # Textual loads only when the TUI is wanted

    service, settings = build_service(db=db, today=today, settings=settings)
    return ScoCalApp(service, settings, lang=speak(lang, settings), show_all=show_all)


def speak(option: str | None, settings: Settings) -> str:
    """Choose the run's language (`--lang`, the config file, the locale variables) and
    load its catalogue; the language's code is returned for what is passed on."""
    language = choose_language(option, settings.lang)
    if language not in available_languages():
        known = ", ".join(available_languages())
        raise InvalidInput(
            _("unknown language {language!r} (expected one of: {known})").format(
                language=language, known=known
            )
        )
    use(language)
    return language

"""User settings from the configuration file, validated once into typed values."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sco_cal.config.paths import config_path
from sco_cal.config.sync import SyncSettings, parse_sync
from sco_cal.domain.errors import InvalidInput
from sco_cal.domain.postponement import DEFAULT_SINE_DIE_DAYS
from sco_cal.domain.query import MANY_KEYS, VIEW_KEYS, SortKey
from sco_cal.i18n import _, available_languages

if TYPE_CHECKING:
    from sco_cal.domain.reminders import ReminderRule


@dataclass(frozen=True, slots=True)
class DigestSettings:
    """`[digest]`: what the daily digest looks at."""

    days: int = 14
    """How many days "coming up" looks ahead (`sco-cal digest --days` overrides it)."""
    awaiting_days: int = 30
    """Proposed or provisional events starting within this many days await confirmation."""
    limit: int = 100
    """At most this many items per section, the total always said (0: no limit)."""


@dataclass(frozen=True, slots=True)
class TuiSettings:
    """`[tui]`: the panes of the agenda, as the person last left them."""

    facets: bool = True
    """The facet panel beside the list, where the terminal leaves it room (`f`)."""
    detail: bool = True
    """The selected event's sheet beside or below the list, where it fits (`o`)."""


@dataclass(frozen=True, slots=True)
class FollowUpSettings:
    """`[follow_up]`: when a meeting with no outcome recorded needs following up."""

    sine_die_days: int = DEFAULT_SINE_DIE_DAYS
    """Days after a postponement with no new date (sine die) before it needs follow-up."""


@dataclass(frozen=True, slots=True)
class Settings:
    """What a user can set in `config.toml`."""

    author: str
    """Name recorded on annotations and state changes (default: the login name)."""
    lang: str | None = None
    """The language sco-cal speaks ("en", "fr"); None: the locale variables choose."""
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Saved filters: `[views.kz-2026]` with keys like the options of `sco-cal list`."""
    keymap: dict[str, str] = field(default_factory=dict)
    """TUI key bindings by binding id, e.g. `annotate = "ctrl+a"`."""
    reminders: tuple[ReminderRule, ...] = ()
    """Default reminders (`[reminders] defaults`), applied on the fly, never stored."""
    digest: DigestSettings = field(default_factory=DigestSettings)
    """`[digest]`: the digest's horizons."""
    sync: SyncSettings = field(default_factory=SyncSettings)
    """`[sync]`: CalDAV collections and the credentials to reach them."""
    tui: TuiSettings = field(default_factory=TuiSettings)
    """`[tui]`: which panes the agenda shows; the TUI writes it when they are toggled."""
    follow_up: FollowUpSettings = field(default_factory=FollowUpSettings)
    """`[follow_up]`: the delay after which a meeting postponed sine die needs follow-up."""


def default_author() -> str:
    try:
        return os.environ.get("SCO_CAL_AUTHOR") or getpass.getuser()
    except (KeyError, OSError):
        return "unknown"


def load_settings(path: Path | None = None) -> Settings:
    """Settings from `path` (default: the configuration file); missing file = defaults."""
    path = path or config_path()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return Settings(author=default_author())
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("cannot read configuration {path}: {exc}").format(path=path, exc=exc)
        ) from None
    import tomllib  # only when there is a file to read

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(
            _("cannot read configuration {path}: {exc}").format(path=path, exc=exc)
        ) from None
    except RecursionError:
        raise InvalidInput(
            _("cannot read configuration {path}: nested too deeply").format(path=path)
        ) from None
    return _validate(raw, path)


def _validate(raw: dict[str, Any], path: Path) -> Settings:
    lang = raw.get("lang")
    if lang is not None and lang not in available_languages():
        known = " or ".join(f'"{code}"' for code in available_languages())
        raise InvalidInput(
            _("{path}: lang must be {known}, not {lang!r}").format(
                path=path, known=known, lang=lang
            )
        )
    views = raw.get("views", {})
    if not isinstance(views, dict):
        raise InvalidInput(_("{path}: views must be tables, [views.NAME]").format(path=path))
    for name, view in views.items():
        _check_view(name, view, path)
    keymap = raw.get("keymap", {})
    if not isinstance(keymap, dict) or not all(isinstance(v, str) for v in keymap.values()):
        raise InvalidInput(f'{path}: [keymap] values must be key names such as "ctrl+a"')
    author = raw.get("author") or default_author()
    if not isinstance(author, str):
        raise InvalidInput(f'{path}: author must be a name in quotes, such as "j.dupont"')
    return Settings(
        author=str(author),
        lang=lang,
        views=views,
        keymap=keymap,
        reminders=_reminder_rules(raw.get("reminders"), path),
        digest=_digest(raw.get("digest", {}), path),
        sync=parse_sync(raw.get("sync", {}), path),
        tui=_tui(raw.get("tui", {}), path),
        follow_up=_follow_up(raw.get("follow_up", {}), path),
    )


_VIEW_FLAGS = frozenset({"follow_up", "annotated"})
MAX_VIEW_LIMIT = 1_000_000


def _check_view(name: str, view: Any, path: Path) -> None:
    """One `[views.NAME]` table: known keys, each with a value of its kind."""
    where = f"{path}: [views.{name}]"
    if not isinstance(view, dict):
        raise InvalidInput(_("{where} must be a table of list options").format(where=where))
    if unknown := set(view) - set(VIEW_KEYS):
        raise InvalidInput(
            _("{where} has unknown keys: {keys}").format(
                where=where, keys=", ".join(sorted(unknown))
            )
        )
    for key, value in view.items():
        if key in MANY_KEYS:
            many = value if isinstance(value, list) else [value]
            ok = all(isinstance(v, str) for v in many)
            wanted = "a string or a list of strings"
        elif key in _VIEW_FLAGS:
            ok, wanted = isinstance(value, bool), "true or false"
        elif key == "limit":
            ok = type(value) is int and 1 <= value <= MAX_VIEW_LIMIT
            wanted = f"a whole number, 1-{MAX_VIEW_LIMIT:,}"
        elif key == "sort":
            ok = value in {k.value for k in SortKey}
            wanted = "one of " + ", ".join(k.value for k in SortKey)
        else:
            ok, wanted = isinstance(value, str), "a string"
        if not ok:
            raise InvalidInput(
                _("{where} {key} must be {wanted}, not {value!r}").format(
                    where=where, key=key, wanted=wanted, value=value
                )
            )


def _reminder_rules(raw: Any, path: Path) -> tuple[ReminderRule, ...]:
    if raw is None:
        return ()
    from sco_cal.domain.reminders import parse_rules  # date phrases and places, only when asked for

    return parse_rules(raw, str(path))


def _tui(raw: Any, path: Path) -> TuiSettings:
    if not isinstance(raw, dict):
        raise InvalidInput(_("{path}: [{table}] must be a table").format(path=path, table="tui"))
    names = set(TuiSettings.__dataclass_fields__)
    if unknown := set(raw) - names:
        raise InvalidInput(
            _("{path}: [{table}] has unknown keys: {keys}").format(
                path=path, table="tui", keys=", ".join(sorted(unknown))
            )
        )
    if not all(isinstance(v, bool) for v in raw.values()):
        raise InvalidInput(
            _("{path}: [{table}] values must be true or false").format(path=path, table="tui")
        )
    return TuiSettings(**raw)


def remember(section: str, key: str, value: bool, path: Path | None = None) -> None:
    """Write `key = value` under `[section]` of the configuration file, leaving every
    other line (comments included) as it was; the file is created if missing."""
    path = path or config_path()
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except FileNotFoundError:
        lines = []
    except (OSError, UnicodeDecodeError) as exc:
        raise InvalidInput(
            _("cannot read configuration {path}: {exc}").format(path=path, exc=exc)
        ) from None
    setting = f"{key} = {'true' if value else 'false'}"
    heading = f"[{section}]"
    starts = [i for i, line in enumerate(lines) if line.strip() == heading]
    if not starts:
        lines += ([""] if lines and lines[-1].strip() else []) + [heading, setting]
    else:
        end = next(
            (i for i in range(starts[0] + 1, len(lines)) if lines[i].lstrip().startswith("[")),
            len(lines),
        )
        found = [
            i
            for i in range(starts[0] + 1, end)
            if lines[i].split("=")[0].strip() == key and "=" in lines[i]
        ]
        if found:
            lines[found[0]] = setting
        else:
            lines.insert(starts[0] + 1, setting)
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        # A new file beside it, then renamed over it: the old file or the new, never half.
        draft = path.with_name(path.name + ".new")
        draft.write_text("\n".join(lines) + "\n", encoding="utf-8")
        if path.exists():
            draft.chmod(path.stat().st_mode & 0o777)
        draft.replace(path)
    except OSError as exc:
        raise InvalidInput(
            _("cannot write configuration {path}: {exc}").format(path=path, exc=exc)
        ) from None


def _digest(raw: Any, path: Path) -> DigestSettings:
    bounds = {"days": 366, "awaiting_days": 366, "limit": 100_000}
    return DigestSettings(**_whole_numbers(raw, "digest", bounds, DigestSettings(), path))


def _follow_up(raw: Any, path: Path) -> FollowUpSettings:
    bounds = {"sine_die_days": 3660}
    return FollowUpSettings(**_whole_numbers(raw, "follow_up", bounds, FollowUpSettings(), path))


def _whole_numbers(
    raw: Any, table: str, bounds: dict[str, int], defaults: object, path: Path
) -> dict[str, int]:
    """A table of whole numbers, each within 0..its bound; the defaults for those not given."""
    if not isinstance(raw, dict):
        raise InvalidInput(_("{path}: [{table}] must be a table").format(path=path, table=table))
    if unknown := set(raw) - set(bounds):
        raise InvalidInput(
            _("{path}: [{table}] has unknown keys: {keys}").format(
                path=path, table=table, keys=", ".join(sorted(unknown))
            )
        )
    values = {k: raw.get(k, getattr(defaults, k)) for k in bounds}
    for key, value in values.items():
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value <= bounds[key]:
            raise InvalidInput(
                _("{path}: [{table}] {key} must be a whole number, 0-{max}").format(
                    path=path, table=table, key=key, max=bounds[key]
                )
            )
    return values

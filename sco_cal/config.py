"""User settings from the configuration file, validated once into typed values."""

from __future__ import annotations

import getpass
import os
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sco_cal.errors import InvalidInput
from sco_cal.locations import config_path

VIEW_KEYS = frozenset(
    {
        "scope",
        "org",
        "country",
        "city",
        "status",
        "theme",
        "kind",
        "series",
        "tag",
        "from",
        "to",
        "follow_up",
        "annotated",
        "search",
        "sort",
        "limit",
    }
)


@dataclass(frozen=True, slots=True)
class Settings:
    """What a user can set in `config.toml`."""

    author: str
    """Name recorded on annotations and state changes (default: the login name)."""
    lang: str = "en"
    """Language of titles and month names: "en" or "fr"."""
    views: dict[str, dict[str, Any]] = field(default_factory=dict)
    """Saved filters: `[views.kz-2026]` with keys like the options of `sco-cal list`."""
    keymap: dict[str, str] = field(default_factory=dict)
    """TUI key bindings by binding id, e.g. `annotate = "ctrl+a"`."""
    reminders: dict[str, Any] = field(default_factory=dict)
    """Default reminders applied without storing copies (see the README)."""


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
        raise InvalidInput(f"cannot read configuration {path}: {exc}") from None
    import tomllib  # only when there is a file to read

    try:
        raw = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise InvalidInput(f"cannot read configuration {path}: {exc}") from None
    return _validate(raw, path)


def _validate(raw: dict[str, Any], path: Path) -> Settings:
    lang = raw.get("lang", "en")
    if lang not in ("en", "fr"):
        raise InvalidInput(f'{path}: lang must be "en" or "fr", not {lang!r}')
    views = raw.get("views", {})
    for name, view in views.items():
        if not isinstance(view, dict):
            raise InvalidInput(f"{path}: [views.{name}] must be a table of list options")
        if unknown := set(view) - VIEW_KEYS:
            raise InvalidInput(
                f"{path}: [views.{name}] has unknown keys: {', '.join(sorted(unknown))}"
            )
    keymap = raw.get("keymap", {})
    if not all(isinstance(v, str) for v in keymap.values()):
        raise InvalidInput(f'{path}: [keymap] values must be key names such as "ctrl+a"')
    author = raw.get("author") or default_author()
    return Settings(
        author=str(author),
        lang=lang,
        views=views,
        keymap=keymap,
        reminders=raw.get("reminders", {}),
    )

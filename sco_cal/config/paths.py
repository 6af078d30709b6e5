"""Where sco-cal keeps its files; each place can be moved by an environment variable."""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "sco-cal"


def data_dir() -> Path:
    """The user data directory (`SCO_CAL_DATA_DIR` overrides it)."""
    if override := os.environ.get("SCO_CAL_DATA_DIR"):
        return Path(override)
    from platformdirs import user_data_path  # only paid for when no override is set

    return user_data_path(APP_NAME)


def config_path() -> Path:
    """The configuration file (`SCO_CAL_CONFIG` overrides it)."""
    if override := os.environ.get("SCO_CAL_CONFIG"):
        return Path(override)
    from platformdirs import user_config_path

    return user_config_path(APP_NAME) / "config.toml"


def default_db_path() -> Path:
    return data_dir() / "sco-cal.db"

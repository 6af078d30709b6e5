"""Environments for sco-cal run as a separate process, isolated from the real user."""

from __future__ import annotations

import os
from pathlib import Path

TODAY = "2026-11-23"


def subprocess_env(home: Path, **extra: str) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith("SCO_CAL_")}
    for name in ("LC_ALL", "LC_MESSAGES", "LANGUAGE"):
        env.pop(name, None)
    env["LANG"] = "C.UTF-8"  # English unless `extra` asks for another language
    env.update(
        SCO_CAL_DATA_DIR=str(home / "data"),
        SCO_CAL_CONFIG=str(home / "config.toml"),
        SCO_CAL_AUTHOR="tester",
        **extra,
    )
    env.pop("NO_COLOR", None)
    return env

"""Where a feed lives: one calendar file in a directory that clients subscribe to."""

from __future__ import annotations

from pathlib import Path

FEED_NAME = "sco-cal.ics"


def feed_path(directory: Path) -> Path:
    return directory / FEED_NAME

"""What an import did, or with a dry run would do, for the person to read."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from sco_cal.interchange.incoming import Skipped


@dataclass
class ImportReport:
    """What an import did (or, with dry_run, would do)."""

    file: str
    format: str
    dry_run: bool
    added: list[str] = field(default_factory=list)
    updated: dict[str, list[str]] = field(default_factory=dict)  # id -> fields changed
    unchanged: list[str] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
    expanded: tuple[date, date] | None = None
    labels: dict[str, str] = field(default_factory=dict)  # id -> "title (when)", to show

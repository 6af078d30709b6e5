"""What the store holds never reaches a terminal raw: ids are slugs, and every field of
every renderer (tables, Markdown, show, log, messages, the TUI) goes through one escape."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime, timedelta
from typing import Any

import pytest
from sqlalchemy import create_engine, insert
from textual.widgets import Static

from sco_cal.store.schema import (
    AnnotationRow,
    EventRow,
    HistoryChangeRow,
    HistoryRow,
    ReminderRow,
    SourceRow,
    TagRow,
)
from sco_cal.wiring import build_service
from tests.hostile.support import assert_refused
from tests.support.cli import Cli
from tests.support.tui import agenda, build, run, settle, text_of

# Retitle the window, clear the screen, ring the bell, a C1 CSI, a carriage return.
EVIL = "\x1b]0;pwned\x07\x1b[2J\x9b31m\rX"
EVIL_ID = "evil-\x1b[2Jid"
# What a terminal must never be sent: C0 controls but line feed, DEL and C1 controls.
RAW = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


def _poison(db: str) -> None:
    """Two overlapping events with escape sequences in every text a person could have
    typed, an importer read or an older sco-cal let through, written behind sco-cal's back."""
    service, _ = build_service(db=db, today=date(2026, 11, 23))
    service.close()
    engine = create_engine(db if "://" in db else f"sqlite:///{db}")
    now = datetime.now(UTC) + timedelta(minutes=5)  # the newest changes in `log`
    with engine.begin() as conn:
        for n, event_id in enumerate((EVIL_ID, "evil-twin")):
            conn.execute(
                insert(EventRow).values(
                    id=event_id,
                    organisation="SCO",
                    kind="meeting",
                    title=f"Titre {EVIL}",
                    title_en=f"Title {EVIL}",
                    series=f"series{EVIL}",
                    number=n + 1,
                    country="KG",
                    cities=json.dumps([f"Bishkek{EVIL}"]),
                    start_date=date(2026, 12, 1),
                    end_date=date(2026, 12, 2),
                    span_days=1,
                    agenda_day=date(2026, 12, 1),
                    precision="days",
                    date_text=f"1-2 December {EVIL}",
                    start_time="10:00",
                    timezone=f"Asia/Bishkek{EVIL}",
                    status="provisional",
                    summary=f"Summary {EVIL}",
                    origin=f"user{EVIL}",
                    created_at=now,
                    updated_at=now,
                    search_text="evil",
                )
            )
            conn.execute(
                insert(SourceRow).values(
                    event_id=event_id, document=f"doc{EVIL}.txt", excerpt=f"excerpt {EVIL}"
                )
            )
            conn.execute(
                insert(AnnotationRow).values(
                    event_id=event_id, text=f"note {EVIL}", author=f"author{EVIL}", created_at=now
                )
            )
            conn.execute(insert(TagRow).values(event_id=event_id, tag=f"tag{EVIL}"))
            entry_id = conn.execute(
                insert(HistoryRow)
                .values(
                    event_id=event_id,
                    at=now,
                    author=f"author{EVIL}",
                    action=f"edit{EVIL}",
                    note=f"note{EVIL}",
                    source=f"source{EVIL}",
                )
                .returning(HistoryRow.id)
            ).scalar_one()
            conn.execute(
                insert(HistoryChangeRow).values(
                    history_id=entry_id, field=f"field{EVIL}", old=f"old{EVIL}", new=f"new{EVIL}"
                )
            )
            conn.execute(
                insert(ReminderRow).values(
                    event_id=event_id,
                    due=date(2026, 11, 23),
                    spec=f"7d{EVIL}",
                    author=f"author{EVIL}",
                    created_at=now,
                )
            )
    engine.dispose()


def _assert_clean(text: str, where: str) -> None:
    found = RAW.search(text)
    assert found is None, (
        f"{where}: raw {found.group()!r} in {text[max(0, found.start() - 40) : found.end() + 40]!r}"
    )


COMMANDS = [
    ["list", "--all", "--format", "table"],
    ["list", "--all", "--format", "md"],
    ["list", "--all", "--format", "csv"],
    ["list", "evil", "--all", "--format", "table", "--sort", "title"],
    ["show", "evil-twin", "--format", "table"],
    ["show", "evil-twin", "--format", "md"],
    ["show", "evil-\x1b[2Jid", "--format", "table"],
    ["history", "evil-twin", "--format", "table"],
    ["history", "evil-twin", "--format", "md"],
    ["log", "--format", "table"],
    ["log", "--format", "md"],
    ["log", "--format", "csv"],
    ["annotations", "evil-twin", "--format", "table"],
    ["annotations", "evil-twin", "--format", "md"],
    ["clashes", "--format", "table"],
    ["clashes", "--format", "md"],
    ["remind", "list", "--format", "table"],
    ["remind", "due", "--dry-run"],
    ["digest", "--format", "text", "--no-mark"],
    ["digest", "--format", "md", "--no-mark"],
    ["digest", "--format", "html", "--no-mark"],
    ["tag", EVIL_ID, "+fine", "--format", "table"],
    ["annotate", EVIL_ID, "fine", "--format", "table"],
    ["confirm", EVIL_ID, "--format", "table"],
    ["edit", EVIL_ID, "summary=fine", "--format", "table"],
    ["remind", "add", EVIL_ID, "--before", "3d", "--format", "table"],
]


@pytest.mark.parametrize("args", COMMANDS, ids=lambda a: " ".join(a).replace("\x1b", "ESC"))
def test_no_renderer_sends_a_control_character(db: str, args: list[str]) -> None:
    _poison(db)
    result = Cli(db)(*args)
    assert result.exit_code in (0, 1), (result.exit_code, result.stderr)
    shown = result.stdout + result.stderr
    assert "pwned" in shown or "\\x1b" in shown  # the poisoned values were shown, escaped
    _assert_clean(result.stdout, "stdout")
    _assert_clean(result.stderr, "stderr")


def test_the_tui_shows_no_control_character(db: str) -> None:
    _poison(db)
    seen: list[str] = []

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        for _ in range(len(screen.table.window.events)):
            current = screen.table.current
            if current is not None and current.id.startswith("evil"):
                await settle(pilot)
                seen.append(text_of(screen.query_one("#sheet", Static)))
                for y in range(screen.table.size.height):
                    seen.append(screen.table.render_line(y).text)
            await pilot.press("down")
            await settle(pilot)

    run(build(db, show_all=True), scenario)
    assert len(seen) > 2
    for text in seen:
        _assert_clean(text, "TUI")


@pytest.mark.parametrize(
    "args",
    [
        ["add", "Talks", "--date", "2027-03-01", "--org", "SCO", "--id", "bad\x1b]0;x\x07id"],
        ["add", "Talks", "--date", "2027-03-01", "--org", "SCO", "--id", "Has Spaces"],
        ["add", "Talks", "--date", "2027-03-01", "--org", "SCO", "--series", "a\x1b[2Jb"],
        ["edit", "sco-summer-games-2026", "series=a\x1b[2Jb"],
        ["edit", "sco-summer-games-2026", "series=Not A Slug"],
    ],
    ids=["id-escape", "id-spaces", "add-series", "edit-series", "edit-series-words"],
)
def test_ids_and_series_must_be_slugs(cli: Cli, args: list[str]) -> None:
    line = assert_refused(cli(*args), 2, "slug")
    _assert_clean(line, "error")


def test_a_slug_id_is_accepted(cli: Cli) -> None:
    added = cli("add", "Talks", "--date", "2027-03-01", "--org", "SCO", "--id", "talks-2027.v2")
    assert added.exit_code == 0, added.stderr
    assert cli.json("show", "talks-2027.v2")["id"] == "talks-2027.v2"

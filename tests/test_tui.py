"""The TUI driven like a desk officer would, through Textual's Pilot, on a real store."""

from __future__ import annotations

import io
import subprocess
import sys
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from textual.color import Color
from textual.command import CommandList, CommandPalette
from textual.filter import Monochrome
from textual.widgets import Input, Static, TextArea

from sco_cal.config.settings import Settings
from sco_cal.domain.edits import EDITABLE
from sco_cal.domain.event import Excerpt
from sco_cal.service import CalendarService
from sco_cal.store.seed_file import load_seed
from sco_cal.tui.dialogs import AnnotateDialog, MoveDialog, StateDialog, UnannotateDialog
from sco_cal.tui.screens.help import HelpScreen
from sco_cal.tui.screens.messages import TokenRead
from sco_cal.tui.screens.month import MonthScreen
from sco_cal.tui.screens.timeline import TimelineScreen
from sco_cal.tui.widgets.detail_pane import SHEET_ITEMS, DetailPane
from sco_cal.tui.widgets.facet_list import FacetList
from sco_cal.wiring import build_service
from tests.support.cli import Cli
from tests.support.databases import copy_sqlite
from tests.support.env import subprocess_env
from tests.support.tui import (
    TODAY,
    agenda,
    build,
    lines,
    open_with,
    run,
    settle,
    text_of,
    wait_until,
)

SUMMIT = "sco-heads-of-state-council-2026-bishkek"
BAR_START = 29  # at 100 columns the timeline's labels take 28 cells and a space


@pytest.fixture
def store(db_path: Path, seeded_sqlite: Path) -> Path:
    """A seeded SQLite store of the test's own, for the app and the CLI."""
    copy_sqlite(seeded_sqlite, db_path)
    return db_path


def sheet(pilot: Any) -> str:
    return text_of(agenda(pilot.app).query_one(DetailPane).query_one("#sheet", Static))


def plain(prompt: Any) -> str:
    """A facet's label as the screen shows it, on one line."""
    console = Console(width=60, record=True, file=io.StringIO())
    console.print(prompt)
    return console.export_text().strip()


def shown_ids(pilot: Any) -> list[str]:
    window = agenda(pilot.app).table.window
    assert window is not None
    return [e.id for e in window.events]


def test_opens_on_follow_ups_then_upcoming_events_with_the_first_one_open(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        table = lines(screen.table)
        assert table[0].split()[:3] == ["WHEN", "STATE", "ORG"]
        # The meetings needing follow-up come first, in a band counted in the header.
        assert table[1].startswith("!! needs follow-up")
        assert table[2].startswith("── September 2025")
        status = text_of(screen.query_one("#status", Static))
        assert status.startswith("upcoming · 1/27 · ! 17 need follow-up · today 23 Nov 2026")
        assert SUMMIT in shown_ids(pilot)  # the upcoming ones follow
        first = screen.table.current
        assert first is not None and first.needs_follow_up(date.fromisoformat(TODAY))
        assert first.title_en in sheet(pilot)

    run(build(store), scenario)


def test_search_filters_as_you_type_ignoring_case_accents_and_spelling(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        await open_with(pilot, "slash")
        await pilot.press(*"BICHK")
        await settle(pilot)
        assert shown_ids(pilot) == [SUMMIT]
        await pilot.press(*"ek")
        await settle(pilot)
        assert shown_ids(pilot) == [SUMMIT]
        assert SUMMIT in sheet(pilot)
        await pilot.press("escape")  # back to the list, the search kept
        screen = agenda(pilot.app)
        assert screen.table.has_focus and screen.query_one("#search", Input).value == "BICHKek"
        await pilot.press("escape")  # again: the search is cleared
        await settle(pilot)
        assert len(shown_ids(pilot)) == 27

    run(build(store), scenario)


def test_search_reads_accents_either_way(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        await open_with(pilot, "u")
        await open_with(pilot, "slash")
        await pilot.press(*"énergie")
        await settle(pilot)
        unaccented = shown_ids(pilot)
        assert unaccented
        pilot.app.screen.query_one("#search", Input).value = "ENERGIE"
        await settle(pilot)
        assert shown_ids(pilot) == unaccented

    run(build(store), scenario)


def test_facets_count_and_combine_with_the_search(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        facets = screen.query_one(FacetList)
        assert facets.display  # a wide terminal shows them from the start
        await open_with(pilot, "f")
        assert not facets.display
        await open_with(pilot, "f")
        assert facets.display and facets.has_focus
        ids = [o.id for o in facets.options]
        proposed = ids.index("status\tproposed")
        # Four upcoming, one past that needs follow-up.
        assert plain(facets.options[proposed].prompt).endswith(" 5")
        facets.highlighted = proposed
        await pilot.press("enter")
        await settle(pilot)
        window = screen.table.window
        assert window is not None and len(window.events) == 5
        assert {e.status.value for e in window.events} == {"proposed"}
        assert "proposed" in text_of(screen.query_one("#status", Static))
        await open_with(pilot, "slash")
        await pilot.press(*"climate")
        await settle(pilot)
        assert {e.status.value for e in screen.table.window.events} == {"proposed"}
        # Each facet counts without its own choice: other states still show counts.
        labels = [plain(o.prompt) for o in facets.options]
        assert any(label.startswith("[x] proposed") for label in labels)

    run(build(store), scenario, size=(150, 36))


def test_facets_name_organisations_and_states_in_french(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        facets = agenda(pilot.app).query_one(FacetList)
        labels = [plain(o.prompt) for o in facets.options if o.id]
        assert any(label.startswith("[ ] OCS ") for label in labels)
        assert any(label.startswith("[ ] provisoire ") for label in labels)
        english = ("[ ] SCO ", "[ ] CSTO ", "[ ] provisional ", "[ ] proposed ")
        assert not any(label.startswith(english) for label in labels)

    run(build(store, lang="fr"), scenario, size=(150, 36))


def _plain(prompt: Any) -> str:
    """An option's text: a command's prompt is Content, the no-match line a Rich visual."""
    plain = getattr(prompt, "plain", None)
    return str(plain if plain is not None else getattr(prompt, "renderable", prompt))


def test_textual_s_own_commands_speak_french(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        app = pilot.app
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert "Thème" in titles and "Capture d’écran" in titles
        assert not {"Theme", "Screenshot", "Keys"} & set(titles)
        await pilot.press("ctrl+p")
        await settle(pilot)
        assert isinstance(app.screen, CommandPalette)
        assert app.screen.query_one(Input).placeholder == "Chercher une commande…"
        await pilot.press(*"zzqx")
        shown: list[str] = []
        for _ in range(40):  # Textual says so after half a second without a match
            await pilot.pause(0.05)
            # (on a busy machine the hits of a prefix typed so far, "z", may show first)
            shown = [_plain(o.prompt) for o in app.screen.query_one(CommandList).options]
            if shown == ["Aucun résultat"]:
                break
        assert shown == ["Aucun résultat"]

    run(build(store, lang="fr"), scenario, size=(150, 36))


def test_moving_the_cursor_opens_the_event_below(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        second = screen.table.window.events[1]
        await pilot.press("down")
        await settle(pilot)
        assert screen.table.current == second
        assert second.title_en in sheet(pilot)
        assert "Sources (1)" in sheet(pilot)
        await pilot.press("enter")
        assert screen.query_one(DetailPane).has_focus

    run(build(store), scenario)


def test_annotating_in_a_multi_line_editor(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        await pilot.press("a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotateDialog)
        assert pilot.app.screen.query_one(TextArea).has_focus
        await pilot.press(*"Minister attends", "enter", *"briefing due on the 20th")
        await pilot.press("ctrl+s")
        await settle(pilot)
        assert pilot.app.screen is screen
        note = pilot.app.service.events.get(event.id).live_annotations[-1]
        assert note.text == "Minister attends\nbriefing due on the 20th"
        assert note.author == "tester"
        assert screen.table.current.id == event.id
        assert "briefing due on the 20th" in sheet(pilot)
        assert any("✎1" in line for line in lines(screen.table))

    run(build(store), scenario)


def test_a_sheet_with_hundreds_of_notes_shows_the_newest_and_counts_the_rest(
    store: Path,
) -> None:
    """Drawing every one of 900 notes and their history took the TUI a second each time
    a colleague wrote one; the sheet keeps the newest and says how many are older."""

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        for i in range(SHEET_ITEMS + 12):
            pilot.app.service.records.annotate(event.id, f"note number {i}")
        screen.reload(follow=event, keep_row=True)
        await settle(pilot)
        event_id = event.id
        shown = sheet(pilot)
        assert f"Annotations ({SHEET_ITEMS + 12})" in shown
        assert f"note number {SHEET_ITEMS + 11}" in shown and "note number 11\n" not in shown
        assert "note number 12" in shown
        assert f"… 12 earlier ones (sco-cal show {event_id} lists them all)" in shown

    run(build(store), scenario)


def test_an_empty_note_is_refused_with_a_message(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        await open_with(pilot, "a")
        await pilot.press("ctrl+s")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, AnnotateDialog)
        assert "empty" in text_of(dialog.query_one("#error", Static))
        await pilot.press("escape")
        assert pilot.app.screen is agenda(pilot.app)

    run(build(store), scenario)


def test_a_refusal_quoting_brackets_shows_them_as_typed(store: Path) -> None:
    """What the person typed comes back in the error as text, never as Rich markup
    (`[/b]` would not parse; `[b]` would be bold and vanish)."""

    async def scenario(pilot: Any) -> None:
        await pilot.press("p")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, MoveDialog)
        await pilot.press(*"[/b] [b]soon")
        await settle(pilot)
        assert "[/b] [b]soon" in text_of(dialog.query_one("#preview", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "cannot read date phrase '[/b] [b]soon'" in text_of(
            dialog.query_one("#error", Static)
        )

    run(build(store), scenario)


def test_changing_the_state_records_it_with_the_note(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        assert event.status.value == "provisional"
        await pilot.press("s")
        await settle(pilot)
        assert isinstance(pilot.app.screen, StateDialog)
        await pilot.press("enter")  # the first choice: confirmed
        pilot.app.screen.query_one("#note", Input).value = "MFA note"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = pilot.app.service.events.get(event.id)
        assert stored.status.value == "confirmed"
        assert stored.history[-1].note == "MFA note"
        assert screen.table.current.status.value == "confirmed"
        assert "confirmed" in lines(screen.table)[screen.table._cursor_line() + 1]

    run(build(store), scenario)


def test_postponing_refuses_an_unreadable_date_and_keeps_it(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        before = shown_ids(pilot).index(event.id)
        await pilot.press("p")
        await settle(pilot)
        dialog = pilot.app.screen
        assert isinstance(dialog, MoveDialog)
        await pilot.press(*"someday soon", "enter")
        await settle(pilot)
        assert pilot.app.screen is dialog
        assert "cannot read date phrase 'someday soon'" in text_of(
            dialog.query_one("#error", Static)
        )
        date_box = dialog.query_one("#date", Input)
        assert date_box.value == "someday soon"
        date_box.value = "début octobre 2027"
        await settle(pilot)
        assert "Oct 2027" in text_of(dialog.query_one("#preview", Static))
        await pilot.press("enter")
        await settle(pilot)
        assert pilot.app.screen is screen
        stored = pilot.app.service.events.get(event.id)
        assert (stored.status.value, stored.window.text) == ("postponed", "début octobre 2027")
        # The event moved to October 2027 and the cursor went with it.
        assert screen.table.current.id == event.id
        assert shown_ids(pilot).index(event.id) > before

    run(build(store), scenario)


def test_the_timeline_draws_the_year_and_returns_to_an_event(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        await open_with(pilot, "slash")
        await pilot.press(*"bishkek")
        await open_with(pilot, "enter")
        await open_with(pilot, "t")
        await settle(pilot)
        timeline = pilot.app.screen
        assert isinstance(timeline, TimelineScreen)
        drawn = lines(timeline.chart)
        assert drawn[0].startswith("2026") and "Jan" in drawn[0] and "▼" in drawn[0]
        assert drawn[1].startswith("events per month")
        bar = next(line for line in drawn if line.startswith("SCO Summit"))[BAR_START:]
        # Provisional (▓) over the second half of the year, as vague as "H2 2026".
        assert bar.index("▓") in range(len(bar) // 2 - 1, len(bar) // 2 + 2)
        assert bar.rstrip().endswith("▓") and bar.count("▓") >= len(bar) // 2 - 1
        assert text_of(timeline.query_one("#status", Static)).startswith(
            "Timeline 2026 · 1 event ·"
        )
        await pilot.press("right")
        await settle(pilot)
        assert lines(timeline.chart)[0].startswith("2027")
        await open_with(pilot, "left")
        await pilot.press("enter")
        await settle(pilot)
        screen = agenda(pilot.app)
        assert pilot.app.screen is screen and screen.table.current.id == SUMMIT

    run(build(store), scenario)


def test_a_cli_write_shows_up_while_the_app_runs(store: Path) -> None:
    cli = Cli(str(store))

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        await pilot.press("down", "down")
        await settle(pilot)
        selected = screen.table.current.id
        result = cli("annotate", SUMMIT, "Written from cron")
        assert result.exit_code == 0, result.output
        result = cli("confirm", SUMMIT, "--note", "announced")
        assert result.exit_code == 0, result.output
        screen.poll()  # what the timer runs every two seconds
        await settle(pilot)
        assert screen.table.current.id == selected
        summit = next(e for e in screen.table.window.events if e.id == SUMMIT)
        assert (summit.status.value, summit.annotation_count) == ("confirmed", 1)

    run(build(store), scenario)


def test_a_change_seen_while_the_agenda_moves_to_an_event_still_lands_on_it(
    store: Path,
) -> None:
    cli = Cli(str(store))

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        before = screen.table.current.id
        target = next(e for e in screen.table.window.events[5:] if e.id != before)
        # As after applying a review: the agenda is asked to land on an event, and the
        # poll's news of the write arrives before that reload has been shown.
        assert cli("annotate", target.id, "from the review").exit_code == 0
        assert screen.token is not None
        screen.reload(follow=target)
        screen.on_token_read(TokenRead((*screen.token, 1)))
        await settle(pilot)
        assert screen.table.current.id == target.id

    run(build(store), scenario)


def test_the_timer_brings_changes_without_a_key_pressed(store: Path) -> None:
    app = build(store)
    app.poll_seconds = 0.2

    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        selected = screen.table.current.id
        Cli(str(store))("annotate", selected, "from another desk")
        await wait_until(pilot, lambda: "from another desk" in sheet(pilot), seconds=10)
        assert screen.table.current.id == selected

    run(app, scenario)


def test_keys_come_from_the_config_and_the_help_lists_them(store: Path) -> None:
    settings = Settings(author="tester", keymap={"annotate": "ctrl+a"})

    async def scenario(pilot: Any) -> None:
        await pilot.press("a")
        await settle(pilot)
        assert pilot.app.screen is agenda(pilot.app)
        await pilot.press("ctrl+a")
        await settle(pilot)
        assert isinstance(pilot.app.screen, AnnotateDialog)
        await open_with(pilot, "escape")
        await open_with(pilot, "question_mark")
        help_screen = pilot.app.screen
        assert isinstance(help_screen, HelpScreen)
        console = Console(record=True, width=100)
        console.print(help_screen.query(Static).last().content)
        rows = {
            (line.split()[0], line.split()[-1])
            for line in console.export_text().splitlines()
            if line.strip()
        }
        assert {("^a", "annotate"), ("t", "timeline"), ("q", "quit"), ("esc", "back")} <= rows
        await pilot.press("escape")
        assert pilot.app.screen is agenda(pilot.app)

    run(build(store, settings=settings), scenario)


def test_reminders_tags_and_new_events_from_their_dialogs(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        today = pilot.app.service.today
        # The agenda opens on the meetings awaiting follow-up; a lead time is for one ahead.
        for _ in range(40):
            if not screen.table.current.needs_follow_up(today):
                break
            await pilot.press("down")
        event = screen.table.current
        await open_with(pilot, "r")
        await pilot.press(*"14d", "enter")
        await settle(pilot)
        assert [r.spec for r in pilot.app.service.reminders.stored(event.id)] == ["14d"]
        assert "Reminders (1)" in sheet(pilot)
        await open_with(pilot, "plus")
        await pilot.press(*"briefing", "enter")
        await settle(pilot)
        assert pilot.app.service.events.get(event.id).tags == ("briefing",)
        await pilot.press("n")
        await settle(pilot)
        dialog = pilot.app.screen
        for field, value in (
            ("title", "Energy ministers"),
            ("date", "mi-mai 2027"),
            ("country", "Kirghizstan"),
        ):
            dialog.query_one(f"#{field}", Input).value = value
        await pilot.press("ctrl+s")
        await settle(pilot)
        created = screen.table.current
        assert (created.title_en, created.country, created.origin) == (
            "Energy ministers",
            "KG",
            "user",
        )

    run(build(store), scenario)


def test_past_and_closed_events_show_around_a_today_marker(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        table = lines(screen.table)
        marker = next(
            i for i, line in enumerate(table) if line.startswith("━━ today · 23 Nov 2026")
        )
        # The first event after today: the year 2026, read after December 2026.
        assert screen.table.current.window.precision.value == "year"
        assert table[marker + 1].startswith("── 2026")
        meetings = sum(s.event.kind.value != "signing" for s in load_seed().events)
        assert f"/{meetings} · ! 17 need follow-up" in text_of(screen.query_one("#status", Static))
        await pilot.press("u")
        await settle(pilot)
        assert len(shown_ids(pilot)) == 27

    run(build(store, show_all=True), scenario)


def test_at_80_by_24_the_list_the_event_and_the_keys_fit(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        assert screen.table.size.height >= 10 and screen.table.size.width == 80
        assert screen.query_one(DetailPane).size.height >= 7
        assert all(len(line) <= 80 for line in lines(screen.table))
        assert lines(screen.table)[1].startswith("!! needs follow-up")
        await pilot.press("s")
        await settle(pilot)
        dialog = pilot.app.screen.query_one("#dialog")
        assert dialog.region.height <= 24 and pilot.app.screen.query_one("#save").region.y < 24

    run(build(store), scenario, size=(80, 24))


def test_the_command_palette_offers_every_action(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        titles = {c.title for c in pilot.app.get_system_commands(pilot.app.screen)}
        assert {"Annotate", "Change state", "Postpone", "Timeline", "New event"} <= titles

    run(build(store), scenario)


def test_the_tui_command_needs_a_terminal(store: Path) -> None:
    result = Cli(str(store))("tui")
    assert result.exit_code == 2
    assert "needs a terminal" in result.stderr


def test_sco_cal_alone_without_a_terminal_prints_help(isolated_env: Path) -> None:
    run_ = subprocess.run(
        [sys.executable, "-m", "sco_cal"],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
        env=subprocess_env(isolated_env),
        timeout=60,
    )
    assert "Usage:" in run_.stdout + run_.stderr
    assert " tui " in run_.stdout + run_.stderr


def test_no_color_draws_in_shades_of_grey(store: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NO_COLOR", "1")

    def through_the_filter(widget: Any) -> None:
        # What Textual does to every line when NO_COLOR is set.
        for y in range(widget.size.height):
            grey = widget.render_line(y).apply_filter(Monochrome(), Color(0, 0, 0))
            assert all(s.style is not None and not _hue(s.style) for s in grey)

    async def scenario(pilot: Any) -> None:
        assert pilot.app.no_color
        through_the_filter(agenda(pilot.app).table)
        await open_with(pilot, "t")
        through_the_filter(pilot.app.screen.chart)

    run(build(store), scenario)


def _hue(style: Any) -> bool:
    colors = [c for c in (style.color, style.bgcolor) if c is not None and c.triplet]
    return any(len({c.triplet.red, c.triplet.green, c.triplet.blue}) > 1 for c in colors)


def test_the_detail_pane_and_show_print_one_sheet(cli: Cli, service: CalendarService) -> None:
    from sco_cal.tui.widgets.detail_pane import DetailPane, render_sheet

    target = "sco-summer-games-2026"
    assert cli("annotate", target, "Two lines:\nsecond").exit_code == 0
    shown = cli("show", target, "--format", "table").stdout.rstrip("\n")
    event = service.events.get(target)
    pane = DetailPane(today=service.today, lang="en")
    assert render_sheet(Excerpt.whole(event), event.reminders, pane).plain.rstrip("\n") == shown
    assert "Wording:" in shown and "Annotations (1)" in shown and "    second" in shown


# The title's share of a row, and where the panes go, at the sizes desks use: the title
# keeps at least 30 cells at 80 columns and 50 at 120, whatever panes are shown.
@pytest.mark.parametrize(
    ("size", "least_title", "facets_docked", "detail_beside"),
    [
        ((80, 24), 30, False, False),
        ((100, 30), 40, False, False),
        ((120, 40), 50, False, False),
        ((200, 50), 50, True, True),
    ],
)
def test_the_title_gets_the_largest_share_at_every_size(
    store: Path,
    size: tuple[int, int],
    least_title: int,
    facets_docked: bool,
    detail_beside: bool,
) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        table = screen.table
        cols = table.columns(table.size.width)
        assert cols.title >= least_title
        assert cols.title > max(cols.when, cols.state, cols.org, cols.place)
        assert screen.query_one(FacetList).display is facets_docked
        detail = screen.query_one(DetailPane)
        assert detail.display
        beside = detail.region.x > table.region.x
        assert beside is detail_beside
        rows = lines(table)
        # No row wraps or runs over: every line fits, and the WHEN of the longest label
        # seen in the seed ("30 Oct-13 Nov 2025") is whole.
        assert all(len(line) <= table.size.width for line in rows)
        assert any("30 Oct-13 Nov 2025" in line for line in rows)

    run(build(store), scenario, size=size)


async def month_of_the_unesco_conference(pilot: Any) -> MonthScreen:
    """The month view opened on the UNESCO General Conference (30 Oct-13 Nov 2025), the
    agenda searched for it."""
    await open_with(pilot, "slash")
    await pilot.press(*"unesco general")
    await settle(pilot)
    await pilot.press("escape")
    await open_with(pilot, "m")
    month = pilot.app.screen
    assert isinstance(month, MonthScreen)
    return month


def test_the_month_view_marks_days_moves_and_opens_a_day_in_the_agenda(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        month = await month_of_the_unesco_conference(pilot)
        grid = lines(month.grid)
        assert "October 2025" in grid[0] and grid[1].split()[0] == "Wk"
        assert any(line.split()[0] == "44" and "30◐" in line for line in grid)
        assert "43rd Session of the UNESCO" in text_of(month.query_one("#days", Static))
        await open_with(pilot, "pagedown")
        assert "November 2025" in lines(month.grid)[0]
        await open_with(pilot, "pageup")
        await open_with(pilot, "enter")  # the day picked: back in the agenda, at that day
        assert pilot.app.screen is screen
        assert screen.table.current is not None
        assert screen.table.current.id == "unesco-general-conference-43"

    run(build(store), scenario, size=(120, 40))


def test_the_month_view_draws_a_month_again_as_it_is_stored_now(store: Path) -> None:
    """Months beside the one shown are read ahead and kept; one shown again after a
    write shows the write, not what was read before it."""

    def week_44(month: MonthScreen) -> str:
        return next(line for line in lines(month.grid) if line.split()[0] == "44")

    async def scenario(pilot: Any) -> None:
        agenda(pilot.app)
        month = await month_of_the_unesco_conference(pilot)
        await open_with(pilot, "pagedown")  # November 2025: the conference's last days
        assert "1◐" in week_44(month)
        await open_with(pilot, "pageup")
        assert "30◐" in week_44(month)
        pilot.app.service.records.change_status("unesco-general-conference-43", "held")
        await open_with(pilot, "pagedown")
        assert "November 2025" in lines(month.grid)[0]
        assert "1✓" in week_44(month) and "◐" not in week_44(month)

    run(build(store), scenario, size=(120, 40))


def test_delete_undo_and_restore_from_the_agenda(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        await open_with(pilot, "x")
        await open_with(pilot, "y")
        assert event.id not in shown_ids(pilot)
        assert pilot.app.service.events.deleted()[0].id == event.id
        await open_with(pilot, "z")  # undo: the event is back
        assert event.id in shown_ids(pilot)
        actions = [h.action for h in pilot.app.service.events.history(event.id)]
        assert actions[-2:] == ["delete", "undo"]

    run(build(store), scenario)


def test_the_edit_dialog_offers_every_field_edit_takes(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        await open_with(pilot, "e")
        dialog = pilot.app.screen
        for field in EDITABLE:  # every field `sco-cal edit` takes
            assert dialog.query_one(f"#edit-{field}", Input) is not None
        dialog.query_one("#edit-title_en", Input).value = "Intervision, renamed"
        dialog.query_one("#edit-cities", Input).value = "Kazan"
        await pilot.press("ctrl+s")
        await settle(pilot)
        stored = pilot.app.service.events.get(event.id)
        assert (stored.title_en, stored.cities) == ("Intervision, renamed", ("Kazan",))
        edit = stored.history[-1]
        assert edit.action == "edit" and set(edit.fields) == {"title_en", "cities"}

    run(build(store), scenario)


def test_hidden_panes_are_remembered_in_the_config(store: Path, isolated_env: Path) -> None:
    config = isolated_env / "config.toml"

    async def hide(pilot: Any) -> None:
        await open_with(pilot, "f")
        await open_with(pilot, "o")

    run(build(store), hide, size=(200, 50))
    assert "[tui]" in config.read_text() and "facets = false" in config.read_text()
    _, settings = build_service(db=str(store), today=TODAY)

    async def reopened(pilot: Any) -> None:
        screen = agenda(pilot.app)
        assert not screen.query_one(FacetList).display
        assert not screen.query_one(DetailPane).display

    run(build(store, settings=settings), reopened, size=(200, 50))


def test_a_note_is_deleted_from_the_agenda_and_kept_in_history(store: Path) -> None:
    async def scenario(pilot: Any) -> None:
        screen = agenda(pilot.app)
        event = screen.table.current
        pilot.app.service.records.annotate(event.id, "first note")
        pilot.app.service.records.annotate(event.id, "a note typed in error")
        await open_with(pilot, "A")
        dialog = pilot.app.screen
        assert isinstance(dialog, UnannotateDialog)
        await settle(pilot)
        await pilot.press("enter")  # the newest note is highlighted first
        await settle(pilot)
        assert pilot.app.screen is screen
        notes = pilot.app.service.events.get(event.id).annotations
        live = [a.text for a in notes if a.deleted_at is None]
        assert live == ["first note"]
        assert pilot.app.service.events.history(event.id)[-1].action == "unannotate"

    run(build(store), scenario)

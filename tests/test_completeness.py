"""Nothing reaches a French reader in English: every command, its help and its errors run
under a pseudo-French catalogue that brackets each translated message (⟦...⟧), and any
word shown outside the brackets must be data (titles, ids, excerpts, notes, places) or
the domain's own French vocabulary (month names, countries, themes), never text that
skipped the catalogue.
"""

from __future__ import annotations

import html
import re
from collections.abc import Iterator
from datetime import date
from functools import partial
from pathlib import Path
from typing import Any

import pytest
from babel.messages.catalog import Catalog
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from textual.binding import Binding

import sco_cal.i18n
from sco_cal.domain.date_labels import month_name, weekday_name
from sco_cal.domain.dates import Precision
from sco_cal.domain.durations import Duration, Unit, format_duration
from sco_cal.domain.edits import EDITABLE
from sco_cal.domain.event import Kind
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.organisations import all_organisations
from sco_cal.domain.places import all_countries
from sco_cal.domain.query import EventFilter, Scope, SortKey
from sco_cal.domain.themes import all_themes
from sco_cal.i18n import DOMAIN, LOCALE_DIR, use
from sco_cal.output.digest_md import md_text
from sco_cal.service import CalendarService
from sco_cal.store.digests import DigestReads
from sco_cal.store.store import Store
from sco_cal.store.target import resolve_target
from sco_cal.tui.app import ScoCalApp
from sco_cal.tui.dialogs.base import EventDialog
from sco_cal.tui.screens.agenda import AgendaScreen
from sco_cal.tui.screens.month import MonthScreen
from sco_cal.tui.screens.review import ReviewScreen
from sco_cal.tui.screens.timeline import TimelineScreen
from sco_cal.tui.widgets.event_window import EventWindow
from sco_cal.tui.widgets.month_grid import MonthGrid
from sco_cal.tui.widgets.review_list import ReviewList
from sco_cal.wiring import build_service
from tests.support.cli import TODAY, Cli
from tests.support.databases import copy_sqlite
from tests.support.tui import build, open_with, run, settle

OPEN, CLOSE = "⟦", "⟧"
INNERMOST = re.compile(f"{OPEN}[^{OPEN}{CLOSE}]*{CLOSE}")
WORD = re.compile(r"[^\W\d_]{2,}")
# What is code, not language: options, metavars and Typer's choices ([table|json]).
CODE = re.compile(r"\S*/\S*|--?[\w-]+|\b[A-Z][A-Z_]+\b|\[[a-z|-]+\]|`[^`]*`|<[^<>]*>|\{\w+\}|\w+…")


@pytest.fixture
def db(seeded_sqlite: Path, db_path: Path) -> str:
    """SQLite only: what people read does not depend on the engine."""
    copy_sqlite(seeded_sqlite, db_path)
    return str(db_path)


def pseudo(text: str) -> str:
    """`error: {message}` as `⟦error: ⟧{message}`: what fills a placeholder stays outside
    the brackets, so an English message passed into a French one is still caught."""
    parts = re.split(r"((?<!\{)\{[^{}]*\}(?!\}))", text)  # "{{ }}" is text, not a field
    return "".join(
        p if re.fullmatch(r"\{[^{}]*\}", p) or not p.strip() else f"{OPEN}{p}{CLOSE}" for p in parts
    )


@pytest.fixture(scope="session")
def pseudo_catalogue(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A locale folder whose French catalogue gives every message as its English msgid
    in brackets (built once: reading the French catalogue takes a tenth of a second)."""
    with (LOCALE_DIR / "fr" / "LC_MESSAGES" / f"{DOMAIN}.po").open("rb") as file:
        french = read_po(file, locale="fr")
    marked = Catalog(locale="fr")
    marked._num_plurals, marked._plural_expr = 2, "(n > 1)"  # as the French catalogue
    for message in list(french)[1:]:
        if isinstance(message.id, tuple | list):
            marked.add(message.id, tuple(pseudo(i) for i in message.id))
        else:
            marked.add(message.id, pseudo(message.id))
    locale = tmp_path_factory.mktemp("pseudo") / "locale"
    folder = locale / "fr" / "LC_MESSAGES"
    folder.mkdir(parents=True)
    with (folder / f"{DOMAIN}.mo").open("wb") as file:
        write_mo(file, marked)
    return locale


@pytest.fixture
def pseudo_french(pseudo_catalogue: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    """French whose every message is its English msgid in brackets."""
    monkeypatch.setattr(sco_cal.i18n, "LOCALE_DIR", pseudo_catalogue)
    monkeypatch.setenv("COLUMNS", "400")  # titles whole, not cut short
    yield
    use("en")


def domain_vocabulary() -> set[str]:
    """The French that the domain writes itself: it is data, not the catalogue's."""
    texts = [month_name(m, "fr", short) for m in range(1, 13) for short in (True, False)]
    texts += [weekday_name(d, "fr", short) for d in range(7) for short in (True, False)]
    texts += [format_duration(Duration(n, u), "fr") for n in (1, 2) for u in Unit]
    texts += ["à partir de du d’ l’ début mi fin printemps été automne hiver er"]
    texts += [c.name_fr for c in all_countries()]
    texts += [o.name_fr for o in all_organisations()]
    texts += [t.label_fr for t in all_themes()] + [t.id for t in all_themes()]
    # Enumerated values are code, English in every language: choices, defaults, JSON.
    texts += [
        *ConfirmationState,
        *Kind,
        *Precision,
        *SortKey,
        "table tsv json csv md text html ics",
    ]
    texts += EDITABLE  # the field names of `edit FIELD=VALUE`
    return {w.lower() for t in texts for w in WORD.findall(t)}


def data(service: CalendarService, store: Store) -> list[str]:
    """Every text of the store that is shown as it is, longest first."""
    texts: list[str] = []
    for event in service.events.find(EventFilter(scope=Scope.ALL), details=True):
        texts += [event.id, event.title, event.title_en or "", event.window.text]
        texts += [event.summary or "", *(h.note or "" for h in event.history)]
        texts += [*(h.author for h in event.history), *(h.source or "" for h in event.history)]
        texts += [*event.cities, *event.tags, event.series or ""]
        texts += [s.document for s in event.sources] + [s.excerpt for s in event.sources]
        texts += [a.text for a in event.annotations]
    for entry in service.events.log(limit=None):
        texts += [entry.author, entry.note or "", entry.source or ""]
        texts += [v or "" for c in entry.changes for v in (c.old, c.new)]
    texts += list(DigestReads(store.reader.rows).documents().values())
    texts += [md_text(t) for t in texts]  # as the Markdown digest escapes them
    return sorted({t for t in texts if len(t) > 1}, key=len, reverse=True)


def _blank_prefix(stored: str, match: re.Match[str]) -> str:
    """The match blanked out when it is the start of `stored`, cut short."""
    shown = " ".join(match.group().removesuffix("…").split())
    return (
        re.sub(r"\S", " ", match.group())
        if " ".join(stored.split()).startswith(shown)
        else (match.group())
    )


def _opening(stored: str) -> str:
    """What any sight of `stored`, even cut short to its first characters, contains."""
    words = stored[: max(1, min(16, len(stored) - 4))].split()
    return words[0] if words else ""


def untranslated(output: str, shown_as_stored: list[str], allowed: set[str]) -> list[str]:
    """The lines of `output` with a word that went around the catalogue."""
    text = output
    # A text shows only where its opening does: the others cost no regular expression.
    shown_as_stored = [s for s in shown_as_stored if _opening(s) in output]
    # Cut short to fit a line ("Forum d’experts sur…"), or by a dialog's border.
    for stored in shown_as_stored:
        if len(stored) > 8:
            start = r"\s+".join(re.escape(w) for w in stored[: min(16, len(stored) - 4)].split())
            # Not from within a longer text: "de la Conférence…" is not "Conférence…".
            text = re.sub(
                r"(?<!\w)(?<![^\W\d_]\s)" + start + r"[^\n…█]*(?:…|(?=█))",
                partial(_blank_prefix, stored),
                text,
            )
    for stored in shown_as_stored:  # wherever a line was wrapped inside it, too
        pattern = r"\s+".join(re.escape(w) for w in stored.split())
        text = re.sub(pattern, lambda m: re.sub(r"\S", " ", m.group()), text)
    while INNERMOST.search(text):  # a message wrapped over lines is still one message
        text = INNERMOST.sub(lambda m: re.sub(r"\S", " ", m.group()), text)
    found = []
    for line, left in zip(output.splitlines(), text.splitlines(), strict=True):
        stray = [w for w in WORD.findall(CODE.sub(" ", left)) if w.lower() not in allowed]
        if stray:
            found.append(f"{line.strip()}   <- {' '.join(stray)}")
    return found


RUNS: list[tuple[str, ...]] = [
    ("--help",),
    *[
        (*command.split(), "--help")
        for command in (
            "list show history log annotations clashes annotate unannotate status confirm "
            "cancel held postpone reschedule edit tag add rm restore undo cal next init seed db "
            "export import digest ingest tui remind sync"
        ).split()
    ],
    *[("db", sub, "--help") for sub in ("path", "check", "backup", "restore")],
    *[("remind", sub, "--help") for sub in ("add", "list", "rm", "snooze", "due")],
    ("list", "--format", "table", "--all"),
    ("list", "nothing-matches-this", "--format", "table"),
    ("show", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    (
        "annotate",
        "sco-heads-of-state-council-2026-bishkek",
        "Le ministre y assistera.",
        "--format",
        "table",
    ),
    ("annotations", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    ("unannotate", "sco-heads-of-state-council-2026-bishkek", "1", "--format", "table"),
    (
        "confirm",
        "sco-heads-of-state-council-2026-bishkek",
        "--note",
        "Note du MAE",
        "--format",
        "table",
    ),
    (
        "postpone",
        "sco-heads-of-state-council-2026-bishkek",
        "début octobre 2026",
        "--format",
        "table",
    ),
    ("reschedule", "sco-heads-of-state-council-2026-bishkek", "octobre 2026", "--format", "table"),
    ("edit", "sco-heads-of-state-council-2026-bishkek", "city=Bichkek", "--format", "table"),
    ("tag", "sco-heads-of-state-council-2026-bishkek", "+suivi", "--format", "table"),
    ("history", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    ("log", "--format", "table"),
    ("clashes", "--format", "table", "--possible"),
    (
        "remind",
        "add",
        "sco-heads-of-state-council-2026-bishkek",
        "--before",
        "30d",
        "--format",
        "table",
    ),
    ("remind", "list", "--format", "table"),
    ("remind", "snooze", "1", "3d", "--format", "table"),
    ("digest", "--no-mark"),
    ("digest", "--no-mark", "--format", "md"),
    ("seed", "--format", "table"),
    ("add", "Réunion d’essai", "--date", "mai 2027", "--org", "OCS", "--format", "table"),
    ("cancel", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    ("postpone", "sco-heads-of-state-council-2026-bishkek", "sine die", "--format", "table"),
    ("remind", "add", "sco-heads-of-state-council-2026-bishkek", "--on", "2026-12-01"),
    ("remind", "add", "sco-heads-of-state-council-2026-bishkek", "-b", "7d", "--when-dated"),
    ("rm", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    ("restore", "sco-heads-of-state-council-2026-bishkek", "--format", "table"),
    ("undo",),
    ("cal", "2026-07"),
    ("cal", "2026-07-08", "--week"),
    ("list", "--format", "table", "--all", "--past"),
    # errors
    ("list", "--bogus"),
    ("list", "--format", "pdf"),
    ("list", "--sort", "colour"),
    ("show",),
    ("show", "no-such-event"),
    ("show", "sco-heads"),
    ("status", "sco-heads-of-state-council-2026-bishkek", "maybe"),
    ("postpone", "sco-heads-of-state-council-2026-bishkek", "a week of Sundays"),
    ("list", "--country", "Atlantis"),
    ("list", "--all", "--past"),
    ("edit", "sco-heads-of-state-council-2026-bishkek", "colour=red"),
    ("digest", "--since", "2099-01-01"),
    ("remind", "rm", "999"),
    ("list", "--limit", "0"),
    ("restore", "sco-heads-of-state-council-2026-bishkek"),
    ("next", "--format", "{colour}"),
    ("remind", "add", "sco-heads-of-state-council-2026-bishkek", "-b", "7d", "--on", "hier"),
    ("sync",),
    ("sync", "ftp://example.org/cal"),
    ("reschedule", "sco-heads-of-state-council-2026-bishkek", "semaine 60"),
    ("ingest", "absent.txt"),
    ("add", " ", "--date", "mai 2027", "--org", "OCS"),
    ("annotate", "sco-heads-of-state-council-2026-bishkek", " "),
]


def test_the_pseudo_catalogue_is_the_one_spoken(pseudo_french: None, cli: Cli) -> None:
    shown = cli("list", "--help", "--lang", "fr").stdout
    assert f"{OPEN}Usage: {CLOSE}sco-cal list" in shown
    assert f"{OPEN}Show this message and exit.{CLOSE}" in shown


@pytest.mark.parametrize("args", RUNS, ids=" ".join)
def test_every_cli_text_passes_through_the_catalogue(
    pseudo_french: None,
    cli: Cli,
    service: CalendarService,
    store: Store,
    args: tuple[str, ...],
) -> None:
    result = cli(*args, "--lang", "fr")
    output = result.stdout + result.stderr
    assert output.strip(), "the command said nothing"
    typed = {w.lower() for a in args for w in WORD.findall(a)} | {"tester", "sco", "cal"}
    assert untranslated(output, data(service, store), domain_vocabulary() | typed) == []


# The TUI, key by key from the agenda: each screen and dialog, then back (escape).
TUI_STEPS: list[tuple[str, ...]] = [
    (),
    ("question_mark",),
    ("t",),
    ("m",),
    ("f",),
    ("enter",),
    *[(key,) for key in ("a", "A", "e", "s", "p", "d", "r", "plus", "n", "x", "v", "i")],
]


def screen_text(svg: str) -> str:
    """The characters of a Textual screenshot, row by row."""
    rows: dict[float, list[tuple[float, str]]] = {}
    for m in re.finditer(r'<text class="[^"]*" x="([\d.]+)" y="([\d.]+)"[^>]*>(.*?)</text>', svg):
        text = html.unescape(re.sub(r"<[^>]+>", "", m.group(3)))
        rows.setdefault(float(m.group(2)), []).append((float(m.group(1)), text))
    return "\n".join(
        "".join(t for _x, t in sorted(cells)).replace("\u00a0", " ")
        for _y, cells in sorted(rows.items())
    )


@pytest.fixture
def small_store(db_path: Path) -> Iterator[tuple[str, CalendarService, Store]]:
    """Two short meetings, one with a note and a reminder: on a screen, what is not the
    catalogue's is this little data, never wrapped across panes."""
    cli = Cli(str(db_path))
    assert cli("init", "--empty").exit_code == 0
    for title, when in (("Réunion d’essai", "mai 2027"), ("Forum test", "2025-10-02")):
        added = cli("add", title, "--date", when, "--org", "OCS", "--city", "Bichkek")
        assert added.exit_code == 0, added.output
    first = cli.json("list")[0]["id"]
    assert cli("annotate", first, "Note brève").exit_code == 0
    assert cli("remind", "add", first, "--before", "14d", "--when-dated").exit_code == 0
    service, _settings = build_service(db=str(db_path), today=date.fromisoformat(TODAY))
    store = Store(resolve_target(str(db_path)))
    yield str(db_path), service, store
    store.close()
    service.close()


@pytest.mark.parametrize("keys", TUI_STEPS, ids=lambda keys: " ".join(keys) or "agenda")
def test_every_tui_screen_passes_through_the_catalogue(
    pseudo_french: None, small_store: tuple[str, CalendarService, Store], keys: tuple[str, ...]
) -> None:
    db, service, store = small_store
    app = build(db, lang="fr")
    shown: list[str] = []
    ids: set[str] = set()

    async def visit(pilot: Any) -> None:
        await settle(pilot)
        for key in keys:
            await open_with(pilot, key)
        shown.append(screen_text(app.export_screenshot()))
        for binding in app.screen.BINDINGS:
            if isinstance(binding, Binding):
                ids.update(WORD.findall(binding.id or ""))

    run(app, visit, size=(250, 50))
    for shown_by in (ScoCalApp, AgendaScreen, EventWindow, TimelineScreen, MonthScreen, MonthGrid):
        ids.update(
            w for b in shown_by.BINDINGS if isinstance(b, Binding) for w in WORD.findall(b.id or "")
        )
    for shown_by in (ReviewScreen, ReviewList, EventDialog):
        ids.update(
            w for b in shown_by.BINDINGS if isinstance(b, Binding) for w in WORD.findall(b.id or "")
        )
    keys_shown = {"esc", "enter", "ctrl", "pgup", "pgdn", "home", "end", "tab"}
    allowed = domain_vocabulary() | keys_shown | ids | {"sco", "cal", "tester", "seed", "id"}
    assert untranslated(uncut(shown[0]), data(service, store), allowed) == []


def uncut(screen: str) -> str:
    """A message cut short by a dialog's border or the screen's edge still shows that it
    came from the catalogue (its bracket), and so does one wrapped inside a pane: the part of it left on screen is blanked."""
    lines = []
    for line in screen.splitlines():
        line = re.sub(f"{OPEN}[^{OPEN}{CLOSE}█│]*(?=[█│]|$)", lambda m: " " * len(m.group()), line)
        line = re.sub(
            f"(?<=[█│])[^{OPEN}{CLOSE}█│]*{CLOSE}|^[^{OPEN}{CLOSE}█│]*{CLOSE}",
            lambda m: " " * len(m.group()),
            line,
        )
        lines.append(line)
    return "\n".join(lines)

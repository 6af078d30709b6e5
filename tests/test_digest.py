"""The daily digest: its sections in order, at fixed days, in text, Markdown, HTML and JSON."""

from __future__ import annotations

import json
import re
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.digest import SECTIONS, ChangeKind, build_digest
from sco_cal.domain.event import Event, HistoryEntry, Kind, Source
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.store.seed_file import load_seed
from tests.support.cli import Cli
from tests.support.env import subprocess_env
from tests.support.modules import modules_after_command

BULLETIN = "000_946a16491ebacd0d.txt"
LONG_AGO = "2000-01-01"
HEADINGS = (
    "Today (",
    "Coming up in the next",
    "Reminders due (",
    "Awaiting confirmation",
    "Needs follow-up (",
    "Changed since",
)
SCHEMA = json.loads(
    files("sco_cal").joinpath("schemas/digest.schema.json").read_text(encoding="utf-8")
)
VALIDATOR = jsonschema.Draft202012Validator(
    SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER
)


def digest_json(cli: Cli, *args: str, today: str = "2026-11-23") -> dict[str, Any]:
    """`digest --format json`, checked against the published JSON Schema."""
    result = cli("digest", "--format", "json", *args, today=today)
    assert result.exit_code == 0, result.stderr
    data: dict[str, Any] = json.loads(result.stdout)
    VALIDATOR.validate(data)
    return data


def digest_text(cli: Cli, *args: str, today: str = "2026-11-23", fmt: str = "text") -> str:
    result = cli("digest", "--format", fmt, *args, today=today)
    assert result.exit_code == 0, result.stderr
    return str(result.stdout)


def ids(items: list[dict[str, Any]]) -> list[str]:
    return [i.get("id") or i["event_id"] for i in items]


def bulletin_follow_ups(today: date) -> set[str]:
    """From the seed file itself: bulletin items whose window ended with no outcome."""
    return {
        item.event.id
        for item in load_seed().events
        if any(s.document == BULLETIN for s in item.event.sources)
        and item.event.kind is not Kind.SIGNING
        and item.event.needs_follow_up(today)
    }


def test_seed_digest_names_every_bulletin_item_without_an_outcome(cli: Cli) -> None:
    expected = bulletin_follow_ups(date(2026, 11, 23))
    assert len(expected) >= 10
    data = digest_json(cli)
    follow_ups = data["sections"]["needs_follow_up"]
    assert data["counts"]["needs_follow_up"] == len(follow_ups)
    assert {f["id"] for f in follow_ups if BULLETIN in f["documents"]} == expected
    by_document = {d["document"]: d for d in data["follow_up_by_document"]}
    assert by_document[BULLETIN]["count"] == len(expected)
    assert "Bulletin" in by_document[BULLETIN]["title"]
    ends = [(f["start"], f["end"]) for f in follow_ups]
    assert ends == sorted(ends), "oldest first"

    text = digest_text(cli, "--no-mark")
    section = text[text.index(f"Needs follow-up ({len(follow_ups)})") :]
    assert f"{len(expected)} from {BULLETIN}" in " ".join(section.split())
    for event_id in expected:
        assert f"[{event_id}]" in section
    assert "nobody recorded whether the meeting was held, cancelled or postponed" in " ".join(
        section.split()
    )


def test_november_2025_meetings_are_coming_up_on_1_november(cli: Cli) -> None:
    november = {
        item.event.id
        for item in load_seed().events
        if item.event.window.start == date(2025, 11, 1) and item.event.window.text
    }
    assert {"sco-defence-ministers-22", "sco-telecom-it-heads-5"} <= november
    data = digest_json(cli, today="2025-11-01")
    coming = data["sections"]["coming_up"]
    assert november <= set(ids(coming))
    for item in coming:
        if item["id"] in november:
            assert item["imprecise"] is True and item["date_label"] == "Nov 2025"
    text = digest_text(cli, "--no-mark", today="2025-11-01")
    coming_text = text[text.index("Coming up in the next 14 days") : text.index("Awaiting")]
    for event_id in november:
        assert f"[{event_id}]" in coming_text
    assert "Nov 2025 (month, date imprecise)" in coming_text


def test_every_section_in_its_order(cli: Cli) -> None:
    today = "2026-03-10"
    for title, when, status in (
        ("Meeting held today", "2026-03-10", "confirmed"),
        ("Meeting next week", "2026-03-17", "confirmed"),
        ("Meeting to be confirmed", "2026-03-25", "provisional"),
    ):
        added = cli("add", title, "--date", when, "--org", "SCO", "--status", status, today=today)
        assert added.exit_code == 0, added.stderr
    reminded = cli("remind", "add", "sco-summer-games-2026", "--before", "2026-03-01", today=today)
    assert reminded.exit_code == 0, reminded.stderr
    assert (
        cli("annotate", "sco-finance-ministers-7", "Delegation list sent", today=today).exit_code
        == 0
    )

    data = digest_json(cli, "--since", LONG_AGO, "--no-mark", today=today)
    sections = data["sections"]
    assert list(sections) == list(SECTIONS)
    assert "sco-meeting-held-today-2026" in ids(sections["today"])
    assert "sco-meeting-next-week-2026" in ids(sections["coming_up"])
    assert "sco-meeting-held-today-2026" not in ids(sections["coming_up"])
    assert ids(sections["reminders_due"]) == ["sco-summer-games-2026"]
    assert "sco-meeting-to-be-confirmed-2026" in ids(sections["awaiting_confirmation"])
    assert "sco-anti-drug-heads-16" in ids(sections["needs_follow_up"])
    kinds = {(c["kind"], c["event_id"]) for c in sections["changed"]}
    assert ("annotation", "sco-finance-ministers-7") in kinds
    assert ("new", "sco-meeting-next-week-2026") in kinds

    text = digest_text(cli, "--since", LONG_AGO, "--no-mark", today=today)
    positions = [text.index(heading) for heading in HEADINGS]
    assert positions == sorted(positions)
    assert "Delegation list sent" in text


def test_empty_sections_are_left_out_of_text_and_empty_in_json(fresh_db: str) -> None:
    cli = Cli(fresh_db)
    assert cli("init", "--empty").exit_code == 0
    data = digest_json(cli)
    assert all(items == [] for items in data["sections"].values())
    assert set(data["counts"].values()) == {0}
    text = digest_text(cli)
    assert not any(heading in text for heading in HEADINGS)
    assert "Nothing needs attention" in text


def test_the_digest_remembers_when_it_last_ran(cli: Cli) -> None:
    first = digest_text(cli)
    assert "Changed since" not in first, "creating and seeding the store is not news"
    cli("annotate", "sco-defence-ministers-23", "Agenda received")
    assert "Agenda received" in digest_text(cli, "--no-mark")
    assert "Agenda received" in digest_text(cli)  # this one moves the mark
    assert "Agenda received" not in digest_text(cli)
    assert "Agenda received" in digest_text(cli, "--since", "2026-11-01")


def test_changes_cover_states_new_and_rescheduled_events_and_notes(cli: Cli) -> None:
    digest_text(cli)  # the mark
    target = "sco-heads-of-state-council-2026-bishkek"
    cli("confirm", target, "--note", "MFA note", "--source", "note 2026/117")
    cli("postpone", "sco-defence-ministers-23", "début décembre 2026")
    cli("tag", "sco-summer-games-2026", "+sport")
    data = digest_json(cli, "--no-mark")
    changes = [(c["kind"], c["event_id"], c["old"], c["new"]) for c in data["sections"]["changed"]]
    assert ("state", target, "provisional", "confirmed") in changes
    assert ("state", "sco-defence-ministers-23", "provisional", "postponed") in changes
    assert any(c[0] == "rescheduled" and c[3] == "début décembre 2026" for c in changes)
    assert not any(c[1] == "sco-summer-games-2026" for c in changes), "tags are not news"
    text = digest_text(cli, "--no-mark")
    assert "state provisional -> confirmed" in text and "MFA note" in text


def test_reminders_are_delivered_by_the_digest_only_when_asked(cli: Cli) -> None:
    cli("remind", "add", "sco-summer-games-2026", "--before", "2026-11-20")
    (shown,) = digest_json(cli, "--no-mark")["sections"]["reminders_due"]
    assert shown["event_id"] == "sco-summer-games-2026"
    assert cli("remind", "due", "--dry-run").exit_code == 0, "the digest marked nothing"
    assert digest_json(cli, "--deliver", "--no-mark")["sections"]["reminders_due"]
    assert cli("remind", "due").exit_code == 1
    assert digest_json(cli, "--no-mark")["sections"]["reminders_due"] == []


def test_hostile_text_is_escaped_in_html(cli: Cli) -> None:
    hostile = '<script>alert(1)</script> & "quotes" <img src=x onerror=alert(2)>'
    assert cli("annotate", "sco-defence-ministers-23", hostile).exit_code == 0
    page = digest_text(cli, "--since", LONG_AGO, "--no-mark", fmt="html")
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<script" not in page and "<img" not in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "&lt;img src=x onerror=alert(2)&gt;" in page
    # Self-contained: inline styles only, nothing fetched.
    tags = parsed_tags(page)
    assert not {tag for tag, _ in tags} & {"script", "img", "link", "style", "iframe", "object"}
    attributes = [(name, value or "") for _, attrs in tags for name, value in attrs]
    assert not [name for name, _ in attributes if name in ("src", "href") or name.startswith("on")]
    assert not [value for _, value in attributes if "url(" in value]
    assert any(name == "style" for name, _ in attributes)


def parsed_tags(page: str) -> list[tuple[str, list[tuple[str, str | None]]]]:
    found: list[tuple[str, list[tuple[str, str | None]]]] = []

    class Tags(HTMLParser):
        def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
            found.append((tag, attrs))

    Tags().feed(page)
    return found


def test_markdown_reads_in_a_chat_and_escapes_markup(cli: Cli) -> None:
    cli("annotate", "sco-defence-ministers-23", "<script>*bold* [link](http://x)</script>")
    md = digest_text(cli, "--since", LONG_AGO, "--no-mark", fmt="md")
    assert md.startswith("## sco-cal digest for 23 November 2026")
    assert re.search(r"^### Needs follow-up \(\d+\)$", md, re.MULTILINE)
    assert "\\<script\\>\\*bold\\* \\[link\\](http://x)\\</script\\>" in md
    assert "<script>" not in md
    assert all(line.startswith(("#", "- ", "_")) for line in md.splitlines() if line)


def test_long_sections_are_cut_and_say_what_they_leave_out(cli: Cli) -> None:
    data = digest_json(cli, "--limit", "3", "--no-mark")
    assert data["limit"] == 3
    assert len(data["sections"]["needs_follow_up"]) == 3
    assert data["counts"]["needs_follow_up"] == 17
    full = digest_json(cli, "--limit", "0", "--no-mark")
    assert full["sections"]["needs_follow_up"][:3] == data["sections"]["needs_follow_up"]
    text = digest_text(cli, "--limit", "3", "--no-mark")
    assert "Needs follow-up (3 of 17)" in text
    assert "... and 14 more: sco-cal list --follow-up" in text


def test_the_digest_in_french(cli: Cli) -> None:
    text = digest_text(cli, "--no-mark", "--lang", "fr", today="2025-11-01")
    assert "Synthèse sco-cal du 1er novembre 2025" in text
    assert "nov. 2025 (mois, date imprécise)" in text
    assert "À venir d’ici 14 jours" in text
    assert " · OCS · " in text and "Coming up" not in text


def test_bad_since_and_days_are_refused(cli: Cli) -> None:
    assert cli("digest", "--since", "whenever").exit_code == 2
    assert cli("digest", "--since", "2027-01-01").exit_code == 2
    assert cli("digest", "--days", "-1").exit_code == 2
    assert cli("digest", "--format", "pdf").exit_code == 2


# -- the sections as pure values -----------------------------------------------------------

TODAY = date(2026, 3, 10)
SINCE = datetime(2026, 3, 9, tzinfo=UTC)


def event(event_id: str, phrase: str, status: str = "provisional", doc: str = "a.txt") -> Event:
    return Event(
        id=event_id,
        organisation="SCO",
        kind=Kind.MEETING,
        title=event_id,
        title_en=event_id,
        window=parse_date_phrase(phrase),
        status=ConfirmationState(status),
        sources=(Source(doc, "excerpt"),),
    )


def build(*events: Event, **options: Any) -> Any:
    defaults: dict[str, Any] = {"today": TODAY, "days": 14, "awaiting_days": 30, "since": SINCE}
    return build_digest(events, **(defaults | options))


def test_today_holds_windows_up_to_a_month_and_shows_exact_ones_first() -> None:
    digest = build(
        event("month", "mars 2026"),
        event("day", "2026-03-10", "confirmed"),
        event("days", "9-11 mars 2026", "confirmed"),
        event("half", "premier semestre 2026"),
        event("cancelled", "2026-03-10", "cancelled"),
        event("tomorrow", "2026-03-11", "confirmed"),
    )
    assert [e.id for e in digest.today_events] == ["day", "days", "month"]
    # Under way with exact days: told by "today"; fuzzy windows may still fall later.
    assert [e.id for e in digest.coming_up] == ["tomorrow", "month", "half"]


def test_coming_up_is_the_next_n_days_soonest_first() -> None:
    digest = build(
        event("late", "2026-03-24"),
        event("beyond", "2026-03-25"),
        event("soon", "2026-03-12"),
        event("held", "2026-03-13", "held"),
        days=14,
    )
    assert [e.id for e in digest.coming_up] == ["soon", "late"]


def test_awaiting_confirmation_is_proposed_or_provisional_within_the_horizon() -> None:
    digest = build(
        event("provisional", "2026-04-01"),
        event("proposed", "avril 2026", "proposed"),
        event("confirmed", "2026-03-20", "confirmed"),
        event("too-far", "2026-04-10"),
        awaiting_days=30,
    )
    assert [e.id for e in digest.awaiting_confirmation] == ["provisional", "proposed"]


def test_follow_up_is_oldest_first_with_a_count_by_document() -> None:
    digest = build(
        event("newer", "février 2026", doc="bulletin.txt"),
        event("older", "2025-12-01", "confirmed", doc="bulletin.txt"),
        event("other", "janvier 2026", "proposed", doc="other.txt"),
        event("held", "2025-11-01", "held"),
        event("postponed", "2025-10-01", "postponed"),
        documents={"bulletin.txt": "Bulletin n°2"},
    )
    assert [e.id for e in digest.needs_follow_up] == ["older", "other", "newer"]
    assert digest.totals["needs_follow_up"] == 3
    assert digest.follow_up_by_document == (
        ("bulletin.txt", "Bulletin n°2", 2),
        ("other.txt", "", 1),
    )


def test_changes_keep_only_what_a_reader_needs() -> None:
    def entry(n: int, action: str, field: str | None = None) -> HistoryEntry:
        at = datetime(2026, 3, 9, 12, n, tzinfo=UTC)
        return HistoryEntry(n, "ev", at, "alice", action, field, "a", "b")

    history = [
        entry(5, "annotate"),
        entry(1, "created"),
        entry(2, "status", "status"),
        entry(3, "reschedule", "date_text"),
        entry(4, "reschedule", "start_date"),
        entry(6, "tag"),
        entry(7, "edit", "title"),
    ]
    digest = build(event("ev", "2026-05-01"), history=history)
    assert [c.kind for c in digest.changes] == [
        ChangeKind.NEW,
        ChangeKind.STATE,
        ChangeKind.RESCHEDULED,
        ChangeKind.ANNOTATION,
    ]
    assert digest.changes[0].event is not None and digest.changes[0].event.id == "ev"


def test_a_limit_cuts_every_list_but_keeps_the_totals() -> None:
    many = [event(f"e{i:02d}", f"2026-03-{11 + i}") for i in range(10)]
    digest = build(*many, limit=4)
    assert [e.id for e in digest.coming_up] == ["e00", "e01", "e02", "e03"]
    assert digest.totals["coming_up"] == 10
    assert not digest.is_empty
    assert build().is_empty


@pytest.mark.parametrize("fmt", ["text", "md", "html"])
def test_every_format_says_when_a_date_is_imprecise(cli: Cli, fmt: str) -> None:
    out = digest_text(cli, "--no-mark", today="2025-11-01", fmt=fmt)
    assert "date imprecise" in out


def test_json_schema_file_is_shipped_in_the_package() -> None:
    path = Path(str(files("sco_cal").joinpath("schemas/digest.schema.json")))
    assert path.is_file()
    jsonschema.Draft202012Validator.check_schema(SCHEMA)


def test_a_digest_that_moves_nothing_stays_on_the_lean_read_path(
    isolated_env: Path, tmp_path: Path
) -> None:
    db = tmp_path / "lean.db"
    env = subprocess_env(isolated_env)
    modules_after_command(["init", "--db", str(db)], env)
    for command in (["digest", "--no-mark"], ["remind", "due", "--dry-run"], ["remind", "list"]):
        loaded = modules_after_command([*command, "--db", str(db), "--today", "2026-11-23"], env)
        modules = {m.split(".")[0] for m in loaded}
        assert not {"sqlalchemy", "sqlmodel", "pydantic"} & modules, command

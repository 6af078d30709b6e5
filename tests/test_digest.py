"""The digest: each item once, in the section whose rule put it there, at fixed days, in
text, Markdown, HTML and JSON; a Monday's digest of the seeded store fits one screen."""

from __future__ import annotations

import json
import re
from dataclasses import replace
from datetime import UTC, date, datetime
from html.parser import HTMLParser
from importlib.resources import files
from pathlib import Path
from typing import Any

import jsonschema
import pytest

from sco_cal.domain.date_phrases import parse_date_phrase
from sco_cal.domain.digest import SECTIONS, ChangeKind, Digest, build_digest
from sco_cal.domain.digest_items import DATE_UNKNOWN_GROUP, Listing, Reason
from sco_cal.domain.event import Event, FieldChange, HistoryEntry, Kind, Source
from sco_cal.domain.lifecycle import ConfirmationState
from sco_cal.domain.ordering import in_agenda_order
from sco_cal.domain.postponement import sine_die
from sco_cal.store.seed_file import load_seed
from tests.support.cli import Cli
from tests.support.env import subprocess_env
from tests.support.modules import modules_after_command

BULLETIN = "000_946a16491ebacd0d.txt"
LONG_AGO = "2000-01-01"
HEADINGS = (
    "Today (",
    "Coming up in the next",
    "Dates still open",
    "Awaiting confirmation",
    "Needs follow-up (",
    "Reminders due (",
    "Changed since",
)
README_DEFAULTS = """
[reminders]
defaults = [
  {status = ["provisional"], org = ["SCO"], before = ["30d", "7d"]},
  {follow_up = true},
]
"""
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
    assert {f["reason"] for f in follow_ups} == {"ended-no-outcome"}
    by_document = {d["document"]: d for d in data["follow_up_by_document"]}
    assert by_document[BULLETIN]["count"] == len(expected)
    assert "Bulletin" in by_document[BULLETIN]["title"]
    # Grouped by source, each group once, oldest first inside each.
    groups = [f["group"] for f in follow_ups]
    runs = [g for i, g in enumerate(groups) if i == 0 or groups[i - 1] != g]
    assert runs == list(dict.fromkeys(groups))
    for group in set(groups):
        ends = [(f["start"], f["end"]) for f in follow_ups if f["group"] == group]
        assert ends == sorted(ends), "oldest first"

    text = digest_text(cli, "--no-mark")
    section = text[text.index(f"Needs follow-up ({len(follow_ups)})") :]
    assert f"{len(expected)} from {BULLETIN}" in section
    for event_id in expected:
        assert f"[{event_id}]" in section
    assert "No outcome (held or cancelled) is recorded" in " ".join(section.split())


@pytest.mark.parametrize("defaults", [False, True], ids=["no-config", "readme-defaults"])
def test_the_monday_digest_fits_one_screen_and_names_every_follow_up(
    cli: Cli, isolated_env: Path, defaults: bool
) -> None:
    """Monday 23 November 2026 on the seeded store, with and without the README's default
    reminders: at most 50 lines, and every meeting that needs follow-up named."""
    if defaults:
        (isolated_env / "config.toml").write_text(README_DEFAULTS, encoding="utf-8")
    text = digest_text(cli, "--no-mark", today="2026-11-23")
    lines = text.splitlines()
    assert len(lines) <= 50, "\n".join(lines)
    follow_ups = {e["id"] for e in cli.json("list", "--follow-up", today="2026-11-23")}
    assert len(follow_ups) == 17
    section = text[text.index("Needs follow-up (17)") :]
    for event_id in follow_ups:
        assert section.count(f"[{event_id}]") == 1, event_id
    # Each item once: no event is named in two sections.
    named = re.findall(r"\[([a-z0-9-]+)\]$", text, re.MULTILINE)
    assert len(named) == len(set(named))


def test_a_year_or_half_year_window_is_a_date_still_open_not_news_every_day(cli: Cli) -> None:
    sections = digest_json(cli, "--no-mark")["sections"]
    open_dates = {e["id"]: e for e in sections["dates_open"]}
    assert "sco-heads-of-state-council-2026-bishkek" in open_dates  # H2 2026
    assert "sco-summer-games-2026" in open_dates  # 2026
    assert {e["precision"] for e in open_dates.values()} == {"year", "half"}
    assert {e["reason"] for e in open_dates.values()} == {"open-date-weekly"}
    # Neither coming up nor awaiting confirmation: they opened months ago.
    assert not sections["coming_up"] and not sections["awaiting_confirmation"]


def test_dates_still_open_are_listed_once_a_week_or_when_they_change(cli: Cli) -> None:
    summit = "sco-heads-of-state-council-2026-bishkek"

    def open_ids(today: str, *args: str) -> set[str]:
        return set(ids(digest_json(cli, *args, today=today)["sections"]["dates_open"]))

    monday = open_ids("2026-11-23")  # moves the mark: these are now listed
    assert summit in monday and len(monday) == 9
    assert open_ids("2026-11-24") == set(), "listed yesterday: not again"
    assert open_ids("2026-11-25", "--no-mark") == set()
    assert cli("confirm", summit, "--note", "MFA note", today="2026-11-25").exit_code == 0
    data = digest_json(cli, today="2026-11-25")
    changed = [e for e in data["sections"]["dates_open"] if e["id"] == summit]
    assert [e["reason"] for e in changed] == ["open-date-changed"]
    assert open_ids("2026-11-29") == set()
    assert open_ids("2026-11-30") == monday - {summit}, "a week after the Monday digest"
    assert open_ids("2026-12-02") == {summit}, "a week after its change was listed"


def test_a_digest_with_since_or_no_mark_remembers_no_listing(cli: Cli) -> None:
    first = ids(digest_json(cli, "--no-mark")["sections"]["dates_open"])
    assert first
    assert ids(digest_json(cli, "--since", "2026-11-01")["sections"]["dates_open"]) == first
    later = digest_json(cli, "--no-mark", today="2026-11-24")["sections"]["dates_open"]
    assert ids(later) == first


def test_provisional_meetings_starting_soon_await_confirmation_confirmed_ones_come_up(
    cli: Cli,
) -> None:
    november = {
        item.event.id
        for item in load_seed().events
        if item.event.window.start == date(2025, 11, 1)
        and item.event.window.precision.value == "month"
        and item.event.status is ConfirmationState.PROVISIONAL
    }
    confirmed = "sco-defence-ministers-22"
    assert {confirmed, "sco-telecom-it-heads-5"} <= november
    assert cli("confirm", confirmed, today="2025-10-25").exit_code == 0
    data = digest_json(cli, today="2025-10-25")
    coming = {e["id"]: e for e in data["sections"]["coming_up"]}
    awaiting = {e["id"]: e for e in data["sections"]["awaiting_confirmation"]}
    assert coming[confirmed]["reason"] == "window-opens-soon"
    assert november - {confirmed} <= set(awaiting)
    assert {awaiting[i]["reason"] for i in november - {confirmed}} == {"unconfirmed-starts-soon"}
    assert not set(coming) & set(awaiting), "each item once"
    text = digest_text(cli, "--no-mark", today="2025-10-25")
    coming_text = text[text.index("Coming up in the next 14 days") : text.index("Awaiting")]
    assert f"[{confirmed}]" in coming_text
    assert "Nov 2025 (date imprecise)" in coming_text
    # Once the month has begun with no day known, it is a date still open.
    opened = digest_json(cli, "--no-mark", today="2025-11-03")["sections"]["dates_open"]
    assert november <= set(ids(opened))


def test_a_postponed_meeting_comes_back_when_its_new_window_has_passed(cli: Cli) -> None:
    target = "sco-summer-games-2026"
    assert cli("postpone", target, "2026-12-05", today="2026-11-23").exit_code == 0
    data = digest_json(cli, "--no-mark", today="2026-11-23")
    coming = [e["reason"] for e in data["sections"]["coming_up"] if e["id"] == target]
    assert coming == ["known-day-soon"]
    later = digest_json(cli, "--no-mark", today="2026-12-07")
    (follow_up,) = [e for e in later["sections"]["needs_follow_up"] if e["id"] == target]
    assert follow_up["reason"] == "postponed-window-ended"
    text = digest_text(cli, "--no-mark", today="2026-12-07")
    assert "postponed; the new window ended 2 days ago" in text


def test_sine_die_is_a_date_unknown_then_a_follow_up(cli: Cli) -> None:
    target = "sco-transport-ministers-13"
    assert cli("postpone", target, "sine die", today="2026-11-23").exit_code == 0
    data = digest_json(cli, "--no-mark", today="2026-11-24")
    (unknown,) = [e for e in data["sections"]["dates_open"] if e["id"] == target]
    assert (unknown["reason"], unknown["group"]) == ("date-unknown", "date-unknown")
    assert unknown["sine_die"] == {"since": "2026-11-23", "follow_up_from": "2027-01-22"}
    text = digest_text(cli, "--no-mark", today="2026-11-24")
    assert "Date unknown: postponed sine die" in text and "follow-up from 2027-01-22" in text
    overdue = digest_json(cli, "--no-mark", today="2027-01-22")["sections"]["needs_follow_up"]
    (late,) = [e for e in overdue if e["id"] == target]
    assert (late["reason"], late["group"]) == ("sine-die-overdue", "date-unknown")


def test_every_section_in_its_order(cli: Cli) -> None:
    today = "2026-03-10"
    for title, when, status in (
        ("Meeting held today", "2026-03-10", "confirmed"),
        ("Meeting next week", "2026-03-17", "confirmed"),
        ("Meeting to be confirmed", "2026-03-25", "provisional"),
    ):
        added = cli("add", title, "--date", when, "--org", "SCO", "--status", status, today=today)
        assert added.exit_code == 0, added.stderr
    reminded = cli("remind", "add", "sco-summer-games-2026", "--on", "2026-03-10", today=today)
    assert reminded.exit_code == 0, reminded.stderr
    assert (
        cli("annotate", "sco-finance-ministers-7", "Delegation list sent", today=today).exit_code
        == 0
    )

    data = digest_json(cli, "--since", LONG_AGO, "--no-mark", today=today)
    sections = data["sections"]
    assert list(sections) == list(SECTIONS)
    assert ids(sections["today"]) == ["sco-meeting-held-today-2026"]
    assert "sco-meeting-next-week-2026" in ids(sections["coming_up"])
    assert "sco-summer-games-2026" in ids(sections["dates_open"])
    assert "sco-meeting-to-be-confirmed-2026" in ids(sections["awaiting_confirmation"])
    assert "sco-anti-drug-heads-16" in ids(sections["needs_follow_up"])
    assert ids(sections["reminders_due"]) == ["sco-summer-games-2026"]
    kinds = {(c["kind"], c["event_id"]) for c in sections["changed"]}
    assert ("annotation", "sco-finance-ministers-7") in kinds
    assert ("new", "sco-meeting-next-week-2026") in kinds
    reasons = {key: {i["reason"] for i in items} for key, items in sections.items()}
    assert reasons["today"] == {"under-way"}
    assert reasons["reminders_due"] == {"reminder-due"}
    assert reasons["changed"] == {"changed-since-last-digest"}
    events = [e for key in SECTIONS[:5] for e in ids(sections[key])]
    assert len(events) == len(set(events)), "each item once"

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
    # The postponement is one change: the state, with the date it moved to beside it.
    (postponed,) = [
        c for c in data["sections"]["changed"] if c["event_id"] == "sco-defence-ministers-23"
    ]
    assert any(
        c["field"] == "date_text" and c["new"] == "début décembre 2026"
        for c in postponed["changes"]
    )
    assert not any(c[1] == "sco-summer-games-2026" for c in changes), "tags are not news"
    text = digest_text(cli, "--no-mark")
    assert "state provisional -> confirmed" in text and "MFA note" in text


def test_reminders_are_delivered_by_the_digest_only_when_asked(cli: Cli) -> None:
    cli("remind", "add", "sco-summer-games-2026", "--on", "2026-11-23")
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
    assert all(line.startswith(("#", "- ", "  - ", "_")) for line in md.splitlines() if line)
    assert re.search(r"^- \*\*12 from 000\\_946a16491ebacd0d\.txt", md, re.MULTILINE)


def test_long_sections_are_cut_and_say_what_they_leave_out(cli: Cli) -> None:
    data = digest_json(cli, "--limit", "3", "--no-mark")
    assert data["limit"] == 3
    assert len(data["sections"]["needs_follow_up"]) == 3
    assert data["counts"]["needs_follow_up"] == 17
    full = digest_json(cli, "--limit", "0", "--no-mark")["sections"]["needs_follow_up"]
    oldest = sorted(full, key=lambda e: (e["start"], e["end"], e["id"]))[:3]
    assert set(ids(data["sections"]["needs_follow_up"])) == set(ids(oldest))
    text = digest_text(cli, "--limit", "3", "--no-mark")
    assert "Needs follow-up (3 of 17)" in text
    assert "... and 14 more: sco-cal list --follow-up" in text


def test_the_digest_in_french(cli: Cli) -> None:
    text = digest_text(cli, "--no-mark", "--lang", "fr", today="2025-11-01")
    assert "Synthèse sco-cal du 1er novembre 2025" in text
    assert "nov. 2025 (date imprécise)" in text
    assert "En attente de confirmation, à moins de 30 jours (6)" in text
    assert "(provisoire, période déjà commencée)" in text and "terminé il y a 42 jours" in text
    assert "Awaiting" not in text and "provisional" not in text


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


def build(*events: Event, **options: Any) -> Digest:
    defaults: dict[str, Any] = {"today": TODAY, "days": 14, "awaiting_days": 30, "since": SINCE}
    return build_digest(events, **(defaults | options))


def test_today_holds_the_known_days_that_include_today() -> None:
    digest = build(
        event("month", "mars 2026"),
        event("day", "2026-03-10", "confirmed"),
        event("days", "9-11 mars 2026", "confirmed"),
        event("half", "premier semestre 2026"),
        event("cancelled", "2026-03-10", "cancelled"),
        event("tomorrow", "2026-03-11", "confirmed"),
    )
    assert [i.event.id for i in digest.today_events] == ["days", "day"]
    assert {i.reason for i in digest.today_events} == {Reason.UNDER_WAY}
    assert [i.event.id for i in digest.coming_up] == ["tomorrow"]
    # Open windows with no day known are dates still open, and nowhere else; in the
    # agenda's order, the half-year after the last month it covers.
    assert [i.event.id for i in digest.dates_open] == ["month", "half"]


def test_dates_still_open_read_in_the_agenda_order() -> None:
    events = [
        event("a-year", "2027"),
        event("b-half", "premier semestre 2027"),
        event("c-quarter", "premier trimestre 2027"),
        event("d-month", "janvier 2027"),
    ]
    listed = [i.event.id for i in build(*events, today=date(2027, 1, 5)).dates_open]
    assert listed == ["d-month", "c-quarter", "b-half", "a-year"]
    assert listed == [e.id for e in in_agenda_order(events)]


def test_coming_up_is_the_next_n_days_soonest_first() -> None:
    digest = build(
        event("late", "2026-03-24", "confirmed"),
        event("beyond", "2026-03-25", "confirmed"),
        event("soon", "2026-03-12", "confirmed"),
        event("held", "2026-03-13", "held"),
        event("april", "avril 2026", "confirmed"),
        event("mid-march", "mi-mars 2026", "confirmed"),
        days=14,
    )
    assert [i.event.id for i in digest.coming_up] == ["mid-march", "soon", "late"]
    reasons = {i.event.id: i.reason for i in digest.coming_up}
    assert reasons["soon"] is Reason.KNOWN_DAY_SOON
    assert reasons["mid-march"] is Reason.WINDOW_OPENS_SOON


def test_awaiting_confirmation_is_proposed_or_provisional_starting_soon() -> None:
    digest = build(
        event("provisional", "2026-04-01"),
        event("proposed", "avril 2026", "proposed"),
        event("confirmed", "2026-03-20", "confirmed"),
        event("too-far", "2026-04-10"),
        event("open-already", "2026"),  # unconfirmed, but it opened long ago
        awaiting_days=30,
    )
    assert [i.event.id for i in digest.awaiting_confirmation] == ["provisional", "proposed"]
    assert [i.event.id for i in digest.coming_up] == ["confirmed"]
    assert [i.event.id for i in digest.dates_open] == ["open-already"]


def test_follow_up_is_grouped_by_source_oldest_first_with_a_count_by_document() -> None:
    undated = replace(
        event("undated", "2025-06-01", "postponed"), sine_die=sine_die(date(2026, 1, 1), 60)
    )
    digest = build(
        event("newer", "février 2026", doc="bulletin.txt"),
        event("older", "2025-12-01", "confirmed", doc="bulletin.txt"),
        event("other", "janvier 2026", "proposed", doc="other.txt"),
        event("held", "2025-11-01", "held"),
        event("postponed", "2025-10-01", "postponed", doc="other.txt"),
        undated,
        documents={"bulletin.txt": "Bulletin n°2"},
    )
    assert [(i.event.id, i.group) for i in digest.needs_follow_up] == [
        ("postponed", "other.txt"),
        ("other", "other.txt"),
        ("older", "bulletin.txt"),
        ("newer", "bulletin.txt"),
        ("undated", DATE_UNKNOWN_GROUP),
    ]
    reasons = {i.event.id: i.reason for i in digest.needs_follow_up}
    assert reasons["postponed"] is Reason.POSTPONED_WINDOW_ENDED
    assert reasons["undated"] is Reason.SINE_DIE_OVERDUE
    assert reasons["older"] is Reason.ENDED_NO_OUTCOME
    assert digest.totals["needs_follow_up"] == 5
    assert {d: n for d, _, n in digest.follow_up_by_document} == {
        "bulletin.txt": 2,
        "other.txt": 2,
        "a.txt": 1,
    }


def test_sine_die_waits_its_delay_as_a_date_unknown() -> None:
    waiting = replace(
        event("waiting", "2026-05-01", "postponed"), sine_die=sine_die(date(2026, 3, 1), 60)
    )
    digest = build(waiting)
    assert [(i.event.id, i.reason) for i in digest.dates_open] == [("waiting", Reason.DATE_UNKNOWN)]
    assert not digest.needs_follow_up and not digest.coming_up
    later = build(waiting, today=date(2026, 4, 30))
    assert [i.event.id for i in later.needs_follow_up] == ["waiting"]


def test_a_date_still_open_is_not_repeated_within_a_week_unless_it_changed() -> None:
    half = event("half", "premier semestre 2026")
    listed = {"half": Listing(on=date(2026, 3, 6), at=datetime(2026, 3, 6, 8, tzinfo=UTC))}
    assert not build(half, listed_open=listed).dates_open
    assert build(half, listed_open=listed, today=date(2026, 3, 13)).dates_open
    moved = HistoryEntry(
        1, "half", datetime(2026, 3, 9, 12, tzinfo=UTC), "a", "status", (FieldChange("status"),)
    )
    (changed,) = build(half, listed_open=listed, history=[moved]).dates_open
    assert changed.reason is Reason.OPEN_DATE_CHANGED


def test_changes_keep_only_what_a_reader_needs() -> None:
    def entry(n: int, action: str, field: str | None = None) -> HistoryEntry:
        at = datetime(2026, 3, 9, 12, n, tzinfo=UTC)
        changes = (FieldChange(field, "a", "b"),) if field else ()
        return HistoryEntry(n, "ev", at, "alice", action, changes)

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
    many = [event(f"e{i:02d}", f"2026-03-{11 + i}", "confirmed") for i in range(10)]
    digest = build(*many, limit=4)
    assert [i.event.id for i in digest.coming_up] == ["e00", "e01", "e02", "e03"]
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

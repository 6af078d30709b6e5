"""Reading a new bulletin: extraction, matching, the review, applying it, and bad input."""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from sco_cal.domain.errors import Conflict
from sco_cal.ingest.review import Action, ReviewItem
from sco_cal.output.review import review_record
from sco_cal.service import CalendarService
from sco_cal.store.seed_file import load_seed
from sco_cal.wiring import build_service
from tests.support.env import subprocess_env

ROOT = Path(__file__).resolve().parent.parent
SOURCES = ROOT / "seed" / "sources"
BULLETIN_2 = SOURCES / "000_946a16491ebacd0d.txt"
FIXTURES = Path(__file__).parent / "fixtures"
BULLETIN_3 = FIXTURES / "bulletin_n3.txt"
EXPECTED_3 = FIXTURES / "bulletin_n3.expected.json"
TODAY = date(2026, 11, 23)
# Measured on bulletin_n3 (17 expected items): precision 1.00, recall 1.00.
PRECISION_FLOOR = RECALL_FLOOR = 0.9


@pytest.fixture
def empty(db_path: Path) -> Iterator[CalendarService]:
    svc, _ = build_service(db=str(db_path), today=TODAY, seed=False)
    yield svc
    svc.close()


def seed_events_from(document: str) -> list[Any]:
    return [s.event for s in load_seed().events if s.date_source == document]


def item_for(items: list[ReviewItem], excerpts: list[str]) -> ReviewItem:
    """The review item whose sentence holds one of the seed's excerpts (or lies inside it)."""
    for item in items:
        sentence = item.excerpt.rstrip(".")
        if any(e in item.excerpt or sentence in e for e in excerpts):
            return item
    raise AssertionError(f"no review item for {excerpts[0]!r}")


# -- the bulletin the seeds come from ---------------------------------------------------


def test_the_seed_bulletin_read_into_an_empty_store_yields_its_whole_agenda(
    empty: CalendarService,
) -> None:
    items = empty.documents.review(BULLETIN_2)
    expected = seed_events_from(BULLETIN_2.name)

    assert len(expected) == 16  # 15 items in four sections and the summit in the footnote
    assert len(items) == 16
    assert {item.action for item in items} == {Action.NEW}
    for event in expected:
        item = item_for(items, [s.excerpt for s in event.sources if s.document == BULLETIN_2.name])
        got = item.proposed
        assert got is not None
        assert (got.window.start, got.window.end, got.window.precision) == (
            event.window.start,
            event.window.end,
            event.window.precision,
        ), event.id
        assert got.country == event.country, event.id
        assert got.status is event.status, event.id
        assert got.organisation == event.organisation, event.id
        assert got.theme == event.theme, event.id
        assert got.number == (
            event.number if event.id != "sco-ports-logistics-heads-2025-aktau" else None
        )


def test_the_seed_bulletin_again_into_the_seeded_store_proposes_no_change(
    service: CalendarService,
) -> None:
    items = service.documents.review(BULLETIN_2)

    assert [item.action for item in items] == [Action.UNCHANGED] * 16
    assert {item.event_id for item in items} == {e.id for e in seed_events_from(BULLETIN_2.name)}


@pytest.mark.parametrize("name", ["002_48349266c3c76e3d.txt", "003_1a09eb44ae0f2027.txt"])
def test_other_sources_into_the_seeded_store_propose_nothing_wrong(
    service: CalendarService, name: str
) -> None:
    items = service.documents.review(SOURCES / name)

    assert items
    for item in items:
        assert item.action in (Action.UNCHANGED, Action.UNREADABLE), (item.action, item.excerpt)
        if item.action is Action.UNCHANGED:
            event = service.events.get(item.event_id or "")
            assert name in {s.document for s in event.sources}, (item.event_id, item.excerpt)


# -- a bulletin written for these tests, against its hand-written review ------------------


def score(items: list[dict[str, Any]], expected: list[dict[str, Any]]) -> tuple[int, int, int]:
    """(items right, expected fields found, expected fields) comparing by sentence."""
    right = found = fields = 0
    by_excerpt = {item["excerpt"]: item for item in items}
    for want in expected:
        got = by_excerpt.get(want["excerpt"])
        checks = [("action", want["action"]), ("event_id", want["event_id"])]
        pairs = [(got, key, value) for key, value in checks]
        if want["proposed"] is not None:
            pairs += [
                ((got or {}).get("proposed"), key, value) for key, value in want["proposed"].items()
            ]
        pairs += [
            ((got or {}).get("changes"), key, value) for key, value in want["changes"].items()
        ]
        ok = [where is not None and where.get(key) == value for where, key, value in pairs]
        same_changes = got is not None and set(got["changes"]) == set(want["changes"])
        fields += len(ok)
        found += sum(ok)
        right += all(ok) and same_changes
    return right, found, fields


def test_bulletin_n3_matches_its_expected_review(
    service: CalendarService, capsys: pytest.CaptureFixture[str]
) -> None:
    expected = json.loads(EXPECTED_3.read_text(encoding="utf-8"))
    items = [review_record(i, TODAY) for i in service.documents.review(BULLETIN_3)]

    right, found, fields = score(items, expected)
    precision, recall = right / len(items), right / len(expected)
    with capsys.disabled():
        print(
            f"\ningest {BULLETIN_3.name}: precision {precision:.2f} ({right}/{len(items)}), "
            f"recall {recall:.2f} ({right}/{len(expected)}), fields {found}/{fields}"
        )
    assert precision >= PRECISION_FLOOR
    assert recall >= RECALL_FLOOR


def test_review_items_say_why(service: CalendarService) -> None:
    items = {i.number: i for i in service.documents.review(BULLETIN_3)}

    postponed = items[6]
    assert postponed.finding.previous is not None
    assert postponed.finding.previous.start == date(2026, 3, 1)
    assert any("reportee" in r for r in postponed.finding.reasons)
    unreadable = next(i for i in items.values() if i.action is Action.UNREADABLE)
    assert unreadable.proposed is None
    assert unreadable.confidence < 0.5
    assert "no date" in unreadable.reasons[0]


# -- applying ---------------------------------------------------------------------------


def test_apply_writes_updates_and_new_events_with_the_document_as_source(
    service: CalendarService,
) -> None:
    items = service.documents.review(BULLETIN_3)
    report = service.documents.apply(items)

    assert "sco-anti-drug-heads-17" in report.added
    rats = service.events.get("sco-rats-council-43")
    assert rats.status.value == "confirmed"
    assert (rats.window.start, rats.window.end) == (date(2026, 1, 28), date(2026, 1, 29))
    assert rats.cities == ("Moscow",)
    cited = [s for s in rats.sources if s.document == BULLETIN_3.name]
    assert [s.excerpt for s in cited] == [items[0].excerpt]
    assert cited[0].document_date == date(2026, 1, 15)
    confirmed = [h for h in service.events.history(rats.id) if h.change("status")]
    assert confirmed[-1].source == BULLETIN_3.name
    state = confirmed[-1].change("status")
    assert state is not None and (state.old, state.new) == ("provisional", "confirmed")
    new = service.events.get("sco-anti-drug-heads-17")
    assert new.origin == "ingest:bulletin_n3.txt"
    assert new.country == "TJ" and new.series == "anti-drug-heads"
    again = service.documents.review(BULLETIN_3)
    assert {i.action for i in again} == {Action.UNCHANGED, Action.UNREADABLE}


def test_a_postponement_keeps_the_old_date_in_the_history(service: CalendarService) -> None:
    items = service.documents.review(BULLETIN_3)
    service.documents.apply(items, {6})

    event = service.events.get("sco-finance-ministers-7")
    assert event.status.value == "postponed"
    assert event.window.text == "mi-mai 2026"
    (postponed,) = [h for h in service.events.history(event.id) if h.action == "status"]
    moved = postponed.change("start_date")
    assert moved is not None and moved.old == "2026-03-01"
    assert service.events.get("sco-rats-council-43").status.value == "provisional"  # not accepted


def test_apply_is_one_transaction(service: CalendarService) -> None:
    items = service.documents.review(BULLETIN_3)
    service.records.edit(
        "sco-heads-of-state-council-2026-bishkek", {"summary": "changed meanwhile"}
    )

    with pytest.raises(Conflict):
        service.documents.apply(items)
    assert service.events.get("sco-rats-council-43").status.value == "provisional"
    assert not [e for e in service.events.find(_all()) if e.id == "sco-anti-drug-heads-17"]


def _all() -> Any:
    from sco_cal.domain.query import EventFilter, Scope

    return EventFilter(scope=Scope.ALL)


def test_a_state_a_person_set_is_shown_and_kept_unless_forced(service: CalendarService) -> None:
    service.records.change_status(
        "sco-energy-ministers-extraordinary-2026", "confirmed", note="phone"
    )
    items = service.documents.review(BULLETIN_3)
    energy = next(i for i in items if i.event_id == "sco-energy-ministers-extraordinary-2026")

    assert energy.action is Action.UPDATE
    assert energy.changes["status"] == ("confirmed", "cancelled")
    assert energy.user_edited == ("status",)
    report = service.documents.apply(items, {energy.number})
    assert report.kept == {energy.event_id: ["status"]}
    assert service.events.get(energy.event_id or "").status.value == "confirmed"

    service.documents.apply(service.documents.review(BULLETIN_3), force_user_fields=True)
    assert service.events.get(energy.event_id or "").status.value == "cancelled"


def test_a_date_a_person_set_is_kept_whole(service: CalendarService) -> None:
    service.records.reschedule("sco-defence-ministers-23", "septembre 2026", allow_past=True)
    items = service.documents.review(BULLETIN_3)
    defence = next(i for i in items if i.event_id == "sco-defence-ministers-23")

    assert set(defence.user_edited) >= {"start", "end", "date_text"}
    service.documents.apply(items, {defence.number})
    event = service.events.get("sco-defence-ministers-23")
    assert event.window.text == "septembre 2026"
    assert event.cities == ("Moscow",)  # what the person did not touch is applied


# -- the command ------------------------------------------------------------------------


def test_json_review_has_the_documented_keys(cli: Any) -> None:
    review = cli.json("ingest", str(BULLETIN_3))
    listed = cli.json("list", "--all")[0]

    assert len(review) == 17
    for item in review:
        assert {"action", "event_id", "proposed", "changes", "confidence", "excerpt"} <= set(item)
        assert 0 <= item["confidence"] <= 1
        if item["proposed"] is not None:
            assert set(item["proposed"]) == set(listed)
    rats = review[0]
    assert rats["changes"]["status"] == ["provisional", "confirmed"]
    assert rats["proposed"]["sources"][0]["document"] == "bulletin_n3.txt"


def test_without_apply_nothing_is_written(cli: Any) -> None:
    result = cli("ingest", str(BULLETIN_3), "--format", "table")

    assert result.exit_code == 0
    assert "#1 update" in result.stdout and "17 items:" in result.stdout
    assert "nothing written" in result.stderr
    assert cli.json("show", "sco-rats-council-43")["status"] == "provisional"


def test_apply_from_the_command_line(cli: Any) -> None:
    result = cli("ingest", str(BULLETIN_3), "--apply", "--source-name", "bulletin-3")

    assert result.exit_code == 0, result.output
    assert "added 7, updated 8" in result.stderr
    rats = cli.json("show", "sco-rats-council-43")
    assert rats["status"] == "confirmed"
    assert "bulletin-3" in {s["document"] for s in rats["sources"]}


def test_interactive_review_applies_only_what_is_accepted(cli: Any) -> None:
    answers = "y\n" + "n\n" * 14  # 15 items to decide: 7 new, 8 updates
    result = cli("ingest", str(BULLETIN_3), "--interactive", "--format", "table", input=answers)

    assert result.exit_code == 0, result.output
    assert "Apply #1 (update)?" in result.stderr
    assert "updated sco-rats-council-43" in result.stderr
    assert cli.json("show", "sco-rats-council-43")["status"] == "confirmed"
    assert cli.json("show", "sco-defence-ministers-23")["date_text"] == "Pour 2026"


def test_as_of_gives_year_less_dates_their_year(cli: Any, tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(
        "La 8e réunion des ministres de la Santé de l’OCS se tiendra à Minsk le 3 mars.\n"
    )

    review = cli.json("ingest", str(doc), "--as-of", "2027-01-10")

    assert review[0]["proposed"]["start"] == "2027-03-03"
    assert review[0]["proposed"]["country"] == "BY"


# -- input that is not a bulletin ---------------------------------------------------------


def one_line_error(result: Any) -> str:
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("sco-cal: error: ")
    return str(result.stderr)


def test_a_binary_file_is_refused(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    path.write_bytes(b"%PDF-1.7\n\x00\x01\x02\xff" * 100)

    assert "binary" in one_line_error(cli("ingest", str(path)))


def test_a_file_of_control_characters_is_refused(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "noise.txt"
    path.write_bytes(bytes(range(1, 32)) * 50)

    assert "binary" in one_line_error(cli("ingest", str(path)))


def test_a_ten_megabyte_file_is_refused(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "huge.txt"
    path.write_bytes(b"En mars 2026, une reunion de l'OCS se tiendra en Chine.\n" * 190_000)

    assert "up to 5.0 MB" in one_line_error(cli("ingest", str(path)))


def test_a_missing_file_is_an_error(cli: Any, tmp_path: Path) -> None:
    assert "no such file" in one_line_error(cli("ingest", str(tmp_path / "absent.txt")))


@pytest.mark.parametrize("content", [b"", b"\n\n   \n", b"\xef\xbb\xbf"])
def test_an_empty_file_is_an_empty_review(cli: Any, tmp_path: Path, content: bytes) -> None:
    path = tmp_path / "empty.txt"
    path.write_bytes(content)

    assert cli.json("ingest", str(path)) == []
    table = cli("ingest", str(path), "--format", "table")
    assert table.exit_code == 0 and "nothing to review" in table.stdout


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-8-sig", "cp1252"])
def test_other_encodings_are_read(cli: Any, tmp_path: Path, encoding: str) -> None:
    text = (
        "**II. Économie et énergie**\n"
        "En mars 2026, l’Ouzbékistan accueillera la 8e réunion des ministres des Finances "
        "de l’OCS, « sous réserve » de confirmation.\n"
    )
    path = tmp_path / "bulletin.txt"
    path.write_bytes(text.encode(encoding))

    (item,) = cli.json("ingest", str(path))
    assert item["proposed"]["country"] == "UZ"
    assert item["proposed"]["theme"] == "economy"
    assert item["proposed"]["status"] == "provisional"
    assert "Ouzbékistan" in item["excerpt"]


def test_html_markup_and_entities_are_read(cli: Any, tmp_path: Path) -> None:
    path = tmp_path / "bulletin.html"
    path.write_text(
        "<html><head><style>p {color: red}</style></head><body>"
        "<h2>III Transports et logistique</h2>"
        "<p>En avril 2026, la 14<sup>e</sup> r&eacute;union des ministres des Transports "
        "de l&rsquo;OCS se tiendra &agrave; Bichkek.</p></body></html>",
        encoding="utf-8",
    )

    (item,) = cli.json("ingest", str(path))
    assert item["proposed"]["number"] == 14
    assert item["proposed"]["city"] == "Bishkek"
    assert item["proposed"]["theme"] == "transport"
    assert item["proposed"]["series"] == "transport-ministers"


def test_the_command_runs_as_an_installed_program(isolated_env: Path, tmp_path: Path) -> None:
    import subprocess

    env = subprocess_env(isolated_env)
    run = subprocess.run(
        [
            sys.executable,
            "-m",
            "sco_cal",
            "ingest",
            str(BULLETIN_2),
            "--format",
            "json",  # piped output is text: JSON only when asked for
            "--db",
            str(tmp_path / "s.db"),
        ],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    assert run.returncode == 0, run.stderr
    assert {item["action"] for item in json.loads(run.stdout)} == {"unchanged"}


# -- reading sentences ------------------------------------------------------------------


def read(text: str, day: date = date(2026, 1, 15)) -> list[Any]:
    from sco_cal.ingest.dating import DocumentDate
    from sco_cal.ingest.document import parse_document
    from sco_cal.ingest.extract import extract

    dated = DocumentDate(day, "--as-of")
    return list(extract(parse_document(text.encode("utf-8")), document_date=dated).findings)


@pytest.mark.parametrize(
    ("sentence", "number", "title"),
    [
        (
            "En octobre 2025, se tiendra au Kazakhstan la 16e réunion des responsables des services antidrogue.",
            16,
            "16e réunion des responsables des services antidrogue",
        ),
        (
            "En novembre 2025, la 22è réunion des ministres de la Défense se tiendra en Chine.",
            22,
            "22e réunion des ministres de la Défense",
        ),
        (
            "Second semestre 2026, 13ᵉ réunion des ministres des Transports de l’OCS au Kirghizstan",
            13,
            "13e réunion des ministres des Transports de l’OCS",
        ),
        (
            "Décembre 2025 en Russie, 41ᵉ meeting du groupe de travail sur la coopération douanière",
            41,
            "41e réunion du groupe de travail sur la coopération douanière",
        ),
        (
            "Le 1er forum des jeunes de l’OCS aura lieu à Osh en mai 2026.",
            1,
            "1er forum des jeunes de l’OCS",
        ),
        (
            "La XXe réunion du Forum de l’OCS se tiendra à New Delhi les 21-22 mai 2025.",
            20,
            "20e réunion du Forum de l’OCS",
        ),
        (
            "Le prochain Sommet des chefs d’État sera prévu à Bichkek au courant du second semestre 2026.",
            None,
            "Sommet des chefs d’État",
        ),
        (
            "The 24th meeting of SCO transport ministers will take place in Bishkek in March 2026.",
            24,
            "24th meeting of SCO transport ministers",
        ),
    ],
)
def test_ordinals_and_titles(sentence: str, number: int | None, title: str) -> None:
    (finding,) = read(sentence)

    assert finding.number == number
    assert finding.title == title


@pytest.mark.parametrize(
    ("sentence", "status", "start", "end"),
    [
        (
            "La 9e réunion des ministres de la Santé de l’OCS est confirmée le 5 mars 2026 à Minsk.",
            "confirmed",
            "2026-03-05",
            "2026-03-05",
        ),
        (
            "La 9e réunion des ministres de la Santé de l’OCS aura lieu le 5 mars 2026 à Minsk.",
            "confirmed",
            "2026-03-05",
            "2026-03-05",
        ),
        (
            "La 9e réunion des ministres de la Santé de l’OCS, prévue en mars 2026, est reportée à fin avril 2026.",
            "postponed",
            "2026-04-21",
            "2026-04-30",
        ),
        (
            "La 9e réunion des ministres de la Santé de l’OCS, prévue en mars 2026, est annulée.",
            "cancelled",
            "2026-03-01",
            "2026-03-31",
        ),
        (
            "La 9e réunion des ministres de la Santé de l’OCS s’est tenue à Minsk début janvier.",
            "held",
            "2026-01-01",
            "2026-01-10",
        ),
        (
            "La 9e réunion des ministres de la Santé de l’OCS aura lieu à l’automne 2026, à confirmer.",
            "provisional",
            "2026-09-01",
            "2026-11-30",
        ),
        (
            "Le Kazakhstan entend organiser une conférence de l’OCS sur l’eau courant 2027.",
            "proposed",
            "2027-01-01",
            "2027-12-31",
        ),
        (
            "The 9th meeting of SCO health ministers, scheduled for March 2026, has been postponed to Q3 2026.",
            "postponed",
            "2026-07-01",
            "2026-09-30",
        ),
        (
            "The 9th meeting of SCO health ministers planned in Minsk in March 2026 has been cancelled.",
            "cancelled",
            "2026-03-01",
            "2026-03-31",
        ),
        (
            "En T2 2026, la 9e réunion des ministres de la Santé de l’OCS se tiendra en Inde.",
            "provisional",
            "2026-04-01",
            "2026-06-30",
        ),
    ],
)
def test_states_and_dates(sentence: str, status: str, start: str, end: str) -> None:
    (finding,) = read(sentence)

    assert finding.status.value == status
    assert finding.window is not None
    assert (finding.window.start.isoformat(), finding.window.end.isoformat()) == (start, end)


def test_the_agenda_caveat_makes_every_item_provisional() -> None:
    text = (
        "La 9e réunion des ministres de la Santé de l’OCS aura lieu le 5 mars 2026 à Minsk.\n"
        "Rem : certaines de ces échéances sont en attente de confirmation\n"
    )
    (finding,) = read(text)

    assert finding.status.value == "provisional"
    assert any("en attente de confirmation" in r for r in finding.reasons)


def test_headings_give_themes_and_the_footnote_has_none() -> None:
    text = (
        "**I. Sécurité**\n\nCoopération militaire\n"
        "En mai 2026, la 24e réunion des ministres de la Défense se tiendra en Inde.\n"
        "**II. Économie et énergie**\n"
        "En juin 2026, la 8e réunion des ministres des Finances se tiendra en Chine.\n"
        "----------\n"
        "(1). Le prochain Sommet de l’OCS aura lieu à Bichkek en 2026.\n"
    )
    themes = [f.theme for f in read(text)]

    assert themes == ["security.military", "economy", "diplomacy"]


def test_sentences_that_only_mention_a_meeting_are_left_out() -> None:
    text = (
        "Les participants de la réunion de Tianjin ont salué la coopération.\n"
        "La stratégie a été validée par les dirigeants au sommet en 2025.\n"
        "Le commerce intra-OCS a dépassé 650 milliards de dollars en 2024.\n"
    )
    assert read(text) == []


# -- anything at all --------------------------------------------------------------------

FRAGMENTS = [
    "réunion",
    "sommet",
    "la 22è",
    "13ᵉ",
    "XXe",
    "1er",
    "de l’OCS",
    "OTSC",
    "UN",
    "en",
    "à",
    "Bichkek",
    "Kirghizstan",
    "mars",
    "2026",
    "T3",
    "mi-mai",
    "fin juin",
    "reportée à",
    "annulée",
    "confirmée",
    "s’est tenue",
    "sous réserve",
    "«",
    "»",
    "(",
    ")",
    ",",
    ".",
    "\n",
    "**",
    "# ",
    "<p>",
    "&amp;",
    "premier trimestre",
    "the",
    "meeting",
    "will take place",
    "postponed to",
    "l’automne",
    "du 12 au 14",
    "----------",
    "(1).",
    "\u00a0",
    "ᵉ",
    "'",
]


@pytest.mark.parametrize("seed_kind", ["text", "fragments", "bytes"])
def test_arbitrary_input_gives_a_review_or_invalid_input(seed_kind: str) -> None:
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from sco_cal.domain.errors import InvalidInput
    from sco_cal.ingest.dating import DocumentDate
    from sco_cal.ingest.document import parse_document
    from sco_cal.ingest.extract import extract
    from sco_cal.ingest.review import build_review

    strategies = {
        "text": st.text(max_size=400).map(lambda t: t.encode("utf-8", "surrogatepass")),
        "fragments": st.lists(st.sampled_from(FRAGMENTS), max_size=60).map(
            lambda parts: " ".join(parts).encode("utf-8")
        ),
        "bytes": st.binary(max_size=400),
    }

    @settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategies[seed_kind])
    def check(data: bytes) -> None:
        try:
            document = parse_document(data)
        except InvalidInput:
            return
        extraction = extract(document, document_date=DocumentDate(date(2026, 1, 15), "--as-of"))
        items = build_review(extraction, load_seed_events(), lambda _id: [])
        for item in items:
            review_record(item, TODAY)
            assert 0 <= item.confidence <= 1

    check()


_SEED_EVENTS: list[Any] = []


def load_seed_events() -> list[Any]:
    if not _SEED_EVENTS:
        _SEED_EVENTS.extend(s.event for s in load_seed().events)
    return _SEED_EVENTS


def test_the_reader_imports_no_database_or_interface() -> None:
    from tests.support.modules import HEAVY, loaded_after

    modules = loaded_after("import sco_cal.ingest.review, sco_cal.ingest.plan")
    assert not {m.split(".")[0] for m in modules} & set(HEAVY)


def test_two_sentences_on_one_meeting_apply_together(
    service: CalendarService, tmp_path: Path
) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(
        "La 43e session du Conseil de la Structure régionale antiterroriste de l’OCS (RATS) "
        "est confirmée les 28-29 janvier 2026.\n"
        "La 43e session du Conseil de la RATS de l’OCS se tiendra à Moscou en janvier 2026.\n"
        "La 17e réunion des responsables des services antidrogue de l’OCS aura lieu en mars 2026 "
        "au Tadjikistan.\n"
        "La 17e réunion des responsables des services antidrogue de l’OCS se tiendra à Douchanbé.\n",
        encoding="utf-8",
    )
    items = service.documents.review(doc, as_of="2026-01-15")

    assert [i.action for i in items] == [
        Action.UPDATE,
        Action.UPDATE,
        Action.NEW,
        Action.UNREADABLE,
    ]
    service.documents.apply(items)
    rats = service.events.get("sco-rats-council-43")
    assert (rats.status.value, rats.cities) == ("confirmed", ("Moscow",))
    assert rats.window.start == date(2026, 1, 28)


def test_a_new_meeting_named_twice_is_proposed_once(empty: CalendarService, tmp_path: Path) -> None:
    doc = tmp_path / "note.txt"
    doc.write_text(
        "En mars 2026, la 17e réunion des ministres de la Santé de l’OCS se tiendra en Inde.\n"
        "La 17e réunion des ministres de la Santé de l’OCS aura lieu à New Delhi en mars 2026.\n",
        encoding="utf-8",
    )
    first, second = empty.documents.review(doc, as_of="2026-01-15")

    assert first.action is Action.NEW and first.proposed is not None
    assert second.action is Action.UNCHANGED
    assert second.event_id == first.proposed.id == "sco-health-ministers-17"

"""Hypothesis drives the CLI with arguments a hurried, careless or hostile person could
type: whatever happens, the exit code is a documented one, stderr holds at most one
line and no traceback, and a command that fails leaves the store as it was."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.hostile.support import DOCUMENTED_CODES, store_content
from tests.support.cli import Cli

IDS = st.sampled_from(
    ["sco-summer-games-2026", "sco-defence-ministers-23", "sco", "csto", "nope", "", "-"]
)
# Any text, with what terminals, shells and databases find hardest mixed in.
ODD = st.sampled_from(
    ["caf\udce9", "\x1b]0;x\x07", "\x00", "'; DROP TABLE event; --", "=1+1", "%_\\", "é" * 300]
)
TEXT = st.text(max_size=40) | ODD
NUMBERS = st.integers(-(10**30), 10**30).map(str) | st.sampled_from(["0", "1", "2", "x", "1e9"])
DATES = (
    st.sampled_from(
        [
            "2026-03-14",
            "9999-12-31",
            "0001-01-01",
            "2028-02-29",
            "2027-02-29",
            "du 13 novembre au 30 octobre 2025",
            "28 décembre - 3 janvier 2026",
            "T5 2026",
            "Second semestre 2026",
            "demain",
            "",
        ]
    )
    | TEXT
)
SPECS = st.sampled_from(["14d", "2w", "0d", "99999d", "3 days"]) | DATES
FIELDS = st.sampled_from(
    ["title", "title_en", "series", "number", "country", "city", "theme", "time", "timezone"]
    + ["summary", "kind", "org", "status", "id", ""]
)
FLAGS = st.sampled_from(
    ["--org", "--country", "--city", "--status", "--theme", "--kind", "--series", "--tag"]
    + ["--from", "--to", "--limit", "--sort", "--format", "--lang", "-n", "--bogus"]
)


def _options(values: st.SearchStrategy[str]) -> st.SearchStrategy[list[str]]:
    pairs = st.lists(st.tuples(FLAGS, values), max_size=3)
    return pairs.map(lambda ps: [part for pair in ps for part in pair])


def _command(*parts: st.SearchStrategy[Any]) -> st.SearchStrategy[list[str]]:
    def flatten(values: tuple[Any, ...]) -> list[str]:
        out: list[str] = []
        for value in values:
            out += value if isinstance(value, list) else [value]
        return out

    return st.tuples(*parts).map(flatten)


def _word(word: str) -> st.SearchStrategy[str]:
    return st.just(word)


COMMANDS = st.one_of(
    _command(_word("list"), st.lists(TEXT, max_size=3), _options(TEXT | DATES | NUMBERS)),
    _command(_word("show"), IDS | TEXT),
    _command(_word("history"), IDS),
    _command(_word("log"), _word("--limit"), NUMBERS),
    _command(_word("annotate"), IDS, TEXT),
    _command(_word("unannotate"), IDS, NUMBERS),
    _command(_word("status"), IDS, st.sampled_from(["confirmed", "held", "postponed"]) | TEXT),
    _command(_word("confirm"), IDS, _word("--note"), TEXT),
    _command(_word("postpone"), IDS, DATES),
    _command(_word("reschedule"), IDS, DATES),
    _command(_word("edit"), IDS, st.tuples(FIELDS, TEXT | NUMBERS).map("=".join)),
    _command(_word("tag"), IDS, TEXT.map("+{}".format), TEXT.map("-{}".format)),
    _command(
        _word("add"),
        TEXT,
        _word("--date"),
        DATES,
        _word("--org"),
        st.sampled_from(["SCO", "OCS", "CSTO", "nobody"]) | TEXT,
        st.lists(
            st.tuples(
                st.sampled_from(
                    ["--country", "--city", "--number", "--id", "--series", "--kind", "--theme"]
                ),
                TEXT | NUMBERS,
            ),
            max_size=3,
        ).map(lambda ps: [part for pair in ps for part in pair]),
    ),
    _command(_word("remind"), _word("add"), IDS, _word("--before"), SPECS),
    _command(_word("remind"), _word("rm"), NUMBERS),
    _command(_word("remind"), _word("snooze"), NUMBERS, SPECS),
    _command(_word("remind"), _word("due"), _word("--dry-run")),
    _command(_word("clashes"), _word("--from"), DATES, _word("--to"), DATES),
    _command(_word("digest"), _word("--no-mark"), _word("--days"), NUMBERS),
    _command(
        _word("export"),
        _word("--format"),
        st.sampled_from(["json", "csv", "ics"]),
        _options(TEXT | DATES),
    ),
    st.lists(TEXT, min_size=1, max_size=4),
)
# The store's content as the last refused command left it, so that the next example
# need not read it again (a read of the whole store costs more than most commands).
_unchanged: dict[str, Any] = {}
# Commands that write nothing, whose exit 1 is an answer (nothing due, a failed check).
ONE_IS_AN_ANSWER = {"remind", "db"}


@pytest.fixture
def store(cli: Cli) -> Cli:
    """The seeded store the examples run against (one per engine, shared by them all)."""
    assert cli("list").exit_code == 0
    return cli


@settings(
    max_examples=120,
    deadline=None,
    derandomize=True,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(args=COMMANDS, today=st.sampled_from(["2026-11-23", "2200-12-31"]) | DATES)
def test_whatever_is_typed_the_cli_answers_in_one_line(
    store: Cli, args: list[str], today: str
) -> None:
    # What the store held after the last example that could not have written.
    before = _unchanged.pop(store.db, None) or store_content(store.db)
    result = store(*args, today=today)
    assert result.exit_code in DOCUMENTED_CODES, (args, result.exit_code, result.stderr)
    assert "Traceback" not in result.stdout + result.stderr, (args, result.stderr)
    problems = [line for line in result.stderr.splitlines() if line.startswith("sco-cal: error:")]
    assert len(problems) <= 1, (args, result.stderr)
    if result.exit_code != 0:
        assert len(result.stderr.splitlines()) <= 1, (args, result.stderr)
    if result.exit_code not in (0, 1) or (result.exit_code == 1 and args[0] in ONE_IS_AN_ANSWER):
        after = store_content(store.db)
        assert after == before, (args, result.exit_code, result.stderr)
        _unchanged[store.db] = after

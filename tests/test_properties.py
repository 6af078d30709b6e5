"""Whatever a user types into the filter options, the answer is a result or a clean error."""

from __future__ import annotations

from datetime import date

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from sco_cal.domain.errors import ScoCalError
from sco_cal.domain.query import Criteria, EventFilter
from tests.support.cli import app_for

words = st.text(max_size=40)
lists = st.lists(words, max_size=3).map(tuple)


@given(
    scope=st.one_of(st.none(), st.sampled_from(["upcoming", "past", "all"]), words),
    org=lists,
    country=lists,
    city=lists,
    status=lists,
    theme=lists,
    kind=lists,
    date_from=st.one_of(st.none(), words),
    date_to=st.one_of(st.none(), words),
    search=words,
)
def test_any_criteria_resolve_or_fail_cleanly(**typed: object) -> None:
    try:
        flt = Criteria(**typed).resolve(date(2026, 11, 23))  # type: ignore[arg-type]
    except ScoCalError as exc:
        assert str(exc) and "\n" not in str(exc)
    else:
        assert isinstance(flt, EventFilter)


OPTIONS = [
    "--org",
    "--country",
    "--city",
    "--status",
    "--theme",
    "--kind",
    "--series",
    "--tag",
    "--from",
    "--to",
    "--sort",
    "--limit",
]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.tuples(st.sampled_from(OPTIONS), words), max_size=3), words)
def test_list_never_shows_a_traceback(
    db_path: object, options: list[tuple[str, str]], search: str
) -> None:
    argv = ["list", "--db", str(db_path), "--today", "2026-11-23", "--format", "json"]
    for option, value in options:
        argv += [option, value]
    if search and not search.startswith("-"):
        argv.append(search)
    result = CliRunner().invoke(app_for(argv), argv)
    assert result.exit_code in (0, 2), (argv, result.stderr, result.exception)
    if result.exit_code == 2:
        assert "Traceback" not in result.stderr and result.stderr.strip()

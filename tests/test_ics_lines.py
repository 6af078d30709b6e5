"""Reading an iCalendar file's lines: the quick way agrees with the careful one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from sco_cal.domain.errors import InvalidInput
from sco_cal.interchange.components import Component
from sco_cal.interchange.lines import Scanned, read_components, unfolded
from tests.test_ics_import import mutated

CORPUS = sorted((Path(__file__).parent / "fixtures" / "ics").glob("*.ics"))


def described(comp: Component) -> Any:
    """Everything a component holds, each property with the line a message would give."""
    props = {
        name: [(value, head, comp.line_of(name, i)) for i, (value, head, _) in enumerate(entries)]
        for name, entries in comp.props.items()
    }
    return (
        comp.name,
        comp.line,
        props,
        comp.repeated,
        [(f.line, f.reason, f.tolerated) for f in comp.faults],
        [described(child) for child in comp.children],
    )


def outcome(data: bytes, *, line_by_line: bool) -> Any:
    try:
        scanned: Scanned = read_components(data, "f.ics", line_by_line=line_by_line)
    except InvalidInput as exc:
        return str(exc)
    stray = [(f.line, f.reason) for f in scanned.stray]
    return stray, [described(c) for c in scanned.calendars]


def test_every_file_of_the_corpus_reads_the_same_both_ways() -> None:
    assert len(CORPUS) > 15
    for path in CORPUS:
        data = path.read_bytes()
        assert outcome(data, line_by_line=False) == outcome(data, line_by_line=True), path.name


def _lf(data: bytes) -> bytes:
    return data.replace(b"\r\n", b"\n")


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.one_of(
        mutated(),
        mutated().map(_lf),
        st.sampled_from([p.read_bytes() for p in CORPUS]),
        st.text(alphabet='BEGIN:VCALENDAREVTDSTZ;="0123456789\r\n \t', max_size=300).map(
            str.encode
        ),
    )
)
def test_any_input_reads_the_same_both_ways(data: bytes) -> None:
    assert outcome(data, line_by_line=False) == outcome(data, line_by_line=True)


def test_a_stray_carriage_return_is_a_blank_line_both_ways() -> None:
    for data in (
        b"BEGIN:VCALENDAR\r\n\r\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nUID:x\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\n\r\r\nBEGIN:VEVENT\r\nUID:x\r\n\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n",
    ):
        quick, careful = (outcome(data, line_by_line=way) for way in (False, True))
        assert quick == careful
        (calendar,) = careful[1]
        assert calendar[4] == []  # no fault noted


_FOLD = re.compile(r"\r?\n[ \t]")


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet="AB:;\\ \t\r\n\u00e9", max_size=80))
def test_unfolding_by_replacing_joins_what_the_regular_expression_joins(body: str) -> None:
    # The quick reading unfolds only stretches without blank lines.
    assume("\n\n" not in body and "\n\r\n" not in body)
    assert unfolded(body) == _FOLD.sub("", body)

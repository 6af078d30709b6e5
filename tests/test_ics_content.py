"""Content lines written and read by sco-cal itself, held to icalendar's own rules."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from icalendar import Parameters, vText
from icalendar.parser import Contentline

from sco_cal.interchange.content import (
    escape_text,
    fold,
    lines_bytes,
    param_text,
    parse_line,
    unescape_text,
)

# Text as calendars carry it: any character but NUL, accents, scripts, emoji, marks.
TEXT = st.text(alphabet=st.characters(blacklist_categories=["Cs"], blacklist_characters="\x00"))
ONE_LINE = TEXT.map(lambda t: t.replace("\r", "").replace("\n", ""))


@settings(max_examples=500)
@given(TEXT)
def test_text_is_escaped_as_icalendar_escapes_it(text: str) -> None:
    assert escape_text(text) == vText(text).to_ical().decode("utf-8")


@settings(max_examples=500)
@given(st.text(min_size=0, max_size=400).map(lambda t: t.replace("\r", "").replace("\n", "")))
def test_lines_are_folded_as_icalendar_folds_them(line: str) -> None:
    expected = Contentline(line).to_ical().decode("utf-8")
    assert fold(line) == expected
    assert lines_bytes([line, line]) == f"{expected}\r\n{expected}\r\n".encode()


@settings(max_examples=300)
@given(ONE_LINE.filter(bool))
def test_parameters_are_quoted_as_icalendar_quotes_them(value: str) -> None:
    params = {"X-DOCUMENT": value, "X-DOCUMENT-DATE": "2025-09-01"}
    assert param_text(params) == Parameters(params).to_ical().decode("utf-8")


@settings(max_examples=500)
@given(ONE_LINE.map(str.strip), TEXT)
def test_what_is_written_reads_back(document: str, text: str) -> None:
    params = {"X-DOCUMENT": document} if document else {}
    head = f";{param_text(params)}" if params else ""
    prop = parse_line(f"X-SCO-CAL-SOURCE{head}:{escape_text(text)}", 7)
    assert (prop.name, prop.line) == ("X-SCO-CAL-SOURCE", 7)
    # As icalendar writes it: line breaks become \n, and so does a backslash-N already
    # in the text (its quirk, kept so that the bytes stay the same).
    meant = text.replace("\\N", "\n").replace("\r\n", "\n").replace("\r", "\n")
    assert unescape_text(prop.value) == meant
    if params:
        assert prop.param("X-DOCUMENT") == document

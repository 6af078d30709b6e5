"""JSON, CSV and Markdown writers, safe for pipes and spreadsheets."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

from sco_cal.domain.text import safe, safe_line

# A spreadsheet runs a cell that starts with one of these as a formula.
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")

EVENT_CSV_COLUMNS = (
    "id",
    "start",
    "end",
    "precision",
    "date_text",
    "status",
    "needs_follow_up",
    "organisation",
    "kind",
    "title",
    "title_en",
    "series",
    "number",
    "country",
    "cities",
    "theme",
    "tags",
    "annotations",
    "sources",
)


def to_json(data: Any) -> str:
    return json.dumps(data, ensure_ascii=False, indent=2)


def csv_cell(value: Any) -> str:
    """A value as a CSV cell that a spreadsheet shows as text, never evaluates."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        value = "; ".join(_flat(v) for v in value)
    text = safe(str(value))
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(columns)
    for row in rows:
        writer.writerow([csv_cell(row.get(c)) for c in columns])
    return buffer.getvalue()


def to_tsv(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    """A header line, then one tab-separated line per row; tabs in values become spaces and
    line breaks `\\n`, so every line is one row."""
    lines = ["\t".join(columns)]
    for row in rows:
        lines.append("\t".join(_tsv_cell(row.get(c)) for c in columns))
    return "\n".join(lines)


def _tsv_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, bool):
        return "yes" if value else "no"
    if isinstance(value, list):
        value = ", ".join(_flat(v) for v in value)
    return safe_line(str(value))


def to_markdown(rows: Iterable[Mapping[str, Any]], columns: Sequence[str]) -> str:
    lines = ["| " + " | ".join(columns) + " |", "|" + "---|" * len(columns)]
    for row in rows:
        cells = [md_cell(row.get(c)) for c in columns]
        lines.append("| " + " | ".join(cells) + " |")
    return "\n".join(lines)


def md_cell(value: Any) -> str:
    if value is None:
        return ""
    if isinstance(value, list):
        value = ", ".join(_flat(v) for v in value)
    flat = safe(str(value).replace("\n", " "))
    return flat.replace("\\", "\\\\").replace("|", "\\|")


def _flat(value: Any) -> str:
    if isinstance(value, Mapping):
        return str(value.get("document") or value.get("text") or value)
    return str(value)

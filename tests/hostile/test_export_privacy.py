"""Notes leave the desk only when asked: `export` without `--with-notes` carries none."""

from __future__ import annotations

import csv
import io
import json

import pytest

from tests.support.cli import Cli

NOTE = "Minister attends; do not share"
EVENT = "sco-summer-games-2026"


@pytest.mark.parametrize("fmt", ["json", "csv", "ics"])
def test_export_leaves_notes_out_unless_asked(cli: Cli, fmt: str) -> None:
    assert cli("annotate", EVENT, NOTE).exit_code == 0
    plain = cli("export", "--format", fmt)
    assert plain.exit_code == 0, plain.stderr
    assert "Minister attends" not in plain.stdout
    asked = cli("export", "--format", fmt, "--with-notes")
    assert asked.exit_code == 0, asked.stderr
    assert "Minister attends" in asked.stdout.replace("\r\n ", "")  # ICS folds long lines


def test_the_json_export_keeps_its_keys_without_notes(cli: Cli) -> None:
    assert cli("annotate", EVENT, NOTE).exit_code == 0
    (record,) = [
        r for r in json.loads(cli("export", "--format", "json").stdout) if r["id"] == EVENT
    ]
    assert record["annotations"] == []
    rows = list(csv.DictReader(io.StringIO(cli("export", "--format", "csv").stdout)))
    assert [r["annotations"] for r in rows if r["id"] == EVENT] == [""]

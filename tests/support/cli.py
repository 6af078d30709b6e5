"""Running `sco-cal` in-process through Typer's runner, against one database."""

from __future__ import annotations

import json
from typing import Any

from typer.testing import CliRunner

from sco_cal.cli import app
from tests.support.env import TODAY


class Cli:
    """`cli("list", "--all")` runs `sco-cal list --all --db DB --today TODAY`."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, today: str = TODAY, input: str | None = None) -> Any:
        argv = [*args, "--db", self.db, "--today", today]
        return self.runner.invoke(app, argv, input=input)

    def json(self, *args: str, today: str = TODAY) -> Any:
        result = self(*args, "--format", "json", today=today)
        assert result.exit_code == 0, result.output + str(result.exception)
        return json.loads(result.stdout)


def due_json(cli: Cli, today: str, *args: str) -> list[dict[str, Any]]:
    """What `remind due --format json` printed; nothing when it exits 1 (nothing due)."""
    result = cli("remind", "due", "--format", "json", *args, today=today)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout) if result.exit_code == 0 else []

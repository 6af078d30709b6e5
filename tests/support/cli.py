"""Running `sco-cal` in-process through Typer's runner, against one database."""

from __future__ import annotations

import json
from collections.abc import Sequence
from functools import cache
from typing import Any

import typer
from typer.testing import CliRunner

from sco_cal.cli import build_app, command_of
from tests.support.env import TODAY


@cache
def _app(command: str | None) -> typer.Typer:
    return build_app({command} if command else None)


def app_for(argv: Sequence[str]) -> typer.Typer:
    """The CLI as `sco-cal` builds it to run `argv`: only that command's, as a real run
    (and Typer rebuilds the CLI it is given at every call: the whole CLI took 0.15 s)."""
    return _app(command_of(argv))


class Cli:
    """`cli("list", "--all")` runs `sco-cal list --all --db DB --today TODAY`."""

    def __init__(self, db: str) -> None:
        self.db = db
        self.runner = CliRunner()

    def __call__(self, *args: str, today: str = TODAY, input: str | None = None) -> Any:
        argv = [*args, "--db", self.db, "--today", today]
        return self.runner.invoke(app_for(argv), argv, input=input)

    def json(self, *args: str, today: str = TODAY) -> Any:
        result = self(*args, "--format", "json", today=today)
        assert result.exit_code == 0, result.output + str(result.exception)
        return json.loads(result.stdout)


def due_json(cli: Cli, today: str, *args: str) -> list[dict[str, Any]]:
    """What `remind due --format json` printed; nothing when it exits 1 (nothing due)."""
    result = cli("remind", "due", "--format", "json", *args, today=today)
    assert result.exit_code in (0, 1), result.stderr
    return json.loads(result.stdout) if result.exit_code == 0 else []

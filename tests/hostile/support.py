"""What every hostile test checks: one line on stderr, a documented code, nothing lost."""

from __future__ import annotations

from datetime import date
from typing import Any

from sco_cal.domain.event import Kind
from sco_cal.domain.query import EventFilter, Scope
from sco_cal.wiring import build_service

# The exit codes the README documents; 70 (a bug) is never the answer to bad input.
DOCUMENTED_CODES = {0, 1, 2, 3, 4, 5, 130}


def assert_refused(result: Any, code: int, *words: str) -> str:
    """`result` failed with `code` and exactly one `sco-cal: error:` line naming `words`."""
    lines = result.stderr.splitlines()
    assert result.exit_code == code, (result.exit_code, result.stderr, result.stdout)
    assert len(lines) == 1 and lines[0].startswith("sco-cal: error: "), result.stderr
    assert "Traceback" not in result.stderr + result.stdout
    for word in words:  # Click spells an argument's name in either case, by version
        assert word.casefold() in lines[0].casefold(), (word, lines[0])
    return str(lines[0])


def store_content(db: str) -> Any:
    """Everything a person could have written to the store, to compare before and after."""
    service, _ = build_service(db=db, today=date(2026, 11, 23), ensure=False)
    try:
        every = EventFilter(scope=Scope.ALL, kinds=tuple(Kind))
        events = service.events.find(every, details=True)
        history = service.events.log(limit=None)
        return (
            [(e, e.sources, e.annotations, e.tags) for e in events],
            [(h.event_id, h.action, h.changes) for h in history],
            service.reminders.stored(),
        )
    finally:
        service.close()

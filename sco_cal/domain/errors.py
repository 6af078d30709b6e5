"""The one error hierarchy: every failure a user can cause, with its exit code."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Self

from sco_cal.domain.redaction import redact
from sco_cal.domain.text import safe_line


class ScoCalError(Exception):
    """An error the user can act on; the CLI prints it as one line."""

    exit_code = 1

    def __init__(self, message: str) -> None:
        # Messages quote what the user typed: keep them on one line and free of
        # terminal escape sequences, whatever was typed, and never show a password.
        super().__init__(safe_line(redact(message)))


class InvalidInput(ScoCalError):
    """A value given by the user (or a file) could not be read."""

    exit_code = 2

    @classmethod
    def among(cls, message: str, value: str, known: Iterable[str]) -> Self:
        """`value` is none of the `known` ones: `message`, translated, says so with its
        `{value}` and, where it lists them, `{known}` (what the person can choose from)."""
        return cls(message.format(value=value, known=", ".join(known)))


class DatePhraseError(InvalidInput):
    """A date phrase the parser could not read."""


class UnknownPlace(InvalidInput):
    """A country or city spelling that matches nothing known."""


class UnknownValue(InvalidInput):
    """A state, kind, theme, organisation or field name that does not exist."""


class NotFound(ScoCalError):
    """No event (or annotation, reminder) has that id."""

    exit_code = 3


class AmbiguousId(ScoCalError):
    """An abbreviated id matches more than one event."""

    exit_code = 3


class Conflict(ScoCalError):
    """Someone else changed the event since it was read; nothing was written."""

    exit_code = 4


class StoreError(ScoCalError):
    """The database cannot be opened, is locked, read-only or damaged."""

    exit_code = 5


class ServerError(ScoCalError):
    """A calendar server cannot be reached, refused the credentials or answered wrongly;
    or sco-cal's own resident server cannot start."""

    exit_code = 5

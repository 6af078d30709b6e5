"""Reading an iCalendar component's properties: text unescaped, values checked."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from icalendar import vText

from sco_cal.domain.errors import InvalidInput

_ESCAPED = re.compile(r"\\([\\;,nN])")
T = TypeVar("T")
Component = Any  # an icalendar component; its properties are read by name


class FieldError(InvalidInput):
    """A property's value cannot be used; `prop` names it so the caller can give its line."""

    def __init__(self, prop: str, message: str) -> None:
        super().__init__(message)
        self.prop = prop


def text(comp: Component, name: str) -> str | None:
    """A text property's value, unescaped, whichever value type icalendar gave it."""
    value = comp.get(name)
    if isinstance(value, list):
        value = value[0] if value else None
    if value is None:
        return None
    if isinstance(value, vText):
        return str(value).strip()
    return _unescape(str(value)).strip()


def texts(comp: Component, name: str) -> list[tuple[str, dict[str, str]]]:
    """Every value of a repeatable property, with its parameters."""
    value = comp.get(name)
    values = value if isinstance(value, list) else [] if value is None else [value]
    found = []
    for item in values:
        body = str(item) if isinstance(item, vText) else _unescape(str(item))
        found.append((body.strip(), {k.upper(): str(p) for k, p in item.params.items()}))
    return found


def category_names(comp: Component) -> list[str]:
    """Every CATEGORIES value, over one or several CATEGORIES lines."""
    value = comp.get("CATEGORIES")
    values = value if isinstance(value, list) else [] if value is None else [value]
    return [str(c).strip() for item in values for c in getattr(item, "cats", [item]) if str(c)]


def checked(prop: str, convert: Callable[[str], T], value: str) -> T:
    """`convert(value)`, or a FieldError naming `prop` when the value cannot be read."""
    try:
        return convert(value)
    except (ValueError, InvalidInput) as exc:
        raise FieldError(prop, f"{prop}: {exc}") from None


def _unescape(raw: str) -> str:
    return _ESCAPED.sub(lambda m: "\n" if m.group(1) in "nN" else m.group(1), raw)

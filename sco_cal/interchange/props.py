"""Reading a component's properties: text unescaped, values checked."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import TypeVar

from sco_cal.domain.errors import InvalidInput
from sco_cal.interchange.components import Component
from sco_cal.interchange.content import text_list, unescape_text

T = TypeVar("T")


class FieldError(InvalidInput):
    """A property's value cannot be used; `prop` names it so the caller can give its line."""

    def __init__(self, prop: str, message: str) -> None:
        super().__init__(message)
        self.prop = prop


def text(comp: Component, name: str) -> str | None:
    """A text property's value, unescaped and stripped (None if absent)."""
    found = comp.props.get(name)  # read for every field of every event: kept direct
    if not found:
        return None
    value = found[0][0]
    return (unescape_text(value) if "\\" in value else value).strip()


def texts(comp: Component, name: str) -> list[tuple[str, Mapping[str, str]]]:
    """Every value of a repeatable property, with its parameters."""
    return [(unescape_text(p.value).strip(), p.params) for p in comp.all(name)]


def category_names(comp: Component) -> list[str]:
    """Every CATEGORIES value, over one or several CATEGORIES lines."""
    names = (c.strip() for p in comp.all("CATEGORIES") for c in text_list(p.value))
    return [c for c in names if c]


def checked(prop: str, convert: Callable[[str], T], value: str) -> T:
    """`convert(value)`, or a FieldError naming `prop` when the value cannot be read."""
    try:
        return convert(value)
    except (ValueError, InvalidInput) as exc:
        raise FieldError(prop, f"{prop}: {exc}") from None

"""The TUI's own words in the run's language. Key bindings are declared on classes, in
English and marked for the catalogue; each screen, dialog and widget that has some
speaks them when it is made, so the footer and the help screen show the translation."""

from __future__ import annotations

from dataclasses import replace
from typing import Any, cast

from textual.dom import DOMNode

from sco_cal.i18n import _


def speak_bindings(node: DOMNode) -> None:
    """The descriptions and tooltips of `node`'s bindings in the current language."""
    # Textual gives each node its own copy of its class's bindings map, but the lists in
    # it are the class's: they are replaced, never changed in place.
    table = node._bindings.key_to_bindings
    for key, bindings in table.items():
        table[key] = [
            replace(
                b,
                description=_(b.description) if b.description else "",
                tooltip=_(b.tooltip) if b.tooltip else "",
            )
            for b in bindings
        ]


class Speaking:
    """A screen, dialog or widget whose key bindings speak the run's language."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        speak_bindings(cast(DOMNode, self))

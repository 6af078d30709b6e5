"""The digest as plain text: for a terminal, a cron mail or a file."""

from __future__ import annotations

import textwrap

from sco_cal.domain.digest import Digest
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.output.digest_sections import Item, heading, sections
from sco_cal.output.style import Painter

NOTHING = N_("Nothing needs attention: no events, reminders, follow-ups or changes.")


def render_digest_text(digest: Digest, lang: str, paint: Painter | None = None) -> str:
    """Sections in their fixed order; an empty one is left out."""
    paint = paint or Painter(False)
    lines = [paint(heading(digest, lang), "bold")]
    for section in sections(digest, lang):
        if not section.items:
            continue
        colour = ("red", "bold") if section.key == "needs_follow_up" else ("bold",)
        lines += ["", paint(section.heading, *colour)]
        if section.summary:
            lines += textwrap.wrap(
                safe(section.summary), 96, initial_indent="  ", subsequent_indent="  "
            )
        lines += [_item(item, paint) for item in section.items]
        if section.more:
            lines.append(f"  {section.more}")
    if digest.is_empty:
        lines += ["", _(NOTHING)]
    return "\n".join(lines) + "\n"


def _item(item: Item, paint: Painter) -> str:
    facts = " · ".join(safe(p) for p in (item.detail, item.note) if p)
    return (
        f"  {safe(item.when)}  {safe(item.title)}\n"
        f"      {facts}  {paint('[' + safe(item.ref) + ']', 'cyan')}"
    )

"""The digest as plain text: for a terminal, a cron mail or a file; one line an item, so a
Monday morning's digest fits one screen."""

from __future__ import annotations

import textwrap

from sco_cal.domain.digest import Digest
from sco_cal.domain.text import safe
from sco_cal.i18n import N_, _
from sco_cal.output.digest_sections import Item, heading, sections
from sco_cal.output.style import Painter

TITLE_WIDTH = 64
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
        group = ""
        for item in section.items:
            if item.group and item.group != group:
                group_line = textwrap.shorten(safe(item.group), 96, placeholder="…)")
                lines.append(f"  {paint(group_line, 'bold')}")
            group = item.group
            lines.append(_item(item, paint, indent="    " if group else "  "))
        if section.more:
            lines.append(f"  {section.more}")
    if digest.is_empty:
        lines += ["", _(NOTHING)]
    return "\n".join(lines) + "\n"


def _item(item: Item, paint: Painter, indent: str) -> str:
    """`Oct 2025  16th Meeting of Heads of Anti-Drug Services (provisional, ended 388 days
    ago)  [sco-anti-drug-heads-16]`: the place and a long title's end are left to the other
    formats, so that a line stays readable."""
    facts = ", ".join(safe(p) for p in (item.short or item.detail, item.note) if p)
    title = textwrap.shorten(safe(item.title), TITLE_WIDTH, placeholder="…")
    ref = paint("[" + safe(item.ref) + "]", "cyan")
    return f"{indent}{safe(item.when)}  {title} ({facts})  {ref}"

"""The digest as Markdown that reads well pasted into a chat: headings and bullets."""

from __future__ import annotations

import re

from sco_cal.domain.digest import Digest
from sco_cal.i18n import _
from sco_cal.output.digest_sections import Item, heading, sections
from sco_cal.output.digest_text import NOTHING

# Characters that chat Markdown would read as emphasis, code, links, tables or HTML;
# the others are left alone so the raw text stays readable too.
_SPECIAL = re.compile(r"([\\`*_\[\]<>|~&])")


def md_text(text: str) -> str:
    """Store text shown literally: markup escaped, line breaks flattened."""
    return _SPECIAL.sub(r"\\\1", " ".join(text.split()))


def render_digest_md(digest: Digest, lang: str) -> str:
    lines = [f"## {md_text(heading(digest, lang))}"]
    for section in sections(digest, lang):
        if not section.items:
            continue
        lines += ["", f"### {md_text(section.heading)}"]
        if section.summary:
            lines.append(f"_{md_text(section.summary)}_")
        group = ""
        for item in section.items:
            if item.group and item.group != group:
                lines.append(f"- **{md_text(item.group)}**")
            group = item.group
            lines.append(("  " if group else "") + _item(item))
        if section.more:
            lines.append(f"- {md_text(section.more)}")
    if digest.is_empty:
        lines += ["", md_text(_(NOTHING))]
    return "\n".join(lines) + "\n"


def _item(item: Item) -> str:
    facts = " · ".join(md_text(p) for p in (item.detail, item.note) if p)
    ref = item.ref.replace("`", "")
    return f"- **{md_text(item.when)}** {md_text(item.title)} — {facts} `{ref}`"

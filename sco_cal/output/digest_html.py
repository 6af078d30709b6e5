"""The digest as one self-contained HTML page for an e-mail body: inline styles, no assets."""

from __future__ import annotations

from html import escape

from sco_cal.domain.digest import Digest
from sco_cal.i18n import _
from sco_cal.output.digest_sections import Item, Section, heading, sections
from sco_cal.output.digest_text import NOTHING

_BODY = "font-family:Arial,Helvetica,sans-serif;font-size:14px;color:#222;margin:0;padding:16px"
_H1 = "font-size:20px;margin:0 0 12px 0"
_H2 = "font-size:16px;margin:20px 0 6px 0;border-bottom:1px solid #ccc;padding-bottom:2px"
_H2_ALERT = _H2 + ";color:#b00020"
_TABLE = "border-collapse:collapse;width:100%"
_WHEN = "padding:4px 8px 4px 0;vertical-align:top;white-space:nowrap;color:#555"
_CELL = "padding:4px 0;vertical-align:top"
_SMALL = "color:#666;font-size:12px"
_GROUP = "padding:8px 0 2px 0;font-weight:bold;color:#444"
_ID = "font-family:Menlo,Consolas,monospace;font-size:12px;color:#0b5394"


def render_digest_html(digest: Digest, lang: str) -> str:
    title = escape(heading(digest, lang))
    parts = [
        "<!DOCTYPE html>",
        f'<html lang="{escape(lang)}"><head><meta charset="utf-8">',
        f"<title>{title}</title></head>",
        f'<body style="{_BODY}">',
        f'<h1 style="{_H1}">{title}</h1>',
    ]
    for section in sections(digest, lang):
        if section.items:
            parts.append(_section(section))
    if digest.is_empty:
        parts.append(f"<p>{escape(_(NOTHING))}</p>")
    parts.append("</body></html>")
    return "\n".join(parts) + "\n"


def _section(section: Section) -> str:
    style = _H2_ALERT if section.key == "needs_follow_up" else _H2
    rows, group = [], ""
    for item in section.items:
        if item.group and item.group != group:
            rows.append(f'<tr><td colspan="2" style="{_GROUP}">{escape(item.group)}</td></tr>')
        group = item.group
        rows.append(_row(item))
    body = "\n".join(rows)
    summary = f'<p style="{_SMALL}">{escape(section.summary)}</p>' if section.summary else ""
    more = f'<p style="{_SMALL}">{escape(section.more)}</p>' if section.more else ""
    return (
        f'<h2 style="{style}">{escape(section.heading)}</h2>{summary}\n'
        f'<table style="{_TABLE}" role="presentation">\n{body}\n</table>{more}'
    )


def _row(item: Item) -> str:
    facts = " · ".join(escape(p) for p in (item.detail, item.note) if p)
    return (
        f'<tr><td style="{_WHEN}">{escape(item.when)}</td>'
        f'<td style="{_CELL}">{escape(item.title)}<br>'
        f'<span style="{_SMALL}">{facts}</span> <span style="{_ID}">{escape(item.ref)}</span>'
        "</td></tr>"
    )

"""Passwords sco-cal was given, kept out of everything it prints or passes on."""

from __future__ import annotations

from urllib.parse import quote

_SECRETS: set[str] = set()


def remember_secret(secret: str) -> None:
    """From now on `redact` hides `secret`, as written and as a URL would encode it."""
    if secret:
        _SECRETS.update({secret, quote(secret, safe="")})


def redact(text: str) -> str:
    """`text` with every remembered secret replaced by `***`."""
    for secret in sorted(_SECRETS, key=len, reverse=True):
        text = text.replace(secret, "***")
    return text

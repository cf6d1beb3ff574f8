"""Keep credentials out of messages: every secret the settings hold is masked wherever it appears."""

from __future__ import annotations

import base64

MASK = "***"


def _forms(secret: str) -> list[str]:
    # a token also travels base64-encoded inside a basic-auth header
    encoded = base64.b64encode(secret.encode()).decode()
    return [secret, encoded] if len(secret) >= 4 else [secret]


def redact(text: str, secrets: list[str]) -> str:
    for secret in sorted(secrets, key=len, reverse=True):
        if not secret:
            continue
        for form in _forms(secret):
            text = text.replace(form, MASK)
    return text

"""Identifiers: an unguessable one for links and QR codes, and a short code people can type."""
from __future__ import annotations

import re
import secrets

# No 0/O, 1/I/L, 5/S, 2/Z, 8/B: read from paper, typed on a phone, said over the phone.
ALPHABET = "ACDEFGHJKMNPQRTUVWXY34679"
CODE_LENGTH = 12
_NOT_CODE = re.compile(r"[\s\-_.]")


def new_public_id() -> str:
    """144 random bits, URL-safe (24 characters)."""
    return secrets.token_urlsafe(18)


def new_code() -> str:
    """XXXXXXXXXXXX from ALPHABET (about 55 bits): shown as XXXX-XXXX-XXXX."""
    return "".join(secrets.choice(ALPHABET) for _ in range(CODE_LENGTH))


def normalise(typed: str | None) -> str | None:
    """The stored form of a typed code (any case, with or without dashes or spaces), or None
    when it cannot be a code at all."""
    code = _NOT_CODE.sub("", (typed or "")).upper()
    if len(code) != CODE_LENGTH or any(ch not in ALPHABET for ch in code):
        return None
    return code


def looks_like_public_id(value: str) -> bool:
    return 16 <= len(value) <= 32 and re.fullmatch(r"[A-Za-z0-9_-]+", value) is not None

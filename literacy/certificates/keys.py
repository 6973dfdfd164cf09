"""The key that signs Open Badges 3.0 credentials (RS256).

From ``LITERACY_BADGE_SIGNING_KEY`` (a PEM private key) when set; otherwise a 2048-bit RSA key
generated once into ``instance/badge_signing_key.pem`` (0600), or into
``LITERACY_BADGE_SIGNING_KEY_PATH``. Never in the repository. Several workers starting together
create it once (exclusive create) and all read the same key.
"""
from __future__ import annotations

from pathlib import Path

from flask import current_app
from joserfc.jwk import RSAKey

from ..utils import create_once

KEY_FILE = "badge_signing_key.pem"


def _key_path() -> Path:
    configured = current_app.config.get("BADGE_SIGNING_KEY_PATH")
    return Path(configured) if configured else Path(current_app.instance_path) / KEY_FILE


def _load_or_create(path: Path) -> bytes:
    return create_once(path, lambda: RSAKey.generate_key(2048, private=True).as_pem(private=True))


def signing_key() -> RSAKey:
    cached = current_app.extensions.get("literacy_badge_key")
    if cached is None:
        pem = current_app.config.get("BADGE_SIGNING_KEY")
        cached = RSAKey.import_key(pem.encode() if isinstance(pem, str) else pem) if pem else \
            RSAKey.import_key(_load_or_create(_key_path()))
        current_app.extensions["literacy_badge_key"] = cached
    return cached


def key_id() -> str:
    """The RFC 7638 thumbprint of the public key: names it in URLs, stable while the key is."""
    return signing_key().thumbprint()


def public_jwk() -> dict:
    """The public half only: never ``d`` or the other private parameters."""
    jwk = signing_key().as_dict(private=False)
    return {"kty": jwk["kty"], "n": jwk["n"], "e": jwk["e"], "kid": key_id(), "alg": "RS256", "use": "sig"}

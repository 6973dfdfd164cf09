"""Open Badges 3.0: each certificate as an OpenBadgeCredential signed as a VC-JWT (spec §8.2).

JOSE header: ``alg`` RS256, ``kid`` a URL that answers the public JWK, ``typ`` JWT, nothing else.
Payload: the credential itself with ``iss`` (issuer.id), ``jti`` (id), ``nbf`` (validFrom) and
``sub`` (credentialSubject.id). The subject is a ``urn:uuid``, never an email. Revocation is
published in a Bitstring Status List (W3C), also signed, at a stable URL.
"""
from __future__ import annotations

import base64
import gzip
import uuid
from datetime import datetime, timezone

from joserfc import jwt
from sqlalchemy import select

from ..catalog.models import Module
from ..extensions import db
from ..utils import public_url, utcnow
from . import keys
from .models import CAPSTONE, Certificate

CONTEXTS = ["https://www.w3.org/ns/credentials/v2", "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"]
SCHEMA = "https://purl.imsglobal.org/spec/ob/v3p0/schema/json/ob_v3p0_achievementcredential_schema.json"
CAPSTONE_SLUG = "literasi-digital"
LIST_SIZE = 131_072  # bits per status list: the W3C minimum (16 KB), so an index reveals little


def _iso(moment: datetime) -> str:
    return moment.replace(microsecond=0).isoformat() + "Z"


def _epoch(moment: datetime) -> int:
    return int(moment.replace(tzinfo=timezone.utc).timestamp())


def badge_slug(certificate: Certificate) -> str:
    """What names the badge class/achievement in URLs: the module's slug, or the capstone's."""
    if certificate.kind == CAPSTONE or certificate.module_id is None:
        return CAPSTONE_SLUG
    return db.session.scalar(select(Module.slug).where(Module.id == certificate.module_id))


def issuer_id() -> str:
    return public_url("badges.issuer")


def subject_id(certificate: Certificate) -> str:
    """A urn:uuid for the holder of this credential, derived from it: it says nothing about the person."""
    return f"urn:uuid:{uuid.uuid5(uuid.UUID(certificate.credential_uuid), 'holder')}"


def status_entry(certificate: Certificate) -> dict:
    number, index = divmod(certificate.id, LIST_SIZE)
    url = public_url("badges.status_list", number=number)
    return {"id": f"{url}#{index}", "type": "BitstringStatusListEntry", "statusPurpose": "revocation",
            "statusListIndex": str(index), "statusListCredential": url}


def credential(certificate: Certificate) -> dict:
    title = certificate.title("id")
    slug = badge_slug(certificate)
    narrative = ("Lulus modul dari keempat pilar literasi digital di Literasi." if certificate.kind == CAPSTONE
                 else f"Lulus kuis modul \"{title}\" (versi {certificate.module_version}) di Literasi.")
    return {
        "@context": CONTEXTS,
        "id": f"urn:uuid:{certificate.credential_uuid}",
        "type": ["VerifiableCredential", "OpenBadgeCredential"],
        "issuer": {"id": issuer_id(), "type": ["Profile"], "name": "Literasi",
                   "url": public_url("core.home")},
        "validFrom": _iso(certificate.issued_at),
        "name": title,
        "credentialSubject": {
            "id": subject_id(certificate),
            "type": ["AchievementSubject"],
            "achievement": {
                "id": public_url("badges.badge_class", slug=slug),
                "type": ["Achievement"],
                "name": title,
                "description": narrative,
                "criteria": {"narrative": narrative},
                "creator": {"id": issuer_id(), "type": ["Profile"], "name": certificate.organisation},
            },
        },
        "credentialStatus": status_entry(certificate),
        "credentialSchema": [{"id": SCHEMA, "type": "1EdTechJsonSchemaValidator2019"}],
    }


def key_url() -> str:
    return public_url("badges.jwk", kid=keys.key_id())


def _sign(payload: dict) -> str:
    return jwt.encode({"alg": "RS256", "kid": key_url(), "typ": "JWT"}, payload, keys.signing_key())


def token(certificate: Certificate) -> str:
    body = credential(certificate)
    claims = {"iss": body["issuer"]["id"], "jti": body["id"], "nbf": _epoch(certificate.issued_at),
              "sub": body["credentialSubject"]["id"]}
    return _sign({**body, **claims})


def encoded_list(revoked_indexes) -> str:
    """Multibase base64url (no padding) of the GZIP-compressed bitstring; index 0 is the leftmost bit."""
    bits = bytearray(LIST_SIZE // 8)
    for index in revoked_indexes:
        bits[index // 8] |= 0x80 >> (index % 8)
    packed = gzip.compress(bytes(bits), mtime=0)
    return "u" + base64.urlsafe_b64encode(packed).decode().rstrip("=")


def status_list_token(number: int) -> str:
    low, high = number * LIST_SIZE, (number + 1) * LIST_SIZE
    revoked = db.session.scalars(select(Certificate.id).where(
        Certificate.id >= low, Certificate.id < high, Certificate.revoked_at.is_not(None)))
    url = public_url("badges.status_list", number=number)
    now = utcnow()
    body = {
        "@context": ["https://www.w3.org/ns/credentials/v2"],
        "id": url,
        "type": ["VerifiableCredential", "BitstringStatusListCredential"],
        "issuer": issuer_id(),
        "validFrom": _iso(now),
        "credentialSubject": {"id": f"{url}#list", "type": "BitstringStatusList", "statusPurpose": "revocation",
                              "encodedList": encoded_list(i - low for i in revoked)},
    }
    return _sign({**body, "iss": issuer_id(), "jti": url, "nbf": _epoch(now)})

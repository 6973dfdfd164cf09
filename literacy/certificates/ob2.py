"""Open Badges 2.0, hosted: an Issuer profile, a BadgeClass per module (and the capstone), an
Assertion per certificate, as JSON-LD at stable URLs.

The recipient is hashed and salted: the student's email when they gave one, otherwise the
certificate's own verification URL (``url`` type), so no address is needed to hold a badge.
"""
from __future__ import annotations

import hashlib
import struct
import zlib
from email.utils import parseaddr

from flask import current_app
from sqlalchemy import select

from ..accounts.models import User
from ..catalog.models import Module
from ..database import write_transaction
from ..extensions import db
from ..utils import public_url
from .models import BadgeImage, Certificate
from .ob3 import CAPSTONE_SLUG, badge_slug
from .services import CAPSTONE_TITLES

CONTEXT = "https://w3id.org/openbadges/v2"
PILLAR_COLOURS = {"cakap": (11, 110, 79), "etika": (63, 81, 181), "budaya": (176, 90, 20), "aman": (161, 29, 29)}
CAPSTONE_COLOUR = (31, 41, 51)


def issuer() -> dict:
    address = parseaddr(current_app.config["MAIL_FROM"])[1]
    profile = {"@context": CONTEXT, "type": "Issuer", "id": public_url("badges.issuer"), "name": "Literasi",
               "url": public_url("core.home"),
               "description": "Literasi: pelajaran literasi digital untuk pelajar Indonesia."}
    if address:
        profile["email"] = address
    return profile


def find_badge(slug: str) -> tuple[str, dict, Module | None] | None:
    """(issue key, titles, module) of a badge class by its slug, or None."""
    if slug == CAPSTONE_SLUG:
        return "capstone", dict(CAPSTONE_TITLES), None
    module = db.session.scalar(select(Module).where(Module.slug == slug))
    if module is None or not module.certificate:
        return None
    return f"module:{module.id}", {t.language: t.title for t in module.texts}, module


def badge_class(slug: str, titles: dict, module: Module | None) -> dict:
    name = titles.get("id") or next(iter(titles.values()))
    narrative = ("Lulus setidaknya satu modul dari setiap pilar literasi digital: Cakap, Etika, Budaya dan Aman Digital."
                 if module is None else f"Lulus kuis modul \"{name}\" dengan nilai minimal {module.pass_mark}.")
    return {"@context": CONTEXT, "type": "BadgeClass", "id": public_url("badges.badge_class", slug=slug),
            "name": name, "description": narrative, "criteria": {"narrative": narrative},
            "image": public_url("badges.badge_image", slug=slug), "issuer": public_url("badges.issuer"),
            "tags": [module.pillar] if module is not None else ["literasi-digital"]}


def _hashed(identity: str, salt: str) -> str:
    return "sha256$" + hashlib.sha256((identity + salt).encode()).hexdigest()


def recipient(certificate: Certificate) -> dict:
    holder = db.session.get(User, certificate.user_id) if certificate.user_id is not None else None
    if holder is not None and holder.email:
        kind, identity = "email", holder.email
    else:
        kind, identity = "url", public_url("certificates.show", public_id=certificate.public_id)
    return {"type": kind, "hashed": True, "salt": certificate.recipient_salt,
            "identity": _hashed(identity, certificate.recipient_salt)}


def assertion(certificate: Certificate) -> dict:
    url = public_url("badges.assertion", public_id=certificate.public_id)
    if certificate.revoked:
        return {"@context": CONTEXT, "type": "Assertion", "id": url, "revoked": True,
                "revocationReason": certificate.revoked_reason}
    return {"@context": CONTEXT, "type": "Assertion", "id": url, "recipient": recipient(certificate),
            "badge": public_url("badges.badge_class", slug=badge_slug(certificate)),
            "issuedOn": certificate.issued_at.replace(microsecond=0).isoformat() + "Z",
            "verification": {"type": "hosted"},
            "evidence": public_url("certificates.show", public_id=certificate.public_id)}


# -- the badge image: a PNG drawn once per badge class and kept ----------------------------------

def badge_png(key: str, module: Module | None) -> bytes:
    """The stored image, drawn the first time it is asked for (two requests at once store one)."""
    stored = db.session.get(BadgeImage, key)
    if stored is not None:
        return stored.png
    colour = PILLAR_COLOURS.get(module.pillar, CAPSTONE_COLOUR) if module is not None else CAPSTONE_COLOUR
    png = draw_badge(colour)
    with write_transaction() as session:
        if session.get(BadgeImage, key) is None:
            session.add(BadgeImage(issue_key=key, png=png))
    return png


def draw_badge(colour: tuple[int, int, int], size: int = 256) -> bytes:
    """A round badge in the pillar's colour with a white ring and a tick, as an RGBA PNG."""
    centre, outer, ring = (size - 1) / 2, size / 2 - 2, size / 2 - 18
    rows = []
    for y in range(size):
        row = bytearray(b"\x00")  # filter type: none
        for x in range(size):
            dx, dy = x - centre, y - centre
            distance = (dx * dx + dy * dy) ** 0.5
            if distance > outer:
                row += b"\x00\x00\x00\x00"
            elif ring - 8 < distance < ring or _on_tick(x / size, y / size):
                row += b"\xff\xff\xff\xff"
            else:
                row += bytes(colour) + b"\xff"
        rows.append(bytes(row))

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)

    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)
    return (b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(b"".join(rows), 9))
            + chunk(b"IEND", b""))


def _on_tick(x: float, y: float) -> bool:
    """Two thick strokes: (0.30, 0.52) to (0.45, 0.67), then up to (0.72, 0.36)."""
    def near(ax, ay, bx, by):
        length = ((bx - ax) ** 2 + (by - ay) ** 2) or 1
        t = max(0.0, min(1.0, ((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length))
        px, py = ax + t * (bx - ax), ay + t * (by - ay)
        return (x - px) ** 2 + (y - py) ** 2 < 0.045 ** 2
    return near(0.30, 0.52, 0.45, 0.67) or near(0.45, 0.67, 0.72, 0.36)

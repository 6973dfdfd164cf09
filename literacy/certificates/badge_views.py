"""Open Badges at stable URLs: 2.0 hosted (issuer, badge classes, images, assertions) and 3.0
(the signed credential, the public key, the revocation status list). Public: they name no one."""
from __future__ import annotations

import json

from flask import Blueprint, Response, abort

from . import keys, ob2, ob3, services

bp = Blueprint("badges", __name__)

JSON_LD = "application/ld+json"


def _json(document: dict, status: int = 200, mimetype: str = JSON_LD) -> Response:
    response = Response(json.dumps(document, ensure_ascii=False, indent=1), status=status, mimetype=mimetype)
    response.headers["Access-Control-Allow-Origin"] = "*"  # validators and wallets fetch from anywhere
    return response


def _certificate_or_404(public_id: str):
    certificate = services.by_public_id(public_id)
    if certificate is None:
        abort(404)
    return certificate


@bp.get("/sertifikat/lencana/penerbit.json")
def issuer():
    """Open Badges issuer profile of Literasi."""
    return _json(ob2.issuer())


@bp.get("/sertifikat/lencana/<slug>.json")
def badge_class(slug):
    """Open Badges 2.0 BadgeClass (also the OB 3.0 achievement id) of a module or the capstone."""
    found = ob2.find_badge(slug)
    if found is None:
        abort(404)
    return _json(ob2.badge_class(slug, found[1], found[2]))


@bp.get("/sertifikat/lencana/<slug>.png")
def badge_image(slug):
    """The badge image, drawn once and kept."""
    found = ob2.find_badge(slug)
    if found is None:
        abort(404)
    response = Response(ob2.badge_png(found[0], found[2]), mimetype="image/png")
    response.headers["Cache-Control"] = "public, max-age=86400"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/sertifikat/<public_id>/ob2.json")
def assertion(public_id):
    """Open Badges 2.0 hosted assertion; a revoked one answers 410 with revoked: true."""
    certificate = _certificate_or_404(public_id)
    return _json(ob2.assertion(certificate), 410 if certificate.revoked else 200)


@bp.get("/sertifikat/<public_id>/ob3.jwt")
def credential_jwt(public_id):
    """The certificate as an Open Badges 3.0 credential signed as a VC-JWT, to download into a wallet."""
    certificate = _certificate_or_404(public_id)
    response = Response(ob3.token(certificate), mimetype="application/jwt")
    response.headers["Content-Disposition"] = f'attachment; filename="sertifikat-{certificate.pretty_code}.jwt"'
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response


@bp.get("/sertifikat/kunci/<kid>.json")
def jwk(kid):
    """The public key (JWK) a credential's ``kid`` names."""
    if kid != keys.key_id():
        abort(404)
    return _json(keys.public_jwk(), mimetype="application/jwk+json")


@bp.get("/sertifikat/kunci.json")
def jwks():
    """Every public key credentials are signed with (JWKS)."""
    return _json({"keys": [keys.public_jwk()]}, mimetype="application/jwk-set+json")


@bp.get("/sertifikat/status/<int:number>")
def status_list(number):
    """The revocation status list (W3C Bitstring Status List) as a signed VC-JWT."""
    if number < 0 or number > 10_000:
        abort(404)
    response = Response(ob3.status_list_token(number), mimetype="application/vc+jwt")
    response.headers["Cache-Control"] = "public, max-age=300"
    response.headers["Access-Control-Allow-Origin"] = "*"
    return response

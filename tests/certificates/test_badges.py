"""Open Badges 3.0 (VC-JWT checked by a second JOSE library and 1EdTech's JSON Schema) and 2.0 hosted."""
from __future__ import annotations

import base64
import gzip
import hashlib
import json
import os
import stat
from pathlib import Path

import jsonschema
import jwt as pyjwt  # PyJWT: independent of joserfc, which signs
import pytest
from sqlalchemy import func, select

from literacy.accounts.models import User
from literacy.certificates import services
from literacy.certificates.models import BadgeImage, Certificate
from literacy.extensions import db

SCHEMA = json.loads((Path(__file__).with_name("ob_v3p0_achievementcredential_schema.json")).read_text())
PUBLIC = "https://literasi.test"


def _path(url: str) -> str:
    assert url.startswith(PUBLIC + "/"), url
    return url[len(PUBLIC):]


@pytest.fixture
def issued(app, course, make_user, pass_quiz):
    with_email = make_user("nur", display_name="Nur Aini", email="nur.aini@contoh.id")
    without = make_user("oki")
    pass_quiz(with_email, "hoaks-cakap")
    pass_quiz(without, "hoaks-cakap")
    with app.app_context():
        def public_id(user_id):
            return db.session.scalar(select(Certificate.public_id).where(Certificate.user_id == user_id))
        return {"email": public_id(with_email), "plain": public_id(without), "admin": make_user("admin_ob", role="admin")}


def _verified(client, token: str) -> tuple[dict, dict]:
    """Verify as a wallet would: read the kid, fetch that URL's JWK, check the RS256 signature with PyJWT."""
    header = pyjwt.get_unverified_header(token)
    jwk = client.get(_path(header["kid"]))
    assert jwk.status_code == 200 and "d" not in jwk.json and jwk.json["kty"] == "RSA"
    key = pyjwt.PyJWK(jwk.json).key
    return header, pyjwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False})


def test_the_ob3_credential_is_a_signed_vc_jwt_that_matches_1edtechs_schema(app, client, issued):
    response = client.get(f"/sertifikat/{issued['email']}/ob3.jwt")
    assert response.status_code == 200 and response.mimetype == "application/jwt"
    assert "attachment" in response.headers["Content-Disposition"] and ".jwt" in response.headers["Content-Disposition"]
    header, payload = _verified(client, response.get_data(as_text=True))
    assert set(header) == {"alg", "kid", "typ"} and header["alg"] == "RS256" and header["typ"] == "JWT"
    assert payload["iss"] == payload["issuer"]["id"] == PUBLIC + "/sertifikat/lencana/penerbit.json"
    assert payload["jti"] == payload["id"] and payload["id"].startswith("urn:uuid:")
    assert payload["sub"] == payload["credentialSubject"]["id"] and payload["sub"].startswith("urn:uuid:")
    with app.app_context():
        issued_at = services.by_public_id(issued["email"]).issued_at
    assert payload["validFrom"] == issued_at.replace(microsecond=0).isoformat() + "Z"
    text = json.dumps(payload, ensure_ascii=False)
    assert "Nur Aini" not in text and "nur.aini" not in text and "contoh.id" not in text  # no name, no email
    assert payload["credentialSubject"]["achievement"]["name"] == "Kenali Hoaks Cakap"
    credential = {k: v for k, v in payload.items() if k not in ("iss", "jti", "nbf", "sub")}
    jsonschema.Draft201909Validator(SCHEMA).validate(credential)
    assert client.get(_path(payload["credentialSubject"]["achievement"]["id"])).status_code == 200


def test_the_nbf_claim_is_the_validFrom_time(app, client, issued):
    from datetime import datetime, timezone

    _, payload = _verified(client, client.get(f"/sertifikat/{issued['plain']}/ob3.jwt").get_data(as_text=True))
    valid_from = datetime.fromisoformat(payload["validFrom"].replace("Z", "+00:00"))
    assert payload["nbf"] == int(valid_from.astimezone(timezone.utc).timestamp())


def test_the_jwks_publishes_only_the_public_key(client, issued):
    keys = client.get("/sertifikat/kunci.json").json["keys"]
    assert len(keys) == 1 and set(keys[0]) == {"kty", "n", "e", "kid", "alg", "use"}
    assert client.get("/sertifikat/kunci/bukan-kunci.json").status_code == 404


def _bit(client, entry: dict) -> int:
    token = client.get(_path(entry["statusListCredential"])).get_data(as_text=True)
    _, status_list = _verified(client, token)
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    bits = gzip.decompress(base64.urlsafe_b64decode(encoded[1:] + "=" * (-len(encoded[1:]) % 4)))
    index = int(entry["statusListIndex"])
    return (bits[index // 8] >> (7 - index % 8)) & 1


def test_revocation_shows_in_the_status_list(app, client, issued):
    _, payload = _verified(client, client.get(f"/sertifikat/{issued['plain']}/ob3.jwt").get_data(as_text=True))
    entry = payload["credentialStatus"]
    assert entry["type"] == "BitstringStatusListEntry" and entry["statusPurpose"] == "revocation"
    assert _bit(client, entry) == 0
    with app.app_context():
        services.revoke(services.by_public_id(issued["plain"]), db.session.get(User, issued["admin"]), "error")
    assert _bit(client, entry) == 1
    _, other = _verified(client, client.get(f"/sertifikat/{issued['email']}/ob3.jwt").get_data(as_text=True))
    assert _bit(client, other["credentialStatus"]) == 0


def test_the_signing_key_is_created_once_with_private_permissions(app_factory, tmp_path):
    from literacy.certificates import keys

    path = tmp_path / "instance-key.pem"
    app = app_factory(BADGE_SIGNING_KEY_PATH=str(path))
    with app.app_context():
        first = keys.key_id()
    assert stat.S_IMODE(os.stat(path).st_mode) == 0o600
    again = app_factory(BADGE_SIGNING_KEY_PATH=str(path))
    with again.app_context():
        assert keys.key_id() == first
    configured = app_factory(BADGE_SIGNING_KEY=path.read_text(), BADGE_SIGNING_KEY_PATH=str(tmp_path / "unused.pem"))
    with configured.app_context():
        assert keys.key_id() == first
    assert not (tmp_path / "unused.pem").exists()


def test_ob2_assertions_hash_the_email_or_the_certificates_url(app, client, issued):
    with_email = client.get(f"/sertifikat/{issued['email']}/ob2.json")
    assert with_email.status_code == 200
    assertion = with_email.json
    assert assertion["type"] == "Assertion" and assertion["verification"] == {"type": "hosted"}
    assert assertion["id"] == f"{PUBLIC}/sertifikat/{issued['email']}/ob2.json"
    recipient = assertion["recipient"]
    assert recipient["type"] == "email" and recipient["hashed"] is True
    assert recipient["identity"] == "sha256$" + hashlib.sha256(("nur.aini@contoh.id" + recipient["salt"]).encode()).hexdigest()
    assert "nur.aini" not in with_email.get_data(as_text=True)
    plain = client.get(f"/sertifikat/{issued['plain']}/ob2.json").json["recipient"]
    identity = f"{PUBLIC}/sertifikat/{issued['plain']}"
    assert plain["type"] == "url"
    assert plain["identity"] == "sha256$" + hashlib.sha256((identity + plain["salt"]).encode()).hexdigest()
    badge = client.get(_path(assertion["badge"])).json
    assert badge["type"] == "BadgeClass" and badge["name"] == "Kenali Hoaks Cakap"
    assert badge["issuer"] == f"{PUBLIC}/sertifikat/lencana/penerbit.json"
    issuer = client.get(_path(badge["issuer"])).json
    assert issuer["type"] == "Issuer" and issuer["name"] == "Literasi"


def test_the_badge_image_is_drawn_once(app, client, issued):
    first = client.get("/sertifikat/lencana/hoaks-cakap.png")
    second = client.get("/sertifikat/lencana/hoaks-cakap.png")
    assert first.status_code == 200 and first.mimetype == "image/png" and first.data.startswith(b"\x89PNG")
    assert first.data == second.data
    with app.app_context():
        assert db.session.scalar(select(func.count()).select_from(BadgeImage)) == 1
    assert client.get("/sertifikat/lencana/tidak-ada.png").status_code == 404
    assert client.get("/sertifikat/lencana/hoaks-tanpa-sertifikat.json").status_code == 404
    capstone = client.get("/sertifikat/lencana/literasi-digital.json").json
    assert capstone["name"] == "Sertifikat Literasi Digital"


def test_a_revoked_ob2_assertion_answers_410(app, client, issued):
    with app.app_context():
        services.revoke(services.by_public_id(issued["email"]), db.session.get(User, issued["admin"]), "request")
    response = client.get(f"/sertifikat/{issued['email']}/ob2.json")
    assert response.status_code == 410 and response.json["revoked"] is True
    assert "recipient" not in response.json
    assert client.get("/sertifikat/bukan-sertifikat-sama-sekali/ob2.json").status_code == 404

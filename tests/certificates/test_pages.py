"""The pages: "Sertifikat saya", what is left on the dashboard and module page, verification, revocation."""
from __future__ import annotations

import io

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.certificates.models import Certificate
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD


def _certificate(app, user_id) -> Certificate:
    with app.app_context():
        certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == user_id))
        db.session.expunge(certificate)
        return certificate


@pytest.fixture
def holder(app, course, make_user, pass_quiz):
    student = make_user("ratna", display_name="Ratna Sari Dewi")
    pass_quiz(student, "hoaks-cakap")
    return _certificate(app, student)


def test_my_certificates_lists_the_pdf_share_link_and_what_is_left(app, client, course, holder, login):
    login(client, "ratna")
    page = client.get("/sertifikat").get_data(as_text=True)
    assert "Kenali Hoaks Cakap" in page and holder.pretty_code in page
    assert f"/sertifikat/{holder.public_id}/pdf" in page
    assert f"https://literasi.test/sertifikat/{holder.public_id}" in page
    assert "Yang bisa kamu raih" in page and "Pilar yang belum: Etika Digital, Budaya Digital, Aman Digital" in page
    assert "hadir di lokakarya yang mengajarkan modul ini" in page  # the blended module's condition
    dashboard = client.get("/dasbor").get_data(as_text=True)
    assert "Sertifikat sudah terbit" in dashboard and "Pilar yang belum" in dashboard
    module_page = client.get("/modul/hoaks-etika").get_data(as_text=True)
    assert "Yang masih perlu:" in module_page and "2 pelajaran lagi" in module_page
    assert "lulus kuis (nilai minimal 70)" in module_page


def test_a_minor_sees_the_certificate_waits_for_consent_and_why(app, client, course, make_user, login, pass_quiz):
    minor = make_user("bagas", birth_year=utcnow().year - 13)
    pass_quiz(minor, "hoaks-cakap")
    login(client, "bagas")
    page = client.get("/sertifikat").get_data(as_text=True)
    assert "Sertifikat menunggu persetujuan orang tua/wali" in page and "Kamu belum punya sertifikat." in page
    assert "menunggu persetujuan orang tua/wali" in client.get("/modul/hoaks-cakap").get_data(as_text=True)


def test_only_the_holder_downloads_the_pdf(app, client, holder, make_user, login):
    from pypdf import PdfReader

    assert client.get(f"/sertifikat/{holder.public_id}/pdf").status_code == 302  # log in first
    make_user("orang_lain")
    login(client, "orang_lain")
    assert client.get(f"/sertifikat/{holder.public_id}/pdf").status_code == 404
    own = app.test_client()
    login(own, "ratna")
    response = own.get(f"/sertifikat/{holder.public_id}/pdf")
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    assert f'filename="sertifikat-{holder.pretty_code}.pdf"' in response.headers["Content-Disposition"]
    text = PdfReader(io.BytesIO(response.data)).pages[0].extract_text()
    assert "Ratna Sari Dewi" in text and holder.pretty_code in text


def test_verification_by_code_in_any_form(app, client, holder):
    for typed in (holder.pretty_code, holder.code.lower(), holder.pretty_code.replace("-", " ")):
        response = client.get("/sertifikat/verifikasi", query_string={"kode": typed})
        page = response.get_data(as_text=True)
        assert response.status_code == 200 and "Sertifikat ini asli dan berlaku." in page, typed
        assert "Ratna Sari Dewi" in page and "Kenali Hoaks Cakap" in page and "Tim Literasi" in page
    form = client.get("/sertifikat/verifikasi")
    assert form.status_code == 200 and 'name="kode"' in form.get_data(as_text=True)


def test_verification_says_nothing_more_about_the_student(app, client, holder):
    page = client.get(f"/sertifikat/{holder.public_id}").get_data(as_text=True)
    assert "Sertifikat ini asli dan berlaku." in page and "Ratna Sari Dewi" in page
    assert "ratna" not in page.replace("Ratna", "")  # not the username
    assert "100" not in page  # not the score


def test_unknown_and_malformed_codes(app, client, holder):
    unknown = client.get("/sertifikat/verifikasi?kode=ACDE-FGHJ-KMNP")
    assert unknown.status_code == 404 and "Sertifikat tidak ditemukan." in unknown.get_data(as_text=True)
    malformed = client.get("/sertifikat/verifikasi?kode=12345")
    assert malformed.status_code == 400
    assert "Kode sertifikat terdiri dari 12 huruf dan angka" in malformed.get_data(as_text=True)
    empty = client.get("/sertifikat/verifikasi?kode=")
    assert empty.status_code == 400 and "Ketik kode verifikasi" in empty.get_data(as_text=True)
    assert client.get("/sertifikat/bukan-id-yang-ada-di-sini-x").status_code == 404
    assert client.get("/sertifikat/%3Cscript%3E").status_code == 404


def test_verification_is_rate_limited(app_factory, course, make_user, pass_quiz):
    app = app_factory(RATE_LIMIT_VERIFY="5 per minute")
    client = app.test_client()
    codes = [client.get("/sertifikat/verifikasi?kode=ACDE-FGHJ-KMNP").status_code for _ in range(7)]
    assert codes == [404] * 5 + [429] * 2
    page = client.get("/sertifikat/verifikasi?kode=ACDE-FGHJ-KMNP").get_data(as_text=True)
    assert "Terlalu banyak" in page
    assert client.get("/sertifikat/verifikasi").status_code == 200  # the empty form is never limited


def test_admins_revoke_with_a_reason_and_everyone_sees_it(app, client, holder, make_user, login):
    make_user("admin_satu", role="admin")
    login(client, "admin_satu")
    verified = client.get(f"/sertifikat/{holder.public_id}").get_data(as_text=True)
    assert f'href="/admin/sertifikat?kode={holder.pretty_code}"' in verified  # admins go from a code to revoking
    assert "Admin: cabut" not in app.test_client().get(f"/sertifikat/{holder.public_id}").get_data(as_text=True)
    listing = client.get("/admin/sertifikat").get_data(as_text=True)
    assert holder.pretty_code in listing
    missing = client.submit(f"/admin/sertifikat/{holder.public_id}/cabut", {}, follow_redirects=True)
    assert "Pilih alasan pencabutan." in missing.get_data(as_text=True)
    done = client.submit(f"/admin/sertifikat/{holder.public_id}/cabut", {"reason": "misconduct"}, follow_redirects=True)
    assert f"Sertifikat {holder.pretty_code} dicabut." in done.get_data(as_text=True)
    verification = app.test_client().get(f"/sertifikat/verifikasi?kode={holder.code}").get_data(as_text=True)
    assert "Sertifikat ini sudah dicabut dan tidak berlaku." in verification
    assert "Pelanggaran aturan kuis" in verification and "Ratna Sari Dewi" not in verification
    student = app.test_client()
    login(student, "ratna")
    mine = student.get("/sertifikat").get_data(as_text=True)
    assert "Dicabut pada" in mine and "Pelanggaran aturan kuis" in mine
    assert f"/sertifikat/{holder.public_id}/pdf" not in mine


def test_students_cannot_revoke(app, client, holder, login):
    login(client, "ratna")
    assert client.submit(f"/admin/sertifikat/{holder.public_id}/cabut", {"reason": "error"}).status_code == 403
    with app.app_context():
        assert db.session.get(Certificate, holder.id).revoked_at is None


def test_a_deleted_account_verifies_as_no_longer_held_without_a_name(app, client, holder, login):
    login(client, "ratna")
    assert client.submit("/akun/hapus", {"password": PASSWORD}).status_code == 303
    page = app.test_client().get(f"/sertifikat/{holder.public_id}").get_data(as_text=True)
    assert "tidak lagi dimiliki" in page and "Ratna" not in page
    with app.app_context():
        assert db.session.scalar(select(User.id).where(User.username_key == "ratna")) is None


def test_my_data_download_lists_my_certificates(app, client, holder, login):
    login(client, "ratna")
    exported = client.get("/akun/data-saya.json").json["certificates"]
    assert [(c["code"], c["name"], c["title"]["id"]) for c in exported] == [
        (holder.pretty_code, "Ratna Sari Dewi", "Kenali Hoaks Cakap")]

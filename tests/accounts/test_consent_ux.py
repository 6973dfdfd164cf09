"""Consent, made easy to act on: a dashboard card, the paper route, a printable form with a
reference number, a guardian email that says who is behind it, and a confirmation before
withdrawing (issue 18)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.accounts import services
from literacy.accounts.models import User
from literacy.classes import services as classes
from literacy.extensions import db

from ..conftest import PASSWORD, years_ago



@pytest.fixture
def classroom(app, make_user):
    make_user("bu_maria", role="facilitator", display_name="Bu Maria", email="maria@sekolah.sch.id")
    make_user("pak_lain", role="facilitator")
    student_id = make_user("ketut", birth_year=years_ago(14))
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_maria"))
        room = classes.create_class(facilitator, "8B SMPN 3 Makassar")
        classes.join(db.session.get(User, student_id), room.code)
        return {"id": room.id, "code": room.code, "student": student_id}


def test_a_minor_without_consent_sees_a_card_on_the_dashboard(app, client, make_user, login):
    make_user("kecil", birth_year=years_ago(14))
    make_user("dewasa")
    login(client, "kecil")
    card = "Persetujuan orang tua/wali belum ada"
    page = client.get("/dasbor").get_data(as_text=True)
    assert card in page and 'href="/akun#persetujuan"' in page
    with app.app_context():
        kecil = db.session.scalar(select(User).where(User.username_key == "kecil"))
        services.record_paper_consent(kecil, kecil, "Ibu", "F-1")  # recorded: the card goes
    assert card not in client.get("/dasbor").get_data(as_text=True)
    adult = app.test_client()
    login(adult, "dewasa")
    assert card not in adult.get("/dasbor").get_data(as_text=True)


def test_the_account_page_offers_the_paper_route_and_asks_before_withdrawing(app, client, make_user, login):
    make_user("kecil", birth_year=years_ago(14))
    login(client, "kecil")
    page = client.get("/akun").get_data(as_text=True)
    assert "Minta formulir persetujuan kertas kepada guru atau fasilitatormu" in page
    with app.app_context():
        kecil = db.session.scalar(select(User).where(User.username_key == "kecil"))
        services.record_paper_consent(kecil, kecil, "Ibu", "F-1")
    page = client.get("/akun").get_data(as_text=True)
    withdraw = re.search(r"<details>\s*<summary>Tarik persetujuan</summary>(.*?)</details>", page, re.S).group(1)
    assert "Nama tampilan dan emailmu langsung dihapus" in withdraw and "Ya, tarik persetujuan" in withdraw


def test_a_facilitator_prints_a_consent_form_with_a_reference_number(app, client, login, classroom):
    login(client, "bu_maria")
    url = f"/kelas/{classroom['id']}/siswa/{classroom['student']}/formulir-persetujuan"
    page = client.get(url).get_data(as_text=True)
    reference = f"LIT-{classroom['code']}-{classroom['student']}"
    assert f"Nomor formulir: {reference}" in page and "Versi teks: 2026-11-v1" in page
    assert "ketut" in page and "Pelindungan Data Pribadi" in page and "Tanda tangan" in page
    roster = client.get(f"/kelas/{classroom['id']}").get_data(as_text=True)
    assert f'href="{url}"' in roster and f'value="{reference}"' in roster  # the record form is filled in
    other = app.test_client()
    login(other, "pak_lain")
    assert other.get(url).status_code == 404


def test_the_guardian_email_names_the_class_the_facilitator_and_a_contact(app_factory, make_user, mailbox):
    app = app_factory(CONTACT_EMAIL="privasi@literasi.test")
    make_user("bu_maria", role="facilitator", display_name="Bu Maria", email="maria@sekolah.sch.id")
    with app.app_context():
        room = classes.create_class(db.session.scalar(select(User).where(User.username_key == "bu_maria")), "8B")
        code = room.code
    client = app.test_client()
    client.submit(f"/daftar?tahun={years_ago(14)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "ibu@contoh.id", "class_code": code})
    body = mailbox.last_to("ibu@contoh.id").get_content()
    assert "terdaftar di kelas 8B dengan fasilitator Bu Maria (maria@sekolah.sch.id)" in body
    assert "privasi@literasi.test" in body


@pytest.mark.browser
def test_a_minor_follows_the_dashboard_card_to_the_consent_section(page, live_server, make_user):
    make_user("kecil", birth_year=years_ago(14))
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("kecil")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Persetujuan orang tua/wali belum ada")).to_be_visible()
    page.get_by_role("link", name="Minta persetujuan").click()
    expect(page.get_by_role("heading", name="Persetujuan orang tua/wali")).to_be_in_viewport()
    expect(page.get_by_text("Minta formulir persetujuan kertas")).to_be_visible()

"""A teacher's journey in Chromium: a class, five accounts, their cards printed, one student's
first login and quiz, and the report that changes."""
from __future__ import annotations

import re
import subprocess

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.catalog.models import Question
from literacy.extensions import db

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_create_a_class_bulk_accounts_print_cards_first_login_quiz_report(page, live_server, app, example_course,
                                                                         make_user, browser, tmp_path):
    make_user("bu_maria", role="facilitator")
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("bu_maria")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_label("Nama kelas").fill("Kelas 8B SMPN 3 Kupang")
    page.get_by_role("button", name="Buat kelas").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kelas 8B SMPN 3 Kupang")

    page.get_by_role("link", name="Modul yang ditugaskan (0)").click()
    page.get_by_label("Modul").select_option("kenali-hoaks")
    page.get_by_role("button", name="Tugaskan").click()
    expect(page.get_by_text("Modul Kenali Hoaks ditugaskan.")).to_be_visible()
    page.get_by_role("link", name="Kelas 8B SMPN 3 Kupang").click()

    page.get_by_role("link", name="Buat akun siswa").click()
    page.get_by_label("Nama siswa, satu per baris").fill(
        "Maria Goreti\nYohanes Ndun, 2012\n\nNi Luh Ayu\nMaria Goreti\nÑoño Pérez")
    page.get_by_label("Tahun lahir untuk baris tanpa tahun (tidak wajib)").fill("2011")
    page.get_by_role("button", name="Buat akun").click()
    expect(page.get_by_text("5 akun dibuat")).to_be_visible()
    expect(page.locator(".login-card")).to_have_count(5)

    # printed through Chromium's print: every card on one A4 sheet, the site's header left out
    pdf = tmp_path / "kartu.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    pages = text.split("\f")
    assert len([p for p in pages if p.strip()]) == 1
    assert text.count("Kata sandi sementara") == 5 and "Ñoño Pérez" in text and "Langsung ke konten" not in text
    card = page.locator(".login-card").filter(has_text="Yohanes Ndun")
    username, password = (d.inner_text() for d in card.locator("dd").all())
    assert re.fullmatch(r"yohanes\d{3}", username)

    report_url = page.url.replace("/kartu-masuk", "/laporan")
    page.goto(report_url)
    expect(page.get_by_role("cell", name="belum mulai")).to_have_count(5)

    student = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID").new_page()
    try:
        student.goto(live_server.url + "/masuk")
        student.get_by_label("Nama pengguna atau email").fill(username)
        student.get_by_label("Kata sandi").fill(password)
        student.get_by_role("button", name="Masuk").click()
        expect(student.get_by_role("heading", name="Buat kata sandi baru")).to_be_visible()
        student.get_by_label("Kata sandi baru").fill("bunga sepatu merah")
        student.get_by_role("button", name="Simpan").click()
        student.goto(live_server.url + "/dasbor")
        expect(student.get_by_role("heading", name="Tugas dari kelasmu")).to_be_visible()
        student.goto(live_server.url + "/modul/kenali-hoaks/kuis")
        student.get_by_role("button", name="Mulai kuis").click()
        expect(student.get_by_role("button", name="Kirim jawaban")).to_be_visible()
        with app.app_context():
            correct = {q.id: set(q.correct) for q in db.session.scalars(select(Question))}
        for fieldset in student.locator("fieldset.question").all():
            question_id = int(fieldset.locator("input").first.get_attribute("name")[2:])
            for option in fieldset.locator("label.option").all():
                if int(option.locator("input").get_attribute("value")) in correct[question_id]:
                    option.click()
        student.get_by_role("button", name="Kirim jawaban").click()
        expect(student.get_by_text("Lulus!")).to_be_visible()
    finally:
        student.context.close()

    page.goto(report_url)
    expect(page.get_by_role("cell", name="lulus, 100%")).to_have_count(1)
    expect(page.get_by_role("cell", name="belum mulai")).to_have_count(4)
    expect(page.get_by_text("20% selesai")).to_be_visible()


def test_cards_print_eight_to_an_a4_page(page, live_server, app, make_user, tmp_path):
    from literacy.accounts.models import User
    from literacy.classes import services

    make_user("bu_maria", role="facilitator")
    with app.app_context():
        class_id = services.create_class(db.session.scalar(select(User).where(User.username_key == "bu_maria")),
                                         "Kelas 9A").id
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("bu_maria")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(f"{live_server.url}/kelas/{class_id}/akun-siswa")
    page.get_by_label("Nama siswa, satu per baris").fill("\n".join(f"Siswa Nomor {n}, 2011" for n in range(1, 10)))
    page.get_by_role("button", name="Buat akun").click()
    expect(page.locator(".login-card")).to_have_count(9)
    pdf = tmp_path / "kartu.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    sheets = [sheet for sheet in text.split("\f") if sheet.strip()]
    assert [sheet.count("Kata sandi sementara") for sheet in sheets] == [8, 1]
    assert "Siswa Nomor 8" in sheets[0] and "Siswa Nomor 9" in sheets[1]

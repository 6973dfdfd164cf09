"""In a real Chromium: pass a quiz, see the certificate, download its PDF, open the URL its QR code holds."""
from __future__ import annotations

import subprocess

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.catalog.models import Question
from literacy.extensions import db

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_pass_a_quiz_download_the_certificate_and_open_its_qr_code(page, live_server, app, example_course,
                                                                    make_user, tmp_path):
    app.config["PUBLIC_URL"] = live_server.url  # so that the QR code points at this server
    make_user("andini", display_name="Andini Putri", birth_year=2000)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("andini")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    with app.app_context():
        correct = {q.id: set(q.correct) for q in db.session.scalars(select(Question))}
    for fieldset in page.locator("fieldset.question").all():
        question_id = int(fieldset.locator("input").first.get_attribute("name")[2:])
        for option in fieldset.locator("label.option").all():
            if int(option.locator("input").get_attribute("value")) in correct[question_id]:
                option.click()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Lulus!")).to_be_visible()
    expect(page.get_by_text("Sertifikat sudah terbit.")).to_be_visible()

    page.get_by_role("link", name="Lihat di Sertifikat saya").click()
    expect(page.get_by_role("heading", name="Sertifikat saya", level=1)).to_be_visible()
    expect(page.get_by_role("heading", name="Kenali Hoaks", level=2)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh PDF").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.startswith("sertifikat-") and saved.read_bytes().startswith(b"%PDF")

    subprocess.run(["pdftoppm", "-r", "150", "-png", str(saved), str(tmp_path / "page")], check=True)
    [image] = list(tmp_path.glob("page*.png"))
    url = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True,
                         check=True).stdout.strip()
    assert url.startswith(live_server.url + "/sertifikat/")

    page.goto(url)  # what a phone camera opens
    expect(page.get_by_text("Sertifikat ini asli dan berlaku.")).to_be_visible()
    expect(page.get_by_text("Andini Putri")).to_be_visible()
    expect(page.get_by_text("Kenali Hoaks").first).to_be_visible()

"""In a real Chromium: a facilitator plans and publishes a workshop, a student finds it by province
and registers, the facilitator checks the student in through the QR's URL and downloads the roster."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.extensions import db
from literacy.workshops import registrations
from literacy.workshops.models import Registration
from literacy.workshops.qr import qr_svg

from ..conftest import PASSWORD
from .conftest import local_days_ahead

pytestmark = pytest.mark.browser


def log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def test_plan_publish_find_register_check_in_by_qr_and_download_the_roster(page, live_server, app, make_user,
                                                                            tmp_path):
    make_user("bu_made", role="facilitator")
    make_user("komang_denpasar", birth_year=2010)
    day = local_days_ahead(10).strftime("%Y-%m-%d")

    log_in(page, live_server, "bu_made")
    page.get_by_role("link", name="Kelola lokakarya").click()
    page.get_by_role("link", name="Rencanakan lokakarya baru").click()
    page.get_by_label("Judul").fill("Jempol Bijak di Media Sosial")
    page.get_by_label("SMA/SMK").check()
    page.get_by_label("Nama tempat").fill("Balai Banjar Kaja")
    page.get_by_label("Alamat tempat").fill("Jl. Gajah Mada 5")
    page.get_by_label("Kabupaten/kota").fill("Kota Denpasar")
    page.get_by_label("Provinsi").select_option(label="Bali")
    page.get_by_label("Mulai (waktu setempat)").fill(f"{day}T09:00")
    page.get_by_label("Selesai (waktu setempat)").fill(f"{day}T12:00")
    page.get_by_label("Kapasitas (jumlah kursi)").fill("25")
    page.get_by_role("button", name="Simpan sebagai draf").click()
    expect(page.get_by_text("Draf lokakarya disimpan.")).to_be_visible()
    page.get_by_role("button", name="Terbitkan").click()
    expect(page.get_by_text("Lokakarya diterbitkan dan muncul di jadwal.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    log_in(page, live_server, "komang_denpasar")
    page.get_by_role("link", name="Lokakarya", exact=True).click()
    page.get_by_label("Provinsi").select_option(label="Bali")
    page.get_by_role("button", name="Tampilkan").click()
    expect(page).to_have_url(re.compile(r"provinsi=bali"))
    expect(page.get_by_text("09.00–12.00 WITA")).to_be_visible()
    page.get_by_role("link", name="Jempol Bijak di Media Sosial").click()
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("Kamu terdaftar. Sampai jumpa di lokakarya!")).to_be_visible()
    qr = page.get_by_role("img", name="Kode QR presensi")
    expect(qr).to_be_visible()
    with app.test_request_context():
        registration = db.session.scalars(select(Registration)).one()
        url = "https://literasi.test/lokakarya/kelola/presensi/" + registrations.check_in_token(registration)
        expected_svg = str(qr_svg(url))
    # The QR on the screen draws exactly the modules of this URL's code.
    drawn = qr.locator("path").get_attribute("d")
    assert drawn and drawn == re.search(r' d="([^"]+)"', expected_svg).group(1)
    page.get_by_role("button", name="Keluar").click()

    log_in(page, live_server, "bu_made")
    page.goto(url.replace("https://literasi.test", live_server.url))  # what the phone's camera opens
    expect(page.get_by_role("heading", name="Catat kehadiran")).to_be_visible()
    page.get_by_role("button", name="Catat hadir").click()
    expect(page.get_by_text("komang_denpasar tercatat hadir.")).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Unduh daftar peserta (CSV)").click()
    path = tmp_path / "peserta.csv"
    download.value.save_as(path)
    data = path.read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data
    rows = [line.split(",") for line in data.decode("utf-8-sig").splitlines()]
    assert rows[1][1:5] == ["komang_denpasar", "komang_denpasar", "terkonfirmasi", "ya"]
    with app.app_context():
        row = db.session.scalars(select(Registration)).one()
        assert row.checked_in_at is not None and row.checked_in_by.username == "bu_made"

    page.get_by_role("link", name="Cetak daftar hadir").click()
    expect(page.get_by_role("cell", name="komang_denpasar")).to_be_visible()
    page.emulate_media(media="print")  # the printed sheet: no site header, navigation or hints
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_text("Cetak halaman ini")).to_be_hidden()
    expect(page.get_by_role("heading", name="Daftar hadir: Jempol Bijak di Media Sosial")).to_be_visible()

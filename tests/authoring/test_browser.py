"""In Chromium: a partner's journey from a zip with a mistake to the catalog, and XSS typed into the editor."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD
from ..content.xss_payloads import PAYLOADS
from .conftest import example_files, make_zip

pytestmark = pytest.mark.browser


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_visible()


def _write_first_lesson(page, live_server, slug, text):
    """A partner creates module ``slug`` from the skeleton and saves ``text`` as its first lesson."""
    _log_in(page, live_server, "mitra")
    page.goto(live_server.url + "/mitra")
    page.get_by_label("Slug modul", exact=True).fill(slug)
    page.get_by_role("button", name="Buat modul").click()
    page.get_by_role("link", name="01-pelajaran-pertama.md").click()
    page.get_by_label("Isi berkas").fill(text)
    page.get_by_role("button", name="Simpan dan periksa").click()


def test_partner_uploads_fixes_previews_submits_admin_publishes_student_sees_it(page, live_server, people):
    good = example_files()["01-apa-itu-hoaks.md"].decode()
    broken = good.replace("![Diagram", "![Diagram](media/tidak-ada.png) ![Diagram")
    _log_in(page, live_server, "mitra")
    page.goto(live_server.url + "/mitra")
    page.get_by_label("Berkas zip folder modul").set_input_files(
        {"name": "cek-fakta.zip", "mimeType": "application/zip",
         "buffer": make_zip(example_files() | {"01-apa-itu-hoaks.md": broken.encode()})})
    page.get_by_role("button", name="Unggah", exact=True).click()
    expect(page.get_by_text("Pemeriksa menemukan 1 galat")).to_be_visible()
    expect(page.get_by_text("Gambar 'media/tidak-ada.png' tidak ada")).to_be_visible()

    page.get_by_role("link", name="01-apa-itu-hoaks.md", exact=True).click()
    page.get_by_label("Isi berkas").fill(good)
    page.get_by_role("button", name="Simpan dan periksa").click()
    expect(page.get_by_text("Tidak ada masalah di berkas ini.")).to_be_visible()

    page.get_by_role("link", name="Pratinjau").first.click()
    page.get_by_role("link", name="Apa Itu Hoaks?").click()
    expect(page.get_by_role("heading", name="Apa Itu Hoaks?", level=1)).to_be_visible()
    expect(page.locator("article img")).to_be_visible()
    page.get_by_role("link", name="Kembali ke modul").click()
    page.get_by_role("button", name="Ajukan versi 1").click()
    expect(page.get_by_text("Versi 1 diajukan untuk ditinjau.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    _log_in(page, live_server, "admin")
    page.goto(live_server.url + "/mitra")
    page.get_by_role("list").get_by_role("link", name="cek-fakta").first.click()
    page.get_by_role("button", name="Terbitkan versi 1").click()
    expect(page.get_by_text("Versi 1 terbit di katalog.")).to_be_visible()
    page.get_by_role("button", name="Keluar").click()

    _log_in(page, live_server, "siswa")
    page.goto(live_server.url + "/modul")
    page.locator("h3").get_by_role("link", name="Kenali Hoaks").click()
    expect(page).to_have_url(live_server.url + "/modul/cek-fakta")


def test_payloads_typed_into_the_editor_fire_nothing_in_the_preview(page, live_server, people):
    body = "\n\n".join(PAYLOADS)
    _write_first_lesson(page, live_server, "uji-xss", "---\ntitle: Pelajaran Pertama\n---\n\n" + body + "\n")
    expect(page.get_by_text("01-pelajaran-pertama.md disimpan.")).to_be_visible()
    dialogs = []
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.allowed_console_errors.append("status of 404")  # media/x.png does not exist
    page.goto(page.url.split("/berkas/")[0] + "/versi/1/pratinjau/pelajaran-pertama")
    expect(page.get_by_role("heading", name="Pelajaran Pertama", level=1)).to_be_visible()
    for link in page.locator("article a").all():
        link.hover()
    assert dialogs == []
    assert page.evaluate("document.querySelectorAll('article script, article iframe, article svg, article [style], "
                         "article [id], article [onerror], article [onclick]').length") == 0
    # the editor shows the payloads as text, never as markup
    page.go_back()
    assert dialogs == []


def test_a_problems_line_link_moves_the_cursor_to_that_line(page, live_server, people):
    _write_first_lesson(page, live_server, "uji-baris", "---\ntitle: Pelajaran Pertama\n---\n\nIsi.\n\n::: Tips\nTeks\n:::\n")
    link = page.get_by_role("link", name="baris 7")
    expect(link).to_be_visible()  # the page after saving, the only one with the checker's problems
    # editor.js has run (it shows the line status); clicked before, the link is a plain link
    expect(page.locator("#cursor-line:not([hidden])")).to_have_count(1)
    link.click()
    expect(page.get_by_text("Kursor di baris 7")).to_be_visible()
    assert page.evaluate("(() => { const t = document.getElementById('text'); "
                         "return t.value.slice(t.selectionStart, t.selectionEnd); })()") == "::: Tips"

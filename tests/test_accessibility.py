"""axe-core (run offline in Chromium) finds no serious or critical violation on any page type."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

VISITOR_PAGES = ["/", "/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/masuk",
                 "/daftar", "/daftar?tahun=2011", "/daftar?tahun=1990", "/lupa-kata-sandi", "/pulihkan", "/tidak-ada",
                 "/lapor", "/dampak"]
STUDENT_PAGES = ["/dasbor", "/akun", "/akun/kode-pemulihan", "/modul/kenali-hoaks/kuis"]


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_visitor_pages(page, live_server, example_course, site_pages):
    page.allowed_console_errors.append("status of 404")
    found = {}
    for url in VISITOR_PAGES:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    assert found == {url: [] for url in VISITOR_PAGES}


def test_student_pages_including_a_quiz_and_its_result(page, live_server, example_course, make_user):
    make_user("siti", birth_year=2010)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("siti")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    found = {}
    for url in STUDENT_PAGES:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    page.get_by_role("button", name="Mulai kuis").click()
    found["attempt"] = serious(page)
    page.get_by_role("button", name="Kirim jawaban").click()
    found["blanks: confirm"] = serious(page)
    page.get_by_role("button", name="Kirim saja").click()
    found["result"] = serious(page)
    assert found == {key: [] for key in found}


def test_facilitator_pages(page, live_server, app, make_user, example_course):
    from datetime import date

    from sqlalchemy import select

    from literacy.accounts.models import User
    from literacy.catalog.models import Module
    from literacy.classes import services as classes
    from literacy.extensions import db

    make_user("bu_maria", role="facilitator")
    student_id = make_user("ketut", birth_year=2011)
    with app.app_context():
        room = classes.create_class(db.session.scalar(select(User).where(User.username_key == "bu_maria")), "8B")
        classes.join(db.session.get(User, student_id), room.code)
        classes.assign(room, db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks")), date(2099, 1, 1))
        class_id, code = room.id, room.code
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("bu_maria")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    base = f"/kelas/{class_id}"
    urls = ["/kelas", base, f"{base}/siswa/{student_id}/atur-ulang", f"/kelas/gabung/{code}", f"{base}/ubah",
            f"{base}/modul", f"{base}/akun-siswa", f"{base}/persetujuan", f"{base}/laporan",
            f"{base}/laporan/siswa/{student_id}", f"{base}/laporan/modul/kenali-hoaks",
            "/modul/kenali-hoaks", "/modul/kenali-hoaks/catatan-fasilitator",
            f"{base}/siswa/{student_id}/formulir-persetujuan", "/dasbor", "/modul/kenali-hoaks/cetak/kunci"]
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    page.goto(live_server.url + f"{base}/akun-siswa")
    page.allowed_console_errors.append("status of 400")  # the list with a mistake comes back as a 400
    page.get_by_label("Nama siswa, satu per baris").fill("Budi Santoso\n" + "X" * 90)
    page.get_by_role("button", name="Buat akun").click()
    found["bulk accounts with a mistake"] = serious(page)
    page.get_by_label("Nama siswa, satu per baris").fill("Budi Santoso, 2011\nAyu Lestari, 2012")
    page.get_by_role("button", name="Buat akun").click()
    expect(page.locator(".login-card")).to_have_count(2)
    found["login cards"] = serious(page)
    assert found == {url: [] for url in found}


def test_impact_page_with_figures(page, live_server, app, example_course):
    """/dampak with charts, hidden cells and both tables, in Indonesian and in English."""
    from literacy.extensions import db
    from literacy.impact import services

    from .impact.conftest import NOW, Builder, known_data_set

    with app.app_context():
        known_data_set(Builder())
        services.rollup(now=NOW)
        db.session.remove()
    page.goto(live_server.url + "/dampak")
    found = {"id": serious(page)}
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Impact in numbers")
    found["en"] = serious(page)
    assert found == {"id": [], "en": []}


def _log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()


def test_workshop_pages(page, live_server, app, example_course, make_user):
    from sqlalchemy import select

    from literacy.accounts.models import User
    from literacy.extensions import db
    from literacy.workshops import registrations, services
    from literacy.workshops.models import Registration

    from .workshops.conftest import workshop_data

    make_user("bu_fasil", role="facilitator")
    make_user("siti", birth_year=2010)
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_fasil"))
        workshop = services.save_workshop(facilitator, workshop_data(modules=["kenali-hoaks"]))
        services.publish(workshop)
        workshop_id = workshop.id
        student = db.session.scalar(select(User).where(User.username_key == "siti"))
        registrations.register(student, services.get_workshop(workshop_id))
    with app.test_request_context():
        token = registrations.check_in_token(db.session.scalars(select(Registration)).one())
    found = {}
    for url in ("/lokakarya", f"/lokakarya/{workshop_id}", "/lokakarya?provinsi=bali"):
        page.goto(live_server.url + url)
        found["visitor" + url] = serious(page)
    _log_in(page, live_server, "siti")
    for url in (f"/lokakarya/{workshop_id}", "/dasbor"):
        page.goto(live_server.url + url)
        found["student" + url] = serious(page)
    page.get_by_role("button", name="Keluar").click()
    _log_in(page, live_server, "bu_fasil")
    for url in ("/lokakarya/kelola", "/lokakarya/kelola/baru", f"/lokakarya/kelola/{workshop_id}",
                f"/lokakarya/kelola/{workshop_id}/ubah", f"/lokakarya/kelola/{workshop_id}/daftar-hadir",
                f"/lokakarya/kelola/presensi/{token}"):
        page.goto(live_server.url + url)
        found["facilitator" + url] = serious(page)
    page.goto(live_server.url + "/lokakarya/kelola/baru")
    page.allowed_console_errors.append("status of 400")  # the form answers 400 with its errors
    page.get_by_role("button", name="Simpan sebagai draf").click()
    found["form errors"] = serious(page)
    assert found == {key: [] for key in found}


def test_admin_pages(page, live_server, make_user):
    target = make_user("target_axe")
    make_user("admin_axe", role="admin")
    _log_in(page, live_server, "admin_axe")
    found = {}
    for url in ("/admin/pengguna", f"/admin/pengguna/{target}", "/admin/mitra", "/admin/sertifikat"):
        page.goto(live_server.url + url)
        found[url] = serious(page)
    page.goto(live_server.url + f"/admin/pengguna/{target}")
    page.get_by_role("button", name="Ubah peran").click()
    found["confirm role"] = serious(page)
    assert found == {key: [] for key in found}


def test_partner_pages(page, live_server, example_course, make_user):
    make_user("mitra_axe", role="partner")
    _log_in(page, live_server, "mitra_axe")
    urls = ["/", "/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/dasbor", "/akun",
            "/sertifikat", "/lokakarya", "/modul/kenali-hoaks/cetak"]
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    assert found == {url: [] for url in urls}


def test_offline_saved_and_print_pages_in_every_state(page, live_server, example_course, make_user):
    """The offline page, saved modules (empty and listed), the save button after saving, a lesson
    read offline with its notice, and the printable handout with and without the answer key."""
    from playwright.sync_api import expect

    make_user("bu_axe", role="facilitator")
    found = {}
    page.goto(live_server.url + "/tersimpan")
    found["saved, empty"] = serious(page)
    page.goto(live_server.url + "/luring")
    found["offline page"] = serious(page)
    page.goto(live_server.url + "/modul/kenali-hoaks")
    expect(page.locator("html")).to_have_attribute("data-offline", "kept")
    page.get_by_role("button", name="Simpan untuk dibaca offline").click()
    expect(page.locator("#simpan-status")).to_contain_text("Tersimpan")
    found["module, saved"] = serious(page)
    page.goto(live_server.url + "/tersimpan")
    expect(page.locator("[data-saved-list] li")).to_have_count(1)
    found["saved, listed"] = serious(page)
    page.context.set_offline(True)
    page.goto(live_server.url + "/modul/kenali-hoaks/apa-itu-hoaks")
    expect(page.get_by_text("Kamu sedang luring")).to_be_visible()
    found["lesson offline, with the notice"] = serious(page)
    page.context.set_offline(False)
    _log_in(page, live_server, "bu_axe")
    for url in ("/modul/kenali-hoaks/cetak", "/modul/kenali-hoaks/cetak/kunci"):
        page.goto(live_server.url + url)
        found[url] = serious(page)
    assert found == {key: [] for key in found}


def test_partner_authoring_pages(page, live_server, app, make_user):
    import io
    import zipfile
    from pathlib import Path

    from literacy.accounts.models import User
    from literacy.authoring import services
    from literacy.extensions import db

    make_user("mitra_axe", role="partner")
    make_user("admin_axe", role="admin")
    example = Path(__file__).resolve().parent.parent / "docs" / "contoh-modul" / "kenali-hoaks"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for path in example.rglob("*"):
            if path.is_file():
                archive.writestr(f"cek-fakta/{path.relative_to(example).as_posix()}", path.read_bytes())
    with app.test_request_context():
        from sqlalchemy import select

        partner = db.session.scalar(select(User).where(User.username_key == "mitra_axe"))
        authored_id = services.upload_module(partner, buffer.getvalue()).id
    base = f"/mitra/modul/{authored_id}"
    urls = ["/mitra", base, f"{base}/berkas/kuis.md", f"{base}/versi/1/pratinjau",
            f"{base}/versi/1/pratinjau/apa-itu-hoaks", f"{base}/versi/1/pratinjau/kuis"]
    _log_in(page, live_server, "mitra_axe")
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    page.get_by_role("button", name="Keluar").click()
    _log_in(page, live_server, "admin_axe")
    for url in ("/mitra/peninjau", "/admin/log-modul", base):
        page.goto(live_server.url + url)
        found["admin" + url] = serious(page)
    assert found == {key: [] for key in found}

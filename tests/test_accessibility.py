"""axe-core (run offline in Chromium) finds no serious or critical violation on any page type."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

VISITOR_PAGES = ["/", "/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/masuk",
                 "/daftar", "/daftar?tahun=2011", "/daftar?tahun=1990", "/lupa-kata-sandi", "/pulihkan", "/tidak-ada"]
STUDENT_PAGES = ["/dasbor", "/akun", "/akun/kode-pemulihan", "/modul/kenali-hoaks/kuis"]


def serious(page) -> list[str]:
    results = Axe().run(page)
    return [f"{v['id']}: {v['help']} ({len(v['nodes'])})" for v in results.response["violations"]
            if v["impact"] in ("serious", "critical")]


def test_visitor_pages(page, live_server, example_course):
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
    found["result"] = serious(page)
    assert found == {key: [] for key in found}


def test_facilitator_pages(page, live_server, app, make_user):
    from sqlalchemy import select

    from literacy.accounts.models import User
    from literacy.classes import services as classes
    from literacy.extensions import db

    make_user("bu_maria", role="facilitator")
    student_id = make_user("ketut", birth_year=2011)
    with app.app_context():
        room = classes.create_class(db.session.scalar(select(User).where(User.username_key == "bu_maria")), "8B")
        classes.join(db.session.get(User, student_id), room.code)
        class_id, code = room.id, room.code
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("bu_maria")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    urls = ["/kelas", f"/kelas/{class_id}", f"/kelas/{class_id}/siswa/{student_id}/atur-ulang", f"/kelas/gabung/{code}"]
    found = {}
    for url in urls:
        page.goto(live_server.url + url)
        found[url] = serious(page)
    assert found == {url: [] for url in urls}

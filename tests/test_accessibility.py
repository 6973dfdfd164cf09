"""axe-core (run offline in Chromium) finds no serious or critical violation on any page type."""
from __future__ import annotations

import pytest
from axe_playwright_python.sync_playwright import Axe

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

VISITOR_PAGES = ["/", "/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/masuk",
                 "/daftar", "/daftar?tahun=2011", "/daftar?tahun=1990", "/lupa-kata-sandi", "/tidak-ada"]
STUDENT_PAGES = ["/dasbor", "/akun", "/modul/kenali-hoaks/kuis"]


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
    found["blanks: confirm"] = serious(page)
    page.get_by_role("button", name="Kirim saja").click()
    found["result"] = serious(page)
    assert found == {key: [] for key in found}

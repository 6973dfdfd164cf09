"""The phone on patchy data, in Chromium: lessons read offline, saved modules, logout forgets
personal pages, answers queued offline are sent once, the app installs, listens and prints."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from .test_browser_student_ux import log_in

pytestmark = pytest.mark.browser

LESSON = "/modul/kenali-hoaks/apa-itu-hoaks"
OFFLINE = "ERR_INTERNET_DISCONNECTED"  # what Chromium logs for a request made while offline


def kept(page):
    """Wait until the service worker says the page on screen is kept for offline reading."""
    expect(page.locator("html")).to_have_attribute("data-offline", "kept")


def cached_paths(page, cache):
    return page.evaluate("""name => caches.open(name).then(c => c.keys())
        .then(keys => keys.map(r => new URL(r.url).pathname))""", cache)


def test_a_lesson_opened_once_reads_offline_with_a_notice(page, live_server, example_course):
    page.goto(live_server.url + LESSON)
    kept(page)
    title = page.get_by_role("heading", level=1).inner_text()
    page.context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_have_text(title)
    expect(page.get_by_text("Kamu sedang luring")).to_be_visible()
    page.goto(live_server.url + "/lokakarya")  # never opened: the offline page says so
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamu sedang luring")
    page.context.set_offline(False)
    page.reload()
    expect(page.get_by_text("Kamu sedang luring")).to_have_count(0)


def test_a_saved_module_reads_offline_lesson_by_lesson_and_can_be_removed(page, live_server, example_course):
    page.goto(live_server.url + "/modul/kenali-hoaks")
    kept(page)
    lessons = {a.get_attribute("href"): a.inner_text() for a in page.locator(".outline a").all()}
    assert len(lessons) >= 2
    page.get_by_role("button", name="Simpan untuk dibaca offline").click()
    expect(page.locator("#simpan-status")).to_have_text(re.compile(r"Tersimpan di gawai ini \(\d+ KB\)\."))
    page.context.set_offline(True)
    for href, title in lessons.items():
        page.goto(live_server.url + href)
        expect(page.get_by_role("heading", level=1)).to_have_text(title)
    page.goto(live_server.url + "/tersimpan")
    saved = page.locator("[data-saved-list] li")
    expect(saved).to_have_count(1)
    expect(saved).to_contain_text("KB")
    saved.get_by_role("button", name="Hapus").click()
    expect(saved).to_have_count(0)
    expect(page.get_by_text("Belum ada modul yang disimpan")).to_be_visible()
    assert not [p for p in cached_paths(page, "literasi-saved") if p.startswith("/modul/kenali-hoaks")]


def test_logout_forgets_personal_pages_and_no_store_pages_are_never_kept(page, live_server, example_course,
                                                                          make_user):
    make_user("siti", birth_year=2010)
    log_in(page, live_server, "siti")
    page.goto(live_server.url + LESSON)
    kept(page)
    page.goto(live_server.url + "/akun")  # no-store: the worker never keeps it
    expect(page.locator("html")).to_have_attribute("data-offline", "not-kept")
    personal = cached_paths(page, "literasi-personal")
    assert LESSON in personal and "/akun" not in personal
    assert "/akun" not in cached_paths(page, "literasi-pages")
    page.get_by_role("button", name="Keluar", exact=True).click()
    expect(page.get_by_role("link", name="Masuk", exact=True)).to_be_visible()
    assert cached_paths(page, "literasi-personal") == []
    page.context.set_offline(True)
    page.goto(live_server.url + LESSON)  # the student's copy is gone; nobody else's copy was kept
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamu sedang luring")
    page.goto(live_server.url + "/akun")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kamu sedang luring")

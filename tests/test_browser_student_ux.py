"""What a student sees on a phone (360 px, down to 320 px) and on a laptop (1366 px)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from .conftest import PASSWORD

pytestmark = pytest.mark.browser

LOG_OUT = {"id": "Keluar", "en": "Log out"}


def log_in(page, live_server, username):
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill(username)
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("button", name="Keluar")).to_be_attached()


def choose_language(page, language):
    page.locator(f'.lang-switch button[value="{language}"]').click()
    expect(page.locator("html")).to_have_attribute("lang", language)


def assert_fits(page):
    """No horizontal scrolling, and every header link and button lies inside the viewport."""
    width = page.evaluate("window.innerWidth")
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    for item in page.locator("header a, header button").all():
        box = item.bounding_box()
        assert box is not None and box["x"] >= 0 and box["x"] + box["width"] <= width, (item.inner_text(), box, width)


@pytest.mark.parametrize("role", ["student", "facilitator", "admin", "partner"])
def test_every_header_item_fits_at_320_360_and_1366_px_for_every_role_in_both_languages(page, live_server, make_user, role):
    make_user("pengguna_" + role, role=role)
    log_in(page, live_server, "pengguna_" + role)
    for language in ("id", "en"):
        choose_language(page, language)
        for width in (320, 360, 1366):
            page.set_viewport_size({"width": width, "height": 740})
            page.goto(live_server.url + "/modul")
            log_out = page.get_by_role("button", name=LOG_OUT[language], exact=True)
            expect(log_out).to_be_in_viewport()
            assert_fits(page)


@pytest.mark.parametrize("language", ["id", "en"])
def test_visitors_header_fits_at_320_px(page, live_server, language):
    page.set_viewport_size({"width": 320, "height": 740})
    page.goto(live_server.url + "/")
    choose_language(page, language)
    expect(page.get_by_role("link", name={"id": "Daftar", "en": "Sign up"}[language], exact=True)).to_be_in_viewport()
    assert_fits(page)

"""What a person sees in a real Chromium: the home page and the language switch."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser


def test_home_page_and_language_switch(page, live_server):
    page.goto(live_server.url + "/")
    expect(page.locator("html")).to_have_attribute("lang", "id")
    assert page.get_by_role("heading", level=1).inner_text().startswith("Belajar literasi digital")
    page.get_by_role("link", name="English").click()
    page.wait_for_load_state()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Four pillars of digital literacy")).to_be_visible()
    page.get_by_role("link", name="Indonesia").click()
    expect(page.locator("html")).to_have_attribute("lang", "id")


def test_skip_link_is_the_first_stop_and_the_page_fits_320px(page, live_server):
    page.set_viewport_size({"width": 320, "height": 640})
    page.goto(live_server.url + "/")
    page.keyboard.press("Tab")
    focused = page.evaluate("document.activeElement.textContent")
    assert focused == "Langsung ke konten"
    assert page.evaluate("document.documentElement.scrollWidth") <= 320


def test_missing_page_in_the_browser(page, live_server):
    page.allowed_console_errors.append("status of 404")
    response = page.goto(live_server.url + "/tidak-ada")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_have_text("Halaman tidak ditemukan")

"""The admin's pages at phone width: the user table's controls are reachable and 44 px tall, and
role changes go through a confirmation (issue 18)."""
from __future__ import annotations

import pytest
from playwright.sync_api import expect

from ..conftest import PASSWORD

pytestmark = pytest.mark.browser


@pytest.mark.parametrize("width", [360, 1366])
def test_the_admin_changes_a_role_with_a_confirmation_at_any_width(page, live_server, make_user, width):
    make_user("admin_satu", role="admin")
    make_user("calon_fasilitator")
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("admin_satu")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + "/admin/pengguna?q=calon")
    manage = page.get_by_role("link", name="calon_fasilitator")
    expect(manage).to_be_visible()
    box = manage.bounding_box()
    assert box["height"] >= 44 and box["x"] + box["width"] <= width
    manage.click()
    page.get_by_label("Peran", exact=True).select_option("facilitator")
    page.get_by_role("button", name="Ubah peran").click()
    expect(page.get_by_role("heading", name="Ubah peran calon_fasilitator menjadi Fasilitator?")).to_be_visible()
    page.get_by_role("button", name="Ya, ubah peran").click()
    expect(page.get_by_text("Peran calon_fasilitator sekarang Fasilitator.")).to_be_visible()
    assert page.evaluate("document.documentElement.scrollWidth") <= width

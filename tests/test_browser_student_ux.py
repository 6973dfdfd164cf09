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
    page.locator(f'.lang-switch a[hreflang="{language}"]').click()
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


@pytest.mark.parametrize("width, height", [(360, 740), (1366, 768)])
def test_the_start_button_is_on_the_home_pages_first_screen(page, live_server, example_course, width, height):
    page.set_viewport_size({"width": width, "height": height})
    page.goto(live_server.url + "/")
    start = page.get_by_role("link", name="Mulai belajar")
    box = start.bounding_box()
    assert box["y"] >= 0 and box["y"] + box["height"] <= height and box["x"] + box["width"] <= width, box
    start.click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kenali Hoaks")


def test_catalog_filters_are_folded_on_a_phone_with_a_suggested_first_module(page, live_server, example_course):
    page.goto(live_server.url + "/modul")
    suggestion = page.get_by_role("region", name="Baru mulai? Mulai dari sini")
    expect(suggestion.get_by_role("link", name="Kenali Hoaks")).to_be_in_viewport()
    expect(page.get_by_label("Pilar")).to_be_hidden()
    page.get_by_text("Saring modul: pilar, tingkat, bahasa").click()
    page.get_by_label("Tingkat").select_option("pemula")
    page.get_by_role("button", name="Terapkan").click()
    expect(page.get_by_label("Tingkat")).to_be_visible()  # still open, showing the choice made
    expect(page.get_by_label("Tingkat")).to_have_value("pemula")
    expect(page.get_by_role("region", name="Baru mulai? Mulai dari sini")).to_have_count(0)


def test_pre_test_after_a_lesson_then_straight_back_to_the_lessons(page, live_server, example_course, make_user):
    make_user("siti_makassar", birth_year=2011)
    log_in(page, live_server, "siti_makassar")
    page.goto(live_server.url + "/modul/kenali-hoaks/apa-itu-hoaks")
    page.get_by_role("button", name="Tandai selesai dan lanjut").click()
    expect(page.get_by_role("status")).to_contain_text("Pelajaran 1 selesai ✓")
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa Dulu")
    page.goto(live_server.url + "/modul/kenali-hoaks")
    page.get_by_role("link", name="Kerjakan tes awal").click()
    expect(page.get_by_role("button", name="Mulai kuis")).to_be_visible()  # no quiz attempt yet
    page.get_by_role("button", name="Kerjakan tes awal").click()
    for fieldset in page.locator("fieldset.question").all():
        fieldset.locator("label.option").first.click()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_text("Itu titik awalmu, bukan nilai akhir.")).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa Dulu")  # the first lesson not yet read


@pytest.mark.parametrize("width", [360, 1366])
def test_quiz_counts_answers_highlights_the_choice_confirms_blanks_and_focuses_the_score(page, live_server, example_course,
                                                                                        make_user, width):
    page.set_viewport_size({"width": width, "height": 740})
    make_user("siti_makassar", birth_year=2011)
    log_in(page, live_server, "siti_makassar")
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    expect(page.get_by_text("tombol panah memilih jawaban lain")).to_be_visible()
    counter = page.locator("p.answered")
    expect(counter).to_have_text("0/3 terjawab")
    first = page.locator("fieldset.question").first.locator("label.option")
    first.first.click()
    expect(counter).to_have_text("1/3 terjawab")  # the quiz script follows the choices
    chosen, other = (first.nth(i).evaluate("e => getComputedStyle(e).backgroundColor") for i in (0, 1))
    assert chosen != other  # the chosen card stands out
    page.get_by_role("button", name="Kirim jawaban").click()

    warning = page.get_by_role("alert")
    expect(warning).to_contain_text("2 soal belum dijawab")
    expect(counter).to_have_text("1/3 terjawab")  # rendered by the server from the saved answer
    expect(page.locator("fieldset.question").first.locator("input").first).to_be_checked()
    expect(page.locator("fieldset.blank")).to_have_count(2)
    page.get_by_role("button", name="Kirim saja").click()

    score = page.get_by_role("heading", name="Nilaimu:")
    expect(score).to_be_focused()
    expect(page.get_by_text("Tidak dijawab", exact=True)).to_have_count(2)
    retry = page.get_by_role("button", name="Coba lagi")
    last_review = page.locator("section.reviewed").last
    assert retry.bounding_box()["y"] > last_review.bounding_box()["y"] + last_review.bounding_box()["height"] - 1
    assert page.evaluate("document.documentElement.scrollWidth") <= width


def test_english_reader_sees_which_modules_are_only_in_indonesian(page, live_server, app, example_course):
    from .catalog.test_pages import _indonesian_only

    _indonesian_only(app)
    page.goto(live_server.url + "/modul")
    choose_language(page, "en")
    card = page.locator("li.card", has_text="Kenali Hoaks")
    expect(card.get_by_text("Only in Indonesian")).to_be_visible()
    card.get_by_role("link", name="Kenali Hoaks").click()
    expect(page.get_by_text("This module is only available in Indonesian.")).to_be_visible()
    page.get_by_role("link", name="Apa Itu Hoaks?").first.click()
    expect(page.get_by_text("This lesson is only available in Indonesian.")).to_be_visible()

"""Journeys a person makes, in a real Chromium: sign-up as a minor, and a quiz failed then passed."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.catalog.models import Question
from literacy.extensions import db
from literacy.utils import utcnow

from .conftest import PASSWORD

pytestmark = pytest.mark.browser


def test_sign_up_as_a_15_year_old_log_out_log_in_change_language(page, live_server, app):
    page.goto(live_server.url + "/")
    page.get_by_role("link", name="Daftar").click()
    page.get_by_label("Tahun lahir").fill(str(utcnow().year - 15))
    page.get_by_role("button", name="Lanjut").click()
    assert page.get_by_label("Nama tampilan").count() == 0  # not asked of a minor
    page.get_by_label("Nama pengguna").fill("dimas_pontianak")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_text("Akunmu sudah dibuat")).to_be_visible()

    page.get_by_role("button", name="Keluar").click()
    expect(page.get_by_text("Kamu sudah keluar.")).to_be_visible()
    page.get_by_role("link", name="Masuk").first.click()
    page.get_by_label("Nama pengguna atau email").fill("DIMAS_PONTIANAK")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.get_by_role("link", name="Akun").click()
    expect(page.get_by_role("heading", name="Persetujuan orang tua/wali")).to_be_visible()

    page.get_by_label("Bahasa", exact=True).select_option("en")
    page.get_by_role("button", name="Simpan").first.click()
    expect(page.locator("html")).to_have_attribute("lang", "en")
    expect(page.get_by_role("heading", name="Account settings")).to_be_visible()


def test_read_two_lessons_fail_the_quiz_read_explanations_retry_and_pass(page, live_server, app, example_course, make_user):
    make_user("siti_jombang", birth_year=2010)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("siti_jombang")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()

    page.goto(live_server.url + "/modul/kenali-hoaks")
    page.get_by_role("link", name="atau langsung ke pelajaran pertama").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Apa Itu Hoaks?")
    page.get_by_role("button", name="Tandai selesai dan lanjut").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Periksa Dulu")
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Kuis Kenali Hoaks")

    def answer(right: bool):
        expect(page.get_by_role("button", name="Kirim jawaban")).to_be_visible()  # the quiz page has loaded
        with app.app_context():
            correct = {q.id: set(q.correct) for q in db.session.scalars(select(Question))}
        for fieldset in page.locator("fieldset.question").all():
            question_id = int(fieldset.locator("input").first.get_attribute("name")[2:])
            for option in fieldset.locator("label.option").all():
                index = int(option.locator("input").get_attribute("value"))
                if (index in correct[question_id]) == right:
                    option.click()
                    if not right:
                        break
        page.get_by_role("button", name="Kirim jawaban").click()

    page.get_by_role("button", name="Mulai kuis").click()
    answer(right=False)
    expect(page.get_by_text("Belum lulus.")).to_be_visible()
    expect(page.get_by_text("Penjelasan").first).to_be_visible()
    assert page.locator(".feedback").count() >= 1

    page.get_by_role("button", name="Coba lagi").click()
    answer(right=True)
    expect(page.get_by_text("Nilaimu: 100 dari 100")).to_be_visible()
    expect(page.get_by_text("Lulus!")).to_be_visible()
    page.get_by_role("link", name="Ke dasbor").click()
    expect(page.get_by_role("heading", name="Selesai")).to_be_visible()
    assert "Nilai terbaik: 100" in page.content()


def test_quiz_works_with_the_keyboard_alone(page, live_server, app, example_course, make_user):
    make_user("made", birth_year=2009)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("made")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.keyboard.press("Enter")
    page.wait_for_url("**/dasbor")
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").focus()
    page.keyboard.press("Enter")
    page.wait_for_url("**/kuis/*")
    page.locator("fieldset.question input").first.focus()
    page.keyboard.press("Space")
    assert page.locator("fieldset.question input").first.is_checked()
    page.get_by_text("Jawaban tersimpan otomatis.").wait_for()


def _start_quiz(page, live_server, username):
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill(username)
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page).to_have_url(live_server.url + "/dasbor")
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()


def test_answers_are_saved_as_they_are_chosen(page, live_server, app, example_course, make_user):
    make_user("yohanes", birth_year=2009)
    _start_quiz(page, live_server, "yohanes")
    first = page.locator("fieldset.question input").first
    first.check()  # at once: before or after the autosave script has run, the same must follow
    expect(page.locator("p.answered")).to_have_text("1/3 terjawab")
    expect(page.get_by_text("Jawaban tersimpan otomatis.")).to_be_visible()
    page.reload()  # as after a lost connection or a closed tab
    expect(first).to_be_checked()


def test_a_choice_made_before_the_autosave_script_arrives_is_counted_and_saved(browser, live_server, app,
                                                                              example_course, make_user):
    """On a slow phone the quiz shows before its script has come: the first choice is not lost.

    (The test above once checked its answer in that gap on a busy machine, and waited in vain.)
    The script is held back until the choice is made; service workers are off so that the page's
    own request for it is the one held.
    """
    make_user("yosef", birth_year=2009)
    context = browser.new_context(viewport={"width": 360, "height": 740}, locale="id-ID", service_workers="block")
    page = context.new_page()
    errors = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    held, script = [], re.compile(r"/static/js/quiz-autosave\.[0-9a-f]+\.js$")
    page.route(script, lambda route: held.append(route))
    with page.expect_request(script):  # asked for, and held
        _start_quiz(page, live_server, "yosef")
    first = page.locator("fieldset.question input").first
    first.check()
    expect(page.locator("p.answered")).to_have_text("0/3 terjawab")  # rendered by the server; no script yet
    assert len(held) == 1 and page.get_by_text("Jawaban tersimpan otomatis.").count() == 0
    held[0].continue_()
    page.unroute(script)
    expect(page.locator("p.answered")).to_have_text("1/3 terjawab")
    expect(page.get_by_text("Jawaban tersimpan otomatis.")).to_be_visible()
    page.reload()
    expect(first).to_be_checked()
    context.close()
    assert errors == []


def test_the_quiz_works_without_javascript(browser, live_server, app, example_course, make_user):
    make_user("intan", birth_year=2009)
    context = browser.new_context(java_script_enabled=False, viewport={"width": 360, "height": 740}, locale="id-ID")
    page = context.new_page()
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("intan")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    page.locator("fieldset.question input").first.check()
    page.get_by_role("button", name="Simpan dulu").click()
    expect(page.get_by_text("Jawabanmu tersimpan.")).to_be_visible()
    assert page.locator("fieldset.question input").first.is_checked()
    page.get_by_role("button", name="Kirim jawaban").click()
    expect(page.get_by_role("alert")).to_contain_text("2 soal belum dijawab")  # the server asks first
    expect(page.locator("p.answered")).to_have_text("1/3 terjawab")
    page.get_by_role("button", name="Kirim saja").click()
    expect(page.get_by_text("Nilaimu:")).to_be_visible()
    context.close()

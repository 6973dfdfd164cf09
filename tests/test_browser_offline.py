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


def test_a_page_kept_before_an_update_is_styled_offline_with_the_current_stylesheet(page, live_server,
                                                                                   example_course):
    page.goto(live_server.url + LESSON)
    kept(page)
    page.evaluate("""url => caches.open('literasi-pages').then(cache => cache.match(url)
        .then(r => r.text()).then(html => cache.put(url, new Response(
            html.replace(/app\\.[0-9a-f]{12}\\.css/, 'app.aaaaaaaaaaaa.css'), {headers: {'Content-Type': 'text/html'}}))))""",
                  live_server.url + LESSON)
    page.context.set_offline(True)
    page.reload()
    assert "app.aaaaaaaaaaaa.css" in page.content()
    expect(page.locator(".site-header")).to_have_css("background-color", "rgb(11, 93, 122)")


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


def test_the_manifest_parses_its_icons_exist_and_chromium_finds_no_installability_error(browser, live_server,
                                                                                        tmp_path):
    """In a profile on disk: Chromium never offers to install from an incognito-like context."""
    import io
    import json

    from PIL import Image

    from .browser import CHROMIUM, CHROMIUM_ARGS

    context = browser.browser_type.launch_persistent_context(
        tmp_path / "profile", executable_path=CHROMIUM, args=CHROMIUM_ARGS, viewport={"width": 360, "height": 740})
    try:
        page = context.new_page()
        errors = []
        page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
        page.goto(live_server.url + "/")
        kept(page)
        manifest = json.loads(page.request.get(live_server.url + "/manifest.webmanifest").text())
        assert manifest["short_name"] == "Literasi" and manifest["start_url"] == "/"
        assert manifest["display"] == "standalone"
        assert manifest["theme_color"] == page.locator('meta[name="theme-color"]').get_attribute("content")
        sizes = set()
        for icon in manifest["icons"]:
            response = page.request.get(live_server.url + icon["src"])
            assert response.ok and response.headers["content-type"] == "image/png"
            with Image.open(io.BytesIO(response.body())) as image:
                assert f"{image.width}x{image.height}" == icon["sizes"]
                sizes.add(image.width)
        assert sizes == {192, 512}
        cdp = context.new_cdp_session(page)
        assert cdp.send("Page.getInstallabilityErrors") == {"installabilityErrors": []}
        assert errors == []
    finally:
        context.close()


def pdf_text(page, tmp_path, name) -> str:
    """The page printed by Chromium (print media, A4), read back by pdftotext (poppler-utils).
    Printed only once the page has loaded: a click on a link returns when the navigation starts,
    and a page printed before its document is whole lacks text (seen once in 20-odd runs)."""
    import subprocess

    page.wait_for_load_state("load")
    path = tmp_path / f"{name}.pdf"
    page.pdf(path=path, format="A4")
    return subprocess.run(["pdftotext", "-layout", str(path), "-"], capture_output=True, text=True,
                          check=True).stdout


def test_the_printed_handout_holds_every_lesson_and_only_the_facilitators_copy_the_key(
        page, live_server, example_course, make_user, tmp_path):
    make_user("siti", birth_year=2010)
    make_user("bu_guru", role="facilitator")
    log_in(page, live_server, "siti")
    page.goto(live_server.url + "/modul/kenali-hoaks")
    titles = [a.inner_text() for a in page.locator(".outline a").all()]
    page.get_by_role("link", name="Versi cetak", exact=True).click()
    expect(page).to_have_url(re.compile(r"/modul/kenali-hoaks/cetak$"))
    student = pdf_text(page, tmp_path, "student")
    assert all(title in student for title in titles) and "Lembar kerja kuis" in student
    assert "Kunci jawaban" not in student and "Keluar" not in student  # no navigation on paper
    page.allowed_console_errors.append("status of 404")
    assert page.goto(live_server.url + "/modul/kenali-hoaks/cetak/kunci").status == 404
    page.goto(live_server.url + "/")
    page.get_by_role("button", name="Keluar", exact=True).click()
    log_in(page, live_server, "bu_guru")
    page.goto(live_server.url + "/modul/kenali-hoaks")
    page.get_by_role("link", name="Versi cetak dengan kunci jawaban").click()
    expect(page).to_have_url(re.compile(r"/modul/kenali-hoaks/cetak/kunci$"))
    facilitator = pdf_text(page, tmp_path, "facilitator")
    assert all(title in facilitator for title in titles)
    assert "Kunci jawaban dan penjelasan" in facilitator and "Jawaban: " in facilitator


def ready(page):
    """Wait until the service worker has answered about the page on screen (kept or not)."""
    expect(page.locator("html")).to_have_attribute("data-offline", re.compile(r"^(kept|not-kept)$"))


def test_quiz_answers_chosen_offline_are_sent_once_when_back_online(page, live_server, app, example_course,
                                                                     make_user):
    from literacy.learning.models import QuizAttempt
    from literacy.extensions import db

    page.allowed_console_errors.append(OFFLINE)  # the autosave tries, and says it could not save
    student = make_user("siti", birth_year=2010)
    log_in(page, live_server, "siti")
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    ready(page)
    attempt_url = page.url
    page.context.set_offline(True)
    chosen = {}
    for fieldset in page.locator("fieldset.question").all():
        option = fieldset.locator("label.option input").last
        option.check()
        chosen[option.get_attribute("name").removeprefix("q-")] = [int(option.get_attribute("value"))]
    page.get_by_role("button", name="Kirim jawaban").click()
    waiting = page.locator("#app-notices")
    expect(waiting).to_contain_text("Menunggu koneksi untuk dikirim:")
    expect(waiting.get_by_role("listitem")).to_have_text("Jawaban kuis: Kenali Hoaks")
    assert page.url == attempt_url
    queued = page.evaluate("localStorage.getItem('literasi-antrean')")
    page.context.set_offline(False)
    expect(page).to_have_url(attempt_url + "/hasil")
    expect(page.locator("#app-notices")).not_to_contain_text("Menunggu")
    assert page.evaluate("localStorage.getItem('literasi-antrean')") is None
    # the same answers sent again (a second tab, a replay) change nothing: the attempt is submitted once
    page.evaluate("""item => fetch(item.url, {method: 'POST', body: new URLSearchParams(item.fields)})
                     .then(r => r.status)""", __import__("json").loads(queued)[0])
    with app.app_context():
        attempts = db.session.query(QuizAttempt).filter_by(user_id=student).all()
        assert len(attempts) == 1 and attempts[0].submitted_at is not None
        assert attempts[0].answers == chosen


def test_a_lesson_marked_done_offline_is_recorded_when_back_online_even_from_a_saved_copy(
        page, live_server, app, example_course, make_user):
    """A saved lesson was fetched without cookies, so it is the shared anonymous page with no CSRF
    token: refused once, the page fetches the student's token from the server before sending again,
    and the check stays on."""
    from literacy.catalog.models import Lesson
    from literacy.extensions import db
    from literacy.learning.models import LessonProgress

    page.allowed_console_errors.append("status of 400")  # the saved copy's token, refused once
    student = make_user("siti", birth_year=2010)
    log_in(page, live_server, "siti")
    page.goto(live_server.url + "/modul/kenali-hoaks")
    kept(page)
    page.get_by_role("button", name="Simpan untuk dibaca offline").click()
    expect(page.locator("#simpan-status")).to_contain_text("Tersimpan")
    page.context.set_offline(True)
    page.goto(live_server.url + "/modul/kenali-hoaks/periksa-dulu")  # from the saved copy
    page.get_by_role("button", name="Tandai selesai").click()
    expect(page.locator("#app-notices li")).to_have_text("Pelajaran 2 ditandai selesai: Periksa Dulu")
    page.context.set_offline(False)
    expect(page).to_have_url(live_server.url + "/modul/kenali-hoaks/kuis")  # where the form leads: the quiz
    expect(page.locator("#app-notices")).not_to_contain_text("Menunggu")
    with app.app_context():
        done = db.session.query(Lesson.slug).join(LessonProgress, LessonProgress.lesson_id == Lesson.id) \
            .filter(LessonProgress.user_id == student).all()
        assert done == [("periksa-dulu",)]


SPEECH_STUB = """
window.__speech = [];
(function (voices) {
  var speaking = false, paused = false, s = window.speechSynthesis;
  Object.defineProperty(s, 'speaking', {get: function () { return speaking; }});
  Object.defineProperty(s, 'paused', {get: function () { return paused; }});
  s.getVoices = function () { return voices; };
  s.speak = function (u) { window.__speech.push(['speak', u.lang, u.text.trim().slice(0, 13)]); speaking = true; };
  s.pause = function () { window.__speech.push(['pause']); paused = true; };
  s.resume = function () { window.__speech.push(['resume']); paused = false; };
  s.cancel = function () { speaking = false; paused = false; };
})(%s);
"""


def test_listen_is_offered_only_with_a_voice_and_pauses_and_resumes(page, live_server, example_course):
    page.add_init_script(SPEECH_STUB % "[]")
    page.goto(live_server.url + LESSON)
    ready(page)  # the script has run
    expect(page.get_by_role("button", name="Dengarkan")).to_have_count(0)

    page.context.add_init_script(SPEECH_STUB % "[{lang: 'id-ID', name: 'Damayanti', voiceURI: 'id'}]")
    listening = page.context.new_page()
    listening.goto(live_server.url + LESSON)
    button = listening.get_by_role("button", name="Dengarkan")
    button.click()
    expect(listening.get_by_role("button", name="Jeda")).to_have_attribute("aria-pressed", "false")
    assert listening.evaluate("window.__speech") == [["speak", "id", "Apa Itu Hoaks"]]
    listening.get_by_role("button", name="Jeda").click()
    expect(listening.get_by_role("button", name="Lanjutkan")).to_have_attribute("aria-pressed", "true")
    listening.get_by_role("button", name="Lanjutkan").click()
    expect(listening.get_by_role("button", name="Jeda")).to_be_visible()
    assert listening.evaluate("window.__speech")[1:] == [["pause"], ["resume"]]

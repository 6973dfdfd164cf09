"""Taking a quiz through the pages, and bounded queries whatever the history."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from literacy.extensions import db
from literacy.learning.models import QuizAttempt

from ..content.conftest import EXAMPLE
from .conftest import right_answers, wrong_answers


def start(client, kind="quiz"):
    response = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": kind})
    assert response.status_code == 303
    return response.headers["Location"].rsplit("/", 1)[1]


def answers_form(app, token, right=True):
    with app.app_context():
        attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.token == token))
        answers = right_answers(attempt) if right else wrong_answers(attempt)
    return {f"q-{qid}": [str(i) for i in chosen] for qid, chosen in answers.items()}


def test_quiz_page_is_an_accessible_form(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    token = start(client)
    page = client.get(f"/kuis/{token}").get_data(as_text=True)
    assert page.count("<fieldset") == 3 and page.count("<legend>") == 3
    assert re.search(r'<label class="option">\s*<input type="(radio|checkbox)" name="q-\d+" value="\d"', page)
    # two small external scripts (the app's, autosave), no inline script; the form works without them
    assert re.findall(r"<script[^>]*>", page) == [
        re.search(rf'<script src="/static/js/{name}\.[0-9a-f]+\.js" defer>', page).group(0)
        for name in ("quiz-autosave", "app")]


def test_fail_read_the_explanations_retry_and_pass(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    token = start(client)
    response = client.submit(f"/kuis/{token}", {"aksi": "kirim", **answers_form(app, token, right=False)})
    assert response.headers["Location"] == f"/kuis/{token}/hasil"
    result = client.get(f"/kuis/{token}/hasil").get_data(as_text=True)
    assert "Nilaimu: 0 dari 100" in result and "Belum lulus." in result
    assert "Jawaban benar" not in result and result.count("Jawabanmu") == 3  # no key before a pass
    assert "Penjelasan" in result
    # feedback of a chosen wrong option is shown when the module wrote one
    assert 'class="feedback"' in result
    # a replayed submission changes nothing
    client.submit(f"/kuis/{token}", {"aksi": "kirim", **answers_form(app, token, right=True)})
    assert "Nilaimu: 0 dari 100" in client.get(f"/kuis/{token}/hasil").get_data(as_text=True)

    retry = start(client)
    assert retry != token
    client.submit(f"/kuis/{retry}", {"aksi": "kirim", **answers_form(app, retry, right=True)})
    passed = client.get(f"/kuis/{retry}/hasil").get_data(as_text=True)
    assert "Nilaimu: 100 dari 100" in passed and "Lulus!" in passed
    home = client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)
    assert "Nilai terbaikmu: 100." in home and home.count("<li><a href=\"/kuis/") == 2


def test_save_and_come_back(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    token = start(client)
    form = answers_form(app, token)
    first_key = next(iter(form))
    client.submit(f"/kuis/{token}", {"aksi": "simpan", first_key: form[first_key]})
    assert start(client) == token  # resumed, not a new attempt
    page = client.get(f"/kuis/{token}").get_data(as_text=True)
    assert f'name="{first_key}" value="{form[first_key][0]}" checked' in page


def test_someone_elses_attempt_is_not_found(app, client, example_course, make_user, login):
    make_user("siti")
    make_user("dimas")
    login(client, "siti")
    token = start(client)
    other = app.test_client()
    login(other, "dimas")
    assert other.get(f"/kuis/{token}").status_code == 404
    assert other.get(f"/kuis/{token}/hasil").status_code == 404
    assert other.submit(f"/kuis/{token}", {"aksi": "kirim"}).status_code == 404


def test_pretest_then_quiz_shows_the_gain(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    assert "Mulai dengan tes awal" in client.get("/modul/kenali-hoaks").get_data(as_text=True)
    pre = start(client, "pretest")
    client.submit(f"/kuis/{pre}", {"aksi": "kirim", **answers_form(app, pre, right=False)})
    pre_result = client.get(f"/kuis/{pre}/hasil").get_data(as_text=True)
    assert "Hasil tes awal" in pre_result and "Jawaban benar" not in pre_result
    post = start(client)
    client.submit(f"/kuis/{post}", {"aksi": "kirim", **answers_form(app, post, right=True)})
    assert "naik 100 poin" in client.get(f"/kuis/{post}/hasil").get_data(as_text=True)


def _many_modules_and_attempts(app, tmp_path, client, modules: int, attempts: int):
    import shutil

    from literacy.content.services import import_paths

    for n in range(modules):
        shutil.copytree(EXAMPLE, tmp_path / f"salinan-{n}")
    with app.app_context():
        import_paths([tmp_path])
        db.session.remove()
    for n in range(modules):
        client.submit(f"/modul/salinan-{n}/apa-itu-hoaks/selesai")
    for _ in range(attempts):
        token = start(client)
        client.submit(f"/kuis/{token}", {"aksi": "kirim-saja"})
    return token


def test_dashboard_and_quiz_queries_do_not_grow(app, client, example_course, make_user, login, count_queries, tmp_path):
    make_user("siti")
    login(client, "siti")
    small = _many_modules_and_attempts(app, tmp_path / "a", client, 1, 1)
    client.get("/modul/kenali-hoaks/apa-itu-hoaks")  # its outline and text are then kept (literacy/caching.py)
    counts_small = {}
    for name, url in (("dasbor", "/dasbor"), ("kuis", "/modul/kenali-hoaks/kuis"), ("hasil", f"/kuis/{small}/hasil"),
                      ("pelajaran", "/modul/kenali-hoaks/apa-itu-hoaks"), ("modul", "/modul")):
        with count_queries() as queries:
            assert client.get(url).status_code == 200
        counts_small[name] = len(queries)
    big = _many_modules_and_attempts(app, tmp_path / "b", client, 8, 6)
    counts_big = {}
    for name, url in (("dasbor", "/dasbor"), ("kuis", "/modul/kenali-hoaks/kuis"), ("hasil", f"/kuis/{big}/hasil"),
                      ("pelajaran", "/modul/kenali-hoaks/apa-itu-hoaks"), ("modul", "/modul")):
        with count_queries() as queries:
            client.get(url)
        counts_big[name] = len(queries)
    assert counts_big == counts_small
    # exact, for a logged-in student (the first query loads the user; one on the dashboard is their
    # workshops, one their classes' assigned modules, 7 are the certificate section: what is left to earn
    # each one), whatever the number of modules; the lesson page: the user, the module, the lessons done
    assert counts_small == {"dasbor": 19, "kuis": 7, "hasil": 8, "pelajaran": 3, "modul": 6}


OPTION_TAG = re.compile(r"<li(?: [^>]*)?>")


def option_tags(page: str) -> set[str]:
    """The opening tags of every answer option on a result page."""
    lists = re.findall(r'<ul class="options">(.*?)</ul>', page, re.S)
    return {tag for options in lists for tag in OPTION_TAG.findall(options)}


def test_a_failed_result_hides_the_key_and_a_pass_reveals_it(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    failed = start(client)
    client.submit(f"/kuis/{failed}", {"aksi": "kirim", **answers_form(app, failed, right=False)})
    page = client.get(f"/kuis/{failed}/hasil").get_data(as_text=True)
    assert "Belum lulus." in page and page.count('class="explanation"') == 3 and 'class="feedback"' in page
    assert "Jawaban benar" not in page and not re.search(r'class="[^"]*\b(right|wrong|correct)\b', page)
    # an option the student did not choose looks the same whether it is right or wrong
    assert option_tags(page) == {"<li>", '<li class="chosen">'}
    assert "Kunci jawaban ditampilkan setelah kamu lulus kuis ini." in page

    passed = start(client)
    client.submit(f"/kuis/{passed}", {"aksi": "kirim", **answers_form(app, passed, right=True)})
    page = client.get(f"/kuis/{passed}/hasil").get_data(as_text=True)
    assert "Lulus!" in page and page.count("Jawaban benar") >= 3 and '<li class="right chosen">' in page
    # once passed, the earlier failed attempt shows its key too
    page = client.get(f"/kuis/{failed}/hasil").get_data(as_text=True)
    assert page.count("Jawaban benar") >= 3 and '<li class="wrong chosen">' in page and '<li class="right">' in page
    assert "Kunci jawaban ditampilkan setelah" not in page


def test_starting_the_quiz_while_the_pre_test_is_open_resumes_the_pre_test(app, client, example_course, make_user,
                                                                         login):
    make_user("siti")
    login(client, "siti")
    pre = start(client, "pretest")
    assert start(client, "quiz") == pre
    page = client.get(f"/kuis/{pre}").get_data(as_text=True)
    assert "Tes awalmu belum selesai." in page and page.count("<fieldset") == 2
    home = client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)
    assert "Lanjutkan tes awal" in home and "Kuis bisa dimulai setelah jawaban tes awalmu dikirim." in home
    assert 'name="jenis" value="quiz"' not in home
    client.submit(f"/kuis/{pre}", {"aksi": "kirim-saja"})
    post = start(client, "quiz")
    assert post != pre
    assert start(client, "pretest") == post  # the open quiz again, never a second attempt
    with app.app_context():
        assert db.session.scalar(select(func.count(QuizAttempt.id)).where(QuizAttempt.submitted_at.is_(None))) == 1


def test_reading_a_lesson_keeps_the_pre_test_until_the_first_quiz_attempt(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    module_page = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert "Tes awal masih bisa dikerjakan sampai kamu memulai kuis." in module_page
    home = client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)
    assert "Kerjakan tes awal" in home and "Mulai kuis" in home
    pre = start(client, "pretest")
    with app.app_context():
        assert db.session.scalar(select(QuizAttempt.kind).where(QuizAttempt.token == pre)) == "pretest"


def test_after_the_pre_test_straight_to_the_first_lesson_with_an_encouraging_word(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    pre = start(client, "pretest")
    response = client.submit(f"/kuis/{pre}", {"aksi": "kirim", **answers_form(app, pre, right=False)})
    assert response.status_code == 303 and response.headers["Location"] == "/modul/kenali-hoaks/apa-itu-hoaks"
    lesson = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "Tes awal selesai: nilaimu 0 dari 100. Itu titik awalmu, bukan nilai akhir." in lesson
    result = client.get(f"/kuis/{pre}/hasil").get_data(as_text=True)
    assert "Ini titik awalmu, bukan nilai akhir" in result
    # a replayed submission goes to the result, and the pre-test is gone for good
    assert client.submit(f"/kuis/{pre}", {"aksi": "kirim"}).headers["Location"] == f"/kuis/{pre}/hasil"
    home = client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)
    assert "Kerjakan tes awal" not in home
    # only quiz attempts count: the button still says "Mulai kuis"
    assert "Mulai kuis" in home and "Coba lagi" not in home
    quiz_attempt = start(client)
    client.submit(f"/kuis/{quiz_attempt}", {"aksi": "kirim", **answers_form(app, quiz_attempt, right=False)})
    assert "Coba lagi" in client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)


def test_no_gain_is_not_called_a_rise(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    pre = start(client, "pretest")
    client.submit(f"/kuis/{pre}", {"aksi": "kirim", **answers_form(app, pre, right=False)})
    post = start(client)
    client.submit(f"/kuis/{post}", {"aksi": "kirim", **answers_form(app, post, right=False)})
    result = client.get(f"/kuis/{post}/hasil").get_data(as_text=True)
    assert "Tes awalmu 0, nilai terbaikmu sekarang 0." in result and "naik 0" not in result
    assert "naik 0" not in client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)


def test_submitting_with_blanks_asks_first_and_keeps_the_answers(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    token = start(client)
    form = answers_form(app, token)
    first_key = next(iter(form))
    response = client.submit(f"/kuis/{token}", {"aksi": "kirim", first_key: form[first_key]})
    assert response.status_code == 200
    page = response.get_data(as_text=True)
    assert "2 soal belum dijawab:" in page and 'value="kirim-saja"' in page
    assert '<span id="answered-count">1</span>/3 terjawab' in page
    assert f'name="{first_key}" value="{form[first_key][0]}" checked' in page
    with app.app_context():
        attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.token == token))
        assert attempt.submitted_at is None and list(attempt.answers) == [first_key[2:]]
    response = client.submit(f"/kuis/{token}", {"aksi": "kirim-saja", first_key: form[first_key]})
    assert response.headers["Location"] == f"/kuis/{token}/hasil"
    result = client.get(f"/kuis/{token}/hasil").get_data(as_text=True)
    assert result.count("Tidak dijawab") == 2 and 'id="nilai" tabindex="-1" autofocus' in result

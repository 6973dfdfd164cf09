"""The /mitra pages over HTTP: a partner's journey from upload to submission, the reviewer's side,
problems by file and line, the preview with the students' templates, permissions between organisations."""
from __future__ import annotations

import io
import re

from sqlalchemy import select

from literacy.authoring.models import AuthoredModule
from literacy.extensions import db

from .conftest import example_files, make_zip


def _authored_id(app, slug="cek-fakta") -> int:
    with app.app_context():
        return db.session.scalar(select(AuthoredModule.id).where(AuthoredModule.slug == slug))


def _upload(client, files, slug=""):
    return client.submit("/mitra/unggah", {"archive": (io.BytesIO(make_zip(files)), "modul.zip"), "module_slug": slug},
                         content_type="multipart/form-data")


def test_upload_with_a_mistake_fix_in_the_editor_preview_submit_publish(app, client, people, login, example_course):
    login(client, "mitra")
    good = example_files()["01-apa-itu-hoaks.md"].decode()
    broken = good.replace("::: tips", "::: Tips")
    response = _upload(client, example_files() | {"01-apa-itu-hoaks.md": broken.encode()})
    assert response.status_code == 303
    authored_id = _authored_id(app)
    page = client.get(f"/mitra/modul/{authored_id}").get_data(as_text=True)
    assert "Pemeriksa menemukan" in page and "tidak dikenal" in page
    url = f"/mitra/modul/{authored_id}/berkas/01-apa-itu-hoaks.md"
    line = next(n for n, text in enumerate(broken.split("\n"), 1) if text.startswith("::: Tips"))
    assert f"baris {line}" in client.get(url).get_data(as_text=True)
    refused = client.submit(f"/mitra/modul/{authored_id}/ajukan", follow_redirects=True).get_data(as_text=True)
    assert "Perbaiki dulu semua galat" in refused
    client.submit(url, {"text": good.replace("\n", "\r\n")})
    assert "Tidak ada masalah di berkas ini." in client.get(url).get_data(as_text=True)

    lesson = client.get(f"/mitra/modul/{authored_id}/versi/1/pratinjau/apa-itu-hoaks").get_data(as_text=True)
    assert '<article class="lesson">' in lesson and '<aside class="callout callout-tip">' in lesson
    image = re.search(r'<img src="([^"]+)"', lesson).group(1)
    assert image == f"/mitra/modul/{authored_id}/versi/1/media/tiga-langkah.png"
    assert client.get(image).data == example_files()["media/tiga-langkah.png"]
    quiz_page = client.get(f"/mitra/modul/{authored_id}/versi/1/pratinjau/kuis").get_data(as_text=True)
    questions = example_files()["kuis.md"].decode().count("\n## ")
    assert quiz_page.count('<fieldset class="question"') == questions and "Pilih semua yang benar." in quiz_page

    assert client.submit(f"/mitra/modul/{authored_id}/ajukan").status_code == 303
    client.submit("/keluar")
    login(client, "peninjau")
    home = client.get("/mitra").get_data(as_text=True)
    assert "Menunggu tinjauan" in home and "cek-fakta" in home
    client.submit(f"/mitra/modul/{authored_id}/versi/1/terbitkan")
    assert client.get("/modul/cek-fakta").status_code == 200
    assert "Kenali Hoaks" in client.get("/modul").get_data(as_text=True)


def test_the_editor_adds_missing_question_keys(app, client, people, login):
    login(client, "mitra")
    files = {p: d for p, d in example_files().items() if not p.startswith("en/")}
    quiz = files["kuis.md"].decode().replace(" {#foto-viral}", "")
    _upload(client, files | {"kuis.md": quiz.encode()})
    authored_id = _authored_id(app)
    editor = client.get(f"/mitra/modul/{authored_id}/berkas/kuis.md").get_data(as_text=True)
    line = next(n for n, text in enumerate(quiz.split("\n"), 1) if text.startswith("## Foto yang dibagikan"))
    assert f"baris {line}" in editor and "Tambahkan kunci soal yang belum ada" in editor
    client.submit(f"/mitra/modul/{authored_id}/kunci")
    fixed = client.get(f"/mitra/modul/{authored_id}/berkas/kuis.md").get_data(as_text=True)
    assert "{#foto-yang-dibagikan-banyak-akun}" in fixed and "Tidak ada masalah di berkas ini." in fixed
    again = client.submit(f"/mitra/modul/{authored_id}/kunci", follow_redirects=True).get_data(as_text=True)
    assert "Semua soal sudah punya kunci." in again


def test_saving_a_file_runs_the_checker_and_shows_problems_by_line(app, client, people, login):
    login(client, "mitra")
    client.submit("/mitra/baru", {"slug": "modul-saya"})
    authored_id = _authored_id(app, "modul-saya")
    url = f"/mitra/modul/{authored_id}/berkas/01-pelajaran-pertama.md"
    text = "---\ntitle: Pelajaran\n---\n\nIsi.\n\n::: Tips\nTeks\n:::\n"
    assert client.submit(url, {"text": text}).status_code == 303
    page = client.get(url).get_data(as_text=True)
    assert "baris 7" in page and "Kotak &#39;::: Tips&#39; tidak dikenal" in page


def test_partners_of_another_organisation_see_nothing(app, client, people, login):
    login(client, "mitra")
    _upload(client, example_files())
    authored_id = _authored_id(app)
    client.submit("/keluar")
    login(client, "mitra_lain")
    assert "cek-fakta" not in client.get("/mitra").get_data(as_text=True)
    for url in (f"/mitra/modul/{authored_id}", f"/mitra/modul/{authored_id}/berkas/kuis.md",
                f"/mitra/modul/{authored_id}/versi/1/pratinjau", f"/mitra/modul/{authored_id}/versi/1/unduh",
                f"/mitra/modul/{authored_id}/versi/1/media/tiga-langkah.png"):
        assert client.get(url).status_code == 404, url
    assert client.submit(f"/mitra/modul/{authored_id}/berkas/kuis.md", {"text": "x"}).status_code == 404
    assert client.submit(f"/mitra/modul/{authored_id}/ajukan").status_code == 404


def test_a_reviewer_returns_with_comments_shown_next_to_the_file(app, client, people, login):
    login(client, "mitra")
    _upload(client, example_files())
    authored_id = _authored_id(app)
    client.submit(f"/mitra/modul/{authored_id}/ajukan")
    client.submit("/keluar")
    login(client, "peninjau")
    client.submit(f"/mitra/modul/{authored_id}/kembalikan", {"comments": "kuis.md:7: terlalu mudah\nBagus."})
    client.submit("/keluar")
    login(client, "mitra")
    page = client.get(f"/mitra/modul/{authored_id}/berkas/kuis.md").get_data(as_text=True)
    assert "baris 7: terlalu mudah" in page
    assert "Bagus." in client.get(f"/mitra/modul/{authored_id}").get_data(as_text=True)


def test_the_audit_log_filters_by_module_action_and_account(app, client, people, login):
    login(client, "mitra")
    _upload(client, example_files())
    client.submit("/mitra/baru", {"slug": "modul-dua"})
    client.submit("/keluar")
    login(client, "admin")
    everything = client.get("/admin/log-modul").get_data(as_text=True)
    assert "cek-fakta" in everything and "modul-dua" in everything and "grant-reviewer" in everything
    one = client.get("/admin/log-modul?modul=modul-dua").get_data(as_text=True)
    assert "modul-dua" in one and ">cek-fakta<" not in one
    uploads = client.get("/admin/log-modul?aksi=upload&akun=mitra").get_data(as_text=True)
    assert ">cek-fakta<" in uploads and ">modul-dua<" not in uploads
    assert ">cek-fakta<" not in client.get("/admin/log-modul?akun=admin").get_data(as_text=True)


def test_an_admin_grants_and_takes_back_the_reviewer_role(app, client, people, login, make_user):
    make_user("calon", role="facilitator")
    login(client, "admin")
    assert client.submit("/mitra/peninjau", {"username": "calon"}).status_code == 303
    assert "calon" in client.get("/mitra/peninjau").get_data(as_text=True)
    assert client.submit("/mitra/peninjau", {"username": "siswa"}).status_code == 400  # a student: no
    client.submit("/keluar")
    login(client, "calon")
    assert client.get("/mitra").status_code == 200
    client.submit("/keluar")
    login(client, "admin")
    calon = re.search(r'/mitra/peninjau/(\d+)/cabut', client.get("/mitra/peninjau").get_data(as_text=True))
    assert client.submit(calon.group(0)).status_code == 303


def test_the_partner_home_has_a_fixed_number_of_queries(app, client, people, login, count_queries):
    login(client, "mitra")
    client.submit("/mitra/baru", {"slug": "modul-satu"})
    with count_queries() as one:
        client.get("/mitra")
    for n in range(3):
        client.submit("/mitra/baru", {"slug": f"modul-tambah-{n}"})
    with count_queries() as four:
        page = client.get("/mitra").get_data(as_text=True)
    assert page.count('">modul-tambah-') == 3 and len(four) == len(one)


def test_the_home_shows_learner_figures_with_the_same_queries_for_more_learners(app, client, people, login, make_user,
                                                                               count_queries):
    from literacy.authoring import services
    from literacy.catalog.models import Module, Question
    from literacy.learning import quiz

    login(client, "mitra")
    _upload(client, example_files())
    authored_id = _authored_id(app)
    client.submit(f"/mitra/modul/{authored_id}/ajukan")
    with app.test_request_context():
        from literacy.accounts.models import User

        admin = db.session.scalar(select(User).where(User.username_key == "admin"))
        services.publish(admin, services.get_module(authored_id), 1)
        module_id = db.session.scalar(select(Module.id).where(Module.slug == "cek-fakta"))

    def a_learner_misses_everything(name):
        student = make_user(name)
        with app.test_request_context():
            module = db.session.get(Module, module_id)
            attempt = quiz.start_attempt(student, module)
            wrong = {}
            for question_id in attempt.question_ids:
                question = db.session.get(Question, question_id)
                wrong[str(question_id)] = [next(i for i in range(question.option_count) if i not in question.correct)]
            quiz.submit(attempt, wrong, module)

    a_learner_misses_everything("pelajar1")
    with count_queries() as one:
        client.get("/mitra")
    for n in range(2, 5):
        a_learner_misses_everything(f"pelajar{n}")
    with count_queries() as four:
        page = client.get("/mitra").get_data(as_text=True)
    assert len(four) == len(one)
    assert "4 dijangkau, 0 lulus" in page and "nilai rata-rata 0" in page
    # every answer is wrong: the most missed question was missed every time it was drawn
    missed = re.search(r"salah (\d) dari (\d) kali; pilihan salah yang paling sering dipilih \((\d) kali\)", page)
    assert "Soal yang paling sering salah: cek-fakta" in page
    assert missed and missed.group(1) == missed.group(2) == missed.group(3) and int(missed.group(1)) >= 1

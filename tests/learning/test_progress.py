"""Progress through HTTP: marking lessons done, the dashboard, statuses, anonymous progress kept."""
from __future__ import annotations

import re

from sqlalchemy import func, select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.learning.models import LearningEvent, LessonProgress

from ..conftest import PASSWORD


def progress_of(app, username):
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username_key == username))
        rows = db.session.scalar(select(func.count(LessonProgress.id)).where(LessonProgress.user_id == user_id))
        events = db.session.scalar(select(func.count(LearningEvent.id)).where(LearningEvent.user_id == user_id))
        return rows, events


def test_marking_a_lesson_done_moves_on_and_is_idempotent(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    response = client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    assert response.headers["Location"] == "/modul/kenali-hoaks/periksa-dulu"
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")  # double tap
    assert progress_of(app, "siti") == (1, 1)
    page = client.get("/modul/kenali-hoaks/apa-itu-hoaks").get_data(as_text=True)
    assert "Pelajaran ini sudah selesai." in page
    last = client.submit("/modul/kenali-hoaks/periksa-dulu/selesai")
    assert last.headers["Location"] == "/modul/kenali-hoaks/kuis"


def test_marking_done_needs_csrf_and_a_real_lesson(client, example_course):
    assert client.post("/modul/kenali-hoaks/apa-itu-hoaks/selesai").status_code == 400
    assert client.submit("/modul/kenali-hoaks/tidak-ada/selesai").status_code == 404


def test_progress_made_before_signing_up_is_kept(app, client, example_course):
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    assert "Pelajaran ini sudah selesai." in client.get("/modul/kenali-hoaks/apa-itu-hoaks").get_data(as_text=True)
    client.submit("/daftar?tahun=2011", {"username": "siti", "password": PASSWORD})
    assert progress_of(app, "siti") == (1, 1)


def test_dashboard_continue_learning_and_statuses(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    empty = client.get("/dasbor").get_data(as_text=True)
    assert "Kamu belum mulai belajar." in empty
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    page = client.get("/dasbor").get_data(as_text=True)
    assert "Lanjutkan belajar" in page and "Lanjut ke: Periksa Dulu" in page
    assert re.search(r'<progress max="3" value="1">', page)
    assert "1 dari 2 pelajaran" in page
    catalog = client.get("/modul").get_data(as_text=True)
    assert "Sedang dipelajari" in catalog
    module = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert "✓ selesai" in module and "Lanjutkan belajar" in module


def test_visitors_see_no_status_and_are_invited_to_sign_up_for_the_quiz(client, example_course):
    page = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert "untuk mengerjakan kuis" in page
    assert client.get("/modul/kenali-hoaks/kuis").status_code == 302
    assert "Belum mulai" not in client.get("/modul").get_data(as_text=True)


def test_progress_survives_a_reimport_that_reorders_lessons_and_edits_questions(
        app, client, example_course, make_user, login, tmp_path):
    import shutil

    from literacy.content.services import import_paths

    make_user("siti")
    login(client, "siti")
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    start = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"})
    token = start.headers["Location"].rsplit("/", 1)[1]
    client.submit(f"/kuis/{token}", {"aksi": "kirim-saja"})

    copy = tmp_path / "content" / "kenali-hoaks"
    shutil.copytree(example_course / "kenali-hoaks", copy)
    (copy / "01-apa-itu-hoaks.md").rename(copy / "05-apa-itu-hoaks.md")
    (copy / "en" / "01-apa-itu-hoaks.md").rename(copy / "en" / "05-apa-itu-hoaks.md")
    kuis = (copy / "kuis.md").read_text().replace("Foto yang dibagikan banyak akun", "Foto yang dibagikan ratusan akun")
    (copy / "kuis.md").write_text(kuis)
    with app.app_context():
        result, report = import_paths([copy.parent])
        assert result.updated == ["kenali-hoaks"] and report.errors == []
        db.session.remove()

    assert progress_of(app, "siti") == (1, 2)
    module = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert re.search(r"Periksa Dulu</a>[^✓]*</li>\s*<li>.*Apa Itu Hoaks\?</a>.*✓ selesai", module, re.S)
    assert client.get(f"/kuis/{token}/hasil").status_code == 200


def test_export_includes_progress_attempts_and_xapi_events(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    data = client.get("/akun/data-saya.json").json
    assert data["learning"]["lessons_completed"][0]["lesson"] == "apa-itu-hoaks"
    (statement,) = data["learning"]["learning_events"]
    assert statement["verb"]["id"] == "http://adlnet.gov/expapi/verbs/completed"
    assert re.fullmatch(r"[0-9a-f]{32}", statement["actor"]["account"]["name"]) and "siti" not in str(statement)


def test_deleting_the_account_erases_progress(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    client.submit("/akun/hapus", {"password": PASSWORD})
    with app.app_context():
        assert db.session.scalar(select(func.count(LessonProgress.id))) == 0
        assert db.session.scalar(select(func.count(LearningEvent.id))) == 0


def test_a_visitors_progress_in_one_module_does_not_mark_another_as_started(app, client, example_course, tmp_path):
    import shutil

    from literacy.content.services import import_paths

    shutil.copytree(example_course / "kenali-hoaks", tmp_path / "modul-lain")
    with app.app_context():
        import_paths([tmp_path])
        db.session.remove()
    client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    assert "Lanjutkan belajar" in client.get("/modul/kenali-hoaks").get_data(as_text=True)
    other = client.get("/modul/modul-lain").get_data(as_text=True)
    assert "Mulai belajar" in other and "✓ selesai" not in other


def test_marking_a_lesson_done_says_so(app, client, example_course, make_user, login):
    response = client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")  # a visitor too
    assert "Pelajaran 1 selesai ✓" in client.get(response.headers["Location"]).get_data(as_text=True)
    make_user("siti")
    login(client, "siti")
    response = client.submit("/modul/kenali-hoaks/periksa-dulu/selesai")
    assert response.headers["Location"] == "/modul/kenali-hoaks/kuis"
    assert "Pelajaran 2 selesai ✓" in client.get(response.headers["Location"]).get_data(as_text=True)
    client.set_cookie("lang", "en")
    response = client.submit("/modul/kenali-hoaks/apa-itu-hoaks/selesai")
    assert "Lesson 1 done ✓" in client.get(response.headers["Location"]).get_data(as_text=True)

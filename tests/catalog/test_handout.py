"""The printable module handout: every lesson, the quiz as a worksheet, the key for facilitators."""
from __future__ import annotations

import re

from sqlalchemy import select

from literacy.catalog import services
from literacy.catalog.models import QUIZ_POOL, Module, Question
from literacy.extensions import db


def test_the_handout_holds_every_current_lesson_then_every_current_question_in_four_queries(
        app, example_course, count_queries):
    with app.app_context():
        module = services.get_module("kenali-hoaks")
        with count_queries() as queries:
            handout = services.handout(module, "id")
        assert len(queries) == 4  # outline, lesson texts, questions, their texts
        assert [entry.slug for entry, _ in handout.lessons] == ["apa-itu-hoaks", "periksa-dulu"]
        bank = db.session.scalars(select(Question).where(Question.module_id == module.id,
                                                         Question.pool == QUIZ_POOL)
                                  .order_by(Question.position)).all()
        assert [q.correct for q in handout.questions] == [q.correct for q in bank]
        assert all(q.options for q in handout.questions)
        english = services.handout(module, "en")
        assert english.lessons[0][1].language == "en"


def test_a_retired_question_is_left_out(app, example_course):
    from literacy.utils import utcnow

    with app.app_context():
        module = services.get_module("kenali-hoaks")
        first = db.session.scalars(select(Question).where(Question.module_id == module.id,
                                                          Question.pool == QUIZ_POOL)
                                   .order_by(Question.position)).first()
        count = len(services.handout(module, "id").questions)
        first.retired_at = utcnow()
        db.session.commit()
        assert len(services.handout(module, "id").questions) == count - 1


def test_students_get_the_worksheet_without_the_key_and_facilitators_get_the_key(
        app, client, example_course, make_user, login):
    make_user("siti", birth_year=2010)
    make_user("bu_guru", role="facilitator")
    login(client, "siti")
    page = client.get("/modul/kenali-hoaks/cetak").get_data(as_text=True)
    assert "Apa Itu Hoaks?" in page and "Periksa Dulu" in page and "Lembar kerja kuis" in page
    assert "Kunci jawaban" not in page
    assert client.get("/modul/kenali-hoaks/cetak/kunci").status_code == 404
    module_page = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert 'href="/modul/kenali-hoaks/cetak"' in module_page and "/cetak/kunci" not in module_page
    facilitator = app.test_client()
    login(facilitator, "bu_guru")
    keyed = facilitator.get("/modul/kenali-hoaks/cetak/kunci").get_data(as_text=True)
    assert "Kunci jawaban dan penjelasan" in keyed
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        correct = [q.correct for q in db.session.scalars(select(Question).where(
            Question.module_id == module.id, Question.pool == QUIZ_POOL).order_by(Question.position))]
    shown = re.findall(r"Jawaban: ([A-J](?:, [A-J])*)</strong>", keyed)
    assert shown == [", ".join("ABCDEFGHIJ"[i] for i in c) for c in correct]
    assert "/cetak/kunci" in facilitator.get("/modul/kenali-hoaks").get_data(as_text=True)


def test_visitors_are_asked_to_log_in_and_unknown_modules_are_404(client, example_course):
    assert client.get("/modul/kenali-hoaks/cetak").headers["Location"].startswith("/masuk")
    assert client.get("/modul/tidak-ada/cetak").status_code == 404
    assert "/cetak" not in client.get("/modul/kenali-hoaks").get_data(as_text=True)


def test_the_pre_tests_own_pool_is_left_out_of_the_worksheet(app, example_course):
    from literacy.catalog.models import PRETEST_POOL

    with app.app_context():
        module = services.get_module("kenali-hoaks")
        first = db.session.scalars(select(Question).where(Question.module_id == module.id)
                                   .order_by(Question.position)).first()
        count = len(services.handout(module, "id").questions)
        first.pool = PRETEST_POOL
        db.session.commit()
        assert len(services.handout(module, "id").questions) == count - 1

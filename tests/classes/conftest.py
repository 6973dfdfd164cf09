"""A class with known progress on the example module, for the running-a-class and report tests."""
from __future__ import annotations

from datetime import date, timedelta

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.catalog.models import Module, Question
from literacy.classes import services
from literacy.classes.models import Classroom
from literacy.extensions import db
from literacy.learning import quiz
from literacy.learning.models import PRETEST
from literacy.learning.services import complete_lesson


def right_answers(attempt) -> dict[str, list[int]]:
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
    return {str(qid): list(questions[qid].correct) for qid in attempt.question_ids}


def first_wrong_answers(attempt) -> dict[str, list[int]]:
    """For every question, the first option that is not right (a single wrong choice)."""
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
    return {str(qid): [next(i for i in range(questions[qid].option_count) if i not in questions[qid].correct)]
            for qid in attempt.question_ids}


def take(user_id: int, module: Module, answers, kind="quiz"):
    attempt = quiz.start_attempt(user_id, module, kind)
    quiz.submit(attempt, answers(attempt), module)
    return attempt


@pytest.fixture
def taught(app, make_user, example_course):
    """Bu guru's class "Kelas 8B" with ani (passed), budi (one lesson, a failed quiz) and citra
    (nothing); the example module assigned, due yesterday; a co-facilitator and an outsider."""
    ids = {name: make_user(name, birth_year=2011) for name in ("ani", "budi", "citra")}
    ids["bu_guru"] = make_user("bu_guru", role="facilitator")
    ids["pak_pendamping"] = make_user("pak_pendamping", role="facilitator")
    ids["pak_lain"] = make_user("pak_lain", role="facilitator")
    ids["dedi"] = make_user("dedi", birth_year=2011)  # a student in no class of bu_guru's
    with app.app_context():
        facilitator = db.session.get(User, ids["bu_guru"])
        classroom = services.create_class(facilitator, "Kelas 8B")
        for name in ("ani", "budi", "citra"):
            services.join(db.session.get(User, ids[name]), classroom.code)
        services.add_co_facilitator(classroom, "pak_pendamping")
        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        services.assign(classroom, module, date.today() - timedelta(days=1))
        take(ids["ani"], module, lambda a: {}, PRETEST)
        for lesson in module.lessons:
            complete_lesson(ids["ani"], lesson)
        take(ids["ani"], module, right_answers)
        complete_lesson(ids["budi"], module.lessons[0])
        take(ids["budi"], module, first_wrong_answers)
        ids["class"], ids["module"], ids["code"] = classroom.id, module.id, classroom.code
        db.session.remove()
    return ids


def classroom_of(ids) -> Classroom:
    return db.session.get(Classroom, ids["class"])

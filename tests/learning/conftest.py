"""Fixtures for learning: a student, the example module imported, helpers to answer quizzes."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from literacy.catalog.models import Module, Question
from literacy.extensions import db


@pytest.fixture
def module(db, example_course):
    return db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))


@pytest.fixture
def student_id(make_user):
    return make_user("siti_jombang", birth_year=2010)


def right_answers(attempt) -> dict[str, list[int]]:
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
    return {str(qid): list(questions[qid].correct) for qid in attempt.question_ids}


def wrong_answers(attempt) -> dict[str, list[int]]:
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
    answers = {}
    for qid in attempt.question_ids:
        wrong = [i for i in range(questions[qid].option_count) if i not in questions[qid].correct]
        answers[str(qid)] = wrong[:1]
    return answers

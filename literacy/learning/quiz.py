"""The quiz engine: draw an attempt, keep its answers, submit it exactly once, explain the result."""
from __future__ import annotations

import random
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..catalog.models import PRETEST_POOL, QUIZ_POOL, Module, Question
from ..database import write_transaction
from ..extensions import db
from ..utils import utcnow
from . import scoring
from .models import PRETEST, QUIZ, LearningEvent, QuizAttempt
from .services import ModuleStatus, module_statuses, record_event


class QuizError(Exception):
    """Why an attempt cannot start, for the student (already translated)."""


def _open_query(user_id: int, module_id: int, kind: str | None = None):
    query = select(QuizAttempt).where(QuizAttempt.user_id == user_id, QuizAttempt.module_id == module_id,
                                      QuizAttempt.submitted_at.is_(None))
    if kind is not None:
        query = query.where(QuizAttempt.kind == kind)
    return query.order_by(QuizAttempt.id.desc()).limit(1)


def open_attempt(user_id: int, module: Module, kind: str | None = None) -> QuizAttempt | None:
    """The student's unfinished attempt at the module: of that kind, or of either kind."""
    return db.session.scalar(_open_query(user_id, module.id, kind))


def last_submitted(user_id: int, module: Module, kind: str) -> QuizAttempt | None:
    return db.session.scalar(select(QuizAttempt).where(
        QuizAttempt.user_id == user_id, QuizAttempt.module_id == module.id, QuizAttempt.kind == kind,
        QuizAttempt.submitted_at.is_not(None)).order_by(QuizAttempt.submitted_at.desc()).limit(1))


def retry_allowed_at(user_id: int, module: Module) -> datetime | None:
    """When the next quiz attempt may start, if the module's cooldown still applies."""
    if not module.cooldown_minutes:
        return None
    last = last_submitted(user_id, module, QUIZ)
    if last is None:
        return None
    allowed = last.submitted_at + timedelta(minutes=module.cooldown_minutes)
    return allowed if allowed > utcnow() else None


def start_attempt(user_id: int, module: Module, kind: str = QUIZ, rng: random.Random | None = None) -> QuizAttempt:
    """Draw questions and option orders for a new attempt, or resume the one already open.

    A student has one open attempt per module, whatever its kind: asking for the quiz while the
    pre-test is unfinished (or the other way round) resumes the open one, so that the pre-test
    cannot be read beside the quiz. The caller compares the kind returned with the kind asked for.
    """
    if not module.has_quiz or (kind == PRETEST and not module.pretest_questions):
        raise QuizError(_("Modul ini tidak punya tes itu."))
    current = open_attempt(user_id, module)
    if current is not None and _still_matches_content(current):
        return current  # the usual case, without waiting for the write lock
    if current is not None:  # the module was edited under it: start afresh rather than break
        with write_transaction() as session:
            session.execute(delete(QuizAttempt).where(QuizAttempt.id == current.id,
                                                      QuizAttempt.submitted_at.is_(None)))
    try:
        with write_transaction() as session:
            _lock_student(session, user_id)
            attempt = session.scalar(_open_query(user_id, module.id))  # opened by a simultaneous request
            if attempt is None:
                _check_may_start(user_id, module, kind)
                attempt = _draw(user_id, module, kind, rng or random.Random(secrets.randbits(64)))
                session.add(attempt)
    except IntegrityError:  # kept as a backstop: the unique index allows one open attempt per kind
        db.session.rollback()
        return open_attempt(user_id, module)
    return attempt


def _check_may_start(user_id: int, module: Module, kind: str) -> None:
    """Raise QuizError unless a new attempt of that kind may start (no attempt is open)."""
    if kind == PRETEST and not pretest_available(module, module_statuses(user_id, [module])[module.id], None):
        raise QuizError(_("Tes awal hanya dikerjakan sekali, sebelum kuis pertama."))
    if kind == QUIZ and retry_allowed_at(user_id, module) is not None:
        raise QuizError(_("Kamu bisa mencoba lagi setelah jeda yang ditentukan modul ini."))


def _draw(user_id: int, module: Module, kind: str, rng: random.Random) -> QuizAttempt:
    rows = db.session.execute(select(Question.id, Question.option_count, Question.kind, Question.pool).where(
        Question.module_id == module.id, Question.retired_at.is_(None)).order_by(Question.position)).all()
    quiz_bank = [row for row in rows if row.pool == QUIZ_POOL]
    if kind == PRETEST:  # the separate pre-test pool when the module has one, else the quiz's bank
        bank = [row for row in rows if row.pool == PRETEST_POOL] or quiz_bank
        size = module.pretest_questions
    else:  # the quiz never draws from the pre-test pool
        bank, size = quiz_bank, module.questions_per_attempt
    drawn = rng.sample(bank, min(size, len(bank)))
    orders = {}
    for question_id, option_count, question_kind, _pool in drawn:
        order = list(range(option_count))
        if question_kind != "truefalse":  # "Benar" before "Salah" reads naturally; keep it
            rng.shuffle(order)
        orders[str(question_id)] = order
    return QuizAttempt(token=secrets.token_hex(16), user_id=user_id, module_id=module.id, kind=kind,
                       question_ids=[q[0] for q in drawn], option_orders=orders, answers={})


def _lock_student(session, user_id: int) -> None:
    """Make a student's attempt starts take turns: "is one open, may one start?" and "open one" act as one step.

    The unique index uq_quiz_attempts_open covers one kind at a time; a quiz and a pre-test
    started together would both pass it. On PostgreSQL this locks the student's row until the
    transaction ends (FOR NO KEY UPDATE: other writes that only reference the row go on); on
    SQLite, write_transaction's BEGIN IMMEDIATE already holds the database's write lock.
    """
    session.execute(select(User.id).where(User.id == user_id).with_for_update(key_share=True))


def pretest_available(module: Module, status: ModuleStatus, open_quiz: QuizAttempt | None) -> bool:
    """The pre-test measures what a student knew before the quiz: once, until the first quiz attempt.

    Reading a lesson first does not take it away (a student who opened lesson 1 out of curiosity
    keeps the chance to see how much they learn); starting the quiz does.
    """
    return (bool(module.pretest_questions) and status.pretest_score is None and status.best_score is None
            and open_quiz is None)


def _still_matches_content(attempt: QuizAttempt) -> bool:
    """False when a re-import retired a drawn question, changed its number of options, or moved a
    quiz question into the pre-test pool (the quiz never shows the pre-test's questions)."""
    query = select(Question.id, Question.option_count).where(
        Question.id.in_(attempt.question_ids), Question.retired_at.is_(None))
    if attempt.kind == QUIZ:
        query = query.where(Question.pool == QUIZ_POOL)
    shapes = dict(db.session.execute(query).all())
    return all(shapes.get(qid) == len(attempt.option_orders[str(qid)]) for qid in attempt.question_ids)


def get_attempt(token: str, user_id: int) -> QuizAttempt | None:
    """The attempt, only for its owner."""
    attempt = db.session.scalar(select(QuizAttempt).where(QuizAttempt.token == token))
    return attempt if attempt is not None and attempt.user_id == user_id else None


def answers_from_form(attempt: QuizAttempt, form) -> dict[str, list[int]]:
    """The answers in a submitted quiz form (fields "q-<question id>", one value per ticked option)."""
    return clean_answers(attempt, {key[2:]: form.getlist(key) for key in form if key.startswith("q-")})


def clean_answers(attempt: QuizAttempt, submitted: dict[str, list[str]]) -> dict[str, list[int]]:
    """Keep only answers to this attempt's questions, with option numbers that exist."""
    answers = {}
    for question_id, order in attempt.option_orders.items():
        chosen = []
        for value in submitted.get(question_id, []):
            if value.isascii() and value.isdigit() and int(value) in order and int(value) not in chosen:
                chosen.append(int(value))
        if chosen:
            answers[question_id] = sorted(chosen)
    return answers


def save_answers(attempt: QuizAttempt, answers: dict[str, list[int]]) -> bool:
    """Keep answers of an unfinished attempt (a lost connection loses nothing saved)."""
    with write_transaction() as session:
        result = session.execute(update(QuizAttempt).where(
            QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None)).values(answers=answers))
    return result.rowcount == 1


def submit(attempt: QuizAttempt, answers: dict[str, list[int]], module: Module) -> bool:
    """Score and close the attempt. Only the first submission counts: True if this was it."""
    questions = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
    points = [scoring.question_points(questions[qid].kind, questions[qid].correct, answers.get(str(qid), []))
              for qid in attempt.question_ids]
    score = scoring.percent(points)
    passed = scoring.passes(score, module.pass_mark) if attempt.kind == QUIZ else None
    with write_transaction() as session:
        result = session.execute(update(QuizAttempt).where(
            QuizAttempt.id == attempt.id, QuizAttempt.submitted_at.is_(None)
        ).values(answers=answers, submitted_at=utcnow(), score=score, passed=passed))
        first = result.rowcount == 1
        if first:
            record_event(session, attempt.user_id, LearningEvent.SUBMITTED_ATTEMPT, "attempt", attempt.id,
                         module.id, {"score": {"scaled": score / 100}, "success": passed, "kind": attempt.kind})
            if passed:
                record_event(session, attempt.user_id, LearningEvent.PASSED_MODULE, "module", module.id, module.id,
                             {"score": {"scaled": score / 100}})
    db.session.refresh(attempt)
    if first and passed:  # other areas (certificates) act on a pass through this hook
        for hook in current_app.extensions.get("literacy_on_module_passed", {}).values():
            hook(attempt.user_id, module.id)
    return first


def key_shown(attempt: QuizAttempt, passed_module: bool) -> bool:
    """Whether a result may mark the right options: only once the student has passed the module's quiz.

    Until then a result explains (the verdict, the feedback on the options chosen, the question's
    explanation) without giving the key away, so that failing is no shortcut to a memorised pass.
    """
    return attempt.submitted_at is not None and passed_module


@dataclass
class OptionView:
    index: int
    html: str
    feedback_html: str
    correct: bool | None  # None: the key is not shown
    chosen: bool


@dataclass
class QuestionView:
    id: int
    kind: str
    language: str
    prompt_html: str
    context_html: str
    explanation_html: str
    options: list[OptionView]
    points: float | None


def question_views(attempt: QuizAttempt, language: str, show_key: bool = False) -> list[QuestionView]:
    """The attempt's questions in its fixed order, with options in its fixed order (one query).

    Which options are right is left out (``correct`` is None) unless ``show_key`` (see :func:`key_shown`).
    """
    questions = {q.id: q for q in db.session.scalars(
        select(Question).where(Question.id.in_(attempt.question_ids)).options(selectinload(Question.texts)))}
    views = []
    for question_id in attempt.question_ids:
        question = questions[question_id]
        texts = {t.language: t for t in question.texts}
        text = texts.get(language) or texts["id"]
        chosen = set(attempt.answers.get(str(question_id), []))
        options = [  # an option removed by a later edit of the module is skipped, not an error
            OptionView(i, text.options[i]["html"], text.options[i]["feedback_html"],
                       (i in question.correct) if show_key else None, i in chosen)
            for i in attempt.option_orders[str(question_id)] if i < len(text.options)
        ]
        points = (scoring.question_points(question.kind, question.correct, chosen)
                  if attempt.submitted_at else None)
        views.append(QuestionView(question_id, question.kind, text.language, text.prompt_html, text.context_html,
                                  text.explanation_html, options, points))
    return views


def attempts_of(user_id: int, module: Module) -> list[QuizAttempt]:
    return db.session.scalars(select(QuizAttempt).where(
        QuizAttempt.user_id == user_id, QuizAttempt.module_id == module.id,
        QuizAttempt.submitted_at.is_not(None)).order_by(QuizAttempt.submitted_at)).all()

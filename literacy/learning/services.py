"""Progress: lessons done, module status, where to continue, learning events and their export
(the events as xAPI statements: ``xapi.py``)."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, case, delete, func, select
from sqlalchemy.exc import IntegrityError

from ..catalog.models import Lesson, Module
from ..database import write_transaction
from ..extensions import db
from . import xapi
from .models import QUIZ, LearningEvent, LessonProgress, QuizAttempt


def record_event(session, user_id: int, verb: str, object_type: str, object_id: int, module_id: int,
                 result: dict | None = None) -> bool:
    """Record a learning event once; a repeat (double tap, replay) is ignored. True if new."""
    exists = session.scalar(select(LearningEvent.id).where(
        LearningEvent.user_id == user_id, LearningEvent.verb == verb,
        LearningEvent.object_type == object_type, LearningEvent.object_id == object_id))
    if exists:
        return False
    try:
        with session.begin_nested():
            session.add(LearningEvent(user_id=user_id, verb=verb, object_type=object_type, object_id=object_id,
                                      module_id=module_id, result=result))
    except IntegrityError:  # another request recorded it first
        return False
    return True


def complete_lesson(user_id: int, lesson: Lesson | int, module_id: int | None = None) -> bool:
    """Mark a lesson done for the user. Idempotent; True when it was not done before."""
    lesson_id = lesson if isinstance(lesson, int) else lesson.id
    module_id = module_id if module_id is not None else lesson.module_id
    with write_transaction() as session:
        done = session.scalar(select(LessonProgress.id).where(LessonProgress.user_id == user_id,
                                                              LessonProgress.lesson_id == lesson_id))
        if done:
            return False
        try:
            with session.begin_nested():
                session.add(LessonProgress(user_id=user_id, lesson_id=lesson_id, module_id=module_id))
        except IntegrityError:
            return False
        record_event(session, user_id, LearningEvent.COMPLETED_LESSON, "lesson", lesson_id, module_id)
    return True


def merge_anonymous_progress(user_id: int, lesson_ids) -> int:
    """Keep lessons finished in this browser just before signing up or logging in."""
    lessons = db.session.execute(select(Lesson.id, Lesson.module_id).where(
        Lesson.id.in_([int(i) for i in lesson_ids][:500]), Lesson.retired_at.is_(None))).all()
    return sum(complete_lesson(user_id, lesson_id, module_id) for lesson_id, module_id in lessons)


def completed_lesson_ids(user_id: int, module_id: int | None = None) -> set[int]:
    query = select(LessonProgress.lesson_id).where(LessonProgress.user_id == user_id)
    if module_id is not None:
        query = query.where(LessonProgress.module_id == module_id)
    return set(db.session.scalars(query))


@dataclass
class ModuleStatus:
    lessons_done: int
    lesson_count: int
    has_quiz: bool
    passed: bool
    best_score: float | None
    pretest_score: float | None
    last_activity: object

    @property
    def started(self) -> bool:
        return bool(self.lessons_done or self.best_score is not None or self.pretest_score is not None)

    @property
    def completed(self) -> bool:
        return self.lessons_done >= self.lesson_count and (self.passed or not self.has_quiz)

    @property
    def steps(self) -> int:
        return self.lesson_count + (1 if self.has_quiz else 0)

    @property
    def steps_done(self) -> int:
        return min(self.lessons_done, self.lesson_count) + (1 if self.passed else 0)

    @property
    def gain(self) -> float | None:
        if self.pretest_score is None or self.best_score is None:
            return None
        return round(self.best_score - self.pretest_score, 1)


# Built once: SQLAlchemy keeps a built statement's cache key, so each call only binds its values
# (building the three statements afresh took about a third of a dashboard's database time).
_LESSONS_DONE = (
    select(LessonProgress.module_id, func.count(LessonProgress.id))
    .join(Lesson, Lesson.id == LessonProgress.lesson_id)
    .where(LessonProgress.user_id == bindparam("user_id"), LessonProgress.module_id.in_(bindparam("ids", expanding=True)),
           Lesson.retired_at.is_(None))
    .group_by(LessonProgress.module_id))
_LAST_LESSON = (
    select(LessonProgress.module_id, func.max(LessonProgress.completed_at))
    .where(LessonProgress.user_id == bindparam("user_id"), LessonProgress.module_id.in_(bindparam("ids", expanding=True)))
    .group_by(LessonProgress.module_id))
_ATTEMPTS = (
    select(QuizAttempt.module_id, QuizAttempt.kind, func.max(QuizAttempt.score),
           func.max(QuizAttempt.submitted_at), func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)))
    .where(QuizAttempt.user_id == bindparam("user_id"), QuizAttempt.module_id.in_(bindparam("ids", expanding=True)),
           QuizAttempt.submitted_at.is_not(None))
    .group_by(QuizAttempt.module_id, QuizAttempt.kind))


def module_statuses(user_id: int, modules: list[Module]) -> dict[int, ModuleStatus]:
    """Status of each module for the user, in three queries whatever the number of modules."""
    values = {"user_id": user_id, "ids": [m.id for m in modules]}
    done = dict(db.session.execute(_LESSONS_DONE, values).all())
    last_lesson = dict(db.session.execute(_LAST_LESSON, values).all())
    attempts = db.session.execute(_ATTEMPTS, values).all()
    best, pre, last_attempt, passed = {}, {}, {}, set()
    for module_id, kind, score, when, any_passed in attempts:
        (best if kind == QUIZ else pre)[module_id] = score
        last_attempt[module_id] = max(filter(None, (last_attempt.get(module_id), when)))
        if kind == QUIZ and any_passed:
            passed.add(module_id)
    statuses = {}
    for module in modules:
        score = best.get(module.id)
        moments = [t for t in (last_lesson.get(module.id), last_attempt.get(module.id)) if t]
        statuses[module.id] = ModuleStatus(
            lessons_done=done.get(module.id, 0), lesson_count=module.lesson_count, has_quiz=module.has_quiz,
            passed=module.id in passed, best_score=score,  # as recorded when submitted, whatever the pass mark now
            pretest_score=pre.get(module.id), last_activity=max(moments) if moments else None,
        )
    return statuses


def export(user) -> dict:
    """The learner's progress, attempts and events, for "unduh data saya"."""
    def when(value):
        return value.isoformat() + "Z" if value else None

    lessons = db.session.execute(
        select(Module.slug, Lesson.slug, LessonProgress.completed_at)
        .join(Lesson, Lesson.id == LessonProgress.lesson_id).join(Module, Module.id == LessonProgress.module_id)
        .where(LessonProgress.user_id == user.id).order_by(LessonProgress.completed_at)).all()
    attempts = db.session.execute(
        select(Module.slug, QuizAttempt).join(Module, Module.id == QuizAttempt.module_id)
        .where(QuizAttempt.user_id == user.id).order_by(QuizAttempt.started_at)).all()
    return {
        "lessons_completed": [{"module": m, "lesson": l, "completed_at": when(t)} for m, l, t in lessons],
        "quiz_attempts": [
            {"module": slug, "kind": a.kind, "started_at": when(a.started_at), "submitted_at": when(a.submitted_at),
             "score": a.score, "passed": a.passed, "answers": a.answers}
            for slug, a in attempts
        ],
        "learning_events": xapi.own_statements(user),
    }


def erase(session, user) -> None:
    for model in (LearningEvent, QuizAttempt, LessonProgress):
        session.execute(delete(model).where(model.user_id == user.id))

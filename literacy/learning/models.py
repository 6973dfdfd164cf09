"""What a student has done: lessons completed, quiz attempts, and the learning events they make.

Rows point at lessons, modules and questions by their stable ids, so a re-import that edits or
reorders content leaves them intact.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, Index, String, UniqueConstraint, text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..utils import utcnow

QUIZ, PRETEST = "quiz", "pretest"


class LessonProgress(db.Model):
    __tablename__ = "lesson_progress"
    __table_args__ = (UniqueConstraint("user_id", "lesson_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    completed_at: Mapped[datetime] = mapped_column(default=utcnow)


class QuizAttempt(db.Model):
    """One attempt at a module's quiz or pre-test: the questions drawn, their option order, the answers."""

    __tablename__ = "quiz_attempts"
    # At most one unfinished attempt per student, module and kind: two quick taps on "start"
    # cannot open two attempts (one to peek at the answers, one to score).
    __table_args__ = (
        Index("uq_quiz_attempts_open", "user_id", "module_id", "kind", unique=True,
              sqlite_where=text("submitted_at IS NULL"), postgresql_where=text("submitted_at IS NULL")),
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    token: Mapped[str] = mapped_column(String(32), unique=True)  # in URLs; unguessable
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(10), default=QUIZ)
    question_ids: Mapped[list] = mapped_column(JSON)  # in the order shown
    option_orders: Mapped[dict] = mapped_column(JSON)  # {question id: [option index, ...] as shown}
    answers: Mapped[dict] = mapped_column(JSON, default=dict)  # {question id: [option index, ...]}
    started_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    score: Mapped[float | None]  # percent, 0 to 100
    passed: Mapped[bool | None]


class LearningEvent(db.Model):
    """A learning event, recorded once, shaped so it can be exported as an xAPI statement."""

    __tablename__ = "learning_events"
    __table_args__ = (UniqueConstraint("user_id", "verb", "object_type", "object_id"),)

    COMPLETED_LESSON, SUBMITTED_ATTEMPT, PASSED_MODULE = "completed", "attempted", "passed"

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    verb: Mapped[str] = mapped_column(String(20))
    object_type: Mapped[str] = mapped_column(String(20))  # lesson | attempt | module
    object_id: Mapped[int]
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    result: Mapped[dict | None] = mapped_column(JSON)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

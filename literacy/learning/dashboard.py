"""The student dashboard, assembled in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import bindparam, select
from sqlalchemy.orm import selectinload

from ..catalog import services as catalog
from ..catalog.models import Module
from ..extensions import db
from .models import LessonProgress, QuizAttempt
from .services import ModuleStatus, completed_lesson_ids, module_statuses


@dataclass
class Board:
    assigned: list = field(default_factory=list)  # [(assignment, status, overdue)], soonest due first
    next_module: Module | None = None
    next_lesson: object = None  # an outline entry, or None when the quiz is next
    in_progress: list = field(default_factory=list)  # [(module, status)]
    completed: list = field(default_factory=list)


# Built once: only the values are bound on each call (see learning.services).
_TOUCHED_BY_LESSONS = select(LessonProgress.module_id).where(LessonProgress.user_id == bindparam("user_id"))
_TOUCHED_BY_ATTEMPTS = select(QuizAttempt.module_id).where(QuizAttempt.user_id == bindparam("user_id"))
_LIVE_MODULES = (select(Module).where(Module.id.in_(bindparam("ids", expanding=True)), Module.retired_at.is_(None))
                 .options(selectinload(Module.texts)))


def build(user_id: int, language: str, assignments=(), today: date | None = None) -> Board:
    """``assignments``: what the student's classes ask of them, soonest due first; they come first,
    and the next step is in the first unfinished one."""
    touched = set(db.session.scalars(_TOUCHED_BY_LESSONS, {"user_id": user_id}))
    touched |= set(db.session.scalars(_TOUCHED_BY_ATTEMPTS, {"user_id": user_id}))
    assigned_ids = {a.module_id for a in assignments}
    modules = db.session.scalars(_LIVE_MODULES, {"ids": sorted(touched - assigned_ids)}).all()
    statuses = module_statuses(user_id, [*modules, *(a.module for a in assignments)])
    board = Board()
    for assignment in assignments:
        status = statuses[assignment.module_id]
        overdue = assignment.due_on is not None and today is not None and assignment.due_on < today
        board.assigned.append((assignment, status, overdue and not status.completed))
    for module in sorted(modules, key=lambda m: statuses[m.id].last_activity or datetime.min, reverse=True):
        status: ModuleStatus = statuses[module.id]
        (board.completed if status.completed else board.in_progress).append((module, status))
    unfinished = [a.module for a, status, _overdue in board.assigned if not status.completed]
    if unfinished or board.in_progress:
        module = board.next_module = unfinished[0] if unfinished else board.in_progress[0][0]
        done = completed_lesson_ids(user_id, module.id)
        board.next_lesson = next((e for e in catalog.outline(module, language) if e.id not in done), None)
    return board

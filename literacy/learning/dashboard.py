"""The student dashboard, assembled in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime

from sqlalchemy import select
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


def build(user_id: int, language: str, assignments=(), today: date | None = None) -> Board:
    """``assignments``: what the student's classes ask of them, soonest due first; they come first,
    and the next step is in the first unfinished one."""
    touched = set(db.session.scalars(select(LessonProgress.module_id).where(LessonProgress.user_id == user_id)))
    touched |= set(db.session.scalars(select(QuizAttempt.module_id).where(QuizAttempt.user_id == user_id)))
    assigned_ids = {a.module_id for a in assignments}
    modules = db.session.scalars(select(Module).where(Module.id.in_(touched - assigned_ids), Module.retired_at.is_(None))
                                 .options(selectinload(Module.texts))).all()
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

"""The student dashboard, assembled in a fixed number of queries."""
from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime

from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..catalog import services as catalog
from ..catalog.models import Module
from ..extensions import db
from .models import LessonProgress, QuizAttempt
from .services import ModuleStatus, completed_lesson_ids, module_statuses


@dataclass
class Board:
    next_module: Module | None = None
    next_lesson: object = None  # an outline entry, or None when the quiz is next
    in_progress: list = field(default_factory=list)  # [(module, status)]
    completed: list = field(default_factory=list)


def build(user_id: int, language: str) -> Board:
    touched = set(db.session.scalars(select(LessonProgress.module_id).where(LessonProgress.user_id == user_id)))
    touched |= set(db.session.scalars(select(QuizAttempt.module_id).where(QuizAttempt.user_id == user_id)))
    modules = db.session.scalars(select(Module).where(Module.id.in_(touched), Module.retired_at.is_(None))
                                 .options(selectinload(Module.texts))).all()
    statuses = module_statuses(user_id, modules)
    board = Board()
    for module in sorted(modules, key=lambda m: statuses[m.id].last_activity or datetime.min, reverse=True):
        status: ModuleStatus = statuses[module.id]
        (board.completed if status.completed else board.in_progress).append((module, status))
    if board.in_progress:
        module = board.next_module = board.in_progress[0][0]
        done = completed_lesson_ids(user_id, module.id)
        board.next_lesson = next((e for e in catalog.outline(module, language) if e.id not in done), None)
    return board

"""What a class has done with its assigned modules, in a fixed number of queries whatever its size.

The matrix is students × assigned modules; each cell says not started, lessons done of total,
or passed with the best score, and whether it is overdue. Per module: the questions most often
answered wrong (with the wrong option most often chosen) and the average pre-test to quiz gain.
"""
from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import date

from flask import current_app
from sqlalchemy import case, func, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..catalog.models import Lesson, Module, Question
from ..extensions import db
from ..learning.models import PRETEST, QUIZ, LessonProgress, QuizAttempt
from ..learning.scoring import AnswerTally
from ..learning.services import ModuleStatus
from .models import Assignment, Classroom, Membership

NOT_STARTED, IN_PROGRESS, COMPLETED, PASSED = "not_started", "in_progress", "completed", "passed"


@dataclass
class Cell(ModuleStatus):
    """A student's status on one assigned module, with its due date."""

    attempts: int = 0
    due_on: date | None = None
    today: date | None = None

    @property
    def state(self) -> str:
        if self.passed:
            return PASSED
        if self.lessons_done >= self.lesson_count and not self.has_quiz:
            return COMPLETED
        if self.lessons_done or self.attempts or self.pretest_score is not None:
            return IN_PROGRESS
        return NOT_STARTED

    @property
    def done(self) -> bool:
        return self.state in (PASSED, COMPLETED)

    @property
    def overdue(self) -> bool:
        return self.due_on is not None and self.today is not None and self.due_on < self.today and not self.done

    def sort_key(self):
        """Furthest along first: done, then best score, then lessons read."""
        return (self.done, self.best_score if self.best_score is not None else -1, self.lessons_done)


@dataclass
class ModuleSummary:
    assignment: Assignment
    students: int = 0
    started: int = 0
    done: int = 0
    overdue: int = 0
    scores: list = field(default_factory=list)
    gains: list = field(default_factory=list)

    @property
    def done_percent(self) -> float | None:
        return round(100 * self.done / self.students, 1) if self.students else None

    @property
    def average_score(self) -> float | None:
        return round(sum(self.scores) / len(self.scores), 1) if self.scores else None

    @property
    def average_gain(self) -> float | None:
        return round(sum(self.gains) / len(self.gains), 1) if self.gains else None


@dataclass
class Report:
    classroom: Classroom
    students: list[User]
    assignments: list[Assignment]
    cells: dict  # {(student id, module id): Cell}
    summaries: list[ModuleSummary]

    def cell(self, student: User, assignment: Assignment) -> Cell:
        return self.cells[student.id, assignment.module_id]

    def done_count(self, student: User) -> int:
        return sum(self.cell(student, a).done for a in self.assignments)

    def sorted_students(self, by: str, descending: bool) -> list[User]:
        """Rows ordered by username ("nama"), by modules done ("selesai") or by one module's id."""
        if by == "selesai":
            key = self.done_count
        elif by.isdigit() and any(a.module_id == int(by) for a in self.assignments):
            module_id = int(by)
            key = lambda s: self.cells[s.id, module_id].sort_key()  # noqa: E731
        else:
            key = None
        rows = sorted(self.students, key=lambda s: s.username_key)
        if key is None:
            return list(reversed(rows)) if descending else rows
        return sorted(rows, key=key, reverse=descending)


def _students(classroom: Classroom) -> list[User]:
    return db.session.scalars(select(User).join(Membership, Membership.student_id == User.id)
                              .where(Membership.classroom_id == classroom.id).order_by(User.username_key)).all()


def _assignments(classroom: Classroom) -> list[Assignment]:
    return db.session.scalars(
        select(Assignment).join(Module, Module.id == Assignment.module_id)
        .where(Assignment.classroom_id == classroom.id)
        .order_by(Assignment.due_on.is_(None), Assignment.due_on, Assignment.id)
        .options(selectinload(Assignment.module).selectinload(Module.texts))).all()


def _progress(classroom: Classroom, module_ids: list[int], student: User | None = None):
    """Lessons done and quiz results per (student, module), for the class's members (or the one
    student): two queries."""
    members = [student.id] if student else select(Membership.student_id).where(Membership.classroom_id == classroom.id)
    lessons = db.session.execute(
        select(LessonProgress.user_id, LessonProgress.module_id, func.count(LessonProgress.id))
        .join(Lesson, Lesson.id == LessonProgress.lesson_id)
        .where(LessonProgress.user_id.in_(members), LessonProgress.module_id.in_(module_ids),
               Lesson.retired_at.is_(None))
        .group_by(LessonProgress.user_id, LessonProgress.module_id)).all()
    attempts = db.session.execute(
        select(QuizAttempt.user_id, QuizAttempt.module_id, QuizAttempt.kind, func.max(QuizAttempt.score),
               func.max(case((QuizAttempt.passed.is_(True), 1), else_=0)), func.count(QuizAttempt.id))
        .where(QuizAttempt.user_id.in_(members), QuizAttempt.module_id.in_(module_ids),
               QuizAttempt.submitted_at.is_not(None))
        .group_by(QuizAttempt.user_id, QuizAttempt.module_id, QuizAttempt.kind)).all()
    return {(u, m): n for u, m, n in lessons}, attempts


def build(classroom: Classroom, today: date, *, student: User | None = None,
          assignment: Assignment | None = None) -> Report:
    """The class report: 5 queries whatever the number of students and modules. A student's page
    passes ``student`` and a module's page ``assignment``: only that row or column is built."""
    students = [student] if student else _students(classroom)
    assignments = [assignment] if assignment else _assignments(classroom)
    module_ids = [a.module_id for a in assignments]
    lessons, attempts = _progress(classroom, module_ids, student) if module_ids else ({}, [])
    best, pre, passed, tries = {}, {}, set(), Counter()
    for user_id, module_id, kind, score, any_passed, count in attempts:
        if kind == QUIZ:
            best[user_id, module_id], tries[user_id, module_id] = score, count
            if any_passed:
                passed.add((user_id, module_id))
        elif kind == PRETEST:
            pre[user_id, module_id] = score
    cells, summaries = {}, []
    for assignment in assignments:
        module, summary = assignment.module, ModuleSummary(assignment)
        for student in students:
            key = (student.id, module.id)
            cell = cells[key] = Cell(
                lessons_done=min(lessons.get(key, 0), module.lesson_count), lesson_count=module.lesson_count,
                has_quiz=module.has_quiz, passed=key in passed, best_score=best.get(key),
                pretest_score=pre.get(key), last_activity=None, attempts=tries[key], due_on=assignment.due_on,
                today=today)
            summary.students += 1
            summary.started += cell.state != NOT_STARTED
            summary.done += cell.done
            summary.overdue += cell.overdue
            if cell.best_score is not None:
                summary.scores.append(cell.best_score)
            if cell.gain is not None:
                summary.gains.append(cell.gain)
        summaries.append(summary)
    return Report(classroom, students, assignments, cells, summaries)


@dataclass
class MissedQuestion:
    question: Question
    answered: int
    wrong: int
    wrong_option: int | None  # file-order index of the wrong option chosen most often
    wrong_option_count: int

    @property
    def wrong_percent(self) -> float:
        return round(100 * self.wrong / self.answered, 1) if self.answered else 0.0


def missed_questions(student_ids, module: Module, limit: int = 5) -> list[MissedQuestion]:
    """The module's quiz questions these students most often got wrong, worst first (3 queries).

    Every submitted quiz attempt counts: a question missed and later got right shows where the
    class struggled. Unanswered questions count as wrong (and choose no option).
    """
    rows = db.session.execute(
        select(QuizAttempt.question_ids, QuizAttempt.answers)
        .where(QuizAttempt.user_id.in_(student_ids), QuizAttempt.module_id == module.id,
               QuizAttempt.kind == QUIZ, QuizAttempt.submitted_at.is_not(None))).all()
    questions = {q.id: q for q in db.session.scalars(
        select(Question).where(Question.module_id == module.id).options(selectinload(Question.texts)))}
    tally = AnswerTally(rows, {question_id: q.correct for question_id, q in questions.items()})
    missed = [MissedQuestion(questions[question_id], tally.answered[question_id], count,
                             *tally.most_chosen_wrong(question_id))
              for question_id, count in tally.missed.items()]
    missed.sort(key=lambda m: (-m.wrong_percent, -m.wrong, m.question.position))
    return missed[:limit]


def attendance(student_ids) -> dict[int, list]:
    """Workshops each student was checked in at, from the workshops area's hook (one query)."""
    hook = current_app.extensions.get("literacy_attendance_of")
    return hook(list(student_ids)) if hook and student_ids else {}

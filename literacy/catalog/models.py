"""Modules, lessons and questions as imported from partners' markdown.

Identities are stable across edits and re-imports: a module by its slug, a lesson by
(module, slug), a question by (module, key). Progress and certificates point at these rows, so
content that disappears from the files is retired (``retired_at``), never deleted. Text lives in
``*_texts`` tables, one row per language, as HTML rendered and sanitised at import.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..utils import utcnow

QUIZ_POOL, PRETEST_POOL = "quiz", "pretest"


class Module(db.Model):
    __tablename__ = "modules"

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    pillar: Mapped[str] = mapped_column(String(20), index=True)
    level: Mapped[str] = mapped_column(String(20))
    duration_minutes: Mapped[int]
    pass_mark: Mapped[int]
    certificate: Mapped[bool]
    authors: Mapped[list] = mapped_column(JSON, default=list)
    license: Mapped[str] = mapped_column(String(80), default="")
    languages: Mapped[str] = mapped_column(String(40))  # "id en": the languages it can be read in
    lesson_count: Mapped[int] = mapped_column(default=0)
    quiz_title: Mapped[dict] = mapped_column(JSON, default=dict)  # {language: title}; {} = no quiz
    questions_per_attempt: Mapped[int] = mapped_column(default=0)
    pretest_questions: Mapped[int] = mapped_column(default=0)
    cooldown_minutes: Mapped[int] = mapped_column(default=0)
    version: Mapped[int] = mapped_column(default=1)
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)
    retired_at: Mapped[datetime | None]

    texts: Mapped[list[ModuleText]] = relationship(back_populates="module", cascade="all, delete-orphan")
    lessons: Mapped[list[Lesson]] = relationship(
        back_populates="module", order_by="Lesson.position", cascade="all, delete-orphan"
    )
    facilitator_notes: Mapped[list[FacilitatorNotes]] = relationship(cascade="all, delete-orphan")

    @property
    def has_quiz(self) -> bool:
        return bool(self.quiz_title)

    def text(self, language: str) -> ModuleText:
        """The module's text in ``language`` if it has one, else in Indonesian."""
        by_language = {t.language: t for t in self.texts}
        return by_language.get(language) or by_language["id"]


class ModuleText(db.Model):
    __tablename__ = "module_texts"
    __table_args__ = (UniqueConstraint("module_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    summary: Mapped[str] = mapped_column(String(400))
    objectives: Mapped[list] = mapped_column(JSON, default=list)
    intro_html: Mapped[str] = mapped_column(Text, default="")

    module: Mapped[Module] = relationship(back_populates="texts")


class FacilitatorNotes(db.Model):
    """A module's notes for facilitators (catatan-fasilitator.md), one row per language; never shown to students."""

    __tablename__ = "facilitator_notes"
    __table_args__ = (UniqueConstraint("module_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    html: Mapped[str] = mapped_column(Text)


class ModuleVersion(db.Model):
    """One row per import that changed a module: its history."""

    __tablename__ = "module_versions"
    __table_args__ = (UniqueConstraint("module_id", "number"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    number: Mapped[int]
    content_hash: Mapped[str] = mapped_column(String(64))
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)


class Lesson(db.Model):
    __tablename__ = "lessons"
    __table_args__ = (UniqueConstraint("module_id", "slug"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    slug: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    duration_minutes: Mapped[int | None]
    retired_at: Mapped[datetime | None]

    module: Mapped[Module] = relationship(back_populates="lessons")
    texts: Mapped[list[LessonText]] = relationship(back_populates="lesson", cascade="all, delete-orphan")


class LessonText(db.Model):
    __tablename__ = "lesson_texts"
    __table_args__ = (UniqueConstraint("lesson_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    lesson_id: Mapped[int] = mapped_column(ForeignKey("lessons.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    objectives: Mapped[list] = mapped_column(JSON, default=list)
    html: Mapped[str] = mapped_column(Text)

    lesson: Mapped[Lesson] = relationship(back_populates="texts")


class Question(db.Model):
    __tablename__ = "questions"
    __table_args__ = (UniqueConstraint("module_id", "key"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    key: Mapped[str] = mapped_column(String(80))
    position: Mapped[int]
    kind: Mapped[str] = mapped_column(String(20))  # single | multiple | truefalse
    correct: Mapped[list] = mapped_column(JSON)  # indices of the right options, in file order
    option_count: Mapped[int]
    # Which bank it belongs to: quiz (kuis.md) or pretest (tes-awal.md, the separate pre-test pool).
    pool: Mapped[str] = mapped_column(String(10), default=QUIZ_POOL, server_default=QUIZ_POOL)
    retired_at: Mapped[datetime | None]

    texts: Mapped[list[QuestionText]] = relationship(back_populates="question", cascade="all, delete-orphan")


class QuestionText(db.Model):
    __tablename__ = "question_texts"
    __table_args__ = (UniqueConstraint("question_id", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    question_id: Mapped[int] = mapped_column(ForeignKey("questions.id", ondelete="CASCADE"))
    language: Mapped[str] = mapped_column(String(8))
    prompt_html: Mapped[str] = mapped_column(Text)  # the question itself, inline HTML (it sits in a legend)
    context_html: Mapped[str] = mapped_column(Text, default="")  # an optional scenario, block HTML
    options: Mapped[list] = mapped_column(JSON)  # [{"html", "feedback_html"}] in file order
    explanation_html: Mapped[str] = mapped_column(Text, default="")

    question: Mapped[Question] = relationship(back_populates="texts")


class MediaFile(db.Model):
    """A module's image, kept in the database so every app server can serve it."""

    __tablename__ = "media_files"
    __table_args__ = (UniqueConstraint("module_id", "name"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(120))
    content_type: Mapped[str] = mapped_column(String(40))
    sha256: Mapped[str] = mapped_column(String(64))
    data: Mapped[bytes] = mapped_column(LargeBinary)


class SitePage(db.Model):
    """A shared page written in markdown beside the modules (``content/_halaman/NAME.md``), such as /lapor.

    One row per page and language, rendered and sanitised at import like a lesson.
    """

    __tablename__ = "site_pages"
    __table_args__ = (UniqueConstraint("slug", "language"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80))
    language: Mapped[str] = mapped_column(String(8))
    title: Mapped[str] = mapped_column(String(200))
    html: Mapped[str] = mapped_column(Text)
    imported_at: Mapped[datetime] = mapped_column(default=utcnow)

"""Import checked modules into the catalog: idempotent, versioned, all or nothing.

Only modules without errors are imported; a module with errors is skipped whole. Unchanged
modules (same content hash) are not touched. Lessons and questions keep their rows across
edits and re-imports (matched by slug and key); those gone from the files are retired.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from flask import current_app
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..catalog.models import (
    FacilitatorNotes, Lesson, LessonText, MediaFile, Module, ModuleText, ModuleVersion, Question, QuestionText,
    SitePage,
)
from ..database import write_transaction
from ..utils import utcnow
from .checks import Report
from .pages import PageSource, read_pages
from .source import ModuleSource, read_paths


@dataclass
class ImportResult:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    pages: list[str] = field(default_factory=list)  # shared pages (content/_halaman) written

    @property
    def changed(self) -> bool:
        return bool(self.created or self.updated or self.pages)


def import_paths(paths) -> tuple[ImportResult, Report]:
    """Check the content under ``paths`` and import every module that has no errors."""
    modules, report = read_paths(paths)
    pages = read_pages(paths, report)
    result = import_modules(modules, report)
    result.pages = import_pages(pages)
    return result, report


def import_pages(pages: list[PageSource]) -> list[str]:
    """Store shared pages without errors (one row per language); returns the slugs that changed."""
    changed = []
    with write_transaction() as session:
        for page in pages:
            rows = {r.language: r for r in session.scalars(select(SitePage).where(SitePage.slug == page.slug))}
            for language, text in page.texts.items():
                row = rows.pop(language, None) or SitePage(slug=page.slug, language=language)
                if (row.title, row.html) != (text.title, text.html):
                    row.title, row.html, row.imported_at = text.title, text.html, utcnow()
                    session.add(row)
                    changed.append(page.slug)
            for gone in rows.values():
                session.delete(gone)
                changed.append(page.slug)
    return sorted(set(changed))


def import_modules(modules: list[ModuleSource], report: Report) -> ImportResult:
    result = ImportResult()
    failed = set(report.folders_with_errors())
    result.skipped = sorted(folder.rsplit("/", 1)[-1] for folder in failed)
    ready = [m for m in modules if m.path not in failed]
    with write_transaction() as session:
        existing = {
            m.slug: m
            for m in session.scalars(
                select(Module)
                .where(Module.slug.in_([m.slug for m in ready]))
                .options(selectinload(Module.texts), selectinload(Module.lessons).selectinload(Lesson.texts),
                         selectinload(Module.facilitator_notes))
            )
        }
        for source in ready:
            module = existing.get(source.slug)
            if module is not None and module.content_hash == source.content_hash and module.retired_at is None:
                result.unchanged.append(source.slug)
                continue
            if module is None:
                module = Module(slug=source.slug, version=0)
                session.add(module)
                result.created.append(source.slug)
            else:
                result.updated.append(source.slug)
            _store(session, module, source)
    return result


def retire_modules(slugs) -> list[str]:
    """Take modules off the catalog without deleting them: progress and results stay attached.

    Importing the module again brings it back (same rows, a new version).
    """
    with write_transaction() as session:
        modules = session.scalars(select(Module).where(Module.slug.in_(list(slugs)), Module.retired_at.is_(None))).all()
        for module in modules:
            module.retired_at = utcnow()
    return sorted(m.slug for m in modules)


def _store(session, module: Module, source: ModuleSource) -> None:
    now = utcnow()
    module.pillar, module.level = source.pillar, source.level
    module.duration_minutes, module.pass_mark = source.duration_minutes, source.pass_mark
    module.certificate, module.authors, module.license = source.certificate, source.authors, source.license
    module.languages = " ".join(source.languages)
    module.lesson_count = len(source.lessons)
    quiz = source.quiz
    module.quiz_title = dict(quiz.titles) if quiz else {}
    module.questions_per_attempt = quiz.questions_per_attempt if quiz else 0
    module.pretest_questions = quiz.pretest_questions if quiz else 0
    module.cooldown_minutes = quiz.cooldown_minutes if quiz else 0
    module.content_hash = source.content_hash
    module.imported_at, module.retired_at = now, None
    module.version += 1

    _sync_texts(module.texts, source.texts, ModuleText, ("title", "summary", "objectives", "intro_html"))
    _sync_texts(module.facilitator_notes, source.notes, FacilitatorNotes, ("title", "html"))

    _store_lessons(module, source, now)
    session.flush()
    _store_questions(session, module, source, now)
    _store_media(session, module, source)
    session.add(ModuleVersion(module_id=module.id, number=module.version, content_hash=source.content_hash))
    # Areas that keep their own per-module settings from the front matter (certificates) do it here.
    for hook in current_app.extensions.get("literacy_on_module_imported", {}).values():
        hook(session, module, source)


def _sync_texts(rows: list, sources: dict, model, fields: tuple[str, ...]) -> None:
    """Make a row's per-language texts match the files: update, add, and drop languages gone."""
    by_language = {row.language: row for row in rows}
    for language, text in sources.items():
        row = by_language.pop(language, None)
        if row is None:
            row = model(language=language)
            rows.append(row)
        for name in fields:
            setattr(row, name, getattr(text, name))
    for stale in by_language.values():
        rows.remove(stale)


def _store_lessons(module: Module, source: ModuleSource, now) -> None:
    lessons = {lesson.slug: lesson for lesson in module.lessons}
    for position, lesson_source in enumerate(source.lessons, start=1):
        lesson = lessons.pop(lesson_source.slug, None)
        if lesson is None:
            lesson = Lesson(slug=lesson_source.slug)
            module.lessons.append(lesson)
        lesson.position, lesson.retired_at = position, None
        lesson.duration_minutes = lesson_source.duration_minutes
        _sync_texts(lesson.texts, lesson_source.texts, LessonText, ("title", "objectives", "html"))
    for retired in lessons.values():
        retired.retired_at = retired.retired_at or now


def _store_questions(session, module: Module, source: ModuleSource, now) -> None:
    questions = {
        q.key: q
        for q in session.scalars(
            select(Question).where(Question.module_id == module.id).options(selectinload(Question.texts))
        )
    }
    # The pre-test pool follows the quiz's questions: one numbering, one identity per key.
    bank = source.quiz.questions + source.quiz.pretest if source.quiz else []
    for position, question_source in enumerate(bank, start=1):
        question = questions.pop(question_source.key, None)
        if question is None:
            question = Question(module_id=module.id, key=question_source.key)
            session.add(question)
        question.position, question.retired_at, question.pool = position, None, question_source.pool
        question.kind, question.correct = question_source.kind, list(question_source.correct)
        question.option_count = question_source.option_count
        _sync_texts(question.texts, question_source.texts, QuestionText,
                    ("prompt_html", "context_html", "options", "explanation_html"))
    for retired in questions.values():
        retired.retired_at = retired.retired_at or now


def _store_media(session, module: Module, source: ModuleSource) -> None:
    stored = {m.name: m for m in session.scalars(select(MediaFile).where(MediaFile.module_id == module.id))}
    for name, media in source.media.items():
        row = stored.pop(name, None)
        if row is None:
            row = MediaFile(module_id=module.id, name=name)
            session.add(row)
        if row.sha256 != media.sha256:
            row.content_type, row.sha256, row.data = media.content_type, media.sha256, media.data
    for gone in stored.values():
        session.delete(gone)

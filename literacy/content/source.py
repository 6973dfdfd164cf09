"""Read module folders into plain data, rendering markdown and recording every problem met.

Nothing here touches the database, so ``flask content check`` can run anywhere. Reading never
raises on bad input: a malformed file becomes a :class:`~.checks.Problem` with its line.
The pieces: ``frontmatter`` (files and their fields), ``lint`` (markdown bodies), ``quizzes``
(question banks), ``structure`` (the data a module becomes).
"""
from __future__ import annotations

import hashlib
import re
from pathlib import Path

from . import render as rendering
from .checks import Report
from .frontmatter import (
    LESSON_FIELDS, MODULE_FIELDS, MODULE_TRANSLATION_FIELDS, QUIZ_FIELDS, QUIZ_TRANSLATION_FIELDS,
    TITLE_ONLY_FIELDS, Document, Field, check_range, is_symlink, read_document,
)
from .lint import check_markdown
from .quality import check_lesson
from .quizzes import SLUG, read_questions
from .structure import (
    LessonSource, LessonText, MediaSource, ModuleSource, ModuleText, NotesText, QuestionSource, QuizSource,
)
from .vocabulary import (
    LEVELS, MAX_MEDIA_BYTES, MEDIA_SIGNATURES, MEDIA_TYPES, MIN_QUIZ_BANK, PILLARS, RESERVED_LESSON_SLUGS,
    SOURCE_LANGUAGE, TRANSLATION_LANGUAGES,
)

LESSON_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
QUIZ_FILE = "kuis.md"
PRETEST_FILE = "tes-awal.md"  # the separate pre-test pool, same format as kuis.md
NOTES_FILE = "catatan-fasilitator.md"  # for facilitators and admins only
MODULE_FILES = {"module.md", QUIZ_FILE, PRETEST_FILE, NOTES_FILE}
ROOT_FILES = {"LICENSE", "README.md"}


def read_paths(paths) -> tuple[list[ModuleSource], Report]:
    """Read every module under ``paths`` (content folders or single module folders)."""
    report = Report()
    modules: list[ModuleSource] = []
    seen: dict[str, str] = {}
    for path in map(Path, paths):
        for folder in _module_folders(path, report):
            report.folders.append(str(folder))
            module = read_module(folder, report)
            if module is None:
                continue
            if module.slug in seen:
                report.error(folder / "module.md", 1, "module-duplicate", slug=module.slug, other=seen[module.slug])
                continue
            seen[module.slug] = str(folder)
            modules.append(module)
    return modules, report


def _module_folders(path: Path, report: Report):
    if (path / "module.md").is_file():
        yield path
        return
    if not path.is_dir():
        report.error(path, 1, "not-a-module")
        return
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or is_symlink(child, report):
            continue
        if child.is_dir() and child.name.startswith("_"):
            continue  # not a module: shared pages (content/_halaman, read by pages.py)
        if child.is_dir():
            yield child
        elif child.name not in ROOT_FILES:
            report.warning(child, 1, "unknown-file", name=child.name)


def read_module(folder: Path, report: Report) -> ModuleSource | None:
    """Read one module folder; problems go to ``report``. None when it cannot be read at all."""
    slug = folder.name
    if not SLUG.match(slug):
        report.error(folder, 1, "module-slug", slug=slug)
    if not (folder / "module.md").is_file():
        report.error(folder, 1, "module-missing")
        return None
    media = _read_media(folder, report)
    module_doc = read_document(folder / "module.md", report, MODULE_FIELDS)
    if module_doc is None:
        return None
    meta = module_doc.meta
    _check_choice(module_doc, "pillar", PILLARS, report)
    _check_choice(module_doc, "level", LEVELS, report)
    if meta.get("language") not in (None, SOURCE_LANGUAGE):
        report.error(module_doc.path, module_doc.line_of("language"), "language",
                     value=meta["language"], expected=SOURCE_LANGUAGE)
    check_range(module_doc, "pass_mark", 0, 100, report, code="pass-mark")
    check_range(module_doc, "duration_minutes", 1, 24 * 60, report)
    check_markdown(module_doc, report, set(media), lesson=True)
    texts = {SOURCE_LANGUAGE: _module_text(module_doc, slug, SOURCE_LANGUAGE)} if _has(meta, MODULE_TRANSLATION_FIELDS) else {}

    lessons = _read_lessons(folder, report, set(media), slug)
    quiz = _read_quiz(folder, report, set(media), slug)
    notes = {}
    if (folder / NOTES_FILE).is_file():
        _read_notes(folder / NOTES_FILE, report, set(media), slug, SOURCE_LANGUAGE, notes)
    else:
        report.warning(folder, 1, "notes-missing", name=NOTES_FILE)
    certificate = meta.get("certificate", True)
    if (folder / PRETEST_FILE).is_file() and not (folder / QUIZ_FILE).is_file():
        report.error(folder / PRETEST_FILE, 1, "pretest-without-quiz")
    if certificate and quiz is None and not (folder / QUIZ_FILE).exists():
        report.error(module_doc.path, module_doc.line_of("certificate"), "certificate-without-quiz")
    if meta.get("workshop_required") is True and not certificate:
        report.warning(module_doc.path, module_doc.line_of("workshop_required"), "workshop-without-certificate")
    for language in TRANSLATION_LANGUAGES:
        if (folder / language).is_dir() and not is_symlink(folder / language, report):
            _read_translation(folder, language, report, set(media), slug, texts, lessons, quiz)
            _read_notes_translation(folder, language, report, set(media), slug, notes)
    _check_unknown_files(folder, report)
    if not all(name in meta for name in ("pillar", "level", "duration_minutes")) or not texts:
        return None
    return ModuleSource(
        slug=slug, path=str(folder), pillar=meta["pillar"], level=meta["level"],
        duration_minutes=meta["duration_minutes"], pass_mark=meta.get("pass_mark", 70),
        certificate=bool(certificate), authors=meta.get("authors", []),
        license=meta.get("license", ""), texts=texts, lessons=lessons, quiz=quiz, media=media,
        content_hash=content_hash(folder), workshop_required=bool(meta.get("workshop_required", False)),
        notes=notes,
    )


def _has(meta: dict, fields: dict[str, Field]) -> bool:
    return all(name in meta for name, spec in fields.items() if spec.required and name != "language")


def _check_choice(document: Document, name: str, choices: dict, report: Report) -> None:
    value = document.meta.get(name)
    if value is not None and value not in choices:
        report.error(document.path, document.line_of(name), name, value=value, choices=", ".join(choices))
        document.meta.pop(name)


def _module_text(document: Document, slug: str, language: str) -> ModuleText:
    meta = document.meta
    return ModuleText(meta["title"].strip(), meta["summary"].strip(), list(meta["objectives"]),
                      rendering.render(document.body, slug, language))


def _read_media(folder: Path, report: Report) -> dict[str, MediaSource]:
    media: dict[str, MediaSource] = {}
    root = folder / "media"
    if not root.is_dir() or is_symlink(root, report):
        return media
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or is_symlink(path, report):
            continue
        content_type = MEDIA_TYPES.get(path.suffix.lower())
        if path.is_dir() or not rendering.MEDIA_NAME.match(f"media/{path.name}"):
            report.warning(path, 1, "unknown-file", name=f"media/{path.name}")
            continue
        if content_type is None:
            report.error(path, 1, "media-type", name=path.name)
            continue
        data = path.read_bytes()
        if len(data) > MAX_MEDIA_BYTES:
            report.error(path, 1, "media-size", name=path.name, size=len(data) // 1024,
                         limit=MAX_MEDIA_BYTES // 1024)
            continue
        if not MEDIA_SIGNATURES[content_type](data):
            report.error(path, 1, "media-content", name=path.name, kind=path.suffix.lstrip(".").upper())
            continue
        media[path.name] = MediaSource(path.name, content_type, data, hashlib.sha256(data).hexdigest())
    return media


def _lesson_files(folder: Path, report: Report | None):
    for path in sorted(folder.glob("*.md")):
        if path.name in MODULE_FILES:
            continue
        match = LESSON_FILE.match(path.name)
        if not match:
            if report is not None:
                report.error(path, 1, "lesson-filename", name=path.name)
            continue
        yield path, int(match.group(1)), match.group(2)


def _read_lessons(folder: Path, report: Report, media: set[str], slug: str) -> list[LessonSource]:
    lessons: list[LessonSource] = []
    numbers: dict[int, str] = {}
    slugs: dict[str, str] = {}
    for path, number, lesson_slug in _lesson_files(folder, report):
        if number in numbers:
            report.error(path, 1, "lesson-number-duplicate", number=f"{number:02d}", other=numbers[number])
            continue
        if lesson_slug in slugs:
            report.error(path, 1, "lesson-slug-duplicate", slug=lesson_slug, other=slugs[lesson_slug])
            continue
        if lesson_slug in RESERVED_LESSON_SLUGS:
            report.error(path, 1, "lesson-slug-reserved", slug=lesson_slug)
            continue
        numbers[number], slugs[lesson_slug] = path.name, path.name
        text = _read_lesson_text(path, report, media, slug, SOURCE_LANGUAGE)
        if text is not None:
            lessons.append(LessonSource(number, lesson_slug, path.name, {SOURCE_LANGUAGE: text}))
    if not numbers:
        report.error(folder / "module.md", 1, "no-lessons")
    return lessons


def _read_lesson_text(path: Path, report: Report, media: set[str], slug: str, language: str) -> LessonText | None:
    document = read_document(path, report, LESSON_FIELDS)
    if document is None:
        return None
    check_range(document, "duration_minutes", 1, 180, report)
    if not document.body.strip():
        report.error(path, document.body_line, "lesson-empty")
        return None
    tokens = check_markdown(document, report, media, lesson=True)
    check_lesson(document, tokens, report, media, language)
    if "title" not in document.meta:
        return None
    meta = document.meta
    return LessonText(meta["title"].strip(), list(meta.get("objectives", [])),
                      rendering.render(document.body, slug, language), meta.get("duration_minutes"))


def _read_quiz(folder: Path, report: Report, media: set[str], slug: str) -> QuizSource | None:
    path = folder / QUIZ_FILE
    if not path.is_file():
        return None
    document = read_document(path, report, QUIZ_FIELDS)
    if document is None:
        return None
    questions = read_questions(document, report, media, slug, SOURCE_LANGUAGE)
    pool_path = folder / PRETEST_FILE
    pretest = _read_pretest_pool(pool_path, questions, report, media, slug) if pool_path.is_file() else None
    meta = document.meta
    count = len(questions)
    if 0 < count < MIN_QUIZ_BANK:
        report.warning(path, document.body_line, "quiz-bank-small", count=count, minimum=MIN_QUIZ_BANK)
    for name in ("questions_per_attempt", "pretest_questions"):
        value = meta.get(name)
        if name == "pretest_questions" and pretest is not None:
            if value is not None and value > len(pretest):
                report.error(path, document.line_of(name), "pretest-draw-too-many", value=value,
                             count=len(pretest), name=PRETEST_FILE)
                meta.pop(name)
        elif value is not None and value > count:
            report.error(path, document.line_of(name), "quiz-draw-too-many", field=name, value=value, count=count)
            meta.pop(name)
    check_range(document, "questions_per_attempt", 1, 200, report)
    check_range(document, "pretest_questions", 0, 200, report)
    check_range(document, "cooldown_minutes", 0, 7 * 24 * 60, report)
    if not questions or "title" not in meta:
        return None
    return QuizSource(
        titles={SOURCE_LANGUAGE: meta["title"].strip()},
        questions_per_attempt=meta.get("questions_per_attempt", count),
        pretest_questions=meta.get("pretest_questions", 0),
        cooldown_minutes=meta.get("cooldown_minutes", 0),
        questions=questions,
        pretest=pretest or [],
    )


def _read_pretest_pool(path: Path, quiz_questions: list[QuestionSource], report: Report, media: set[str],
                       slug: str) -> list[QuestionSource]:
    """The pre-test pool: questions in the quiz format whose keys the quiz does not use."""
    document = read_document(path, report, TITLE_ONLY_FIELDS)
    if document is None:
        return []
    quiz_lines = {q.key: q.line for q in quiz_questions}
    pool = []
    for question in read_questions(document, report, media, slug, SOURCE_LANGUAGE):
        if question.key in quiz_lines:
            report.error(path, question.line, "pretest-key-duplicate", key=question.key,
                         other=quiz_lines[question.key], name=QUIZ_FILE)
            continue
        question.pool = "pretest"
        pool.append(question)
    return pool


def _read_notes(path: Path, report: Report, media: set[str], slug: str, language: str, notes: dict) -> None:
    """Facilitator notes: a title, then markdown checked and rendered like a lesson's."""
    document = read_document(path, report, TITLE_ONLY_FIELDS)
    if document is None:
        return
    if not document.body.strip():
        report.error(path, document.body_line, "notes-empty")
        return
    check_markdown(document, report, media, lesson=True)
    if "title" in document.meta:
        notes[language] = NotesText(document.meta["title"].strip(), rendering.render(document.body, slug, language))


def _read_notes_translation(folder: Path, language: str, report: Report, media: set[str], slug: str,
                            notes: dict) -> None:
    path = folder / language / NOTES_FILE
    if not path.is_file():
        return
    if not (folder / NOTES_FILE).is_file():
        report.error(path, 1, "translation-orphan", name=NOTES_FILE)
        return
    _read_notes(path, report, media, slug, language, notes)


def _read_translation(folder, language, report, media, slug, texts, lessons, quiz) -> None:
    root = folder / language
    module_doc = None
    if (root / "module.md").is_file():
        module_doc = read_document(root / "module.md", report, MODULE_TRANSLATION_FIELDS, MODULE_FIELDS)
    else:
        report.error(root, 1, "translation-without-module", name=f"{language}/module.md")
    if module_doc is None:
        return
    if module_doc.meta.get("language") not in (None, language):
        report.error(module_doc.path, module_doc.line_of("language"), "language",
                     value=module_doc.meta["language"], expected=language)
    check_markdown(module_doc, report, media, lesson=True)
    if _has(module_doc.meta, MODULE_TRANSLATION_FIELDS):
        texts[language] = _module_text(module_doc, slug, language)

    by_filename = {lesson.filename: lesson for lesson in lessons}
    translated = set()
    for path, _number, _slug in _lesson_files(root, report):
        lesson = by_filename.get(path.name)
        if lesson is None:
            report.error(path, 1, "translation-orphan", name=path.name)
            continue
        translated.add(path.name)
        text = _read_lesson_text(path, report, media, slug, language)
        if text is not None:
            lesson.texts[language] = text
    for lesson in lessons:
        if lesson.filename not in translated:
            report.warning(root, 1, "translation-missing", name=lesson.filename)

    has_pool = quiz is not None and (folder / PRETEST_FILE).is_file()
    banks = ((QUIZ_FILE, quiz.questions if quiz is not None else None),
             (PRETEST_FILE, quiz.pretest if has_pool else None))
    for name, bank in banks:
        bank_path = root / name
        if bank is not None and bank_path.is_file():
            _read_quiz_translation(bank_path, quiz, bank, report, media, slug, language)
        elif bank_path.is_file():
            report.error(bank_path, 1, "translation-orphan", name=name)
        elif bank is not None:
            report.warning(root, 1, "translation-quiz-missing", name=f"{language}/{name}")
    _check_unknown_files(root, report, translation=True)


def _read_quiz_translation(path, quiz: QuizSource, bank: list[QuestionSource], report, media, slug,
                           language) -> None:
    """A translated kuis.md or tes-awal.md: the same keys, option counts, order and answers."""
    is_quiz = path.name == QUIZ_FILE
    document = read_document(path, report, QUIZ_TRANSLATION_FIELDS, QUIZ_FIELDS if is_quiz else None)
    if document is None:
        return
    if "title" in document.meta and is_quiz:
        quiz.titles[language] = document.meta["title"].strip()
    originals = {q.key: q for q in bank}
    translated = read_questions(document, report, media, slug, language)
    for question in translated:
        original = originals.get(question.key)
        if original is None:
            report.error(path, question.line, "translation-question-extra", key=question.key)
        elif (question.option_count, question.correct) != (original.option_count, original.correct):
            report.error(path, question.line, "translation-question-mismatch", key=question.key)
        else:
            original.texts[language] = question.texts[language]
    done = {q.key for q in translated}
    for key in originals:
        if key not in done:
            report.warning(path, 1, "translation-question-missing", key=key)


def _check_unknown_files(folder: Path, report: Report, translation: bool = False) -> None:
    allowed_dirs = set() if translation else {"media", *TRANSLATION_LANGUAGES}
    for path in sorted(folder.iterdir()):
        name = path.name
        if name.startswith("."):
            continue
        if path.is_dir():
            if name not in allowed_dirs:
                report.warning(path, 1, "unknown-file", name=name + "/")
        elif name not in MODULE_FILES and not name.endswith(".md"):
            report.warning(path, 1, "unknown-file", name=name)


# Bump when rendering or the stored shape changes, so the next import re-renders every module.
RENDER_VERSION = b"2"


def content_hash(folder: Path) -> str:
    """A fingerprint of every file in the module (and of the renderer): unchanged content, unchanged hash."""
    digest = hashlib.sha256(RENDER_VERSION)
    for path in sorted(p for p in folder.rglob("*") if p.is_file() and not p.is_symlink()):
        relative = path.relative_to(folder).as_posix()
        if any(part.startswith(".") for part in relative.split("/")):
            continue
        digest.update(relative.encode() + b"\0" + path.read_bytes() + b"\0")
    return digest.hexdigest()

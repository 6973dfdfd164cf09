"""Reading the catalog for pages: a fixed, small number of queries per page."""
from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import bindparam, case, func, select
from sqlalchemy.orm import joinedload, selectinload

from ..caching import cache
from ..content.vocabulary import LEVELS, PILLARS
from ..extensions import db
from .models import QUIZ_POOL, FacilitatorNotes, Lesson, LessonText, MediaFile, Module, Question, SitePage


@dataclass(frozen=True)
class CatalogFilter:
    pillar: str | None = None
    level: str | None = None
    language: str | None = None

    @classmethod
    def from_args(cls, args) -> CatalogFilter:
        """Unknown values are ignored, so a mangled link still shows the catalog."""
        pillar, level, language = args.get("pilar"), args.get("tingkat"), args.get("bahasa")
        return cls(
            pillar if pillar in PILLARS else None,
            level if level in LEVELS else None,
            language if language in ("id", "en") else None,
        )


def list_modules(filters: CatalogFilter) -> dict[str, list[Module]]:
    """Published modules matching ``filters``, grouped by pillar in the framework's order."""
    query = select(Module).where(Module.retired_at.is_(None)).options(selectinload(Module.texts))
    if filters.pillar:
        query = query.where(Module.pillar == filters.pillar)
    if filters.level:
        query = query.where(Module.level == filters.level)
    if filters.language:
        query = query.where(Module.languages.contains(filters.language))
    order = list(LEVELS)
    modules = sorted(db.session.scalars(query), key=lambda m: (order.index(m.level), m.slug))
    grouped = {pillar: [] for pillar in PILLARS}
    for module in modules:
        grouped[module.pillar].append(module)
    return {pillar: items for pillar, items in grouped.items() if items}


def all_modules() -> list[Module]:
    """Every published module in the catalog's order (pillar, level, slug): for pickers."""
    return [module for group in list_modules(CatalogFilter()).values() for module in group]


def suggest_first(modules: list[Module], slug: str | None) -> Module | None:
    """The module a newcomer should start with: the configured one if it is among ``modules``,
    else the first beginner module in the framework's pillar order (then the first module)."""
    if not modules:
        return None
    pillars, levels = list(PILLARS), list(LEVELS)
    by_slug = {m.slug: m for m in modules}
    return by_slug.get(slug) or min(modules, key=lambda m: (levels.index(m.level), pillars.index(m.pillar), m.slug))


def suggested_module(slug: str | None) -> Module | None:
    """:func:`suggest_first` among the published modules (one small query)."""
    return suggest_first(db.session.scalars(select(Module).where(Module.retired_at.is_(None))).all(), slug)


def get_module(slug: str) -> Module | None:
    """A published module with its texts, in one query."""
    return db.session.scalars(
        select(Module).where(Module.slug == slug, Module.retired_at.is_(None)).options(joinedload(Module.texts))
    ).unique().first()


@dataclass(frozen=True)
class OutlineEntry:
    id: int
    slug: str
    position: int
    title: str
    duration_minutes: int | None
    language: str


def outline(module: Module, language: str) -> list[OutlineEntry]:
    """The module's current lessons with their titles in ``language`` (Indonesian if missing)."""
    rows = db.session.execute(
        select(Lesson.id, Lesson.slug, Lesson.position, Lesson.duration_minutes, LessonText.language, LessonText.title)
        .join(LessonText)
        .where(Lesson.module_id == module.id, Lesson.retired_at.is_(None),
               LessonText.language.in_({language, "id"}))
        .order_by(Lesson.position)
    )
    entries: dict[int, OutlineEntry] = {}
    for row in rows:
        if row.id not in entries or row.language == language:
            entries[row.id] = OutlineEntry(row.id, row.slug, row.position, row.title, row.duration_minutes, row.language)
    return sorted(entries.values(), key=lambda e: e.position)


# Asked on every anonymous page view, so built once and run on the session's connection, past the ORM.
MODULE_STAMP = select(Module.id, Module.version, Module.content_hash).where(
    Module.slug == bindparam("slug"), Module.retired_at.is_(None))
CATALOG_STAMP = select(func.sum(case((Module.retired_at.is_(None), 1), else_=0)), func.sum(Module.version),
                       func.max(Module.imported_at), func.max(Module.retired_at), func.max(Module.id))


def module_stamp(slug: str) -> tuple | None:
    """The published module's id, version and content hash (one small query), None if there is none:
    every import that changes the module changes it, so it keys what is cached of the module."""
    row = db.session.connection().execute(MODULE_STAMP, {"slug": slug}).first()
    return tuple(row) if row is not None else None


def catalog_stamp() -> tuple:
    """What changes with any import or retirement of any module (one aggregate query): the number of
    published modules, the sum of all versions and the latest import and retirement times."""
    return tuple(db.session.connection().execute(CATALOG_STAMP).one())


SITE_STAMP = select(*CATALOG_STAMP.selected_columns,
                    select(func.count(SitePage.id)).scalar_subquery(),
                    select(func.max(SitePage.imported_at)).scalar_subquery())


def site_stamp() -> tuple:
    """What changes with any import or retirement of a module or any import of a shared page (one
    query): it keys every kept anonymous page (``caching.KeptPages``)."""
    return tuple(db.session.connection().execute(SITE_STAMP).one())


def _stamp(module: Module) -> tuple:
    return module.id, module.version, module.content_hash


def cached_outline(module: Module, language: str) -> list[OutlineEntry]:
    """:func:`outline`, kept by this process for the module's current version (no query when kept)."""
    return cache("outlines").get_or_make((_stamp(module), language), lambda: outline(module, language))


@dataclass(frozen=True)
class LessonView:
    """What the lesson page shows of a lesson's text, detached from the database session."""
    language: str
    title: str
    objectives: tuple[str, ...]
    html: str


def cached_lesson_text(module: Module, lesson_id: int, language: str) -> LessonView | None:
    """:func:`lesson_text` as a :class:`LessonView`, kept by this process for the module's version."""
    def make():
        text = lesson_text(lesson_id, language)
        return text and LessonView(text.language, text.title, tuple(text.objectives or ()), text.html)

    return cache("lesson_texts").get_or_make((_stamp(module), lesson_id, language), make)


def lesson_text(lesson_id: int, language: str) -> LessonText | None:
    return _in_language(db.session.scalars(
        select(LessonText).where(LessonText.lesson_id == lesson_id, LessonText.language.in_({language, "id"}))
    ).all(), language)


def _in_language(texts, language: str):
    """Of a row's texts in ``language`` and in Indonesian, the one to show (None if neither)."""
    by_language = {t.language: t for t in texts}
    return by_language.get(language) or by_language.get("id")


def facilitator_notes(module: Module, language: str) -> FacilitatorNotes | None:
    """The module's notes for facilitators in ``language`` (Indonesian if missing); None without notes."""
    return _in_language(db.session.scalars(select(FacilitatorNotes).where(
        FacilitatorNotes.module_id == module.id, FacilitatorNotes.language.in_({language, "id"}))).all(), language)


def has_facilitator_notes(module: Module) -> bool:
    return db.session.scalar(select(FacilitatorNotes.id).where(FacilitatorNotes.module_id == module.id).limit(1)) is not None


def site_page(slug: str, language: str) -> SitePage | None:
    """A shared page (content/_halaman) in ``language``, else in Indonesian; None if never imported."""
    return _in_language(db.session.scalars(
        select(SitePage).where(SitePage.slug == slug, SitePage.language.in_({language, "id"}))).all(), language)


def site_page_stamp(slug: str) -> tuple | None:
    """When the shared page was last imported, in any language (one small query); None if never."""
    row = db.session.execute(select(func.count(SitePage.id), func.max(SitePage.imported_at))
                             .where(SitePage.slug == slug)).one()
    return tuple(row) if row[0] else None


def get_media(module_slug: str, name: str) -> MediaFile | None:
    return db.session.scalar(
        select(MediaFile).join(Module).where(Module.slug == module_slug, MediaFile.name == name)
    )


def get_module_by_id(module_id: int) -> Module | None:
    return db.session.scalars(
        select(Module).where(Module.id == module_id).options(joinedload(Module.texts))
    ).unique().first()


@dataclass(frozen=True)
class HandoutQuestion:
    kind: str
    language: str
    prompt_html: str
    context_html: str
    options: list[str]  # option HTML in file order, lettered A, B, C... on paper
    correct: list[int]
    explanation_html: str


@dataclass(frozen=True)
class Handout:
    lessons: list[tuple[OutlineEntry, LessonText]]
    questions: list[HandoutQuestion]


def handout(module: Module, language: str) -> Handout:
    """Every current lesson in full, then every current question of the quiz (not the pre-test's own pool),
    for printing (4 queries)."""
    entries = outline(module, language)
    texts: dict[int, dict[str, LessonText]] = {}
    for text in db.session.scalars(select(LessonText).where(
            LessonText.lesson_id.in_([e.id for e in entries]), LessonText.language.in_({language, "id"}))):
        texts.setdefault(text.lesson_id, {})[text.language] = text
    lessons = [(e, texts[e.id].get(language) or texts[e.id]["id"]) for e in entries if e.id in texts]
    questions = []
    for question in db.session.scalars(select(Question).where(
            Question.module_id == module.id, Question.retired_at.is_(None), Question.pool == QUIZ_POOL)
            .order_by(Question.position).options(selectinload(Question.texts))):
        by_language = {t.language: t for t in question.texts}
        text = by_language.get(language) or by_language["id"]
        questions.append(HandoutQuestion(question.kind, text.language, text.prompt_html, text.context_html,
                                         [o["html"] for o in text.options], list(question.correct),
                                         text.explanation_html))
    return Handout(lessons, questions)

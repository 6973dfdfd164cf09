"""What a module folder becomes once read: plain data, with its markdown already rendered."""
from __future__ import annotations

from dataclasses import dataclass, field

from .vocabulary import SOURCE_LANGUAGE


@dataclass
class ModuleText:
    title: str
    summary: str
    objectives: list[str]
    intro_html: str


@dataclass
class LessonText:
    title: str
    objectives: list[str]
    html: str
    duration_minutes: int | None = None


@dataclass
class NotesText:
    """Facilitator notes (catatan-fasilitator.md) in one language: shown to facilitators and admins only."""

    title: str
    html: str


@dataclass
class LessonSource:
    number: int
    slug: str
    filename: str
    texts: dict[str, LessonText] = field(default_factory=dict)

    @property
    def duration_minutes(self) -> int | None:
        return self.texts[SOURCE_LANGUAGE].duration_minutes


@dataclass
class QuestionText:
    prompt_html: str
    context_html: str
    options: list[dict]  # [{"html": ..., "feedback_html": ...}] in file order
    explanation_html: str


@dataclass
class QuestionSource:
    key: str
    kind: str  # single | multiple | truefalse
    correct: tuple[int, ...]
    option_count: int
    line: int
    texts: dict[str, QuestionText] = field(default_factory=dict)
    pool: str = "quiz"  # quiz (kuis.md) | pretest (tes-awal.md)


@dataclass
class QuizSource:
    titles: dict[str, str]
    questions_per_attempt: int
    pretest_questions: int
    cooldown_minutes: int
    questions: list[QuestionSource]
    # The separate pre-test pool (tes-awal.md): the pre-test draws only from it when it is not empty.
    pretest: list[QuestionSource] = field(default_factory=list)


@dataclass
class MediaSource:
    name: str
    content_type: str
    data: bytes
    sha256: str


@dataclass
class ModuleSource:
    slug: str
    path: str
    pillar: str
    level: str
    duration_minutes: int
    pass_mark: int
    certificate: bool
    authors: list[str]
    license: str
    texts: dict[str, ModuleText]
    lessons: list[LessonSource]
    quiz: QuizSource | None
    media: dict[str, MediaSource]
    content_hash: str
    workshop_required: bool = False  # the certificate also needs a workshop teaching the module
    notes: dict[str, NotesText] = field(default_factory=dict)  # {language: facilitator notes}

    @property
    def languages(self) -> list[str]:
        return sorted(self.texts, key=lambda lang: (lang != SOURCE_LANGUAGE, lang))

"""What students will see of a version, built from its files by the same reader and renderer as the import.

The lessons and questions are the HTML ``content.source`` renders and sanitises at import; only
the images' address changes (the version's own files, not the catalog's). The pages render them
with the students' own templates (``catalog/_lesson_article.html``, ``learning/_questions.html``).
"""
from __future__ import annotations

from dataclasses import dataclass, field

from ..catalog.services import OutlineEntry
from ..content.structure import ModuleText
from . import services


@dataclass(frozen=True)
class PreviewText:
    language: str
    title: str
    objectives: list
    html: str


@dataclass(frozen=True)
class PreviewOption:
    index: int
    html: str
    chosen: bool = False


@dataclass(frozen=True)
class PreviewQuestion:
    id: int
    key: str
    kind: str
    language: str
    prompt_html: str
    context_html: str
    options: list


@dataclass
class Preview:
    result: services.CheckResult
    text: ModuleText | None = None
    language: str = "id"
    lessons: list[OutlineEntry] = field(default_factory=list)
    texts: list[PreviewText] = field(default_factory=list)
    quiz: list[PreviewQuestion] | None = None
    quiz_title: str = ""


def _pick(texts: dict, language: str):
    chosen = language if language in texts else "id"
    return chosen, texts[chosen]


def build_preview(slug: str, files: dict[str, bytes], catalog_prefix: str, preview_prefix: str,
                  language: str) -> Preview:
    result = services.check(slug, files)
    source = result.source
    preview = Preview(result)
    if source is None:
        return preview

    def local(html: str) -> str:
        # Sanitised HTML carries images only as src="/modul/<slug>/media/<name>": point them here.
        return html.replace(f'src="{catalog_prefix}', f'src="{preview_prefix}')

    preview.language, module_text = _pick(source.texts, language)
    preview.text = ModuleText(module_text.title, module_text.summary, module_text.objectives,
                              local(module_text.intro_html))
    for position, lesson in enumerate(source.lessons, start=1):
        lesson_language, text = _pick(lesson.texts, language)
        preview.lessons.append(OutlineEntry(position, lesson.slug, position, text.title, lesson.duration_minutes,
                                            lesson_language))
        preview.texts.append(PreviewText(lesson_language, text.title, text.objectives, local(text.html)))
    if source.quiz is not None:
        preview.quiz_title = _pick(source.quiz.titles, language)[1]
        preview.quiz = []
        for number, question in enumerate(source.quiz.questions, start=1):
            question_language, text = _pick(question.texts, language)
            preview.quiz.append(PreviewQuestion(
                number, question.key, question.kind, question_language, local(text.prompt_html),
                local(text.context_html),
                [PreviewOption(i, local(option["html"])) for i, option in enumerate(text.options)]))
    return preview

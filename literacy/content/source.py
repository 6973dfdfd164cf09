"""Read module folders into plain data, rendering markdown and recording every problem met.

Nothing here touches the database, so ``flask content check`` can run anywhere. Reading never
raises on bad input: a malformed file becomes a :class:`~.checks.Problem` with its line.
"""
from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path

import yaml
from flask_babel import lazy_gettext as _l
from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from . import render as rendering
from .checks import Report
from .vocabulary import (
    CALLOUTS, LEVELS, MAX_MEDIA_BYTES, MEDIA_SIGNATURES, MEDIA_TYPES, PILLARS, RESERVED_LESSON_SLUGS,
    SOURCE_LANGUAGE, TRANSLATION_LANGUAGES, TRUE_FALSE,
)

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
LESSON_FILE = re.compile(r"^(\d{2})-([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")
QUESTION_KEY = re.compile(r"^(.*?)\s*\{#([^}]*)\}\s*$", re.S)
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s?")
CHECKBOX = re.compile(r"^\[([ xX])\](?:\s+|$)(.*)$", re.S)
FIELD_LINE = re.compile(r"^([A-Za-z_][\w-]*)\s*:")
CALLOUT_LINE = re.compile(r"^\s*:{3,}\s*(\S*)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
BAD_SCHEME_LINK = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data|file):[^)\s]*)", re.I)
MODULE_FILES = {"module.md", "kuis.md"}
ROOT_FILES = {"LICENSE", "README.md"}
QUIZ_FILE = "kuis.md"

TYPE_NAMES = {
    "text": _l("teks"),
    "integer": _l("bilangan bulat"),
    "boolean": _l("true atau false"),
    "text-list": _l("daftar teks (setiap baris diawali '- '; beri tanda kutip pada teks yang memuat titik dua)"),
}


# -- the data a module folder becomes ----------------------------------------------------

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


@dataclass
class QuizSource:
    titles: dict[str, str]
    questions_per_attempt: int
    pretest_questions: int
    cooldown_minutes: int
    questions: list[QuestionSource]


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

    @property
    def languages(self) -> list[str]:
        return sorted(self.texts, key=lambda lang: (lang != SOURCE_LANGUAGE, lang))


# -- front matter ------------------------------------------------------------------------

@dataclass
class Field:
    kind: str  # text | integer | boolean | text-list
    required: bool = False
    max_length: int | None = None


MODULE_FIELDS = {
    "title": Field("text", True, 120),
    "pillar": Field("text", True),
    "level": Field("text", True),
    "language": Field("text", True),
    "summary": Field("text", True, 200),
    "objectives": Field("text-list", True),
    "duration_minutes": Field("integer", True),
    "authors": Field("text-list"),
    "license": Field("text"),
    "pass_mark": Field("integer"),
    "certificate": Field("boolean"),
}
MODULE_TRANSLATION_FIELDS = {
    "title": Field("text", True, 120),
    "language": Field("text", True),
    "summary": Field("text", True, 200),
    "objectives": Field("text-list", True),
}
LESSON_FIELDS = {
    "title": Field("text", True, 120),
    "duration_minutes": Field("integer"),
    "objectives": Field("text-list"),
}
QUIZ_FIELDS = {
    "title": Field("text", True, 120),
    "questions_per_attempt": Field("integer"),
    "pretest_questions": Field("integer"),
    "cooldown_minutes": Field("integer"),
}
QUIZ_TRANSLATION_FIELDS = {"title": Field("text", True, 120)}


@dataclass
class Document:
    """One markdown file: its text, front matter values, and the line of each field."""

    path: Path
    text: str
    meta: dict
    field_lines: dict[str, int]
    body_line: int  # first line after the front matter (1-based)

    def line_of(self, name: str) -> int:
        return self.field_lines.get(name, 1)

    @property
    def body(self) -> str:
        return "\n".join(self.text.split("\n")[self.body_line - 1:])


def read_document(path: Path, report: Report, fields: dict[str, Field],
                  source_fields: dict[str, Field] | None = None) -> Document | None:
    """Read a file and validate its front matter against ``fields``.

    ``source_fields`` lists fields that belong to the Indonesian original only: in a
    translation they are reported as not used.
    """
    if _is_symlink(path, report):
        return None
    try:
        text = path.read_bytes().decode("utf-8-sig").replace("\r\n", "\n").replace("\r", "\n")
    except UnicodeDecodeError:
        report.error(path, 1, "unreadable")
        return None
    except OSError as exc:
        report.error(path, 1, "internal", detail=exc.strerror or type(exc).__name__)
        return None
    lines = text.split("\n")
    if not lines or lines[0].rstrip() != "---":
        report.error(path, 1, "front-matter-missing")
        return Document(path, text, {}, {}, 1) if _validate({}, {}, path, fields, report) else None
    closing = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if closing is None:
        report.error(path, len(lines), "front-matter-unclosed")
        return None
    raw = "\n".join(lines[1:closing])
    try:
        meta = yaml.safe_load(raw) if raw.strip() else {}
    except yaml.YAMLError as exc:
        # The line where the broken construct starts (an unclosed bracket or quote) says more
        # than the line where the parser gave up.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = 2 + mark.line if mark is not None else 1
        detail = getattr(exc, "problem", None) or type(exc).__name__
        report.error(path, line, "yaml", detail=str(detail))
        return None
    if not isinstance(meta, dict):
        report.error(path, 2, "front-matter-not-mapping")
        return None
    field_lines = {}
    for offset, line in enumerate(lines[1:closing], start=2):
        match = FIELD_LINE.match(line)
        if match:
            field_lines.setdefault(match.group(1), offset)
    meta = {str(k): v for k, v in meta.items()}
    for name in meta:
        if name not in fields:
            if source_fields and name in source_fields:
                report.warning(path, field_lines.get(name, 2), "field-not-allowed", field=name)
            else:
                report.warning(path, field_lines.get(name, 2), "field-unknown", field=name)
    document = Document(path, text, meta, field_lines, closing + 2)
    _validate(meta, field_lines, path, fields, report)
    return document


def _validate(meta: dict, field_lines: dict, path: Path, fields: dict[str, Field], report: Report) -> bool:
    ok = True
    for name, spec in fields.items():
        line = field_lines.get(name, 1)
        if name not in meta or meta[name] is None or meta[name] == "":
            if spec.required:
                report.error(path, line, "field-missing", field=name)
                ok = False
            meta.pop(name, None)
            continue
        value = meta[name]
        if spec.kind == "text-list" and isinstance(value, str) and name == "authors":
            value = meta[name] = [value]
        valid = {
            "text": isinstance(value, str) and value.strip() != "",
            "integer": isinstance(value, int) and not isinstance(value, bool),
            "boolean": isinstance(value, bool),
            "text-list": isinstance(value, list) and bool(value)
            and all(isinstance(item, str) and item.strip() for item in value),
        }[spec.kind]
        if not valid:
            report.error(path, line, "field-type", field=name, expected=TYPE_NAMES[spec.kind])
            meta.pop(name)
            ok = ok and not spec.required
            continue
        if spec.max_length and len(value) > spec.max_length:
            report.error(path, line, "field-too-long", field=name, length=len(value), limit=spec.max_length)
    return ok


def _check_range(document: Document, name: str, low: int, high: int, report: Report, code="number-range") -> None:
    value = document.meta.get(name)
    if value is not None and not low <= value <= high:
        if code == "pass-mark":
            report.error(document.path, document.line_of(name), code, value=value)
        else:
            report.error(document.path, document.line_of(name), code, field=name, low=low, high=high)
        document.meta.pop(name)


# -- markdown bodies ---------------------------------------------------------------------

@lru_cache(maxsize=1)
def _html_detector() -> MarkdownIt:
    """A parser with raw HTML on, used only to find the HTML a partner wrote."""
    md = MarkdownIt("commonmark", {"html": True})
    md.use(front_matter_plugin)
    return md


def check_markdown(document: Document, report: Report, media: set[str], *, lesson: bool) -> list:
    """Check a markdown body; returns its tokens (line maps are lines of the whole file)."""
    path, text = document.path, document.text
    tokens = rendering.parse(text)
    previous = 1
    for token in tokens:
        line = (token.map[0] + 1) if token.map else document.body_line
        if token.type == "heading_open" and lesson:
            level = int(token.tag[1])
            if level == 1:
                report.error(path, line, "heading-h1")
            elif level > previous + 1:
                report.error(path, line, "heading-skip", previous="#" * previous, level="#" * level,
                             expected="#" * (previous + 1))
            previous = max(level, 2) if level > 1 else 1
        if token.type == "inline":
            _check_inline(token, line, path, report, media)
    for token in _html_detector().parse(text):
        if token.type == "html_block":
            snippet = token.content.strip().split("\n")[0][:60]
            report.error(path, token.map[0] + 1, "raw-html", html=snippet)
        elif token.type == "inline":
            for child in token.children or []:
                if child.type == "html_inline":
                    report.error(path, token.map[0] + 1, "raw-html", html=child.content[:60])
    _check_lines(document, report)
    return tokens


def _check_inline(token, line: int, path: Path, report: Report, media: set[str]) -> None:
    for child in token.children or []:
        if child.type == "image":
            src = str(child.attrGet("src") or "")
            if not child.content.strip():
                report.error(path, line, "image-alt", src=src)
            match = rendering.MEDIA_NAME.match(src)
            if not match:
                report.error(path, line, "image-path", src=src)
            elif match.group(1) not in media:
                report.error(path, line, "image-missing", name=match.group(1))
        elif child.type == "link_open":
            href = str(child.attrGet("href") or "")
            scheme = href.split(":", 1)[0].lower() if re.match(r"^[A-Za-z][A-Za-z0-9+.-]*:", href) else ""
            if scheme == "http":
                report.warning(path, line, "link-http", href=href)
            elif scheme and scheme not in ("https", "mailto"):
                report.error(path, line, "link-scheme", href=href)
            elif not scheme and not href.startswith("#"):
                report.warning(path, line, "link-relative", href=href)


def _check_lines(document: Document, report: Report) -> None:
    """Line checks markdown-it cannot see: callout nesting and links it silently refused."""
    path = document.path
    lines = document.text.split("\n")
    open_callout: tuple[str, int] | None = None
    in_fence = False
    for number in range(document.body_line, len(lines) + 1):
        line = lines[number - 1]
        if FENCE.match(line):
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        for match in BAD_SCHEME_LINK.finditer(line):
            report.error(path, number, "link-scheme", href=match.group(1))
        callout = CALLOUT_LINE.match(line)
        if not callout:
            continue
        name = callout.group(1)
        if not name:
            if open_callout is None:
                report.error(path, number, "callout-stray")
            open_callout = None
        elif name not in CALLOUTS:
            report.error(path, number, "callout-unknown", name=name, choices=", ".join(CALLOUTS))
        elif open_callout is not None:
            report.error(path, number, "callout-nested")
        else:
            open_callout = (name, number)
    if open_callout is not None:
        report.error(path, open_callout[1], "callout-unclosed", name=open_callout[0])


# -- quizzes -----------------------------------------------------------------------------

@dataclass
class _Draft:
    key: str
    line: int
    prompt_html: str
    body_maps: list = field(default_factory=list)
    options: list = field(default_factory=list)  # (correct, text_md, feedback_md, line)
    explanation_map: tuple | None = None
    seen_options: bool = False


def _slice(lines: list[str], token_map) -> list[str]:
    return lines[token_map[0]:token_map[1]]


def _unquote(lines: list[str]) -> str:
    return "\n".join(re.sub(r"^\s*>\s?", "", line) for line in lines)


def read_questions(document: Document, report: Report, media: set[str], module_slug: str,
                   language: str) -> list[QuestionSource]:
    path = document.path
    tokens = check_markdown(document, report, media, lesson=False)
    lines = document.text.split("\n")
    drafts: list[_Draft] = []
    keys: dict[str, int] = {}
    outside_reported = False
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if token.level != 0 or token.type == "front_matter":
            index += 1
            continue
        end = index
        if token.nesting == 1:
            end = next(k for k in range(index + 1, len(tokens))
                       if tokens[k].level == 0 and tokens[k].nesting == -1)
        line = token.map[0] + 1 if token.map else 1
        current = drafts[-1] if drafts else None
        if token.type == "heading_open":
            if token.tag != "h2":
                report.error(path, line, "quiz-heading-level")
            else:
                drafts.append(_read_heading(tokens[index + 1].content, line, path, report, keys,
                                            module_slug, language))
        elif current is None:
            if not outside_reported:
                report.warning(path, line, "quiz-text-outside")
                outside_reported = True
        elif token.type == "paragraph_open" and not current.seen_options:
            current.body_maps.append(token.map)
        elif token.type in ("bullet_list_open", "ordered_list_open") and not current.seen_options:
            current.seen_options = True
            current.options = _read_options(tokens[index:end + 1], lines, path, report)
        elif token.type == "blockquote_open" and current.seen_options and current.explanation_map is None:
            current.explanation_map = token.map
        else:
            report.warning(path, line, "question-extra", key=current.key or "?")
        index = end + 1
    if not drafts:
        report.error(path, document.body_line, "quiz-empty")
    return [q for q in (_finish(d, lines, path, report, module_slug, language) for d in drafts) if q]


def _read_heading(content: str, line: int, path: Path, report: Report, keys: dict, module_slug: str,
                  language: str) -> _Draft:
    match = QUESTION_KEY.match(content)
    prompt, key = (match.group(1), match.group(2).strip()) if match else (content, "")
    if not SLUG.match(key):
        report.error(path, line, "question-key")
        key = ""
    elif key in keys:
        report.error(path, line, "question-key-duplicate", key=key, other=keys[key])
        key = ""
    else:
        keys[key] = line
    if not prompt.strip():
        report.error(path, line, "question-text")
    html = rendering.sanitize(rendering.markdown().renderInline(prompt.strip(), {"module": module_slug}),
                              module_slug)
    return _Draft(key=key, line=line, prompt_html=html)


def _read_options(tokens, lines: list[str], path: Path, report: Report) -> list:
    options = []
    for token in tokens:
        if token.type != "list_item_open" or token.level != 1:
            continue
        item = _slice(lines, token.map)
        line = token.map[0] + 1
        first = BULLET.sub("", item[0], count=1)
        match = CHECKBOX.match(first)
        if not match:
            report.error(path, line, "option-checkbox")
            continue
        text_lines, feedback_lines = [match.group(2)], []
        for rest in item[1:]:
            (feedback_lines if feedback_lines or rest.lstrip().startswith(">") else text_lines).append(rest)
        text = "\n".join(part.strip() for part in text_lines).strip()
        if not text:
            report.error(path, line, "option-empty")
            continue
        options.append((match.group(1) != " ", text, _unquote(feedback_lines).strip(), line))
    return options


def _finish(draft: _Draft, lines, path, report, module_slug, language) -> QuestionSource | None:
    label = draft.key or "?"
    if not draft.options:
        report.error(path, draft.line, "question-no-options", key=label)
        return None
    if len(draft.options) < 2:
        report.error(path, draft.line, "question-one-option", key=label, count=len(draft.options))
    correct = tuple(i for i, option in enumerate(draft.options) if option[0])
    if not correct:
        report.error(path, draft.line, "question-no-answer", key=label)
    if draft.explanation_map is None:
        report.warning(path, draft.line, "question-explanation", key=label)
    if not draft.key or len(draft.options) < 2 or not correct:
        return None

    def block(markdown_text: str) -> str:
        return rendering.render(markdown_text, module_slug, language) if markdown_text else ""

    body = "\n\n".join("\n".join(_slice(lines, m)) for m in draft.body_maps)
    explanation = _unquote(_slice(lines, draft.explanation_map)) if draft.explanation_map else ""
    md = rendering.markdown()
    options = [
        {"html": rendering.sanitize(md.renderInline(text, {"module": module_slug}), module_slug),
         "feedback_html": block(feedback)}
        for _, text, feedback, _ in draft.options
    ]
    plain = tuple(text.strip().lower() for _, text, _, _ in draft.options)
    true_false = {tuple(w.lower() for w in words) for words in TRUE_FALSE.values()}
    kind = "truefalse" if plain in true_false else ("multiple" if len(correct) > 1 else "single")
    text = QuestionText(draft.prompt_html, block(body), options, block(explanation.strip()))
    return QuestionSource(draft.key, kind, correct, len(options), draft.line, {language: text})


# -- a module folder ---------------------------------------------------------------------

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


def _is_symlink(path: Path, report: Report) -> bool:
    """Partner content is untrusted: a symlink could publish any file the server can read."""
    if path.is_symlink():
        report.error(path, 1, "symlink", name=path.name)
        return True
    return False


def _module_folders(path: Path, report: Report):
    if (path / "module.md").is_file():
        yield path
        return
    if not path.is_dir():
        report.error(path, 1, "not-a-module")
        return
    for child in sorted(path.iterdir()):
        if child.name.startswith(".") or _is_symlink(child, report):
            continue
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
    _check_range(module_doc, "pass_mark", 0, 100, report, code="pass-mark")
    _check_range(module_doc, "duration_minutes", 1, 24 * 60, report)
    check_markdown(module_doc, report, set(media), lesson=True)
    texts = {SOURCE_LANGUAGE: _module_text(module_doc, slug, SOURCE_LANGUAGE)} if _has(meta, MODULE_TRANSLATION_FIELDS) else {}

    lessons = _read_lessons(folder, report, set(media), slug)
    quiz = _read_quiz(folder, report, set(media), slug)
    certificate = meta.get("certificate", True)
    if certificate and quiz is None and not (folder / QUIZ_FILE).exists():
        report.error(module_doc.path, module_doc.line_of("certificate"), "certificate-without-quiz")
    for language in TRANSLATION_LANGUAGES:
        if (folder / language).is_dir() and not _is_symlink(folder / language, report):
            _read_translation(folder, language, report, set(media), slug, texts, lessons, quiz)
    _check_unknown_files(folder, report)
    if not all(name in meta for name in ("pillar", "level", "duration_minutes")) or not texts:
        return None
    return ModuleSource(
        slug=slug, path=str(folder), pillar=meta["pillar"], level=meta["level"],
        duration_minutes=meta["duration_minutes"], pass_mark=meta.get("pass_mark", 70),
        certificate=bool(certificate), authors=meta.get("authors", []),
        license=meta.get("license", ""), texts=texts, lessons=lessons, quiz=quiz, media=media,
        content_hash=content_hash(folder),
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
    if not root.is_dir() or _is_symlink(root, report):
        return media
    for path in sorted(root.iterdir()):
        if path.name.startswith(".") or _is_symlink(path, report):
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
    _check_range(document, "duration_minutes", 1, 180, report)
    if not document.body.strip():
        report.error(path, document.body_line, "lesson-empty")
        return None
    check_markdown(document, report, media, lesson=True)
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
    meta = document.meta
    count = len(questions)
    for name in ("questions_per_attempt", "pretest_questions"):
        value = meta.get(name)
        if value is not None and value > count:
            report.error(path, document.line_of(name), "quiz-draw-too-many", field=name, value=value, count=count)
            meta.pop(name)
    _check_range(document, "questions_per_attempt", 1, 200, report)
    _check_range(document, "pretest_questions", 0, 200, report)
    _check_range(document, "cooldown_minutes", 0, 7 * 24 * 60, report)
    if not questions or "title" not in meta:
        return None
    return QuizSource(
        titles={SOURCE_LANGUAGE: meta["title"].strip()},
        questions_per_attempt=meta.get("questions_per_attempt", count),
        pretest_questions=meta.get("pretest_questions", 0),
        cooldown_minutes=meta.get("cooldown_minutes", 0),
        questions=questions,
    )


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

    quiz_path = root / QUIZ_FILE
    if quiz is not None and quiz_path.is_file():
        _read_quiz_translation(quiz_path, quiz, report, media, slug, language)
    elif quiz_path.is_file():
        report.error(quiz_path, 1, "translation-orphan", name=QUIZ_FILE)
    elif quiz is not None:
        report.warning(root, 1, "translation-quiz-missing", name=f"{language}/{QUIZ_FILE}")
    _check_unknown_files(root, report, translation=True)


def _read_quiz_translation(path, quiz: QuizSource, report, media, slug, language) -> None:
    document = read_document(path, report, QUIZ_TRANSLATION_FIELDS, QUIZ_FIELDS)
    if document is None:
        return
    if "title" in document.meta:
        quiz.titles[language] = document.meta["title"].strip()
    originals = {q.key: q for q in quiz.questions}
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

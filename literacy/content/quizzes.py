"""Reading a quiz file: questions as ``##`` headings with a key, options as a task list."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import render as rendering
from .checks import Report
from .frontmatter import Document
from .lint import check_markdown
from .structure import QuestionSource, QuestionText
from .vocabulary import TRUE_FALSE

SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
QUESTION_KEY = re.compile(r"^(.*?)\s*\{#([^}]*)\}\s*$", re.S)
BULLET = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s?")
CHECKBOX = re.compile(r"^\[([ xX])\](?:\s+|$)(.*)$", re.S)


@dataclass
class _Draft:
    key: str
    line: int
    prompt_html: str
    body_maps: list = field(default_factory=list)
    options: list = field(default_factory=list)  # (correct, text_md, feedback_md, line)
    explanation_map: tuple | None = None
    seen_options: bool = False
    feedback_unindented: bool = False  # a '>' at the margin split the options (reported once)


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
        elif (token.type in ("bullet_list_open", "ordered_list_open") and current.explanation_map is not None
              and current.options):
            # "- [ ] A\n> feedback\n- [x] B": the '>' was meant as A's feedback; it ended the list.
            if not current.feedback_unindented:
                report.error(path, current.explanation_map[0] + 1, "feedback-indent")
            current.feedback_unindented = True
            current.options += _read_options(tokens[index:end + 1], lines, path, report)
            current.explanation_map = None
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
    if draft.feedback_unindented:
        return None  # the options are not what the author meant until the feedback is indented
    if not draft.options:
        report.error(path, draft.line, "question-no-options", key=label)
        return None
    if len(draft.options) < 2:
        report.error(path, draft.line, "question-one-option", key=label, count=len(draft.options))
    correct = tuple(i for i, option in enumerate(draft.options) if option[0])
    if not correct:
        report.error(path, draft.line, "question-no-answer", key=label)
    explanation = _unquote(_slice(lines, draft.explanation_map)).strip() if draft.explanation_map else ""
    if not explanation:  # none, or a '>' with nothing after it
        report.warning(path, draft.line, "question-explanation", key=label)
    if not draft.key or len(draft.options) < 2 or not correct:
        return None

    def block(markdown_text: str) -> str:
        return rendering.render(markdown_text, module_slug, language) if markdown_text else ""

    body = "\n\n".join("\n".join(_slice(lines, m)) for m in draft.body_maps)
    md = rendering.markdown()
    options = [
        {"html": rendering.sanitize(md.renderInline(text, {"module": module_slug}), module_slug),
         "feedback_html": block(feedback)}
        for _, text, feedback, _ in draft.options
    ]
    plain = tuple(text.strip().lower() for _, text, _, _ in draft.options)
    true_false = {tuple(w.lower() for w in words) for words in TRUE_FALSE.values()}
    kind = "truefalse" if plain in true_false else ("multiple" if len(correct) > 1 else "single")
    text = QuestionText(draft.prompt_html, block(body), options, block(explanation))
    return QuestionSource(draft.key, kind, correct, len(options), draft.line, {language: text})

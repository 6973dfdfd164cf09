"""The second edition's checks on a lesson (issue 15): warnings that help writers meet the format.

- exactly one ``::: ingat`` box (English ``::: remember``) holding a list of three points;
- at most 700 words of body text (the ``## Sumber`` section, a list of references, not counted);
- every link under ``## Sumber`` points at a page, never at a bare domain (path empty or ``/``);
- an English lesson uses an image's English variant (``NAME-en.png``) when the module has one.

Module-level ones (bank size, facilitator notes) are in ``source``. All are warnings: the lesson
still imports, and ``flask content check`` lists what is left to do.
"""
from __future__ import annotations

from pathlib import PurePosixPath
from urllib.parse import urlsplit

from . import render as rendering
from .checks import Report
from .frontmatter import Document
from .vocabulary import CALLOUTS, MAX_LESSON_WORDS, REMEMBER_ITEMS, SOURCES_HEADINGS

REMEMBER_NAMES = {name for name, kind in CALLOUTS.items() if kind == "remember"}


def check_lesson(document: Document, tokens: list, report: Report, media: set[str], language: str) -> None:
    """Warnings on one lesson file (Indonesian or translated); ``tokens`` from ``check_markdown``."""
    path = document.path
    boxes = []  # (line, number of list items directly inside)
    words = 0
    in_sources = False
    for index, token in enumerate(tokens):
        line = token.map[0] + 1 if token.map else document.body_line
        if token.type == "heading_open" and token.tag == "h2":
            in_sources = tokens[index + 1].content.strip() in SOURCES_HEADINGS.values()
        if token.type.startswith("container_") and token.type.endswith("_open") and token.info.strip() in REMEMBER_NAMES:
            boxes.append((line, _items_inside(tokens, index)))
        if token.type != "inline":
            continue
        if in_sources:
            _check_sources_links(token, line, path, report)
        else:
            words += len(_plain_text(token).split())
        if language != "id":
            _check_english_images(token, line, path, report, media)
    if len(boxes) != 1:
        report.warning(path, boxes[1][0] if len(boxes) > 1 else document.body_line, "remember-box", count=len(boxes))
    elif boxes[0][1] != REMEMBER_ITEMS:
        report.warning(path, boxes[0][0], "remember-items", count=boxes[0][1], expected=REMEMBER_ITEMS)
    if words > MAX_LESSON_WORDS:
        report.warning(path, document.body_line, "lesson-too-long", words=words, limit=MAX_LESSON_WORDS)


def _plain_text(token) -> str:
    """An inline token's words as a reader sees them: link text without its address, breaks as spaces."""
    parts = []
    for child in token.children or []:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append(" ")
    return "".join(parts)


def _items_inside(tokens: list, index: int) -> int:
    """The points of a box: the items of the lists directly inside it (nested sub-points not counted)."""
    level = tokens[index].level
    count = 0
    for token in tokens[index + 1:]:
        if token.level == level and token.nesting == -1:
            break
        if token.type == "list_item_open" and token.level == level + 2:
            count += 1
    return count


def _check_sources_links(token, line: int, path, report: Report) -> None:
    for child in token.children or []:
        if child.type != "link_open":
            continue
        href = str(child.attrGet("href") or "")
        parts = urlsplit(href)
        if parts.scheme in ("http", "https") and parts.netloc and parts.path in ("", "/") and not parts.query:
            report.warning(path, line, "link-bare-domain", href=href)


def _check_english_images(token, line: int, path, report: Report, media: set[str]) -> None:
    for child in token.children or []:
        if child.type != "image":
            continue
        match = rendering.MEDIA_NAME.match(str(child.attrGet("src") or ""))
        if not match:
            continue  # image-path already says so
        name = PurePosixPath(match.group(1))
        english = f"{name.stem}-en{name.suffix}"
        if not name.stem.endswith("-en") and english in media:
            report.warning(path, line, "image-english-variant", name=name.name, english=english)

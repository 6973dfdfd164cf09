"""Checks on markdown bodies: headings, images, links, raw HTML and callout blocks."""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

from . import render as rendering
from .checks import Report
from .frontmatter import Document
from .vocabulary import CALLOUTS

CALLOUT_LINE = re.compile(r"^\s*:{3,}\s*(\S*)\s*$")
FENCE = re.compile(r"^\s*(```|~~~)")
# A page of the site itself, such as the reporting map "/lapor" (never "//host", a protocol-relative link).
SITE_PATH = re.compile(r"^/(?!/)[^\s]*$")
BAD_SCHEME_LINK = re.compile(r"\]\(\s*<?\s*((?:javascript|vbscript|data|file):[^)\s]*)", re.I)


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
            elif not scheme and not href.startswith("#") and not SITE_PATH.match(href):
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

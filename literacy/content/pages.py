"""Shared pages written beside the modules: ``content/_halaman/NAME.md`` (+ ``en/NAME.md``).

A folder whose name starts with ``_`` is never a module (a module slug cannot start with one);
``_halaman`` holds pages the site shows outside any module, today the reporting map ``lapor.md``
at ``/lapor``. A page has a ``title`` in its front matter and a markdown body, checked and
rendered by the lesson pipeline (nh3), without images. Problems go to the same report, with the
same codes, as the modules'.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from . import render as rendering
from .checks import Report
from .frontmatter import TITLE_ONLY_FIELDS, is_symlink, read_document
from .lint import check_markdown
from .vocabulary import SOURCE_LANGUAGE, TRANSLATION_LANGUAGES

PAGES_FOLDER = "_halaman"
PAGE_FILE = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)\.md$")


@dataclass
class PageText:
    title: str
    html: str


@dataclass
class PageSource:
    slug: str
    path: str
    texts: dict[str, PageText] = field(default_factory=dict)


def read_pages(paths, report: Report) -> list[PageSource]:
    """The shared pages in each content folder of ``paths`` (module folders have none)."""
    pages: list[PageSource] = []
    for root in map(Path, paths):
        folder = root / PAGES_FOLDER
        if not folder.is_dir() or is_symlink(folder, report):
            continue
        for path in sorted(folder.glob("*.md")):
            match = PAGE_FILE.match(path.name)
            if not match:
                report.error(path, 1, "page-filename", name=path.name)
                continue
            page = PageSource(match.group(1), str(path))
            _read_text(path, report, SOURCE_LANGUAGE, page)
            for language in TRANSLATION_LANGUAGES:
                if (folder / language / path.name).is_file():
                    _read_text(folder / language / path.name, report, language, page)
            if SOURCE_LANGUAGE in page.texts and not report.errors_in(str(path)):
                pages.append(page)
        for language in TRANSLATION_LANGUAGES:
            for path in sorted((folder / language).glob("*.md")):
                if not (folder / path.name).is_file():
                    report.error(path, 1, "translation-orphan", name=path.name)
    return pages


def _read_text(path: Path, report: Report, language: str, page: PageSource) -> None:
    document = read_document(path, report, TITLE_ONLY_FIELDS)
    if document is None:
        return
    check_markdown(document, report, set(), lesson=True)  # no media: an image is reported missing
    if "title" in document.meta and document.body.strip():
        page.texts[language] = PageText(document.meta["title"].strip(),
                                        rendering.render(document.body, PAGES_FOLDER, language))
    elif not document.body.strip():
        report.error(path, document.body_line, "page-empty")

"""Shared pages beside the modules (content/_halaman) and the reporting map at /lapor (issue 15)."""
from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest
from sqlalchemy import select

from literacy.catalog.models import SitePage
from literacy.content.checks import Report
from literacy.content.pages import read_pages
from literacy.content.services import import_pages, import_paths
from literacy.content.source import read_paths
from literacy.extensions import db

from .test_checker import assert_problem

CONTENT = Path(__file__).resolve().parents[2] / "content"
CHANNELS = ["aduannomor.id", "aduankonten.id", "patrolisiber.id", "iasc.ojk.go.id", "157", "081 157 157 157",
            "Satgas PASTI", "cekrekening.id", "SAPA 129", "08111-129-129", "KPAI", "Komnas Perempuan",
            "faq.whatsapp.com", "help.instagram.com"]


@pytest.fixture
def pages_folder(tmp_path):
    root = tmp_path / "content"
    shutil.copytree(CONTENT / "_halaman", root / "_halaman")
    return root


def read(app, root):
    with app.test_request_context():
        report = Report()
        pages = read_pages([root], report)
        messages = [p.format() for p in report.problems]
    return pages, report, messages


def test_the_bundled_reporting_map_is_clean_in_both_languages(app):
    (page,), report, _ = read(app, CONTENT)
    assert report.problems == [] and page.slug == "lapor"
    assert (page.texts["id"].title, page.texts["en"].title) == ("Ke mana melapor", "Where to report")
    for language in ("id", "en"):
        html = page.texts[language].html
        assert [c for c in CHANNELS if c not in html] == [], language
        assert "<script" not in html and 'rel="noopener noreferrer"' in html


def test_every_channel_cites_a_specific_page(app):
    (page,), _, _ = read(app, CONTENT)
    for language, label in (("id", "Sumber"), ("en", "Source")):
        sections = page.texts[language].html.split("<h2>")[1:]
        assert len(sections) == 8, language
        for section in sections:
            assert label in section, section[:80]
            cited = re.findall(r'href="(https://[^"]+)"', section.split(label, 1)[1])
            assert cited and all(re.match(r"https://[^/]+/.+", href) for href in cited), section[:80]


def test_the_pages_folder_is_never_taken_for_a_module(app):
    with app.test_request_context():
        modules, report = read_paths([CONTENT])
    assert "_halaman" not in [m.slug for m in modules]
    assert [p for p in report.problems if "_halaman" in p.path] == []


@pytest.mark.parametrize("name, text, code, line", [
    ("lapor.md", "---\ntitle: Lapor\n---\n\n<b>tebal</b>\n", "raw-html", 5),
    ("lapor.md", "---\ntitle: Lapor\n---\n\n", "page-empty", 4),
    ("lapor.md", "---\njudul: Lapor\n---\n\nIsi.\n", "field-missing", 1),
    ("Lapor Baru.md", "---\ntitle: Lapor\n---\n\nIsi.\n", "page-filename", 1),
    ("lapor.md", "---\ntitle: Lapor\n---\n\n![Gambar](media/x.png)\n", "image-missing", 5),
])
def test_a_broken_page_is_reported_and_left_out(app, pages_folder, name, text, code, line):
    (pages_folder / "_halaman" / name).write_text(text)
    pages, report, _ = read(app, pages_folder)
    assert_problem(report, code, pages_folder / "_halaman" / name, line)
    assert [p.slug for p in pages] == ([] if name == "lapor.md" else ["lapor"])


def test_an_english_page_without_an_indonesian_one_is_an_orphan(app, pages_folder):
    (pages_folder / "_halaman" / "lapor.md").unlink()
    pages, report, _ = read(app, pages_folder)
    assert pages == []
    assert_problem(report, "translation-orphan", pages_folder / "_halaman" / "en" / "lapor.md", 1)


def test_pages_are_imported_once_and_follow_the_files(app, db, pages_folder):
    result, report = import_paths([pages_folder])
    assert report.errors == [] and result.pages == ["lapor"] and result.changed
    rows = {r.language: (r.id, r.title) for r in db.session.scalars(select(SitePage))}
    assert rows == {"id": (rows["id"][0], "Ke mana melapor"), "en": (rows["en"][0], "Where to report")}
    db.session.rollback()
    again, _ = import_paths([pages_folder])
    assert again.pages == [] and not again.changed
    (pages_folder / "_halaman" / "en" / "lapor.md").unlink()
    text = (pages_folder / "_halaman" / "lapor.md").read_text()
    (pages_folder / "_halaman" / "lapor.md").write_text(text.replace("title: Ke mana melapor", "title: Tempat melapor"))
    db.session.rollback()
    assert import_paths([pages_folder])[0].pages == ["lapor"]
    assert {r.language: (r.id, r.title) for r in db.session.scalars(select(SitePage))} == {"id": (rows["id"][0], "Tempat melapor")}


def test_the_cli_checks_pages_too(runner, pages_folder):
    (pages_folder / "_halaman" / "lapor.md").write_text("---\ntitle: Lapor\n---\n\n<b>x</b>\n")
    result = runner.invoke(args=["content", "check", str(pages_folder)])
    assert result.exit_code == 1 and "lapor.md:5: error" in result.output


def test_the_report_map_page_in_indonesian_and_english(client, site_pages):
    page = client.get("/lapor").get_data(as_text=True)
    assert "<title>Ke mana melapor" in page and "<h1>Ke mana melapor</h1>" in page
    assert 'href="https://aduannomor.id/home"' in page and "08111-129-129" in page
    client.set_cookie("lang", "en")
    english = client.get("/lapor").get_data(as_text=True)
    assert '<html lang="en">' in english and "<h1>Where to report</h1>" in english
    assert "only available in Indonesian" not in english


def test_the_english_reader_gets_the_indonesian_page_marked_when_there_is_no_translation(app, client, site_pages):
    with app.app_context():
        db.session.execute(SitePage.__table__.delete().where(SitePage.language == "en"))
        db.session.commit()
    client.set_cookie("lang", "en")
    page = client.get("/lapor").get_data(as_text=True)
    assert '<article class="lesson" lang="id">' in page and "This page is only available in Indonesian." in page


def test_without_the_page_imported_lapor_is_a_404(client, db):
    assert client.get("/lapor").status_code == 404


def test_the_footer_links_the_reporting_map(client):
    assert '<a href="/lapor">Ke mana melapor</a>' in client.get("/").get_data(as_text=True)
    client.set_cookie("lang", "en")
    assert '<a href="/lapor">Where to report</a>' in client.get("/masuk").get_data(as_text=True)

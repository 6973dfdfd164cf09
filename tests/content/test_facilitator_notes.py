"""Facilitator notes (catatan-fasilitator.md, issue 15): read, sanitised, imported, shown to staff only."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from literacy.accounts.models import ADMIN, FACILITATOR, STUDENT
from literacy.catalog.models import FacilitatorNotes
from literacy.content.services import import_paths
from literacy.extensions import db
from literacy.permissions import RULES

from .test_checker import assert_problem

URL = "/modul/kenali-hoaks/catatan-fasilitator"


def test_notes_are_read_and_rendered_through_the_lesson_pipeline(read, module_folder):
    module_folder.replace("catatan-fasilitator.md", "## Pertanyaan diskusi",
                          "[klik](javascript:alert(1)) <script>alert(1)</script>\n\n## Pertanyaan diskusi")
    modules, report, _ = read(module_folder.root)
    notes = modules[0].notes
    assert set(notes) == {"id", "en"}
    assert notes["id"].title == "Catatan Fasilitator" and notes["en"].title == "Facilitator Notes"
    assert "<h2>Rencana lokakarya 90 menit</h2>" in notes["id"].html and "<table>" in notes["id"].html
    assert "<h2>90-minute workshop plan</h2>" in notes["en"].html
    assert "<script" not in notes["id"].html and "href=\"javascript" not in notes["id"].html
    path = module_folder.path / "catatan-fasilitator.md"
    line = module_folder.line_of("catatan-fasilitator.md", "<script>")
    assert_problem(report, "raw-html", path, line)
    assert_problem(report, "link-scheme", path, line)


def test_empty_notes_and_orphan_translations_are_errors(read, module_folder):
    module_folder.write("catatan-fasilitator.md", "---\ntitle: Catatan Fasilitator\n---\n\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "notes-empty", module_folder.path / "catatan-fasilitator.md", 4)
    (module_folder.path / "catatan-fasilitator.md").unlink()
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-orphan", module_folder.path / "en" / "catatan-fasilitator.md", 1)


def test_notes_take_a_title_only_and_are_never_a_lesson(read, module_folder):
    module_folder.replace("catatan-fasilitator.md", "title: Catatan Fasilitator\n", "title: Catatan\npillar: aman\n")
    modules, report, _ = read(module_folder.root)
    assert_problem(report, "field-unknown", module_folder.path / "catatan-fasilitator.md", 3, "warning")
    assert "catatan-fasilitator" not in [lesson.slug for lesson in modules[0].lessons]
    module_folder.write("03-catatan-fasilitator.md", "---\ntitle: Bukan pelajaran\n---\n\nTeks.\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "lesson-slug-reserved", module_folder.path / "03-catatan-fasilitator.md", 1)


def test_importing_keeps_one_row_per_language_and_follows_the_files(db, module_folder):
    def run():
        result, report = import_paths([str(module_folder.root)])
        assert report.errors == [], report.problems
        db.session.remove()
        return {n.language: (n.id, n.title) for n in db.session.scalars(select(FacilitatorNotes))}

    first = run()
    assert first == {"id": (first["id"][0], "Catatan Fasilitator"), "en": (first["en"][0], "Facilitator Notes")}
    module_folder.replace("catatan-fasilitator.md", "title: Catatan Fasilitator", "title: Catatan untuk Fasilitator")
    (module_folder.path / "en" / "catatan-fasilitator.md").unlink()
    assert run() == {"id": (first["id"][0], "Catatan untuk Fasilitator")}
    (module_folder.path / "catatan-fasilitator.md").unlink()
    assert run() == {}


def test_only_facilitators_and_admins_may_read_notes():
    from types import SimpleNamespace as User

    rule = RULES["content.facilitator_notes"]
    assert [rule(User(role=role), None) for role in (STUDENT, "partner", FACILITATOR, ADMIN)] == [False, False, True, True]


@pytest.mark.parametrize("role, status", [(None, 404), ("student", 404), ("partner", 404), ("facilitator", 200), ("admin", 200)])
def test_the_notes_page_is_a_404_for_everyone_but_staff(client, example_course, make_user, login, role, status):
    if role:
        make_user("orang", role=role)
        login(client, "orang")
    response = client.get(URL)
    assert response.status_code == status
    module_page = client.get("/modul/kenali-hoaks").get_data(as_text=True)
    if status == 200:
        page = response.get_data(as_text=True)
        assert "<h1>Catatan Fasilitator</h1>" in page and "<h2>Kegiatan tanpa gawai</h2>" in page
        assert f'href="{URL}"' in module_page
    else:
        assert "Catatan Fasilitator" not in response.get_data(as_text=True)
        assert URL not in module_page


def test_english_notes_or_a_marked_indonesian_fallback(app, client, example_course, make_user, login):
    make_user("fasil", role="facilitator")
    login(client, "fasil")
    client.set_cookie("lang", "en")
    page = client.get(URL).get_data(as_text=True)
    assert "<h1>Facilitator Notes</h1>" in page and "only available in Indonesian" not in page
    with app.app_context():
        db.session.execute(FacilitatorNotes.__table__.delete().where(FacilitatorNotes.language == "en"))
        db.session.commit()
    page = client.get(URL).get_data(as_text=True)
    assert '<article class="lesson" lang="id">' in page and "only available in Indonesian" in page


def test_a_module_without_notes_has_no_notes_page_or_link(app, client, example_course, make_user, login):
    with app.app_context():
        db.session.execute(FacilitatorNotes.__table__.delete())
        db.session.commit()
    make_user("admin", role="admin")
    login(client, "admin")
    assert client.get(URL).status_code == 404
    assert URL not in client.get("/modul/kenali-hoaks").get_data(as_text=True)
    assert client.get("/modul/tidak-ada/catatan-fasilitator").status_code == 404

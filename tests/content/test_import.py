"""Importing: checked first, idempotent, versioned, stable identities, all or nothing."""
from __future__ import annotations

import pytest
from sqlalchemy import func, select

from literacy.catalog.models import Lesson, MediaFile, Module, ModuleVersion, Question
from literacy.content import services
from literacy.content.services import import_paths


@pytest.fixture
def run_import(db):
    def run(*paths):
        return import_paths([str(p) for p in paths])

    return run


def lesson_ids(db):
    return {l.slug: (l.id, l.position, l.retired_at is not None) for l in db.session.scalars(select(Lesson))}


def test_first_import_creates_everything(db, run_import, module_folder):
    result, report = run_import(module_folder.root)
    assert result.created == ["kenali-hoaks"] and report.problems == []
    module = db.session.scalar(select(Module))
    assert (module.version, module.pillar, module.pass_mark, module.languages) == (1, "cakap", 70, "id en")
    assert module.text("en").title == "Spotting Hoaxes"
    assert module.text("fr").title == "Kenali Hoaks"
    assert module.lesson_count == 2 and module.questions_per_attempt == 3 and module.pretest_questions == 2
    pools = dict(db.session.execute(select(Question.pool, func.count(Question.id)).group_by(Question.pool)).all())
    assert pools == {"quiz": 20, "pretest": 3}  # kuis.md and tes-awal.md
    media = db.session.scalar(select(MediaFile))
    assert media.name == "tiga-langkah.png" and media.data.startswith(b"\x89PNG")


def test_reimporting_unchanged_content_writes_nothing(db, run_import, module_folder):
    run_import(module_folder.root)
    before = db.session.scalar(select(Module.imported_at))
    db.session.rollback()
    result, _ = run_import(module_folder.root)
    assert result.unchanged == ["kenali-hoaks"] and not result.changed
    assert db.session.scalar(select(Module.imported_at)) == before
    assert db.session.scalar(select(func.count(ModuleVersion.id))) == 1


def test_a_changed_module_gets_a_new_version_and_keeps_identities(db, run_import, module_folder):
    run_import(module_folder.root)
    ids_before = lesson_ids(db)
    question_ids = dict(db.session.execute(select(Question.key, Question.id)).all())
    db.session.rollback()

    # reorder the lessons, edit one, edit a question's wording
    (module_folder.path / "01-apa-itu-hoaks.md").rename(module_folder.path / "03-apa-itu-hoaks.md")
    (module_folder.path / "en" / "01-apa-itu-hoaks.md").rename(module_folder.path / "en" / "03-apa-itu-hoaks.md")
    module_folder.replace("02-periksa-dulu.md", "Sebelum membagikan", "Sebelum kamu membagikan")
    module_folder.replace("kuis.md", "Foto yang dibagikan banyak akun", "Foto yang dibagikan ratusan akun")
    result, report = run_import(module_folder.root)
    assert report.errors == [] and result.updated == ["kenali-hoaks"]

    module = db.session.scalar(select(Module))
    assert module.version == 2
    ids_after = lesson_ids(db)
    assert ids_after["apa-itu-hoaks"][0] == ids_before["apa-itu-hoaks"][0]
    assert ids_after["periksa-dulu"][0] == ids_before["periksa-dulu"][0]
    assert ids_after["periksa-dulu"][1] == 1 and ids_after["apa-itu-hoaks"][1] == 2
    assert dict(db.session.execute(select(Question.key, Question.id)).all()) == question_ids
    prompt = db.session.scalar(select(Question).where(Question.key == "foto-viral")).texts
    assert any("ratusan akun" in t.prompt_html for t in prompt)
    assert [v.number for v in db.session.scalars(select(ModuleVersion).order_by(ModuleVersion.number))] == [1, 2]


def test_removed_lessons_and_questions_are_retired_not_deleted(db, run_import, module_folder):
    run_import(module_folder.root)
    db.session.rollback()
    (module_folder.path / "02-periksa-dulu.md").unlink()
    (module_folder.path / "en" / "02-periksa-dulu.md").unlink()
    text = module_folder.read("kuis.md")
    module_folder.write("kuis.md", text[: text.index("## Nadia melihat")])
    en = module_folder.read("en/kuis.md")
    module_folder.write("en/kuis.md", en[: en.index("## Nadia sees")])
    module_folder.replace("kuis.md", "questions_per_attempt: 3", "questions_per_attempt: 2")
    result, report = run_import(module_folder.root)
    assert report.errors == [], report.problems
    lessons = lesson_ids(db)
    assert lessons["periksa-dulu"][2] is True and lessons["apa-itu-hoaks"][2] is False
    retired = db.session.scalar(select(Question).where(Question.key == "judul-mengejutkan"))
    assert retired is not None and retired.retired_at is not None
    assert db.session.scalar(select(Module.lesson_count)) == 1

    # bringing the lesson back brings back the same row
    db.session.rollback()
    module_folder.write("02-periksa-dulu.md", "---\ntitle: Periksa Dulu\n---\n\nKembali lagi.\n")
    run_import(module_folder.root)
    assert lesson_ids(db)["periksa-dulu"][0] == lessons["periksa-dulu"][0]
    assert lesson_ids(db)["periksa-dulu"][2] is False


def test_a_module_with_errors_is_skipped_whole_and_others_still_import(db, run_import, module_folder):
    import shutil

    shutil.copytree(module_folder.path, module_folder.root / "modul-rusak")
    (module_folder.root / "modul-rusak" / "module.md").write_text(
        module_folder.read("module.md").replace("pillar: cakap", "pillar: tidak-ada")
    )
    result, report = run_import(module_folder.root)
    assert result.created == ["kenali-hoaks"]
    assert result.skipped == ["modul-rusak"]
    assert db.session.scalars(select(Module.slug)).all() == ["kenali-hoaks"]


def test_a_failure_midway_leaves_the_database_as_it_was(db, run_import, module_folder, monkeypatch):
    import shutil

    run_import(module_folder.root)
    db.session.rollback()
    shutil.copytree(module_folder.path, module_folder.root / "modul-kedua")
    module_folder.replace("02-periksa-dulu.md", "Sebelum membagikan", "Sebelum kamu membagikan")
    original = services._store_media

    def failing(session, module, source):
        if source.slug == "modul-kedua":
            raise RuntimeError("disk full")
        original(session, module, source)

    monkeypatch.setattr(services, "_store_media", failing)
    with pytest.raises(RuntimeError):
        run_import(module_folder.root)
    db.session.rollback()
    assert db.session.scalars(select(Module.slug)).all() == ["kenali-hoaks"]
    assert db.session.scalar(select(Module.version)) == 1


def test_cli_import_reports_and_is_idempotent(runner, db, module_folder):
    first = runner.invoke(args=["content", "import", str(module_folder.root)])
    assert first.exit_code == 0, first.output
    assert "baru: kenali-hoaks" in first.output
    second = runner.invoke(args=["content", "import", str(module_folder.root)])
    assert "tidak berubah: kenali-hoaks" in second.output
    assert "Tidak ada perubahan: basis data tidak ditulis." in second.output


def test_cli_check_exit_status_and_json(runner, module_folder):
    import json

    clean = runner.invoke(args=["content", "check", str(module_folder.root)])
    assert clean.exit_code == 0
    module_folder.replace("module.md", "pass_mark: 70", "pass_mark: 170")
    broken = runner.invoke(args=["content", "check", "--format", "json", str(module_folder.root)])
    assert broken.exit_code == 1
    (problem,) = json.loads(broken.stdout)
    assert problem["code"] == "pass-mark" and problem["severity"] == "error"
    assert problem["file"].endswith("kenali-hoaks/module.md") and problem["line"] == module_folder.line_of("module.md", "pass_mark")
    english = runner.invoke(args=["content", "check", "--lang", "en", str(module_folder.root)])
    assert "Pass mark 170 must be between 0 and 100." in english.stdout


def test_retiring_a_module_hides_it_and_importing_brings_it_back(app, runner, db, client, run_import, module_folder):
    run_import(module_folder.root)
    db.session.remove()
    result = runner.invoke(args=["content", "retire", "kenali-hoaks", "tidak-ada"])
    assert result.exit_code == 1
    assert "Ditarik dari katalog: kenali-hoaks" in result.stdout and "tidak-ada" in result.stderr
    assert client.get("/modul/kenali-hoaks").status_code == 404
    assert "kenali-hoaks" not in client.get("/modul").get_data(as_text=True)
    assert db.session.scalar(select(func.count(Lesson.id))) == 2  # nothing deleted
    again, _ = run_import(module_folder.root)
    assert again.updated == ["kenali-hoaks"]
    assert client.get("/modul/kenali-hoaks").status_code == 200

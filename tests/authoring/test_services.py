"""Authoring services without HTTP: the state machine, publishing through the importer, versions,
restore, progress across versions, the download round trip and the importer's refusal."""
from __future__ import annotations

import io
import zipfile

import pytest
from sqlalchemy import select

from literacy.authoring import services
from literacy.authoring.models import DRAFT, PUBLISHED, REVIEW, AuditEntry
from literacy.catalog.models import Lesson, Module, Question
from literacy.extensions import db

from .conftest import example_files, make_zip


@pytest.fixture
def draft(app, db, people, user):
    """The example module uploaded by a partner as 'cek-fakta': version 1, a draft."""
    with app.test_request_context():
        authored = services.upload_module(user("mitra"), make_zip(example_files()))
        return authored.id


def _publish_latest(user_name_partner, reviewer, authored_id, user):
    authored = services.get_module(authored_id)
    services.submit(user(user_name_partner), authored)
    return services.publish(user(reviewer), services.get_module(authored_id), authored.latest.number)


def test_a_valid_zip_becomes_a_draft_the_checker_passes(app, draft):
    with app.test_request_context():
        authored = services.get_module(draft)
        assert authored.slug == "cek-fakta" and authored.organisation.name == "Mitra Uji"
        assert [v.state for v in authored.versions] == [DRAFT]
        assert authored.latest.file_map() == example_files()
        assert services.check(authored.slug, authored.latest.file_map()).errors == []
        assert db.session.scalar(select(Module).where(Module.slug == "cek-fakta")) is None  # nothing published


def test_no_skipping_review_and_no_editing_what_is_in_review_or_published(app, draft, user):
    with app.test_request_context():
        authored = services.get_module(draft)
        with pytest.raises(services.AuthoringError, match="diajukan dan ditinjau"):
            services.publish(user("admin"), authored, 1)
        services.submit(user("mitra"), authored)
        authored = services.get_module(draft)
        assert authored.latest.state == REVIEW
        with pytest.raises(services.AuthoringError, match="tidak bisa diubah"):
            services.save_text(user("mitra"), authored, "module.md", "x")
        with pytest.raises(services.AuthoringError, match="sedang ditinjau"):
            services.new_draft(user("mitra"), authored)
        services.publish(user("peninjau"), authored, 1)
        authored = services.get_module(draft)
        assert authored.latest.state == PUBLISHED and authored.live_number == 1
        with pytest.raises(services.AuthoringError, match="tidak bisa diubah"):
            services.save_text(user("mitra"), authored, "module.md", "x")
        with pytest.raises(services.AuthoringError, match="tidak bisa diubah"):
            services.delete_file(user("mitra"), authored, "kuis.md")
        assert services.get_module(draft).version(1).file_map() == example_files()


def test_a_draft_with_errors_cannot_be_submitted(app, draft, user):
    with app.test_request_context():
        authored = services.get_module(draft)
        services.save_text(user("mitra"), authored, "kuis.md", "---\ntitle: Kuis\n---\n\n## Soal tanpa kunci\n\n- [x] A\n- [ ] B\n")
        with pytest.raises(services.AuthoringError, match="Perbaiki dulu"):
            services.submit(user("mitra"), services.get_module(draft))
        assert services.get_module(draft).latest.state == DRAFT


def test_return_to_draft_keeps_comments_by_file_and_line(app, draft, user):
    with app.test_request_context():
        services.submit(user("mitra"), services.get_module(draft))
        with pytest.raises(services.AuthoringError, match="Tulis komentar"):
            services.return_to_draft(user("peninjau"), services.get_module(draft), "  ")
        services.return_to_draft(user("peninjau"), services.get_module(draft),
                                 "01-apa-itu-hoaks.md:12: contohnya kurang jelas\nJudulnya bagus.")
        version = services.get_module(draft).latest
        assert version.state == DRAFT and version.number == 1
        assert version.review_comments == [
            {"path": "01-apa-itu-hoaks.md", "line": 12, "text": "contohnya kurang jelas"},
            {"path": None, "line": None, "text": "Judulnya bagus."}]


def test_publishing_goes_through_the_importer_like_the_command_line(app, draft, user, tmp_path):
    """Same content hash, lessons and question keys as ``flask content import`` of the same folder."""
    from literacy.content.source import read_paths

    with app.test_request_context():
        result = _publish_latest("mitra", "peninjau", draft, user)
        assert result.created == ["cek-fakta"]
        module = db.session.scalar(select(Module).where(Module.slug == "cek-fakta"))
        folder = tmp_path / "cek-fakta"
        for path, data in example_files().items():
            (folder / path).parent.mkdir(parents=True, exist_ok=True)
            (folder / path).write_bytes(data)
        (source,), _report = read_paths([folder])
        assert module.content_hash == source.content_hash
        assert [lesson.slug for lesson in module.lessons] == ["apa-itu-hoaks", "periksa-dulu"]
        keys = db.session.scalars(select(Question.key).where(Question.module_id == module.id)
                                  .order_by(Question.position)).all()
        assert keys == [q.key for q in source.quiz.questions + source.quiz.pretest]
        assert services.get_module(draft).module_id == module.id
        actions = db.session.scalars(select(AuditEntry.action).order_by(AuditEntry.id)).all()
        assert actions == ["grant-reviewer", "upload", "submit", "publish"]


def test_versions_restore_and_progress_across_versions(app, draft, user):
    """Students keep their progress (same lesson and question rows) across versions and a restore."""
    from literacy.learning import quiz, services as learning

    with app.test_request_context():
        _publish_latest("mitra", "peninjau", draft, user)
        module = db.session.scalar(select(Module).where(Module.slug == "cek-fakta"))
        first_lesson = module.lessons[0]
        lesson_id, module_id = first_lesson.id, module.id
        student = user("siswa")
        learning.complete_lesson(student.id, lesson_id, module_id)

        services.new_draft(user("mitra"), services.get_module(draft))
        authored = services.get_module(draft)
        assert [v.number for v in authored.versions] == [1, 2] and authored.latest.based_on == 1
        text = authored.latest.file_map()["01-apa-itu-hoaks.md"].decode().replace("Apa Itu Hoaks?", "Hoaks Itu Apa?")
        services.save_text(user("mitra"), authored, "01-apa-itu-hoaks.md", text)
        assert services.get_module(draft).version(1).file_map() == example_files()  # published stays as it was
        _publish_latest("mitra", "peninjau", draft, user)
        db.session.expire_all()
        assert {t.language: t.title for t in db.session.get(Lesson, lesson_id).texts}["id"] == "Hoaks Itu Apa?"
        assert learning.completed_lesson_ids(student.id, module_id) == {lesson_id}
        assert db.session.get(Module, module_id).version == 2

        services.publish(user("admin"), services.get_module(draft), 1)  # restore
        db.session.expire_all()
        authored = services.get_module(draft)
        assert authored.live_number == 1 and [v.state for v in authored.versions] == [PUBLISHED, PUBLISHED]
        titles = {t.language: t.title for t in db.session.get(Lesson, lesson_id).texts}
        assert titles["id"] == "Apa Itu Hoaks?"
        assert learning.completed_lesson_ids(student.id, module_id) == {lesson_id}
        assert db.session.get(Module, module_id).version == 3
        with pytest.raises(services.AuthoringError, match="sudah tampil"):
            services.publish(user("admin"), services.get_module(draft), 1)
        attempt = quiz.start_attempt(student.id, db.session.get(Module, module_id))
        question_ids = list(attempt.question_ids)
        services.new_draft(user("mitra"), services.get_module(draft), 2)
        _publish_latest("mitra", "peninjau", draft, user)  # version 3, a copy of version 2
        db.session.expire_all()
        keys = db.session.scalars(select(Question.id).where(Question.module_id == module_id,
                                                            Question.retired_at.is_(None))).all()
        assert set(question_ids) <= set(keys)  # the open attempt's questions are the same rows


def test_download_is_byte_equal_and_imports_the_same_elsewhere(app, draft, user):
    with app.test_request_context():
        _publish_latest("mitra", "peninjau", draft, user)
        authored = services.get_module(draft)
        data = services.download(authored.version(1))
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            assert {i.filename[len("cek-fakta/"):]: archive.read(i) for i in archive.infolist()} == example_files()
        assert services.download(services.get_module(draft).version(1)) == data  # same files, same zip
        other = services.upload_module(user("mitra_lain"), data, slug="cek-fakta-lain")
        assert other.latest.file_map() == example_files()


def test_the_downloaded_zip_imports_as_the_same_module_with_flask_content_import(app, draft, user, tmp_path, runner):
    """Unzipped into a content folder elsewhere, it reads to the same content hash as the published module."""
    from literacy.content.source import read_paths

    with app.test_request_context():
        _publish_latest("mitra", "peninjau", draft, user)
        data = services.download(services.get_module(draft).version(1))
        published_hash = db.session.scalar(select(Module.content_hash).where(Module.slug == "cek-fakta"))
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        archive.extractall(tmp_path)
    with app.test_request_context():
        (source,), report = read_paths([tmp_path / "cek-fakta"])
    assert report.errors == [] and source.content_hash == published_hash


def test_flask_content_import_refuses_a_browser_authored_module(app, draft, runner, tmp_path):
    folder = tmp_path / "cek-fakta"
    for path, data in example_files().items():
        (folder / path).parent.mkdir(parents=True, exist_ok=True)
        (folder / path).write_bytes(data)
    result = runner.invoke(args=["content", "import", str(tmp_path)])
    assert result.exit_code == 1
    assert "ditulis dan diterbitkan lewat halaman mitra" in result.output
    with app.app_context():
        assert db.session.scalar(select(Module).where(Module.slug == "cek-fakta")) is None


def test_slugs_are_unique_across_bundled_and_authored_modules(app, example_course, people, user):
    with app.test_request_context():
        with pytest.raises(services.AuthoringError, match="sudah dipakai"):
            services.create_module(user("mitra"), "kenali-hoaks")
        services.create_module(user("mitra"), "modul-baru")
        with pytest.raises(services.AuthoringError, match="sudah dipakai"):
            services.create_module(user("mitra_lain"), "modul-baru")
        with pytest.raises(services.AuthoringError, match="tidak valid"):
            services.create_module(user("mitra"), "Modul Baru")
        with pytest.raises(services.AuthoringError, match="Hanya akun mitra"):
            services.create_module(user("admin"), "punya-admin")


def test_the_skeleton_passes_the_checker(app, people, user):
    with app.test_request_context():
        authored = services.create_module(user("mitra"), "kerangka")
        # no errors; the second edition's style warnings (ingat box, notes, bank size) are left for the author
        assert services.check("kerangka", authored.latest.file_map()).errors == []


def test_rename_and_reorder_lessons_renumber_files_and_translations(app, draft, user):
    with app.test_request_context():
        services.move_lesson(user("mitra"), services.get_module(draft), "02-periksa-dulu.md", -1)
        paths = set(services.get_module(draft).latest.file_map())
        assert {"01-periksa-dulu.md", "02-apa-itu-hoaks.md", "en/01-periksa-dulu.md", "en/02-apa-itu-hoaks.md"} <= paths
        services.rename_lesson(user("mitra"), services.get_module(draft), "02-apa-itu-hoaks.md", "pengertian-hoaks")
        files = services.get_module(draft).latest.file_map()
        assert "02-pengertian-hoaks.md" in files and "en/02-pengertian-hoaks.md" in files
        assert services.check("cek-fakta", files).errors == []
        with pytest.raises(services.AuthoringError, match="sudah dipakai"):
            services.rename_lesson(user("mitra"), services.get_module(draft), "02-pengertian-hoaks.md", "periksa-dulu")


def test_figures_count_learners_with_a_fixed_number_of_queries(app, draft, user, make_user, count_queries):
    from literacy.learning import quiz

    from ..learning.conftest import right_answers

    with app.test_request_context():
        _publish_latest("mitra", "peninjau", draft, user)
        module = db.session.scalar(select(Module).where(Module.slug == "cek-fakta"))
        module_id = module.id
    for n in range(3):
        student_id = make_user(f"pelajar{n}")
        with app.test_request_context():
            module = db.session.get(Module, module_id)
            attempt = quiz.start_attempt(student_id, module)
            wrong = {str(q): [next(i for i in range(db.session.get(Question, q).option_count)
                                   if i not in db.session.get(Question, q).correct)] for q in attempt.question_ids}
            answers = right_answers(attempt) if n == 0 else wrong
            quiz.submit(attempt, answers, module)
    with app.test_request_context():
        with count_queries() as queries:
            figures = services.figures([module_id])[module_id]
        assert len(queries) == 5
        assert figures.reached == 3 and figures.passed == 1
        assert figures.missed and figures.missed[0].missed >= 1
        assert 0 < figures.average_score < 100


def test_a_publication_that_fails_leaves_the_catalog_and_the_version_as_they_were(app, draft, user):
    def failing_hook(session, module, source):
        raise RuntimeError("a per-module setting could not be stored")

    with app.test_request_context():
        services.submit(user("mitra"), services.get_module(draft))
        app.extensions["literacy_on_module_imported"]["zz-failing"] = failing_hook
        try:
            with pytest.raises(RuntimeError):
                services.publish(user("admin"), services.get_module(draft), 1)
        finally:
            del app.extensions["literacy_on_module_imported"]["zz-failing"]
        db.session.expire_all()
        assert db.session.scalar(select(Module).where(Module.slug == "cek-fakta")) is None
        authored = services.get_module(draft)
        assert authored.latest.state == REVIEW and authored.live_number is None and authored.module_id is None
        assert "publish" not in db.session.scalars(select(AuditEntry.action)).all()

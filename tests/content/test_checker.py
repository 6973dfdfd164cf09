"""The checker on every kind of problem: the file, the line and the message."""
from __future__ import annotations

import pytest


def problems(report, code):
    return [p for p in report.problems if p.code == code]


def assert_problem(report, code, path, line, severity="error"):
    found = [(p.path, p.line, p.severity) for p in problems(report, code)]
    assert (str(path), line, severity) in found, f"{code} at {path}:{line}; got {found}: {report.problems}"


def test_the_example_module_is_clean(read, module_folder):
    modules, report, _ = read(module_folder.root)
    assert report.problems == []
    (module,) = modules
    assert module.slug == "kenali-hoaks"
    assert [lesson.slug for lesson in module.lessons] == ["apa-itu-hoaks", "periksa-dulu"]
    assert module.languages == ["id", "en"]
    kinds = {q.key: q.kind for q in module.quiz.questions}
    assert len(kinds) == 20  # the second edition's minimum bank (issue 15)
    assert {key: kinds[key] for key in list(kinds)[:4]} == {
        "pesan-berantai": "single", "foto-viral": "truefalse", "ciri-hoaks": "multiple", "judul-mengejutkan": "single"}
    assert sorted(set(kinds.values())) == ["multiple", "single", "truefalse"]
    assert module.quiz.questions_per_attempt == 3 and module.quiz.pretest_questions == 2


# (file, text to replace, replacement, problem code, line marker (text on the reported line) or line number)
CASES = [
    ("module.md", "---\ntitle: Kenali Hoaks\n", "title: Kenali Hoaks\n", "front-matter-missing", 1),
    ("module.md", "title: Kenali Hoaks\n", "title: [Kenali Hoaks\n", "yaml", 2),
    ("module.md", "pillar: cakap", "pillar: kreatif", "pillar", "pillar:"),
    ("module.md", "level: pemula", "level: ahli", "level", "level:"),
    ("module.md", "pass_mark: 70", "pass_mark: 120", "pass-mark", "pass_mark:"),
    ("module.md", "pass_mark: 70", "pass_mark: -5", "pass-mark", "pass_mark:"),
    ("module.md", "summary: Contoh", "ringkasan: Contoh", "field-missing", 1),
    ("module.md", "duration_minutes: 20", "duration_minutes: dua puluh", "field-type", "duration_minutes:"),
    ("module.md", "license: CC BY-SA 4.0", "lisensi: CC BY-SA 4.0", "field-unknown", "lisensi:"),
    ("01-apa-itu-hoaks.md", "## Misinformasi dan disinformasi", "#### Misinformasi dan disinformasi", "heading-skip", "#### Misinformasi"),
    ("01-apa-itu-hoaks.md", "## Sumber", "# Sumber", "heading-h1", "# Sumber"),
    ("01-apa-itu-hoaks.md", "![Diagram tiga langkah: baca, periksa, baru bagikan]", "![]", "image-alt", "![]"),
    ("01-apa-itu-hoaks.md", "(media/tiga-langkah.png)", "(media/tidak-ada.png)", "image-missing", "media/tidak-ada.png"),
    ("01-apa-itu-hoaks.md", "(media/tiga-langkah.png)", "(https://example.com/x.png)", "image-path", "example.com"),
    ("01-apa-itu-hoaks.md", "(https://mafindo.or.id/tentang-mafindo)", "(http://mafindo.or.id/tentang-mafindo)", "link-http", "http://mafindo.or.id"),
    ("01-apa-itu-hoaks.md", "(https://mafindo.or.id/tentang-mafindo)", "(javascript:alert(1))", "link-scheme", "javascript:"),
    ("01-apa-itu-hoaks.md", "(https://mafindo.or.id/tentang-mafindo)", "(02-periksa-dulu.md)", "link-relative", "02-periksa-dulu.md"),
    ("01-apa-itu-hoaks.md", "Hoaks adalah kabar bohong", "Hoaks adalah <b>kabar</b> bohong", "raw-html", "<b>kabar</b>"),
    ("01-apa-itu-hoaks.md", "Hoaks adalah kabar bohong", "<div onclick=\"x()\">\nHoaks</div>\n\nHoaks adalah kabar bohong", "raw-html", "<div onclick"),
    ("01-apa-itu-hoaks.md", "::: tips", "::: catatan", "callout-unknown", "::: catatan"),
    ("02-periksa-dulu.md", "jangan bagikan.\n:::", "jangan bagikan.", "callout-unclosed", "::: ingat"),
    ("kuis.md", "- [x] Memeriksa klaimnya di situs cek fakta", "- [ ] Memeriksa klaimnya di situs cek fakta", "question-no-answer", "{#pesan-berantai}"),
    ("kuis.md", "- [ ] Membagikan judulnya ke grup kelas\n  > Judul bisa menyesatkan; baca isinya dulu.\n", "", "question-one-option", "{#judul-mengejutkan}"),
    ("kuis.md", "{#foto-viral}", "{#pesan-berantai}", "question-key-duplicate", "Foto yang dibagikan"),
    ("kuis.md", " {#foto-viral}", "", "question-key", "Foto yang dibagikan"),
    ("kuis.md", "- [ ] Membalas pengirimnya dengan marah", "- Membalas pengirimnya dengan marah", "option-checkbox", "- Membalas pengirimnya"),
    ("kuis.md", "questions_per_attempt: 3", "questions_per_attempt: 30", "quiz-draw-too-many", "questions_per_attempt:"),
    ("en/kuis.md", "- [ ] Reply angrily to the sender", "- [x] Reply angrily to the sender", "translation-question-mismatch", "{#pesan-berantai}"),
    ("en/kuis.md", "{#foto-viral}", "{#foto-lain}", "translation-question-extra", "{#foto-lain}"),
]


@pytest.mark.parametrize("name, old, new, code, where", CASES, ids=[c[3] + ":" + c[0] for c in CASES])
def test_each_problem_is_reported_with_file_and_line(read, module_folder, name, old, new, code, where):
    module_folder.replace(name, old, new)
    line = where if isinstance(where, int) else module_folder.line_of(name, where)
    _, report, messages = read(module_folder.root)
    severity = "warning" if code in ("field-unknown", "link-http", "link-relative") else "error"
    assert_problem(report, code, module_folder.path / name, line, severity)
    assert all(": error: " in m or ": warning: " in m for m in messages)


def test_yaml_error_names_the_line_and_what_to_check(read, module_folder):
    module_folder.replace("module.md", "level: pemula\n", "level: pemula\nsummary: a: b: c\n")
    _, report, messages = read(module_folder.root)
    line = module_folder.line_of("module.md", "summary: a: b: c")
    assert_problem(report, "yaml", module_folder.path / "module.md", line)
    assert any("YAML tidak bisa dibaca" in m and "indentasi" in m for m in messages)


def test_raw_html_message_says_what_happens_to_it(read, module_folder):
    module_folder.replace("01-apa-itu-hoaks.md", "Hoaks adalah", "<script>alert(1)</script> Hoaks adalah")
    _, _, messages = read(module_folder.root)
    assert any("<script>" in m and "tampil sebagai teks biasa" in m for m in messages)


def test_empty_lesson(read, module_folder):
    module_folder.write("02-periksa-dulu.md", "---\ntitle: Kosong\n---\n\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "lesson-empty", module_folder.path / "02-periksa-dulu.md", 4)


def test_duplicate_lesson_number_and_slug(read, module_folder):
    module_folder.write("01-lain.md", "---\ntitle: Lain\n---\n\nIsi.\n")
    module_folder.write("03-periksa-dulu.md", "---\ntitle: Lagi\n---\n\nIsi.\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "lesson-number-duplicate", module_folder.path / "01-lain.md", 1)
    assert_problem(report, "lesson-slug-duplicate", module_folder.path / "03-periksa-dulu.md", 1)


def test_duplicate_module_slug_across_paths(read, module_folder, tmp_path):
    import shutil

    other = tmp_path / "lain"
    shutil.copytree(module_folder.path, other / "kenali-hoaks")
    modules, report, _ = read(module_folder.root, other)
    assert len(modules) == 1
    assert_problem(report, "module-duplicate", other / "kenali-hoaks" / "module.md", 1)


def test_certificate_needs_a_quiz(read, module_folder):
    (module_folder.path / "kuis.md").unlink()
    (module_folder.path / "en" / "kuis.md").unlink()
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("module.md", "certificate:")
    assert_problem(report, "certificate-without-quiz", module_folder.path / "module.md", line)
    module_folder.replace("module.md", "certificate: true", "certificate: false")
    _, report, _ = read(module_folder.root)
    assert problems(report, "certificate-without-quiz") == []


def test_question_with_no_options(read, module_folder):
    module_folder.write("kuis.md", module_folder.read("kuis.md") + "\n## Soal tanpa pilihan {#kosong}\n\n> Penjelasan.\n")
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("kuis.md", "{#kosong}")
    assert_problem(report, "question-no-options", module_folder.path / "kuis.md", line)


def test_question_without_explanation_is_a_warning(read, module_folder):
    module_folder.replace("kuis.md", "> Hoaks biasanya mendesak dan tanpa sumber.\n", "")
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("kuis.md", "{#ciri-hoaks}")
    assert_problem(report, "question-explanation", module_folder.path / "kuis.md", line, "warning")


def test_disallowed_media_type_and_unknown_files(read, module_folder):
    (module_folder.path / "media" / "logo.svg").write_text("<svg onload='alert(1)'></svg>")
    (module_folder.path / "catatan.txt").write_text("x")
    (module_folder.path / "draf").mkdir()
    _, report, _ = read(module_folder.root)
    assert_problem(report, "media-type", module_folder.path / "media" / "logo.svg", 1)
    assert_problem(report, "unknown-file", module_folder.path / "catatan.txt", 1, "warning")
    assert_problem(report, "unknown-file", module_folder.path / "draf", 1, "warning")


def test_bad_lesson_file_name(read, module_folder):
    module_folder.write("3-Pelajaran Baru.md", "---\ntitle: X\n---\n\nIsi.\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "lesson-filename", module_folder.path / "3-Pelajaran Baru.md", 1)


def test_missing_translation_is_a_warning_and_orphans_are_errors(read, module_folder):
    (module_folder.path / "en" / "02-periksa-dulu.md").unlink()
    module_folder.write("en/09-tidak-ada.md", "---\ntitle: Orphan\n---\n\nText.\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-missing", module_folder.path / "en", 1, "warning")
    assert_problem(report, "translation-orphan", module_folder.path / "en" / "09-tidak-ada.md", 1)


def test_untranslated_quiz_is_a_warning(read, module_folder):
    (module_folder.path / "en" / "kuis.md").unlink()
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-quiz-missing", module_folder.path / "en", 1, "warning")


def test_not_utf8_is_reported_not_raised(read, module_folder):
    (module_folder.path / "02-periksa-dulu.md").write_bytes(b"---\ntitle: \xff\xfe\n---\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "unreadable", module_folder.path / "02-periksa-dulu.md", 1)


def test_messages_in_english_on_request(app, module_folder):
    from flask_babel import force_locale

    from literacy.content.source import read_paths

    module_folder.replace("module.md", "pillar: cakap", "pillar: kreatif")
    with app.test_request_context(), force_locale("en"):
        _, report = read_paths([module_folder.root])
        messages = [p.format() for p in report.problems]
    assert any("Unknown pillar 'kreatif'" in m for m in messages), messages


def test_symlinks_are_refused_so_no_server_file_can_be_published(read, module_folder, tmp_path):
    secret = tmp_path / "secret_key"
    secret.write_text("super secret")
    (module_folder.path / "media" / "peta.png").symlink_to(secret)
    (module_folder.path / "media" / "diagram.png").symlink_to("../../../secret_key")
    (module_folder.path / "03-lain.md").symlink_to(secret)
    (module_folder.root / "modul-tautan").symlink_to(module_folder.path)
    modules, report, _ = read(module_folder.root)
    for path in (module_folder.path / "media" / "peta.png", module_folder.path / "media" / "diagram.png",
                 module_folder.path / "03-lain.md", module_folder.root / "modul-tautan"):
        assert_problem(report, "symlink", path, 1)
    (module,) = modules
    assert set(module.media) == {"tiga-langkah.png"}


def test_media_must_really_be_an_image_of_its_type_and_small(read, module_folder):
    (module_folder.path / "media" / "palsu.png").write_text("<script>alert(1)</script>")
    (module_folder.path / "media" / "besar.jpg").write_bytes(b"\xff\xd8\xff" + b"0" * (600 * 1024))
    _, report, _ = read(module_folder.root)
    assert_problem(report, "media-content", module_folder.path / "media" / "palsu.png", 1)
    assert_problem(report, "media-size", module_folder.path / "media" / "besar.jpg", 1)

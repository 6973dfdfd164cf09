"""The second edition's checker warnings (issue 15), each with its code, file and line."""
from __future__ import annotations

import shutil

import pytest
from flask_babel import force_locale

from literacy.content.checks import MESSAGES

from .test_checker import assert_problem, problems

NEW_CODES = ["remember-box", "remember-items", "quiz-bank-small", "link-bare-domain", "lesson-too-long",
             "notes-missing", "image-english-variant"]
BOX = "::: ingat\n- Hoaks adalah kabar bohong yang dibuat seolah-olah benar."


def test_the_example_module_meets_the_second_edition(read, module_folder):
    _, report, _ = read(module_folder.root)
    assert [p.code for p in report.problems if p.code in NEW_CODES] == []


def test_a_lesson_without_a_remember_box_is_warned(read, module_folder):
    text = module_folder.read("01-apa-itu-hoaks.md")
    start, end = text.index("::: ingat"), text.index(":::\n\n## Sumber")
    module_folder.write("01-apa-itu-hoaks.md", text[:start] + text[end + 5:])
    _, report, messages = read(module_folder.root)
    assert_problem(report, "remember-box", module_folder.path / "01-apa-itu-hoaks.md", 7, "warning")
    assert any("punya 0 kotak '::: ingat'" in m for m in messages)


def test_two_remember_boxes_are_warned_at_the_second(read, module_folder):
    module_folder.replace("02-periksa-dulu.md", "::: peringatan", "::: ingat\n- satu\n- dua\n- tiga\n:::\n\n::: peringatan")
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("02-periksa-dulu.md", "- Periksa kabar di situs") - 1
    assert_problem(report, "remember-box", module_folder.path / "02-periksa-dulu.md", line, "warning")


@pytest.mark.parametrize("items, warned", [
    ("- satu\n- dua", True),
    ("- satu\n- dua\n- tiga\n- empat", True),
    ("Tanpa daftar, hanya kalimat.", True),
    ("- satu\n  - anak poin tidak dihitung\n- dua\n- tiga", False),
    ("1. satu\n2. dua\n3. tiga", False),
])
def test_the_remember_box_holds_exactly_three_points(read, module_folder, items, warned):
    text = module_folder.read("02-periksa-dulu.md")
    start = text.index("::: ingat\n") + len("::: ingat\n")
    module_folder.write("02-periksa-dulu.md", text[:start] + items + "\n:::\n")
    _, report, messages = read(module_folder.root)
    line = module_folder.line_of("02-periksa-dulu.md", "::: ingat")
    if warned:
        assert_problem(report, "remember-items", module_folder.path / "02-periksa-dulu.md", line, "warning")
    else:
        assert problems(report, "remember-items") == []


def test_the_english_remember_box_is_checked_too(read, module_folder):
    module_folder.replace("en/02-periksa-dulu.md", "- When in doubt, don't share.\n", "")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "remember-items", module_folder.path / "en" / "02-periksa-dulu.md",
                   module_folder.line_of("en/02-periksa-dulu.md", "::: remember"), "warning")


def test_a_lesson_over_700_words_is_warned_sources_not_counted(read, module_folder):
    filler = " ".join(["kata"] * 640)
    module_folder.replace("02-periksa-dulu.md", "::: peringatan", f"{filler}\n\n::: peringatan")
    _, report, _ = read(module_folder.root)
    assert problems(report, "lesson-too-long") == []  # about 690 words
    references = "\n".join(f"- [Sumber nomor {n} dengan judul yang panjang](https://contoh.id/halaman/{n})" for n in range(40))
    module_folder.write("02-periksa-dulu.md", module_folder.read("02-periksa-dulu.md") + "\n## Sumber\n\n" + references + "\n")
    _, report, _ = read(module_folder.root)
    assert problems(report, "lesson-too-long") == []  # 280 words of references do not count
    module_folder.replace("02-periksa-dulu.md", "::: peringatan", f"{' '.join(['lagi'] * 30)}\n\n::: peringatan")
    _, report, messages = read(module_folder.root)
    assert_problem(report, "lesson-too-long", module_folder.path / "02-periksa-dulu.md", 5, "warning")
    # 11 words of text (a link counts by its text), 8 in the warning box, 20 in the ingat box, 640 + 30 added
    assert any("berisi 709 kata" in m and "batasnya 700 kata" in m for m in messages)


@pytest.mark.parametrize("href, warned", [
    ("https://www.kominfo.go.id/", True),
    ("https://komdigi.go.id", True),
    ("http://aduankonten.id/", True),
    ("https://komdigi.go.id/berita/pengumuman/detail/contoh", False),
    ("https://peraturan.bpk.go.id/Details/274494/uu-no-1-tahun-2024", False),
    ("https://turnbackhoax.id/?p=123", False),
])
def test_a_sources_link_to_a_bare_domain_is_warned(read, module_folder, href, warned):
    module_folder.replace("01-apa-itu-hoaks.md", "(https://mafindo.or.id/tentang-mafindo)", f"({href})")
    _, report, messages = read(module_folder.root)
    found = problems(report, "link-bare-domain")
    if warned:
        assert_problem(report, "link-bare-domain", module_folder.path / "01-apa-itu-hoaks.md",
                       module_folder.line_of("01-apa-itu-hoaks.md", href), "warning")
        assert any(f"'{href}' hanya menuju halaman depan" in m for m in messages)
    else:
        assert found == []


def test_a_bare_domain_outside_the_sources_is_not_warned(read, module_folder):
    # lesson 02 links cekfakta.com in its body: a site to visit, not a source for a fact
    _, report, _ = read(module_folder.root)
    assert "https://cekfakta.com" in module_folder.read("02-periksa-dulu.md")
    assert problems(report, "link-bare-domain") == []


def test_the_english_sources_heading_is_checked(read, module_folder):
    module_folder.write("en/02-periksa-dulu.md", module_folder.read("en/02-periksa-dulu.md")
                        + "\n## Sources\n\n- [Komdigi](https://www.komdigi.go.id/)\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "link-bare-domain", module_folder.path / "en" / "02-periksa-dulu.md",
                   module_folder.line_of("en/02-periksa-dulu.md", "komdigi.go.id"), "warning")


def test_a_bank_under_20_questions_is_warned(read, module_folder):
    _, report, _ = read(module_folder.root)
    assert problems(report, "quiz-bank-small") == []  # 20 in the example
    text = module_folder.read("kuis.md")
    module_folder.write("kuis.md", text[: text.index("## Kamu belum bisa memastikan")])
    _, report, messages = read(module_folder.root)
    assert_problem(report, "quiz-bank-small", module_folder.path / "kuis.md", 7, "warning")
    assert any("Bank soal berisi 19 soal; minimal 20" in m for m in messages)


def test_a_module_without_facilitator_notes_is_warned(read, module_folder):
    (module_folder.path / "catatan-fasilitator.md").unlink()
    (module_folder.path / "en" / "catatan-fasilitator.md").unlink()
    _, report, _ = read(module_folder.root)
    assert_problem(report, "notes-missing", module_folder.path, 1, "warning")


def test_english_lessons_use_the_english_image_and_it_must_exist(read, module_folder):
    media = module_folder.path / "media"
    shutil.copy(media / "tiga-langkah.png", media / "tiga-langkah-en.png")
    _, report, messages = read(module_folder.root)
    path = module_folder.path / "en" / "01-apa-itu-hoaks.md"
    assert_problem(report, "image-english-variant", path, module_folder.line_of("en/01-apa-itu-hoaks.md", "tiga-langkah"),
                   "warning")
    assert any("Gunakan media/tiga-langkah-en.png" in m for m in messages)
    assert [p.path for p in problems(report, "image-english-variant")] == [str(path)]  # never the Indonesian lesson

    module_folder.replace("en/01-apa-itu-hoaks.md", "media/tiga-langkah.png", "media/tiga-langkah-en.png")
    _, report, _ = read(module_folder.root)
    assert problems(report, "image-english-variant") == [] and report.problems == []

    (media / "tiga-langkah-en.png").unlink()  # an image the English lesson references must exist
    _, report, _ = read(module_folder.root)
    assert_problem(report, "image-missing", path, module_folder.line_of("en/01-apa-itu-hoaks.md", "tiga-langkah-en"))


def test_every_new_warning_has_an_english_message(app):
    with app.test_request_context():
        for code in NEW_CODES:
            with force_locale("id"):
                indonesian = str(MESSAGES[code])
            with force_locale("en"):
                english = str(MESSAGES[code])
            assert english != indonesian and english.strip(), code


@pytest.mark.parametrize("href, warned", [("/lapor", False), ("/modul/kenali-hoaks", False),
                                          ("//contoh.id/lapor", True), ("02-periksa-dulu.md", True)])
def test_lessons_may_link_the_sites_own_pages_such_as_the_reporting_map(read, module_folder, href, warned):
    module_folder.replace("02-periksa-dulu.md", "::: peringatan", f"Lihat [Ke mana melapor]({href}).\n\n::: peringatan")
    _, report, _ = read(module_folder.root)
    assert bool(problems(report, "link-relative")) is warned

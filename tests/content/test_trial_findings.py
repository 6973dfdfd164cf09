"""What a partner's trial found: messages that point at the real cause, with the line and a suggestion."""
from __future__ import annotations

from .test_checker import assert_problem, problems


def _only(report, code):
    return [p for p in report.errors if p.code == code]


def test_an_unclosed_box_is_reported_where_it_was_opened(read, module_folder):
    module_folder.replace("01-apa-itu-hoaks.md", "meneruskan pesan.\n:::", "meneruskan pesan.\n\n::: peringatan\nAwas.\n:::")
    _, report, messages = read(module_folder.root)
    opened = module_folder.line_of("01-apa-itu-hoaks.md", "::: tips")
    following = module_folder.line_of("01-apa-itu-hoaks.md", "::: peringatan")
    assert_problem(report, "callout-unclosed-before", module_folder.path / "01-apa-itu-hoaks.md", opened)
    assert any(f"belum ditutup ketika kotak berikutnya dibuka di baris {following}" in m for m in messages)
    assert [p.code for p in report.errors] == ["callout-unclosed-before"]


def test_a_box_name_in_capitals_says_names_are_lowercase(read, module_folder):
    module_folder.replace("01-apa-itu-hoaks.md", "::: tips", "::: Tips")
    _, report, messages = read(module_folder.root)
    assert [p.code for p in report.errors] == ["callout-misspelled"]  # and its ':::' is not called stray
    assert any("Maksudnya '::: tips'? Nama kotak ditulis dengan huruf kecil." in m for m in messages)
    module_folder.replace("01-apa-itu-hoaks.md", "::: Tips", "::: peringatn")
    _, _, messages = read(module_folder.root)
    assert any("Maksudnya '::: peringatan'?" in m for m in messages)


def test_feedback_not_indented_is_the_error_not_one_option_or_no_answer(read, module_folder):
    module_folder.replace("kuis.md", "  > Niatnya baik", "> Niatnya baik")
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("kuis.md", "> Niatnya baik")
    assert_problem(report, "feedback-indent", module_folder.path / "kuis.md", line)
    assert not _only(report, "question-one-option") and not _only(report, "question-no-answer")


def test_an_option_without_a_space_after_the_dash(read, module_folder):
    module_folder.replace("kuis.md", "- [ ] Membalas pengirimnya", "-[ ] Membalas pengirimnya")
    _, report, messages = read(module_folder.root)
    assert_problem(report, "option-no-space", module_folder.path / "kuis.md",
                   module_folder.line_of("kuis.md", "-[ ] Membalas"))
    assert any("bukan '-[x]'" in m for m in messages)


def test_a_media_name_with_a_space_says_so(read, module_folder):
    (module_folder.path / "media" / "tiga-langkah.png").rename(module_folder.path / "media" / "tiga langkah.png")
    module_folder.replace("01-apa-itu-hoaks.md", "(media/tiga-langkah.png)", "(media/tiga langkah.png)")
    _, report, messages = read(module_folder.root)
    assert_problem(report, "media-name-space", module_folder.path / "media" / "tiga langkah.png", 1)
    assert_problem(report, "media-name-space", module_folder.path / "01-apa-itu-hoaks.md",
                   module_folder.line_of("01-apa-itu-hoaks.md", "media/tiga langkah.png"))
    assert any("misalnya 'tiga-langkah.png'" in m for m in messages)
    assert problems(report, "unknown-file") == []


def test_curly_quotes_from_a_word_processor(read, module_folder):
    module_folder.replace("module.md", "summary: Contoh", "summary: “Contoh")
    module_folder.replace("module.md", "untuk panduan penulis tentang cara mengenali hoaks.",
                          "untuk panduan penulis: cara mengenali hoaks.”")
    _, report, messages = read(module_folder.root)
    assert_problem(report, "yaml-curly-quotes", module_folder.path / "module.md",
                   module_folder.line_of("module.md", "summary:"))
    assert any("Word atau Google Docs" in m for m in messages)


def test_a_misspelled_field_gets_a_suggestion(read, module_folder):
    module_folder.replace("module.md", "summary:", "sumary:")
    _, report, messages = read(module_folder.root)
    assert_problem(report, "field-misspelled", module_folder.path / "module.md",
                   module_folder.line_of("module.md", "sumary:"), "warning")
    assert any("Maksudnya 'summary'?" in m for m in messages)


def test_a_bad_value_is_quoted(read, module_folder):
    module_folder.replace("module.md", "duration_minutes: 20", "duration_minutes: dua puluh")
    _, _, messages = read(module_folder.root)
    assert any("harus berisi bilangan bulat, bukan 'dua puluh'." in m for m in messages)


def test_a_path_that_does_not_exist_says_so(read, tmp_path):
    _, report, messages = read(tmp_path / "tidak-ada")
    assert_problem(report, "path-missing", tmp_path / "tidak-ada", 1)
    assert any("tidak ada. Periksa ejaannya" in m for m in messages)

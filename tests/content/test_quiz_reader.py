"""The quiz-file reader on every form ``docs/panduan-penulis.md`` describes or warns about, called
directly: what it keeps (key, kind, right answers, feedback, explanation) and what it reports."""
from __future__ import annotations

from pathlib import Path

import pytest

from literacy.content.checks import ERROR, WARNING, Report
from literacy.content.frontmatter import Document
from literacy.content.quizzes import read_questions

M = "kenali-hoaks"
GOOD = """## Dimas menerima pesan berantai. Apa yang sebaiknya ia lakukan? {#pesan-berantai}

- [ ] Langsung menyebarkannya
  > Pesan yang mendesak disebar adalah ciri umum hoaks.
- [x] Memeriksa klaimnya di situs cek fakta
- [ ] Membalas pengirimnya dengan marah

> Pesan yang mendesak untuk segera disebarkan adalah salah satu ciri hoaks.
"""


def read(body: str, language: str = "id", media=frozenset()):
    report = Report()
    document = Document(path=Path("m/kuis.md"), text=body, meta={}, field_lines={}, body_line=1)
    questions = read_questions(document, report, set(media), M, language)
    return questions, [(p.severity, p.code, p.line, p.params) for p in report.problems]


def codes(problems):
    return [(severity, code) for severity, code, _line, _params in problems]


def test_a_well_formed_question_is_read_whole():
    (question,), problems = read(GOOD)
    assert problems == []
    assert (question.key, question.kind, question.correct, question.option_count, question.line) == \
        ("pesan-berantai", "single", (1,), 3, 1)
    text = question.texts["id"]
    assert text.prompt_html == "Dimas menerima pesan berantai. Apa yang sebaiknya ia lakukan?"
    assert [o["html"] for o in text.options] == ["Langsung menyebarkannya", "Memeriksa klaimnya di situs cek fakta",
                                                 "Membalas pengirimnya dengan marah"]
    assert [o["feedback_html"] for o in text.options] == [
        "<p>Pesan yang mendesak disebar adalah ciri umum hoaks.</p>\n", "", ""]
    assert text.explanation_html == "<p>Pesan yang mendesak untuk segera disebarkan adalah salah satu ciri hoaks.</p>\n"
    assert text.context_html == ""


def test_a_scenario_paragraph_becomes_the_context():
    body = GOOD.replace("\n\n- [ ]", "\n\nJudulnya berbunyi \"Sekolah libur!\".\n\nLagi.\n\n- [ ]", 1)
    (question,), problems = read(body)
    assert problems == []
    assert question.texts["id"].context_html == "<p>Judulnya berbunyi \"Sekolah libur!\".</p>\n<p>Lagi.</p>\n"


def test_a_capital_x_marks_a_right_answer_and_several_make_choose_all():
    body = "## Pilih semua yang benar. {#ciri}\n\n- [X] Satu\n- [ ] Dua\n- [x] Tiga\n\n> Ya.\n"
    (question,), problems = read(body)
    assert problems == [] and question.kind == "multiple" and question.correct == (0, 2)


@pytest.mark.parametrize("options, language, kind", [
    ("- [ ] Benar\n- [x] Salah", "id", "truefalse"),
    ("- [x] benar\n- [ ] SALAH", "id", "truefalse"),
    ("- [x] True\n- [ ] False", "en", "truefalse"),
    ("- [x] Salah\n- [ ] Benar", "id", "single"),
    ("- [x] Benar\n- [ ] Salah\n- [ ] Mungkin", "id", "single"),
    ("- [x] Benar\n- [x] Salah", "id", "truefalse"),
])
def test_true_false_is_exactly_benar_then_salah(options, language, kind):
    (question,), problems = read(f"## Foto itu asli. {{#foto}}\n\n{options}\n\n> Ya.\n", language)
    assert question.kind == kind


def test_numbered_options_and_options_over_several_lines_are_read():
    body = "## Soal {#soal}\n\n1. [ ] Satu\n   lanjut\n2. [x] Dua\n\n> Ya.\n"
    (question,), problems = read(body)
    assert problems == [] and question.correct == (1,)
    assert question.texts["id"].options[0]["html"] == "Satu\nlanjut"


@pytest.mark.parametrize("body", ["", "\n\n", "Hanya teks pengantar.\n"])
def test_a_quiz_without_questions_is_an_error(body):
    questions, problems = read(body)
    assert questions == []
    assert (ERROR, "quiz-empty") in codes(problems)


def test_text_before_the_first_question_is_ignored_with_one_warning():
    questions, problems = read("Pengantar.\n\nLagi.\n\n- daftar\n\n" + GOOD)
    assert [q.key for q in questions] == ["pesan-berantai"]
    assert problems == [(WARNING, "quiz-text-outside", 1, {})]


@pytest.mark.parametrize("heading", ["#", "###", "####"])
def test_questions_need_a_level_two_heading(heading):
    questions, problems = read(GOOD.replace("## ", f"{heading} ", 1))
    assert questions == []
    assert (ERROR, "quiz-heading-level", 1, {}) in problems


@pytest.mark.parametrize("heading", ["## Soal tanpa kunci", "## Soal {#Kunci_Besar}", "## Soal {#}",
                                     "## Soal {#-awal}", "## Soal {#dua--strip}", "## Soal {#akhir-}",
                                     "## Soal {#ada spasi}"])
def test_a_question_without_a_valid_key_is_an_error_and_left_out(heading):
    questions, problems = read(GOOD.replace("## Dimas menerima pesan berantai. Apa yang sebaiknya ia lakukan? "
                                            "{#pesan-berantai}", heading))
    assert questions == []
    assert codes(problems) == [(ERROR, "question-key")]


def test_a_key_with_spaces_inside_the_braces_is_trimmed():
    (question,), problems = read(GOOD.replace("{#pesan-berantai}", "{# pesan-berantai }"))
    assert problems == [] and question.key == "pesan-berantai"


def test_a_duplicate_key_is_an_error_naming_the_first_line():
    second = GOOD.replace("Dimas", "Sari")
    questions, problems = read(GOOD + "\n" + second)
    assert [q.key for q in questions] == ["pesan-berantai"]
    assert problems == [(ERROR, "question-key-duplicate", 10, {"key": "pesan-berantai", "other": 1})]


def test_a_question_without_words_is_an_error():
    questions, problems = read(GOOD.replace("Dimas menerima pesan berantai. Apa yang sebaiknya ia lakukan? ", ""))
    assert (ERROR, "question-text", 1, {}) in problems


def test_a_question_without_options_is_an_error():
    questions, problems = read("## Soal {#soal}\n\nHanya skenario.\n\n> Penjelasan.\n")
    assert questions == []
    assert (ERROR, "question-no-options", 1, {"key": "soal"}) in problems


def test_one_option_is_an_error():
    questions, problems = read("## Soal {#soal}\n\n- [x] Satu-satunya\n\n> Ya.\n")
    assert questions == []
    assert problems == [(ERROR, "question-one-option", 1, {"key": "soal", "count": 1})]


def test_no_right_answer_is_an_error():
    questions, problems = read("## Soal {#soal}\n\n- [ ] Satu\n- [ ] Dua\n\n> Ya.\n")
    assert questions == []
    assert problems == [(ERROR, "question-no-answer", 1, {"key": "soal"})]


@pytest.mark.parametrize("option", ["- Satu", "- (x) Satu", "- [x]Satu", "- [v] Satu", "- [] Satu"])
def test_an_option_without_a_checkbox_is_an_error(option):
    questions, problems = read(f"## Soal {{#soal}}\n\n{option}\n- [x] Dua\n- [ ] Tiga\n\n> Ya.\n")
    assert problems == [(ERROR, "option-checkbox", 3, {})]  # the error stops the import
    (question,) = questions  # the option is left out; the others are read
    assert (question.option_count, question.correct) == (2, (0,))


@pytest.mark.parametrize("option", ["- [ ]", "- [x]", "- [ ]   "])
def test_an_empty_option_is_an_error(option):
    questions, problems = read(f"## Soal {{#soal}}\n\n{option}\n- [x] Dua\n- [ ] Tiga\n\n> Ya.\n")
    assert problems == [(ERROR, "option-empty", 3, {})]
    assert [q.option_count for q in questions] == [2]


def test_a_question_without_an_explanation_is_kept_with_a_warning():
    (question,), problems = read("## Soal {#soal}\n\n- [x] Satu\n- [ ] Dua\n")
    assert problems == [(WARNING, "question-explanation", 1, {"key": "soal"})]
    assert question.texts["id"].explanation_html == ""


@pytest.mark.parametrize("quote", [">", ">   ", ">\n>", "  >"])
def test_an_empty_explanation_quote_is_warned_about_like_a_missing_one(quote):
    (question,), problems = read(f"## Soal {{#soal}}\n\n- [x] Satu\n- [ ] Dua\n\n{quote}\n")
    assert problems == [(WARNING, "question-explanation", 1, {"key": "soal"})]
    assert question.texts["id"].explanation_html == ""


@pytest.mark.parametrize("first, second", [("- [ ] Satu", "- [x] Dua"), ("1. [ ] Satu", "2. [x] Dua")])
def test_feedback_that_is_not_indented_is_named_where_it_is(first, second):
    """Not "only 1 option" and "no right answer" at the question: the partner trial's finding."""
    body = f"## Soal {{#soal}}\n\n{first}\n> Umpan balik tanpa indentasi.\n{second}\n\n> Ya.\n"
    questions, problems = read(body)
    assert questions == []
    assert problems == [(ERROR, "feedback-indent", 4, {})]


def test_content_after_the_explanation_is_ignored_with_a_warning():
    (question,), problems = read(GOOD + "\nParagraf tambahan.\n\n```\nkode\n```\n")
    assert [code for _s, code, _l, _p in problems] == ["question-extra", "question-extra"]
    assert problems[0][3] == {"key": "pesan-berantai"}
    assert question.texts["id"].explanation_html.startswith("<p>Pesan yang mendesak")


def test_a_second_list_or_quote_before_the_options_is_extra():
    body = "## Soal {#soal}\n\n> Kutipan sebelum pilihan.\n\n- [x] Satu\n- [ ] Dua\n\n> Ya.\n\n> Lagi.\n"
    (question,), problems = read(body)
    assert [code for _s, code, _l, _p in problems] == ["question-extra", "question-extra"]
    assert question.texts["id"].explanation_html == "<p>Ya.</p>\n"


def test_options_and_prompts_are_sanitised_and_media_is_the_modules():
    body = ("## Lihat ![x](media/a.png) <b>ini</b> {#soal}\n\n- [x] [tautan](javascript:alert(1))\n"
            "- [ ] ![y](https://jahat.example/y.png)\n\n> Ya.\n")
    (question,), _problems = read(body, media={"a.png"})
    text = question.texts["id"]
    assert text.prompt_html == f'Lihat <img src="/modul/{M}/media/a.png" alt="x"> &lt;b&gt;ini&lt;/b&gt;'
    assert text.options[0]["html"] == '[tautan](javascript:alert(1))'
    assert text.options[1]["html"] == '<img alt="y">'


def test_an_option_may_show_the_modules_own_image():
    body = "## Soal {#soal}\n\n- [x] ![gambar](media/a.png)\n- [ ] Dua\n\n> Ya.\n"
    (question,), problems = read(body, media={"a.png"})
    assert problems == []
    assert question.texts["id"].options[0]["html"] == f'<img src="/modul/{M}/media/a.png" alt="gambar">'


def test_an_empty_explanation_quote_does_not_swallow_the_next_question():
    body = "## A {#a}\n\n- [x] Ya\n- [ ] Tidak\n\n>\n\n## B {#b}\n\n- [x] Ya\n- [ ] Tidak\n\n> Oke.\n"
    questions, problems = read(body)
    assert [(q.key, q.line) for q in questions] == [("a", 1), ("b", 8)]
    assert problems == [(WARNING, "question-explanation", 1, {"key": "a"})]  # only the empty one
    assert [q.texts["id"].explanation_html for q in questions] == ["", "<p>Oke.</p>\n"]


def test_space_a_word_processor_leaves_around_words_is_not_text():
    # a no-break space (what a word processor often pastes) around a prompt or as the whole of it
    (question,), problems = read("## \u00a0 Soal {#k}\n\n- [x] Ya\n- [ ] Tidak\n\n> Oke.\n")
    assert question.texts["id"].prompt_html == "Soal" and problems == []
    questions, problems = read("## \u00a0\n\n- [x] Ya\n- [ ] Tidak\n\n> Oke.\n")
    assert questions == [] and codes(problems) == [(ERROR, "question-key"), (ERROR, "question-text")]


def test_an_options_text_may_start_on_the_next_line():
    (question,), problems = read("## Soal {#k}\n\n- [x]\n  Satu\n- [ ] Dua  \n  \n\n> Oke.\n")
    assert [o["html"] for o in question.texts["id"].options] == ["Satu", "Dua"] and problems == []


def test_a_list_inside_an_option_stays_part_of_its_text():
    (question,), problems = read("## S {#s}\n\n- [x] A\n  - sub\n- [ ] B\n\n> Oke.\n")
    assert [o["html"] for o in question.texts["id"].options] == ["A\n- sub", "B"] and problems == []


def test_a_second_list_right_after_the_options_is_extra_not_more_options():
    # markdown starts a new list when the marker changes from "-" to "1."
    (question,), problems = read("## S {#s}\n\n- [x] A\n- [ ] B\n\n1. [ ] C\n\n> Oke.\n")
    assert [o["html"] for o in question.texts["id"].options] == ["A", "B"]
    assert problems == [(WARNING, "question-extra", 6, {"key": "s"})]


def test_a_list_after_the_explanation_of_a_question_without_options_is_extra():
    questions, problems = read("## S {#s}\n\n- Satu\n\n> Penjelasan.\n\n- [x] Dua\n")
    assert questions == []
    assert problems == [(ERROR, "option-checkbox", 3, {}), (WARNING, "question-extra", 7, {"key": "s"}),
                        (ERROR, "question-no-options", 1, {"key": "s"})]


def test_feedback_continued_without_a_quote_mark_stays_feedback():
    (question,), problems = read("## S {#s}\n\n- [x] A\n  > umpan\n  lanjut\n- [ ] B\n\n> Oke.\n")
    assert question.texts["id"].options[0] == {"html": "A", "feedback_html": "<p>umpan\nlanjut</p>\n"}
    assert problems == []


def test_a_paragraph_after_the_options_is_not_the_explanation():
    (question,), problems = read("## S {#s}\n\n- [x] A\n- [ ] B\n\nBukan kutipan.\n")
    assert question.texts["id"].explanation_html == ""
    assert problems == [(WARNING, "question-extra", 6, {"key": "s"}), (WARNING, "question-explanation", 1, {"key": "s"})]


def test_several_questions_keep_their_order_and_lines():
    second = "## Soal dua {#dua}\n\n- [ ] A\n- [x] B\n\n> Ya.\n"
    questions, problems = read(GOOD + "\n" + second)
    assert problems == []
    assert [(q.key, q.line) for q in questions] == [("pesan-berantai", 1), ("dua", 10)]


def test_feedback_explanation_and_scenario_over_several_lines():
    body = ("## Soal {#soal}\n\nBaris satu\nbaris dua.\n\n- [ ] Satu\n  > Umpan satu\n  > umpan dua.\n- [x] Dua\n\n"
            "> Penjelasan satu\n> penjelasan dua.\n")
    (question,), problems = read(body)
    text = question.texts["id"]
    assert problems == []
    assert text.context_html == "<p>Baris satu\nbaris dua.</p>\n"
    assert text.options[0]["feedback_html"] == "<p>Umpan satu\numpan dua.</p>\n"
    assert text.explanation_html == "<p>Penjelasan satu\npenjelasan dua.</p>\n"


def test_the_front_matter_is_not_text_outside_a_question():
    body = "---\ntitle: Kuis Kenali Hoaks\n---\n\n" + GOOD
    report = Report()
    document = Document(path=Path("m/kuis.md"), text=body, meta={"title": "Kuis"}, field_lines={"title": 2},
                        body_line=4)
    (question,) = read_questions(document, report, set(), M, "id")
    assert report.problems == [] and question.line == 5


def test_a_question_without_a_key_is_named_with_a_question_mark():
    questions, problems = read("## Soal tanpa kunci\n\nSkenario.\n\n> Penjelasan.\n\n> Lagi.\n")
    assert questions == []
    assert problems == [(ERROR, "question-key", 1, {}), (WARNING, "question-extra", 5, {"key": "?"}),
                        (WARNING, "question-extra", 7, {"key": "?"}), (ERROR, "question-no-options", 1, {"key": "?"})]


def test_an_empty_file_reports_at_the_first_line_of_the_body():
    report = Report()
    document = Document(path=Path("m/kuis.md"), text="---\ntitle: x\n---\n\n", meta={}, field_lines={}, body_line=4)
    assert read_questions(document, report, set(), M, "id") == []
    assert [(p.code, p.line) for p in report.problems] == [("quiz-empty", 4)]


def test_a_quiz_file_is_not_checked_for_a_lessons_heading_order():
    """Headings in a quiz are questions: an ``#`` or a ``####`` is named once, as a quiz heading, not
    again by the lesson checks (a title in ``#``, no level skipped)."""
    questions, problems = read("# Kuis hoaks\n\n" + GOOD + "\n#### Catatan\n")
    assert [q.key for q in questions] == ["pesan-berantai"]
    assert codes(problems) == [(ERROR, "quiz-heading-level"), (ERROR, "quiz-heading-level")]

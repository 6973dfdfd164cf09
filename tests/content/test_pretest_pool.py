"""The separate pre-test pool (tes-awal.md, issue 15): read, checked, imported, drawn from."""
from __future__ import annotations

import random

import pytest
from sqlalchemy import select

from literacy.catalog.models import Module, Question, QuestionText
from literacy.content.services import import_paths
from literacy.database import write_transaction
from literacy.extensions import db as _db
from literacy.learning import quiz
from literacy.learning.models import PRETEST, QUIZ

from ..learning.conftest import right_answers
from .test_checker import assert_problem, problems

POOL_KEYS = ["awal-pesan-suara", "awal-video-viral", "awal-periksa-berita"]
QUIZ_KEYS = ["pesan-berantai", "foto-viral", "ciri-hoaks", "judul-mengejutkan"]  # the first 4 of the bank's 20


def test_the_pool_is_read_apart_from_the_quiz_and_translated(read, module_folder):
    modules, report, _ = read(module_folder.root)
    assert report.problems == []
    (module,) = modules
    assert [q.key for q in module.quiz.questions][:4] == QUIZ_KEYS and len(module.quiz.questions) == 20
    assert [q.key for q in module.quiz.pretest] == POOL_KEYS
    assert {q.pool for q in module.quiz.questions} == {"quiz"}
    assert {q.pool for q in module.quiz.pretest} == {"pretest"}
    assert [q.kind for q in module.quiz.pretest] == ["single", "truefalse", "multiple"]
    assert all(set(q.texts) == {"id", "en"} for q in module.quiz.pretest)
    assert module.quiz.titles == {"id": "Kuis Kenali Hoaks", "en": "Spotting Hoaxes Quiz"}  # the quiz's, not the pool's


def test_a_pool_key_that_the_quiz_uses_is_an_error(read, module_folder):
    module_folder.replace("tes-awal.md", "{#awal-video-viral}", "{#foto-viral}")
    modules, report, messages = read(module_folder.root)
    line = module_folder.line_of("tes-awal.md", "{#foto-viral}")
    assert_problem(report, "pretest-key-duplicate", module_folder.path / "tes-awal.md", line)
    quiz_line = module_folder.line_of("kuis.md", "{#foto-viral}")
    assert any(f"'foto-viral' sudah dipakai di kuis.md baris {quiz_line}" in m for m in messages)
    assert modules[0].quiz.pretest and "foto-viral" not in [q.key for q in modules[0].quiz.pretest]


def test_a_key_repeated_inside_the_pool_is_an_error(read, module_folder):
    module_folder.replace("tes-awal.md", "{#awal-video-viral}", "{#awal-pesan-suara}")
    _, report, _ = read(module_folder.root)
    line = module_folder.line_of("tes-awal.md", "Video yang ditonton")
    assert_problem(report, "question-key-duplicate", module_folder.path / "tes-awal.md", line)


def test_the_pre_test_draw_is_checked_against_the_pool_not_the_bank(read, module_folder):
    module_folder.replace("kuis.md", "pretest_questions: 2", "pretest_questions: 4")  # 4 in kuis.md, 3 in the pool
    _, report, messages = read(module_folder.root)
    assert_problem(report, "pretest-draw-too-many", module_folder.path / "kuis.md",
                   module_folder.line_of("kuis.md", "pretest_questions:"))
    assert problems(report, "quiz-draw-too-many") == []
    assert any("tes-awal.md (3)" in m for m in messages)


def test_a_pool_larger_than_the_quiz_bank_may_feed_a_larger_pre_test(read, module_folder):
    module_folder.replace("kuis.md", "pretest_questions: 2", "pretest_questions: 3")
    text = module_folder.read("kuis.md")
    module_folder.write("kuis.md", text[: text.index("## Mana saja ciri")].replace("questions_per_attempt: 3", "questions_per_attempt: 2"))
    en = module_folder.read("en/kuis.md")
    module_folder.write("en/kuis.md", en[: en.index("## Which are signs")])
    modules, report, _ = read(module_folder.root)
    assert [p.code for p in report.problems] == ["quiz-bank-small"]  # a warning; the draw sizes are fine
    assert (len(modules[0].quiz.questions), modules[0].quiz.pretest_questions) == (2, 3)


def test_a_pool_without_a_quiz_is_an_error(read, module_folder):
    (module_folder.path / "kuis.md").unlink()
    (module_folder.path / "en" / "kuis.md").unlink()
    module_folder.replace("module.md", "pass_mark: 70", "pass_mark: 70\ncertificate: false")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "pretest-without-quiz", module_folder.path / "tes-awal.md", 1)


def test_the_pool_takes_a_title_only(read, module_folder):
    module_folder.replace("tes-awal.md", "title: Tes Awal Kenali Hoaks\n", "title: Tes Awal\npretest_questions: 3\n")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "field-unknown", module_folder.path / "tes-awal.md", 3, "warning")
    module_folder.replace("tes-awal.md", "title: Tes Awal\n", "")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "field-missing", module_folder.path / "tes-awal.md", 1)


ENGLISH_CASES = [
    ("- [ ] Delete it without telling anyone", "- [x] Delete it without telling anyone",
     "translation-question-mismatch", "{#awal-pesan-suara}", "error"),
    ("- [ ] How many emoji are in the headline\n  > Emoji tell you nothing about whether a story is true.\n", "",
     "translation-question-mismatch", "{#awal-periksa-berita}", "error"),  # one option fewer
    ("{#awal-video-viral}", "{#foto-viral}", "translation-question-extra", "{#foto-viral}", "error"),  # a quiz key
]


@pytest.mark.parametrize("old, new, code, where, severity", ENGLISH_CASES, ids=[c[2] for c in ENGLISH_CASES])
def test_the_english_pool_has_the_same_keys_options_order_and_answers(read, module_folder, old, new, code, where,
                                                                      severity):
    module_folder.replace("en/tes-awal.md", old, new)
    _, report, _ = read(module_folder.root)
    path = module_folder.path / "en" / "tes-awal.md"
    assert_problem(report, code, path, module_folder.line_of("en/tes-awal.md", where), severity)


def test_the_english_pool_with_options_reordered_is_a_mismatch(read, module_folder):
    module_folder.replace("en/tes-awal.md", "- [ ] True\n  > How many people watched it proves nothing about what it shows.\n- [x] False",
                          "- [x] False\n- [ ] True\n  > How many people watched it proves nothing about what it shows.")
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-question-mismatch", module_folder.path / "en" / "tes-awal.md",
                   module_folder.line_of("en/tes-awal.md", "{#awal-video-viral}"))


def test_an_untranslated_pool_question_or_file_is_a_warning(read, module_folder):
    en = module_folder.read("en/tes-awal.md")
    module_folder.write("en/tes-awal.md", en[: en.index("## What should you check")])
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-question-missing", module_folder.path / "en" / "tes-awal.md", 1, "warning")
    (module_folder.path / "en" / "tes-awal.md").unlink()
    _, report, messages = read(module_folder.root)
    assert_problem(report, "translation-quiz-missing", module_folder.path / "en", 1, "warning")
    assert any("en/tes-awal.md" in m for m in messages)


def test_an_english_pool_without_an_indonesian_one_is_an_orphan(read, module_folder):
    (module_folder.path / "tes-awal.md").unlink()
    _, report, _ = read(module_folder.root)
    assert_problem(report, "translation-orphan", module_folder.path / "en" / "tes-awal.md", 1)


def test_tes_awal_is_never_taken_for_a_lesson(read, module_folder):
    modules, report, _ = read(module_folder.root)
    assert "tes-awal" not in [lesson.slug for lesson in modules[0].lessons]
    assert problems(report, "lesson-filename") == [] and problems(report, "unknown-file") == []


# --- importing and drawing ---------------------------------------------------------------------

def _import(folder):
    result, report = import_paths([str(folder)])
    assert report.errors == [], report.problems
    _db.session.remove()
    return result


def _questions():
    return {q.key: (q.id, q.pool, q.retired_at is not None) for q in _db.session.scalars(select(Question))}


def test_pool_questions_are_imported_flagged_and_keep_their_identity(db, module_folder):
    _import(module_folder.root)
    before = _questions()
    pools = {k: v[1] for k, v in before.items()}
    assert len(pools) == 23 and {pools[k] for k in QUIZ_KEYS} == {"quiz"} and {pools[k] for k in POOL_KEYS} == {"pretest"}
    assert list(pools.values()).count("pretest") == 3
    english = _db.session.scalar(select(QuestionText).join(Question).where(
        Question.key == "awal-video-viral", QuestionText.language == "en"))
    assert "millions of times" in english.prompt_html

    # an edit keeps every row; a question gone from the pool is retired, not deleted; it comes back as itself
    module_folder.replace("tes-awal.md", "ditonton jutaan kali", "ditonton ratusan ribu kali")
    text, en = module_folder.read("tes-awal.md"), module_folder.read("en/tes-awal.md")
    module_folder.write("tes-awal.md", text[: text.index("## Mana saja yang perlu")])
    module_folder.write("en/tes-awal.md", en[: en.index("## What should you check")])
    assert _import(module_folder.root).updated == ["kenali-hoaks"]
    after = _questions()
    assert {k: v[0] for k, v in after.items()} == {k: v[0] for k, v in before.items()}
    assert after["awal-periksa-berita"][2] is True and after["awal-video-viral"][2] is False

    # moving a question from the quiz into the pool keeps its row and changes its pool
    module_folder.write("tes-awal.md", text)
    module_folder.write("en/tes-awal.md", en)
    quiz_text = module_folder.read("kuis.md")
    moved = quiz_text[quiz_text.index("## Nadia melihat"):]
    module_folder.write("kuis.md", quiz_text[: quiz_text.index("## Nadia melihat")])
    module_folder.write("tes-awal.md", text + "\n" + moved)
    en_quiz = module_folder.read("en/kuis.md")
    module_folder.write("en/kuis.md", en_quiz[: en_quiz.index("## Nadia sees")])
    module_folder.write("en/tes-awal.md", en + "\n" + en_quiz[en_quiz.index("## Nadia sees"):])
    _import(module_folder.root)
    final = _questions()
    assert final["judul-mengejutkan"] == (before["judul-mengejutkan"][0], "pretest", False)
    assert final["awal-periksa-berita"][2] is False


@pytest.fixture
def imported(db, module_folder, make_user):
    _import(module_folder.root)
    return _db.session.scalar(select(Module)), make_user("nadia_makassar", birth_year=2012)


def _pools(attempt):
    return {_db.session.get(Question, qid).pool for qid in attempt.question_ids}


def test_the_pre_test_draws_only_from_the_pool_and_the_quiz_never_does(imported):
    module, _ = imported
    pool_ids = set(_db.session.scalars(select(Question.id).where(Question.pool == "pretest")))
    for seed in range(15):
        drawn = quiz._draw(1, module, PRETEST, random.Random(seed))
        assert len(drawn.question_ids) == 2 and set(drawn.question_ids) <= pool_ids
        drawn = quiz._draw(1, module, QUIZ, random.Random(seed))
        assert len(drawn.question_ids) == 3 and not set(drawn.question_ids) & pool_ids


def test_a_student_takes_the_pre_test_from_the_pool_then_the_quiz_from_the_bank(imported):
    module, student_id = imported
    pre = quiz.start_attempt(student_id, module, PRETEST)
    assert _pools(pre) == {"pretest"}
    quiz.submit(pre, right_answers(pre), module)
    post = quiz.start_attempt(student_id, module)
    assert post.kind == QUIZ and _pools(post) == {"quiz"}


def test_without_a_pool_the_pre_test_draws_from_the_quiz_bank(db, module_folder, make_user):
    (module_folder.path / "tes-awal.md").unlink()
    (module_folder.path / "en" / "tes-awal.md").unlink()
    _import(module_folder.root)
    module = _db.session.scalar(select(Module))
    assert _pools(quiz._draw(1, module, PRETEST, random.Random(3))) == {"quiz"}


def test_an_open_quiz_whose_question_moved_into_the_pool_starts_afresh(imported):
    module, student_id = imported
    attempt = quiz.start_attempt(student_id, module, rng=random.Random(5))
    token, moved = attempt.token, _db.session.get(Question, attempt.question_ids[0])
    with write_transaction() as session:
        session.get(Question, moved.id).pool = "pretest"
    fresh = quiz.start_attempt(student_id, module)
    assert fresh.token != token and moved.id not in fresh.question_ids

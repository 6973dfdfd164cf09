"""The second edition's measures over the bundled course (issue 15): banks, balance, new files."""
from __future__ import annotations

from pathlib import Path

import pytest

from literacy.content.source import NOTES_FILE, PRETEST_FILE, read_paths
from literacy.content.vocabulary import MIN_QUIZ_BANK

CONTENT = Path(__file__).resolve().parents[2] / "content"


@pytest.fixture(scope="module")
def modules():
    from literacy import create_app
    from literacy.config import TestingConfig

    with create_app(TestingConfig, DATABASE_URL="sqlite://").test_request_context():
        found, _report = read_paths([CONTENT])
    assert len(found) >= 14
    return found


def test_every_bank_holds_at_least_20_questions(modules):
    small = {m.slug: len(m.quiz.questions) if m.quiz else 0 for m in modules}
    assert {slug: n for slug, n in small.items() if n < MIN_QUIZ_BANK} == {}


def test_true_false_answers_are_balanced_across_the_course(modules):
    """The right answer is "Benar" (the first option) in 40% to 60% of all true/false questions."""
    answers = [q.correct == (0,) for m in modules if m.quiz
               for q in m.quiz.questions + m.quiz.pretest if q.kind == "truefalse"]
    assert answers, "no true/false questions"
    share = sum(answers) / len(answers)
    assert 0.4 <= share <= 0.6, f"Benar is right in {sum(answers)} of {len(answers)} ({share:.0%})"


def test_every_module_has_a_pre_test_pool_and_facilitator_notes(modules):
    missing = {m.slug: [name for name in (PRETEST_FILE, NOTES_FILE) if not (Path(m.path) / name).is_file()]
               for m in modules}
    assert {slug: names for slug, names in missing.items() if names} == {}
    assert [m.slug for m in modules if not (m.quiz and m.quiz.pretest and "id" in m.notes)] == []


def test_no_question_repeats_the_hint_the_page_adds():
    """The quiz page and the handout print "Pilih semua yang benar." / "Choose all that apply."
    under every choose-all question; written in the question too, students read it twice."""
    hints = ("Pilih semua yang benar", "Choose all that apply")
    repeated = [f"{path.relative_to(CONTENT)}:{number}" for name in ("kuis.md", "tes-awal.md")
                for path in sorted(CONTENT.rglob(name))
                for number, line in enumerate(path.read_text().splitlines(), 1)
                if line.startswith("## ") and any(hint in line for hint in hints)]
    assert sorted(CONTENT.rglob("kuis.md")) and repeated == []

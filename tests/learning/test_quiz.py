"""The quiz engine as a service: draws, shuffles, submission once, retries, pre/post gain."""
from __future__ import annotations

import random
import threading
from datetime import timedelta

import pytest
from sqlalchemy import func, select, update

from literacy.catalog.models import Module, Question
from literacy.database import write_transaction
from literacy.extensions import db
from literacy.learning import quiz
from literacy.learning.models import PRETEST, LearningEvent, QuizAttempt
from literacy.learning.services import module_statuses

from ..content.conftest import EXAMPLE
from .conftest import right_answers, wrong_answers


def test_an_attempt_draws_the_configured_number_and_fixes_its_order(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module, rng=random.Random(1))
    assert len(attempt.question_ids) == module.questions_per_attempt == 3
    assert len(set(attempt.question_ids)) == 3
    # reloading shows the same attempt, in the same order
    again = quiz.start_attempt(student_id, module, rng=random.Random(99))
    assert again.id == attempt.id
    views = [(v.id, [o.index for o in v.options]) for v in quiz.question_views(attempt, "id")]
    assert views == [(qid, attempt.option_orders[str(qid)]) for qid in attempt.question_ids]
    assert views == [(v.id, [o.index for o in v.options]) for v in quiz.question_views(again, "id")]


def test_options_are_shuffled_between_attempts_but_true_false_stays_in_order(db, module, student_id):
    orders = set()
    for seed in range(12):
        attempt = quiz.start_attempt(student_id, module, rng=random.Random(seed))
        for view in quiz.question_views(attempt, "id"):
            if view.kind == "truefalse":
                assert [o.index for o in view.options] == [0, 1]
            else:
                orders.add((view.id, tuple(o.index for o in view.options)))
        quiz.submit(attempt, {}, module)
    assert len(orders) > 4


def test_submitting_twice_records_one_attempt(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module)
    answers = right_answers(attempt)
    assert quiz.submit(attempt, answers, module) is True
    assert quiz.submit(attempt, wrong_answers(attempt), module) is False
    db.session.refresh(attempt)
    assert attempt.score == 100.0 and attempt.passed
    events = db.session.scalars(select(LearningEvent.verb).where(LearningEvent.user_id == student_id)).all()
    assert sorted(events) == ["attempted", "passed"]


def test_concurrent_double_submission_is_counted_once(app, module, student_id):
    attempt = quiz.start_attempt(student_id, module)
    token, answers = attempt.token, right_answers(attempt)
    db.session.remove()
    results, errors = [], []

    def submit():
        try:
            with app.app_context():
                mine = quiz.get_attempt(token, student_id)
                results.append(quiz.submit(mine, answers, db.session.get(Module, mine.module_id)))
                db.session.remove()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=submit) for _ in range(6)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and sorted(results) == [False] * 5 + [True]
    assert db.session.scalar(select(func.count(LearningEvent.id)).where(LearningEvent.verb == "attempted")) == 1


def test_retries_are_allowed_and_the_best_attempt_counts(db, module, student_id):
    first = quiz.start_attempt(student_id, module)
    quiz.submit(first, wrong_answers(first), module)
    second = quiz.start_attempt(student_id, module)
    assert second.id != first.id
    quiz.submit(second, right_answers(second), module)
    third = quiz.start_attempt(student_id, module)
    quiz.submit(third, wrong_answers(third), module)
    status = module_statuses(student_id, [module])[module.id]
    assert status.best_score == 100.0 and status.passed
    assert len(quiz.attempts_of(student_id, module)) == 3  # every attempt is kept


def test_cooldown_blocks_a_retry_until_it_has_passed(db, module, student_id):
    with write_transaction() as session:
        session.execute(update(Module).where(Module.id == module.id).values(cooldown_minutes=10))
    attempt = quiz.start_attempt(student_id, module)
    quiz.submit(attempt, wrong_answers(attempt), module)
    assert quiz.retry_allowed_at(student_id, module) is not None
    with pytest.raises(quiz.QuizError):
        quiz.start_attempt(student_id, module)
    with write_transaction() as session:
        session.execute(update(QuizAttempt).where(QuizAttempt.id == attempt.id)
                        .values(submitted_at=attempt.submitted_at - timedelta(minutes=11)))
    assert quiz.retry_allowed_at(student_id, module) is None
    assert quiz.start_attempt(student_id, module).id != attempt.id


def test_pre_test_is_taken_once_and_the_gain_is_shown(db, module, student_id):
    pre = quiz.start_attempt(student_id, module, PRETEST)
    assert len(pre.question_ids) == module.pretest_questions == 2
    quiz.submit(pre, wrong_answers(pre), module)
    assert pre.passed is None and pre.score == 0.0
    with pytest.raises(quiz.QuizError):
        quiz.start_attempt(student_id, module, PRETEST)
    post = quiz.start_attempt(student_id, module)
    quiz.submit(post, right_answers(post), module)
    status = module_statuses(student_id, [module])[module.id]
    assert (status.pretest_score, status.best_score, status.gain) == (0.0, 100.0, 100.0)


def test_answers_saved_along_the_way_survive(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module)
    first_question = str(attempt.question_ids[0])
    answers = quiz.clean_answers(attempt, {first_question: ["0", "0", "9", "x"], "12345": ["1"]})
    assert answers == {first_question: [0]}
    assert quiz.save_answers(attempt, answers)
    db.session.expire_all()
    resumed = quiz.start_attempt(student_id, module)
    assert resumed.id == attempt.id and resumed.answers == {first_question: [0]}
    quiz.submit(resumed, answers, module)
    assert quiz.save_answers(resumed, {}) is False  # a submitted attempt is closed


def test_attempts_belong_to_their_student(db, module, student_id, make_user):
    attempt = quiz.start_attempt(student_id, module)
    other = make_user("orang_lain")
    assert quiz.get_attempt(attempt.token, other) is None
    assert quiz.get_attempt(attempt.token, student_id).id == attempt.id


def test_an_edit_of_the_module_never_breaks_an_attempt(app, db, module, student_id, tmp_path):
    """A partner removes an option: the open attempt restarts, the past result still shows."""
    import shutil

    from literacy.content.services import import_paths

    module_id = module.id
    done = quiz.start_attempt(student_id, module, rng=random.Random(15))
    quiz.submit(done, right_answers(done), module)
    open_one = quiz.start_attempt(student_id, module, rng=random.Random(22))
    done_token, open_token = done.token, open_one.token
    edited = db.session.scalar(select(Question.id).where(Question.key == "pesan-berantai"))
    assert edited in open_one.question_ids and edited in done.question_ids  # (seeds chosen so)
    copy = tmp_path / "content" / "kenali-hoaks"
    shutil.copytree(EXAMPLE, copy)
    for name in ("kuis.md", "en/kuis.md"):
        text = (copy / name).read_text()
        start = text.index("- [ ] ", text.index("{#pesan-berantai}"))
        end = text.index("- [x]", start)
        (copy / name).write_text(text[:start] + text[end:])  # the first wrong option and its feedback
    db.session.remove()
    result, report = import_paths([copy.parent])
    assert report.errors == [] and result.updated == ["kenali-hoaks"]
    module = db.session.get(Module, module_id)
    for view in quiz.question_views(quiz.get_attempt(done_token, student_id), "id"):
        assert all(option.html for option in view.options)
    fresh = quiz.start_attempt(student_id, module, rng=random.Random(5))
    assert fresh.token != open_token
    assert quiz.get_attempt(open_token, student_id) is None
    quiz.question_views(fresh, "id")


def test_odd_digits_in_answers_are_ignored(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module)
    assert quiz.clean_answers(attempt, {str(attempt.question_ids[0]): ["²", "١", "-1"]}) == {}


def test_two_simultaneous_starts_open_one_attempt(app, module, student_id):
    module_id = module.id
    db.session.remove()
    barrier = threading.Barrier(4)
    tokens, errors = [], []

    def start():
        try:
            with app.app_context():
                mine = db.session.get(Module, module_id)
                barrier.wait()
                tokens.append(quiz.start_attempt(student_id, mine).token)
                db.session.remove()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(tokens)) == 1
    assert db.session.scalar(select(func.count(QuizAttempt.id)).where(QuizAttempt.submitted_at.is_(None))) == 1


def test_the_pre_test_stays_until_the_first_quiz_attempt_and_is_taken_once(db, module, student_id):
    from literacy.learning.services import complete_lesson, module_statuses

    def available():
        return quiz.pretest_available(module, module_statuses(student_id, [module])[module.id], None)

    assert available()
    complete_lesson(student_id, module.lessons[0])
    assert available()  # reading a lesson first does not take it away
    first = quiz.start_attempt(student_id, module)  # the quiz
    assert not quiz.pretest_available(module, module_statuses(student_id, [module])[module.id], first)
    quiz.submit(first, wrong_answers(first), module)
    assert not available()
    with pytest.raises(quiz.QuizError):
        quiz.start_attempt(student_id, module, PRETEST)


def test_the_pre_test_is_taken_once(db, module, student_id):
    pre = quiz.start_attempt(student_id, module, PRETEST)
    quiz.submit(pre, wrong_answers(pre), module)
    with pytest.raises(quiz.QuizError):
        quiz.start_attempt(student_id, module, PRETEST)


def open_attempts(student_id) -> list[QuizAttempt]:
    return db.session.scalars(select(QuizAttempt).where(QuizAttempt.user_id == student_id,
                                                        QuizAttempt.submitted_at.is_(None))).all()


def test_the_key_is_left_out_until_the_quiz_is_passed(db, module, student_id):
    failed = quiz.start_attempt(student_id, module)
    assert all(o.correct is None for v in quiz.question_views(failed, "id") for o in v.options)  # while answering
    quiz.submit(failed, wrong_answers(failed), module)
    assert not module_statuses(student_id, [module])[module.id].passed
    assert quiz.key_shown(failed, passed_module=False) is False
    views = quiz.question_views(failed, "id", show_key=False)
    assert all(o.correct is None for v in views for o in v.options)
    assert all(v.points == 0 and v.explanation_html for v in views)  # the verdict and explanation stay
    assert [o.feedback_html for v in views for o in v.options if o.chosen]  # and the feedback on the choice

    passed = quiz.start_attempt(student_id, module)
    quiz.submit(passed, right_answers(passed), module)
    assert module_statuses(student_id, [module])[module.id].passed
    assert quiz.key_shown(failed, passed_module=True) and quiz.key_shown(passed, passed_module=True)
    key = {int(qid): set(chosen) for qid, chosen in right_answers(failed).items()}
    for view in quiz.question_views(failed, "id", show_key=True):
        assert {o.index for o in view.options if o.correct} == key[view.id]
        assert all(o.correct is False for o in view.options if o.index not in key[view.id])


def test_a_quiz_and_a_pre_test_are_never_open_together(db, module, student_id):
    pre = quiz.start_attempt(student_id, module, PRETEST)
    resumed = quiz.start_attempt(student_id, module)  # the quiz asked for while the pre-test is open
    assert (resumed.id, resumed.kind) == (pre.id, PRETEST)
    assert len(open_attempts(student_id)) == 1
    quiz.submit(pre, wrong_answers(pre), module)
    post = quiz.start_attempt(student_id, module)
    assert post.kind == "quiz" and post.id != pre.id
    assert quiz.start_attempt(student_id, module, PRETEST).id == post.id  # the open quiz, not a second attempt
    assert [a.id for a in open_attempts(student_id)] == [post.id]


def test_a_quiz_started_beside_a_fresh_pre_test_resumes_the_pre_test(db, module, student_id):
    quiz_first = quiz.start_attempt(student_id, module)
    assert quiz.start_attempt(student_id, module, PRETEST).id == quiz_first.id
    assert len(open_attempts(student_id)) == 1


def test_simultaneous_quiz_and_pre_test_starts_open_one_attempt(app, module, student_id):
    module_id = module.id
    db.session.remove()
    kinds = ["quiz", PRETEST] * 3
    barrier = threading.Barrier(len(kinds))
    tokens, errors = [], []

    def start(kind):
        try:
            with app.app_context():
                mine = db.session.get(Module, module_id)
                barrier.wait()
                tokens.append(quiz.start_attempt(student_id, mine, kind).token)
                db.session.remove()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=start, args=(kind,)) for kind in kinds]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == [] and len(set(tokens)) == 1
    assert len(open_attempts(student_id)) == 1

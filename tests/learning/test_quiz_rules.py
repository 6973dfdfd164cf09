"""The quiz engine's rules called directly at their edges: the cooldown on either side of its
limit, a module without a quiz or a pre-test, what counts as an answer, whose attempt it is,
when the key is shown, and what a submission records."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from literacy.catalog.models import QUIZ_POOL, Module, Question
from literacy.database import write_transaction
from literacy.learning import quiz
from literacy.learning.models import PRETEST, QUIZ, LearningEvent, QuizAttempt
from literacy.utils import utcnow

from .conftest import right_answers, wrong_answers


def _module(db, module_id):
    db.session.expire_all()
    return db.session.get(Module, module_id)


def _set_module(db, module, **values):
    with write_transaction() as session:
        session.execute(update(Module).where(Module.id == module.id).values(**values))
    return _module(db, module.id)


def _submitted_ago(attempt, delta):
    with write_transaction() as session:
        session.execute(update(QuizAttempt).where(QuizAttempt.id == attempt.id)
                        .values(submitted_at=utcnow() - delta))


def test_the_cooldown_holds_until_its_minutes_have_passed_and_not_a_moment_longer(db, module, student_id):
    module = _set_module(db, module, cooldown_minutes=10)
    first = quiz.start_attempt(student_id, module)
    quiz.submit(first, wrong_answers(first), module)
    for ago, blocked in [(timedelta(minutes=10) - timedelta(seconds=20), True),
                         (timedelta(minutes=9), True), (timedelta(seconds=1), True),
                         (timedelta(minutes=10, seconds=20), False), (timedelta(minutes=11), False),
                         (timedelta(hours=10), False)]:
        _submitted_ago(first, ago)
        db.session.expire_all()
        allowed_at = quiz.retry_allowed_at(student_id, module)
        if blocked:
            last = db.session.get(QuizAttempt, first.id)
            assert allowed_at == last.submitted_at + timedelta(minutes=10), ago
        else:
            assert allowed_at is None, ago
    # two attempts: the later one counts
    second = quiz.start_attempt(student_id, module)
    quiz.submit(second, wrong_answers(second), module)
    _submitted_ago(first, timedelta(hours=2))
    _submitted_ago(second, timedelta(minutes=9, seconds=40))
    db.session.expire_all()
    assert quiz.retry_allowed_at(student_id, module) is not None
    with pytest.raises(quiz.QuizError):
        quiz.start_attempt(student_id, module)
    _submitted_ago(second, timedelta(minutes=10, seconds=20))
    db.session.expire_all()
    assert quiz.retry_allowed_at(student_id, module) is None
    assert quiz.start_attempt(student_id, module).kind == QUIZ


def test_the_cooldown_ends_at_exactly_its_minutes(db, module, student_id, monkeypatch):
    module = _set_module(db, module, cooldown_minutes=10)
    first = quiz.start_attempt(student_id, module)
    quiz.submit(first, wrong_answers(first), module)
    db.session.expire_all()
    now = db.session.get(QuizAttempt, first.id).submitted_at + timedelta(minutes=10)
    monkeypatch.setattr(quiz, "utcnow", lambda: now - timedelta(microseconds=1))
    assert quiz.retry_allowed_at(student_id, module) == now
    monkeypatch.setattr(quiz, "utcnow", lambda: now)
    assert quiz.retry_allowed_at(student_id, module) is None


def test_no_cooldown_and_no_attempt_mean_no_wait(db, module, student_id):
    assert module.cooldown_minutes == 0
    attempt = quiz.start_attempt(student_id, module)
    quiz.submit(attempt, wrong_answers(attempt), module)
    assert quiz.retry_allowed_at(student_id, module) is None
    module = _set_module(db, module, cooldown_minutes=5)
    assert quiz.retry_allowed_at(student_id + 1000, module) is None  # never submitted


def test_the_pre_test_does_not_start_the_cooldown(db, module, make_user):
    student = make_user("tono", birth_year=2010)
    module = _set_module(db, module, cooldown_minutes=30)
    pre = quiz.start_attempt(student, module, PRETEST)
    quiz.submit(pre, wrong_answers(pre), module)
    assert quiz.retry_allowed_at(student, module) is None
    assert quiz.start_attempt(student, module, QUIZ).kind == QUIZ


def test_a_module_without_a_quiz_or_a_pre_test_cannot_start_one(db, module, student_id):
    no_pretest = _set_module(db, module, pretest_questions=0)
    with pytest.raises(quiz.QuizError, match="tidak punya tes itu"):
        quiz.start_attempt(student_id, no_pretest, PRETEST)
    assert quiz.start_attempt(student_id, no_pretest, QUIZ).kind == QUIZ
    no_quiz = _set_module(db, module, quiz_title={}, pretest_questions=2)
    with pytest.raises(quiz.QuizError, match="tidak punya tes itu"):
        quiz.start_attempt(student_id, no_quiz, QUIZ)
    with pytest.raises(quiz.QuizError, match="tidak punya tes itu"):
        quiz.start_attempt(student_id, no_quiz, PRETEST)


def test_the_pre_test_is_refused_once_the_quiz_was_submitted(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module, QUIZ)
    quiz.submit(attempt, wrong_answers(attempt), module)
    with pytest.raises(quiz.QuizError, match="Tes awal hanya dikerjakan sekali"):
        quiz.start_attempt(student_id, module, PRETEST)


@pytest.mark.parametrize("pretest_questions, pretest_score, best_score, open_quiz, available", [
    (2, None, None, None, True),
    (0, None, None, None, False),
    (2, 50.0, None, None, False),
    (2, 0.0, None, None, False),
    (2, None, 0.0, None, False),
    (2, None, None, "an open quiz", False),
])
def test_when_the_pre_test_is_available(pretest_questions, pretest_score, best_score, open_quiz, available):
    module = SimpleNamespace(pretest_questions=pretest_questions)
    status = SimpleNamespace(pretest_score=pretest_score, best_score=best_score)
    assert quiz.pretest_available(module, status, open_quiz) is available


def test_only_real_option_numbers_of_the_attempts_questions_count_as_answers():
    attempt = SimpleNamespace(option_orders={"7": [2, 0, 1], "8": [1, 0], "9": [0, 1, 2, 3]})
    submitted = {"7": ["2", "0", "2", "5", "-1", "x", "", "٣", "1.0", " 1"], "8": [], "9": ["3", "03"],
                 "99": ["0"]}
    assert quiz.clean_answers(attempt, submitted) == {"7": [0, 2], "9": [3]}
    assert quiz.clean_answers(attempt, {}) == {}


def test_answers_come_from_the_q_fields_of_the_form():
    from werkzeug.datastructures import MultiDict

    attempt = SimpleNamespace(option_orders={"7": [0, 1, 2], "8": [0, 1]})
    form = MultiDict([("q-7", "1"), ("q-7", "2"), ("q-8", "0"), ("x-8", "1"), ("csrf_token", "t"), ("q-9", "0")])
    assert quiz.answers_from_form(attempt, form) == {"7": [1, 2], "8": [0]}


def test_an_attempt_is_found_only_by_its_student(db, module, student_id, make_user):
    other = make_user("orang_lain", birth_year=2010)
    attempt = quiz.start_attempt(student_id, module)
    assert quiz.get_attempt(attempt.token, student_id).id == attempt.id
    assert quiz.get_attempt(attempt.token, other) is None
    assert quiz.get_attempt("0" * 32, student_id) is None


def test_the_key_is_shown_only_after_submission_and_a_pass():
    assert quiz.key_shown(SimpleNamespace(submitted_at=utcnow()), True) is True
    assert quiz.key_shown(SimpleNamespace(submitted_at=utcnow()), False) is False
    assert quiz.key_shown(SimpleNamespace(submitted_at=None), True) is False


def test_a_submission_scores_records_and_tells_the_other_areas_once(app, db, module, student_id):
    passed_calls = []
    app.extensions.setdefault("literacy_on_module_passed", {})["test"] = \
        lambda user_id, module_id: passed_calls.append((user_id, module_id))
    failed = quiz.start_attempt(student_id, module)
    assert quiz.save_answers(failed, wrong_answers(failed)) is True
    assert quiz.submit(failed, wrong_answers(failed), module) is True
    assert (failed.score, failed.passed) == (0.0, False)
    assert quiz.save_answers(failed, right_answers(failed)) is False  # closed
    assert passed_calls == []
    views = quiz.question_views(failed, "id")
    assert [v.points for v in views] == [0.0] * len(views)
    assert all(o.correct is None for v in views for o in v.options)
    passing = quiz.start_attempt(student_id, module)
    assert [v.points for v in quiz.question_views(passing, "id")] == [None] * len(passing.question_ids)
    assert quiz.submit(passing, right_answers(passing), module) is True
    assert (passing.score, passing.passed) == (100.0, True)
    assert passed_calls == [(student_id, module.id)]
    assert quiz.submit(passing, right_answers(passing), module) is False
    assert passed_calls == [(student_id, module.id)]
    shown = quiz.question_views(passing, "id", show_key=True)
    assert all(v.points == 1.0 for v in shown)
    assert [[o.index for o in v.options if o.correct] for v in shown] == \
        [sorted(right_answers(passing)[str(v.id)], key=passing.option_orders[str(v.id)].index) for v in shown]
    events = db.session.execute(select(LearningEvent.verb, LearningEvent.result, LearningEvent.object_type,
                                       LearningEvent.object_id).where(
        LearningEvent.user_id == student_id).order_by(LearningEvent.id)).all()
    assert [verb for verb, *_ in events] == ["attempted", "attempted", "passed"]
    assert [(e.object_type, e.object_id) for e in events] == \
        [("attempt", failed.id), ("attempt", passing.id), ("module", module.id)]
    assert events[0].result == {"score": {"scaled": 0.0}, "success": False, "kind": "quiz"}
    assert events[1].result == {"score": {"scaled": 1.0}, "success": True, "kind": "quiz"}
    assert events[2].result == {"score": {"scaled": 1.0}}
    assert [a.id for a in quiz.attempts_of(student_id, module)] == [failed.id, passing.id]
    assert quiz.last_submitted(student_id, module, QUIZ).id == passing.id
    assert quiz.last_submitted(student_id, module, PRETEST) is None


def test_a_pre_test_has_no_verdict_and_passes_nothing(app, db, module, student_id):
    passed_calls = []
    app.extensions.setdefault("literacy_on_module_passed", {})["test"] = lambda *args: passed_calls.append(args)
    pre = quiz.start_attempt(student_id, module, PRETEST)
    assert quiz.open_attempt(student_id, module, PRETEST).id == pre.id
    assert quiz.open_attempt(student_id, module, QUIZ) is None
    assert quiz.open_attempt(student_id, module).id == pre.id
    assert quiz.submit(pre, right_answers(pre), module) is True
    assert (pre.score, pre.passed) == (100.0, None)
    assert passed_calls == []
    assert quiz.open_attempt(student_id, module) is None
    verbs = db.session.scalars(select(LearningEvent.verb).where(LearningEvent.user_id == student_id)).all()
    assert verbs == ["attempted"]


def test_attempt_tokens_carry_128_random_bits(db, module, student_id, make_user):
    tokens = {quiz.start_attempt(make_user(f"murid{i}", birth_year=2010), module).token for i in range(3)}
    assert len(tokens) == 3 and all(len(t) == 32 and int(t, 16) >= 0 for t in tokens)


def test_questions_show_in_the_language_asked_or_else_in_indonesian(db, module, student_id):
    attempt = quiz.start_attempt(student_id, module)
    assert {v.language for v in quiz.question_views(attempt, "en")} == {"en"}
    assert {v.language for v in quiz.question_views(attempt, "jv")} == {"id"}
    assert {v.language for v in quiz.question_views(attempt, "id")} == {"id"}


def test_a_losing_submission_leaves_the_attempt_as_the_first_one_stored_it(db, module, student_id):
    """Two submissions of one attempt at once: the second finds it closed and returns False, and
    its object then shows what the first one stored, not its own answers and score."""
    attempt = quiz.start_attempt(student_id, module)
    right, wrong = right_answers(attempt), wrong_answers(attempt)
    submitted_at = utcnow() - timedelta(seconds=5)
    with db.engine.begin() as connection:  # the first submission, made by another request
        connection.execute(update(QuizAttempt).where(QuizAttempt.id == attempt.id)
                           .values(answers=right, submitted_at=submitted_at, score=100.0, passed=True))
    assert quiz.submit(attempt, wrong, module) is False
    assert (attempt.score, attempt.passed, attempt.answers, attempt.submitted_at) == (100.0, True, right, submitted_at)


def test_starting_an_attempt_takes_the_students_row_first(db, module, student_id, count_queries):
    """The lock on the student's row (FOR NO KEY UPDATE on PostgreSQL; a plain read on SQLite,
    whose BEGIN IMMEDIATE already serialises) comes before the look for an open attempt."""
    db.session.commit()
    with count_queries() as queries:
        quiz.start_attempt(student_id, module)
    lock = [n for n, q in enumerate(queries) if q.lstrip().upper().startswith("SELECT USERS.ID")]
    opened = [n for n, q in enumerate(queries) if "FROM quiz_attempts" in q]
    assert len(lock) == 1 and lock[0] < opened[1]
    if db.engine.dialect.name == "postgresql":
        assert queries[lock[0]].rstrip().endswith("FOR NO KEY UPDATE")


def test_the_lock_statement_is_for_the_students_own_row_only(db, student_id, monkeypatch):
    """What _lock_student asks PostgreSQL for, checked on either database: the one row, FOR NO KEY
    UPDATE (a plain FOR UPDATE would also block writes that only reference the student)."""
    from sqlalchemy.dialects import postgresql

    asked = []
    session = db.session()
    monkeypatch.setattr(session, "execute", lambda statement, *args, **kwargs: asked.append(statement))
    quiz._lock_student(session, student_id)
    sql = str(asked[0].compile(dialect=postgresql.dialect(), compile_kwargs={"literal_binds": True}))
    assert sql.split() == ["SELECT", "users.id", "FROM", "users", "WHERE", "users.id", "=", str(student_id),
                           "FOR", "NO", "KEY", "UPDATE"]


def test_options_are_shuffled_except_true_or_false(db, module, make_user):
    import random

    orders = []
    for i in range(3):
        attempt = quiz.start_attempt(make_user(f"acak{i}", birth_year=2010), module, rng=random.Random(i))
        kinds = dict(db.session.execute(select(Question.id, Question.kind).where(
            Question.id.in_(attempt.question_ids))).all())
        for qid, order in attempt.option_orders.items():
            assert sorted(order) == list(range(len(order)))
            if kinds[int(qid)] == "truefalse":
                assert order == [0, 1]
            else:
                orders.append(order)
    assert orders and any(order != sorted(order) for order in orders)


def _second_module(db, example_course, tmp_path):
    import shutil

    from literacy.content.services import import_paths

    shutil.copytree(example_course / "kenali-hoaks", tmp_path / "salinan-hoaks")
    import_paths([tmp_path])
    return db.session.scalar(select(Module).where(Module.slug == "salinan-hoaks"))


def test_an_open_attempt_belongs_to_its_own_module(app, db, module, student_id, example_course, tmp_path):
    other = _second_module(db, example_course, tmp_path)
    first = quiz.start_attempt(student_id, module)
    second = quiz.start_attempt(student_id, other)
    assert second.id != first.id and (first.module_id, second.module_id) == (module.id, other.id)
    assert quiz.open_attempt(student_id, other).id == second.id
    assert quiz.open_attempt(student_id, module).id == first.id


def test_a_retired_question_makes_a_fresh_attempt_and_leaves_others_alone(db, module, student_id, make_user):
    """A re-import that retires a drawn question: the student's open attempt is replaced by a new
    draw without it, and nobody else's open attempt is touched."""
    other_token = quiz.start_attempt(make_user("lain", birth_year=2010), module).token
    stale = quiz.start_attempt(student_id, module)
    stale_token, retired = stale.token, stale.question_ids[0]
    with write_transaction() as session:
        session.execute(update(Question).where(Question.id == retired).values(retired_at=utcnow()))
    db.session.expire_all()
    fresh = quiz.start_attempt(student_id, module)
    assert fresh.token != stale_token and retired not in fresh.question_ids
    assert db.session.scalar(select(QuizAttempt).where(QuizAttempt.token == stale_token)) is None
    db.session.expire_all()
    assert db.session.scalar(select(QuizAttempt.submitted_at).where(QuizAttempt.token == other_token)) is None
    assert db.session.scalar(select(func.count()).where(QuizAttempt.token == other_token)) == 1


def test_an_attempt_submitted_while_it_was_found_stale_is_kept(db, module, student_id, monkeypatch):
    """The stale attempt is deleted only while it is still unsubmitted: a submission that lands
    between the check and the delete (another request) is kept, with its score."""
    attempt = quiz.start_attempt(student_id, module)

    def submitted_meanwhile(current):
        with db.engine.begin() as connection:
            connection.execute(update(QuizAttempt).where(QuizAttempt.id == current.id)
                               .values(submitted_at=utcnow(), score=100.0, passed=True))
        return False

    monkeypatch.setattr(quiz, "_still_matches_content", submitted_meanwhile)
    quiz.start_attempt(student_id, module)
    db.session.expire_all()
    kept = db.session.get(QuizAttempt, attempt.id)
    assert kept is not None and kept.score == 100.0


def test_each_rule_reads_and_writes_only_its_own_student_module_and_attempt(db, module, student_id, make_user,
                                                                           example_course, tmp_path):
    """Two students, two modules: a draw takes only this module's live questions; saving and
    submitting touch only this attempt; the history is this student's, in this module, submitted."""
    other_module = _second_module(db, example_course, tmp_path)
    classmate = make_user("teman", birth_year=2010)
    elsewhere = quiz.start_attempt(student_id, other_module)
    quiz.submit(elsewhere, right_answers(elsewhere), other_module)
    theirs = quiz.start_attempt(classmate, module)
    retired = db.session.scalar(select(Question.id).where(Question.module_id == module.id, Question.pool == QUIZ_POOL)
                                .order_by(Question.position).limit(1))
    with write_transaction() as session:
        session.execute(update(Question).where(Question.id == retired).values(retired_at=utcnow()))
    db.session.expire_all()
    module = _module(db, module.id)

    mine = quiz.start_attempt(student_id, module)
    drawn = db.session.execute(select(Question.module_id, Question.retired_at).where(
        Question.id.in_(mine.question_ids))).all()
    assert drawn and all(row == (module.id, None) for row in drawn)
    assert quiz.last_submitted(student_id, module, QUIZ) is None  # open here, submitted elsewhere
    assert quiz.attempts_of(student_id, module) == []

    assert quiz.save_answers(mine, wrong_answers(mine)) is True
    assert quiz.submit(mine, right_answers(mine), module) is True
    db.session.expire_all()
    untouched = db.session.scalar(select(QuizAttempt).where(QuizAttempt.token == theirs.token))
    assert (untouched.answers, untouched.submitted_at, untouched.score) == ({}, None, None)
    assert quiz.last_submitted(student_id, module, QUIZ).token == mine.token
    assert [a.token for a in quiz.attempts_of(student_id, other_module)] == [elsewhere.token]
    assert quiz.submit(untouched, right_answers(untouched), module) is True
    assert [a.token for a in quiz.attempts_of(student_id, module)] == [mine.token]
    assert [a.token for a in quiz.attempts_of(classmate, module)] == [theirs.token]

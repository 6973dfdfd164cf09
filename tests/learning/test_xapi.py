"""A class's learning events as xAPI 1.0.3 statements: valid under the statement rules, naming no
one, stable on re-export, for the class's facilitators and admins only, in a fixed number of queries."""
from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.catalog.models import Lesson, Module
from literacy.classes import services as classes
from literacy.extensions import db
from literacy.learning import quiz, services, xapi
from literacy.learning.models import PRETEST

from .conftest import right_answers, wrong_answers

SCHEMA = json.loads((Path(__file__).with_name("xapi_statement.schema.json")).read_text())
VALIDATOR = jsonschema.Draft202012Validator(SCHEMA, format_checker=jsonschema.Draft202012Validator.FORMAT_CHECKER)
ADL = "http://adlnet.gov/expapi/verbs/"


def problems(statement: dict) -> list[str]:
    """Every rule broken: the schema's, and the score rules JSON Schema cannot express."""
    found = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in VALIDATOR.iter_errors(statement)]
    score = statement.get("result", {}).get("score", {})
    if "min" in score and "max" in score and not score["min"] < score["max"]:
        found.append("score: min must be below max")
    if "raw" in score and not score.get("min", score["raw"]) <= score["raw"] <= score.get("max", score["raw"]):
        found.append("score: raw must be between min and max")
    return found


def _learn(student_id: int, module: Module, *, lessons: int, pretest: bool = False, quiz_result: str | None = None):
    for lesson in db.session.scalars(select(Lesson).where(Lesson.module_id == module.id).order_by(Lesson.position)
                                     .limit(lessons)).all():
        services.complete_lesson(student_id, lesson)
    if pretest:
        attempt = quiz.start_attempt(student_id, module, PRETEST)
        quiz.submit(attempt, wrong_answers(attempt), module)
    if quiz_result:
        attempt = quiz.start_attempt(student_id, module)
        quiz.submit(attempt, (right_answers if quiz_result == "pass" else wrong_answers)(attempt), module)


@pytest.fixture
def kelas(app, example_course, make_user):
    """A class of three: an adult with a name and an email, two minors; each has done something."""
    facilitator = make_user("bu_guru", role="facilitator", display_name="Bu Guru", email="guru@contoh.id")
    adult = make_user("nadia_p", display_name="Nadia Putri", email="nadia@contoh.id")
    minor = make_user("ketut_ayu", birth_year=2011)
    idle = make_user("diam_saja", birth_year=2012)
    with app.app_context():  # its own context: requests in the tests start fresh transactions
        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        classroom = classes.create_class(db.session.get(User, facilitator), "Kelas 8B")
        class_id, code = classroom.id, classroom.code
        for student in (adult, minor, idle):
            classes.join(db.session.get(User, student), code)
        _learn(adult, module, lessons=2, pretest=True, quiz_result="pass")
        _learn(minor, module, lessons=1, quiz_result="fail")
        db.session.remove()
    return {"class_id": class_id, "facilitator": facilitator, "adult": adult, "minor": minor, "idle": idle}


def class_export(class_id):
    classroom = classes.get_class(class_id)
    return xapi.class_statements(classroom, classes.roster(classroom))


def test_every_statement_is_valid_under_the_xapi_statement_rules(db, kelas):
    statements = class_export(kelas["class_id"])
    assert len(statements) == 2 + 1 + 1 + 1 + (1 + 1)  # adult: lessons, pre-test, quiz, pass; minor: lesson, quiz
    assert {s["id"]: problems(s) for s in statements} == {s["id"]: [] for s in statements}
    assert len({s["id"] for s in statements}) == len(statements)


def test_statements_say_what_happened(db, kelas):
    statements = class_export(kelas["class_id"])
    home = "https://literasi.test/"
    assert {s["version"] for s in statements} == {"1.0.3"}
    assert all(s["actor"]["account"]["homePage"] == home for s in statements)
    by_verb = {}
    for statement in statements:
        by_verb.setdefault(statement["verb"]["id"], []).append(statement)
    assert sorted(by_verb) == [ADL + "attempted", ADL + "completed", ADL + "passed"]

    lesson = by_verb[ADL + "completed"][0]
    assert lesson["object"]["id"] == home + "modul/kenali-hoaks/apa-itu-hoaks"
    assert lesson["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/lesson"
    assert set(lesson["object"]["definition"]["name"]) == {"id", "en"}
    assert lesson["result"] == {"completion": True}
    assert lesson["context"]["contextActivities"]["parent"][0]["id"] == home + "modul/kenali-hoaks"

    (passed,) = by_verb[ADL + "passed"]
    assert passed["object"]["id"] == home + "modul/kenali-hoaks"
    assert passed["result"] == {"completion": True, "success": True,
                                "score": {"scaled": 1.0, "raw": 100.0, "min": 0, "max": 100}}

    attempts = {s["object"]["id"]: s for s in by_verb[ADL + "attempted"]}
    pretest = attempts[home + "modul/kenali-hoaks/kuis#tes-awal"]
    assert "success" not in pretest["result"] and pretest["result"]["score"]["scaled"] == 0.0
    assert pretest["object"]["definition"]["name"]["en"].startswith("Pre-test: ")
    quizzes = [s for s in by_verb[ADL + "attempted"] if s["object"]["id"] == home + "modul/kenali-hoaks/kuis"]
    assert sorted(s["result"]["success"] for s in quizzes) == [False, True]
    assert all(s["object"]["definition"]["type"] == "http://adlnet.gov/expapi/activities/assessment" for s in quizzes)

    for statement in statements:
        (group,) = statement["context"]["contextActivities"]["grouping"]
        assert group == {"objectType": "Activity", "id": f"{home}kelas/{kelas['class_id']}",
                         "definition": {"name": {"und": "Kelas 8B"}}}
        assert re.fullmatch(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z", statement["timestamp"])
        assert "registration" not in statement["context"]


def test_no_email_name_or_username_leaves_the_platform(db, kelas):
    text = json.dumps(class_export(kelas["class_id"]), ensure_ascii=False).lower()
    for personal in ("nadia", "putri", "ketut", "ayu", "contoh.id", "bu guru", "bu_guru", "mailto", "mbox"):
        assert personal not in text
    for user_id in (kelas["adult"], kelas["minor"]):
        assert f"user-{user_id}" not in text and f'"name": "{user_id}"' not in text


def test_actors_are_opaque_stable_and_distinct_and_ids_survive_a_re_export(app, db, kelas):
    first, again = class_export(kelas["class_id"]), class_export(kelas["class_id"])
    assert first == again
    actors = {s["actor"]["account"]["name"] for s in first}
    assert len(actors) == 2 and all(re.fullmatch(r"[0-9a-f]{32}", name) for name in actors)
    assert xapi.actor_name(kelas["adult"]) in actors
    # the same learner is the same actor in their own "unduh data saya"
    own = services.export(db.session.get(User, kelas["adult"]))["learning_events"]
    assert {s["actor"]["account"]["name"] for s in own} == {xapi.actor_name(kelas["adult"])}
    assert {s["id"] for s in own} <= {s["id"] for s in first}
    assert all(problems(s) == [] for s in own)


def test_an_empty_class_exports_an_empty_list(db, kelas):
    facilitator = db.session.get(User, kelas["facilitator"])
    empty = classes.create_class(facilitator, "Kelas kosong")
    assert xapi.class_statements(empty, classes.roster(empty)) == []


@pytest.mark.parametrize("broken", [
    {"verb": None},
    {"version": "2.0.0"},
    {"id": "not-a-uuid"},
    {"timestamp": "2026-12-01 10:00"},
    {"actor": {"objectType": "Agent", "mbox": "mailto:a@contoh.id", "account": {"homePage": "https://x.id", "name": "1"}}},
    {"actor": {"objectType": "Agent"}},
    {"object": {"objectType": "Activity", "id": "modul/relatif"}},
    {"object": {"objectType": "Activity", "id": "https://x.id/a", "definition": {"name": {"bahasa indonesia": "x"}}}},
    {"result": {"score": {"scaled": 1.5}}},
    {"result": {"success": "true"}},
    {"context": {"contextActivities": {"sibling": [{"id": "https://x.id/a"}]}}},
    {"stored": "2026-12-01T10:00:00.000Z"},
    {"tambahan": 1},
])
def test_the_schema_refuses_what_an_lrs_would(broken):
    good = {"id": "6ba7b810-9dad-51d1-80b4-00c04fd430c8",
            "actor": {"objectType": "Agent", "account": {"homePage": "https://literasi.test/", "name": "a1"}},
            "verb": {"id": ADL + "completed", "display": {"en-US": "completed"}},
            "object": {"objectType": "Activity", "id": "https://literasi.test/modul/x"},
            "timestamp": "2026-12-01T10:00:00.000Z", "version": "1.0.3"}
    assert problems(good) == []
    assert problems({**good, **broken}) != []


def test_the_score_rules_beyond_the_schema():
    statement = {"actor": {"account": {"homePage": "https://x.id", "name": "a"}}, "verb": {"id": ADL + "passed"},
                 "object": {"id": "https://x.id/m"}, "result": {"score": {"raw": 120, "min": 0, "max": 100}}}
    assert problems(statement) == ["score: raw must be between min and max"]


# -- the download -----------------------------------------------------------------------

@pytest.mark.parametrize("who, status", [("bu_guru", 200), ("pak_rekan", 200), ("admin", 200),
                                         ("fasilitator_lain", 404), ("nadia_p", 404), ("mitra", 404)])
def test_only_the_classs_facilitators_and_admins_download_it(app, kelas, make_user, login, who, status):
    make_user("admin", role="admin")
    make_user("fasilitator_lain", role="facilitator")
    make_user("pak_rekan", role="facilitator")
    make_user("mitra", role="partner")
    with app.app_context():
        classes.add_co_facilitator(classes.get_class(kelas["class_id"]), "pak_rekan")
        db.session.remove()
    client = app.test_client()
    login(client, who)
    response = client.get(f"/kelas/{kelas['class_id']}/xapi.json")
    assert response.status_code == status
    if status == 200:
        assert response.mimetype == "application/json"
        assert response.headers["Content-Disposition"] == f'attachment; filename="kelas-{kelas["class_id"]}-xapi.json"'
        assert response.headers["Cache-Control"] == "no-store"
        assert len(response.json) == 7 and all(problems(s) == [] for s in response.json)


def test_a_visitor_is_sent_to_log_in_and_a_missing_class_is_404(app, kelas, login):
    response = app.test_client().get(f"/kelas/{kelas['class_id']}/xapi.json")
    assert response.status_code == 302 and response.headers["Location"].startswith("/masuk")
    client = app.test_client()
    login(client, "bu_guru")
    assert client.get("/kelas/999999/xapi.json").status_code == 404


def test_the_download_runs_a_fixed_number_of_queries(app, kelas, make_user, login, count_queries):
    client = app.test_client()
    login(client, "bu_guru")
    url = f"/kelas/{kelas['class_id']}/xapi.json"
    client.get(url)
    with count_queries() as small:
        assert len(client.get(url).json) == 7
    students = [make_user(f"murid{n}", birth_year=2011) for n in range(40)]
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        code = classes.get_class(kelas["class_id"]).code
        for n, student in enumerate(students):
            classes.join(db.session.get(User, student), code)
            _learn(student, module, lessons=2, quiz_result="pass" if n % 2 else "fail")
        db.session.remove()
    with count_queries() as large:
        assert len(client.get(url).json) == 7 + 40 * 3 + 20
    # login row, user, class, its co-facilitators (the permission), roster and consents, events,
    # modules and texts, lessons and texts
    assert len(small) == len(large) == 10, small

"""Time the class report for a class of 300 students with 14 assigned modules.

Usage: .venv/bin/python bench/class_report.py [--students 300] [--modules 14] [--runs 20]
                                             [--database-url postgresql://...]

Makes a temporary database (a SQLite file, or a fresh database on the PostgreSQL server named by
--database-url, dropped at the end), migrates it, imports the bundled course, and fills one class:
STUDENTS students, MODULES bundled modules assigned (half with a due date that has passed), and for
each student and module a random amount of work (lessons read, a pre-test, quiz attempts with
answers). Then, through the app's own test client and logged in as the class's facilitator, it
requests the report page, its CSV and one module's page RUNS times each and prints the median and
p95 time, the number of SQL queries and the bytes of each.
"""
from __future__ import annotations

import argparse
import random
import re
import statistics
import subprocess
import sys
import time
from datetime import date, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from bench.registration_race import BIN, HASH_METHOD, PASSWORD, temporary_database  # noqa: E402


def fill(app, students: int, module_count: int, rng: random.Random) -> tuple[int, str]:
    """The class and its work; returns the class id and one module's slug."""
    from sqlalchemy import insert, select
    from werkzeug.security import generate_password_hash

    from literacy.accounts.models import User
    from literacy.catalog.models import Module, Question
    from literacy.classes.models import Assignment, Classroom, Membership
    from literacy.content.services import import_paths
    from literacy.extensions import db
    from literacy.learning.models import LessonProgress, QuizAttempt

    with app.app_context():
        result, report = import_paths([ROOT / "content"])
        assert not report.errors, report.errors
        password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)
        db.session.execute(insert(User), [
            {"username": f"siswa{n}", "username_key": f"siswa{n}", "password_hash": password_hash,
             "role": "student", "birth_year": 2011} for n in range(students)] + [
            {"username": "fasilitator", "username_key": "fasilitator", "password_hash": password_hash,
             "role": "facilitator", "birth_year": 1990}])
        facilitator = db.session.scalar(select(User.id).where(User.username_key == "fasilitator"))
        classroom = Classroom(name="Kelas 8B", code="BENCH1", facilitator_id=facilitator)
        db.session.add(classroom)
        db.session.flush()
        student_ids = db.session.scalars(select(User.id).where(User.role == "student")).all()
        db.session.execute(insert(Membership), [{"classroom_id": classroom.id, "student_id": s} for s in student_ids])
        modules = db.session.scalars(select(Module).where(Module.retired_at.is_(None)).order_by(Module.slug)
                                     .limit(module_count)).all()
        today = date.today()
        db.session.execute(insert(Assignment), [
            {"classroom_id": classroom.id, "module_id": m.id,
             "due_on": today - timedelta(days=3) if n % 2 else today + timedelta(days=10)}
            for n, m in enumerate(modules)])
        questions = {m.id: db.session.scalars(select(Question).where(Question.module_id == m.id)).all() for m in modules}
        lessons, attempts, now = [], [], datetime.utcnow()
        for student in student_ids:
            for module in modules:
                done = rng.randint(0, module.lesson_count)
                lessons += [{"user_id": student, "lesson_id": lesson.id, "module_id": module.id, "completed_at": now}
                            for lesson in module.lessons[:done]]
                for kind, count in (("pretest", rng.randint(0, 1)), ("quiz", rng.randint(0, 3) if done else 0)):
                    for _ in range(count):
                        drawn = rng.sample(questions[module.id], min(10, len(questions[module.id])))
                        answers = {str(q.id): [rng.randrange(q.option_count)] for q in drawn}
                        score = round(100 * sum(answers[str(q.id)] == list(q.correct) for q in drawn) / len(drawn), 1)
                        attempts.append({
                            "token": f"{student}-{module.id}-{len(attempts)}", "user_id": student,
                            "module_id": module.id, "kind": kind, "question_ids": [q.id for q in drawn],
                            "option_orders": {str(q.id): list(range(q.option_count)) for q in drawn},
                            "answers": answers, "started_at": now, "submitted_at": now, "score": score,
                            "passed": kind == "quiz" and score >= module.pass_mark})
        db.session.execute(insert(LessonProgress), lessons)
        db.session.execute(insert(QuizAttempt), attempts)
        db.session.commit()
        print(f"filled: {students} students, {len(modules)} modules assigned, {len(lessons):,} lessons read, "
              f"{len(attempts):,} attempts")
        return classroom.id, modules[0].slug


def measure(app, class_id: int, slug: str, runs: int) -> None:
    from sqlalchemy import event

    from literacy.extensions import db

    client = app.test_client()
    page = client.get("/masuk").get_data(as_text=True)
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', page).group(1)
    response = client.post("/masuk", data={"login": "fasilitator", "password": PASSWORD, "csrf_token": token})
    assert response.status_code == 303, response.status_code
    with app.app_context():
        engine = db.engine
    for label, url in (("report", f"/kelas/{class_id}/laporan"), ("csv", f"/kelas/{class_id}/laporan.csv"),
                       ("module", f"/kelas/{class_id}/laporan/modul/{slug}")):
        timings, statements = [], []

        def count(conn, cursor, statement, *args):
            # as tests/conftest.py counts: transaction control (SQLite's BEGIN IMMEDIATE) and settings aside
            if not statement.lstrip().upper().startswith(("BEGIN", "COMMIT", "ROLLBACK", "SAVEPOINT", "RELEASE",
                                                          "PRAGMA")):
                statements.append(1)

        for run in range(runs + 1):
            statements.clear()
            event.listen(engine, "before_cursor_execute", count)
            started = time.perf_counter()
            response = client.get(url)
            elapsed = (time.perf_counter() - started) * 1000
            event.remove(engine, "before_cursor_execute", count)
            assert response.status_code == 200, (url, response.status_code)
            if run:  # the first request warms caches and templates
                timings.append(elapsed)
        timings.sort()
        p95 = timings[max(0, int(len(timings) * 0.95) - 1)]
        print(f"{label:7} median {statistics.median(timings):6.1f} ms, p95 {p95:6.1f} ms over {runs} runs; "
              f"{len(statements)} queries; {len(response.get_data()):,} bytes")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=300)
    parser.add_argument("--modules", type=int, default=14)
    parser.add_argument("--runs", type=int, default=20)
    parser.add_argument("--database-url")
    parser.add_argument("--seed", type=int, default=12)
    args = parser.parse_args(argv)
    import os

    from literacy import create_app

    with temporary_database(args.database_url) as database_url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
        env["LITERACY_DATABASE_URL"] = database_url
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        app = create_app(DATABASE_URL=database_url, SECRET_KEY="bench", PASSWORD_HASH_METHOD=HASH_METHOD,
                         RATELIMIT_ENABLED=False)
        print(f"database: {database_url.split('@')[-1] if '@' in database_url else 'SQLite file'}")
        class_id, slug = fill(app, args.students, args.modules, random.Random(args.seed))
        measure(app, class_id, slug, args.runs)
        with app.app_context():
            from literacy.extensions import db

            db.session.remove()
            db.engine.dispose()
    return 0


if __name__ == "__main__":
    sys.exit(main())

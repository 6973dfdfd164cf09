"""National scale on PostgreSQL: the hot queries the app issues, at 250,000, 500,000 and 1,000,000 students.

Usage: .venv/bin/python bench/national.py [--database-url postgresql://postgres:postgres@127.0.0.1:5432/postgres]
                                          [--sizes 250000,500000,1000000] [--plans plans.txt]

Makes a database of its own on that server (dropped at the end, unless --keep; --reuse measures a
kept one again, after `flask db upgrade`, e.g. to compare plans before and after a migration), migrates it with
`flask db upgrade` and imports the bundled course, then grows it to each size in turn with
INSERT ... SELECT over generate_series (never row by row), per student: 14 lessons completed
(lesson_progress and a "completed" event), 4 quiz attempts (each with an "attempted" event),
2 modules passed (a "passed" event): 20 learning events; a certificate for 3 students in 10; 2
workshop registrations. Students sit in classes of 30, 60, 120 and 300 (one class each, 4
classes in every 510 students) with 5 modules assigned; 38 provinces plus some who do not say;
one workshop for every 20 students (50,000 at 1 M) over 2025-2027, 40 of 50 seats taken.

At each size it runs ANALYZE and `flask impact rollup` (timed: /dampak reads only the rollup),
then asks the app for its hot pages through the test client, capturing every SQL statement each
request issues (SQLAlchemy's before_cursor_execute): the student dashboard, the class report of
a class of 300, certificate verification by code, the workshop schedule for one province and
month, the impact page, a workshop registration (seat count and insert). Each captured
statement is run again under EXPLAIN (ANALYZE, BUFFERS) with its own parameters (writes inside
a transaction rolled back) and printed with its execution time (the median of 3 runs), the
plan's top node and any sequential scan of a table that grows with the students.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import statistics
import subprocess
import sys
import time
from collections import defaultdict
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.registration_race import CSRF, HASH_METHOD, PASSWORD, temporary_database  # noqa: E402

SERVER = "postgresql://postgres:postgres@127.0.0.1:5432/postgres"
GROWING = {"users", "lesson_progress", "learning_events", "quiz_attempts", "certificates", "workshops",
           "workshop_registrations", "class_memberships", "classrooms", "class_assignments", "workshop_modules"}
BLOCK = 510  # students per 4 classes of 30, 60, 120 and 300
FACILITATORS = 20_000_000  # facilitator ids: this plus the class id, clear of the students' ids
START = "2025-01-01"

FILL = [
    # students
    """INSERT INTO users (id, username, username_key, password_hash, role, birth_year, province, auth_secret,
                          must_change_password, created_at)
       SELECT s, 's' || s, 's' || s, 'x', 'student', 2005, (CAST(:provinces AS text[]))[1 + s % 46],
              md5(s::text), false, CAST(:start AS timestamp) + (s % 700) * INTERVAL '1 day'
       FROM generate_series(:lo, :hi) s""",
    # classes and their facilitators: class (s - 1) / 510 * 4 + 1..4
    """INSERT INTO users (id, username, username_key, password_hash, role, birth_year, auth_secret,
                          must_change_password, created_at)
       SELECT :facilitators + c, 'f' || c, 'f' || c, 'x', 'facilitator', 1985, md5('f' || c), false, CAST(:start AS timestamp)
       FROM generate_series((:lo - 1) / 510 * 4 + 1, (:hi - 1) / 510 * 4 + 4) c
       ON CONFLICT DO NOTHING""",
    """INSERT INTO classrooms (id, name, code, facilitator_id, kind, created_at)
       SELECT c, 'Kelas ' || c, upper(substr(md5('k' || c), 1, 12)), :facilitators + c, 'school', CAST(:start AS timestamp)
       FROM generate_series((:lo - 1) / 510 * 4 + 1, (:hi - 1) / 510 * 4 + 4) c
       ON CONFLICT DO NOTHING""",
    """INSERT INTO class_assignments (classroom_id, module_id, assigned_at)
       SELECT c, (CAST(:quiz_modules AS int[]))[1 + (c + j) % cardinality(CAST(:quiz_modules AS int[]))],
              CAST(:start AS timestamp)
       FROM generate_series((:lo - 1) / 510 * 4 + 1, (:hi - 1) / 510 * 4 + 4) c, generate_series(0, 4) j
       ON CONFLICT DO NOTHING""",
    """INSERT INTO class_memberships (classroom_id, student_id, joined_at)
       SELECT (s - 1) / 510 * 4 + CASE WHEN (s - 1) % 510 < 30 THEN 1 WHEN (s - 1) % 510 < 90 THEN 2
                                       WHEN (s - 1) % 510 < 210 THEN 3 ELSE 4 END,
              s, CAST(:start AS timestamp)
       FROM generate_series(:lo, :hi) s""",
    # 14 lessons read: lesson (7 s + 3 k) mod L, k = 0..13 (distinct while L > 39)
    """INSERT INTO lesson_progress (user_id, lesson_id, module_id, completed_at)
       SELECT s, (CAST(:lessons AS int[]))[CAST(1 + (7 * s::bigint + 3 * k) % cardinality(CAST(:lessons AS int[])) AS int)],
              (CAST(:lesson_modules AS int[]))[CAST(1 + (7 * s::bigint + 3 * k) % cardinality(CAST(:lessons AS int[])) AS int)],
              CAST(:start AS timestamp) + ((s::bigint * 7919 + k * 3607) % 60480000) * INTERVAL '1 second'
       FROM generate_series(:lo, :hi) s, generate_series(0, 13) k""",
    """INSERT INTO learning_events (user_id, verb, object_type, object_id, module_id, created_at)
       SELECT user_id, 'completed', 'lesson', lesson_id, module_id, completed_at
       FROM lesson_progress WHERE user_id BETWEEN :lo AND :hi""",
    # 4 quiz attempts on modules (s + 3 k) mod Q; the first two passed
    """INSERT INTO quiz_attempts (token, user_id, module_id, kind, question_ids, option_orders, answers,
                                 started_at, submitted_at, score, passed)
       SELECT md5('a' || s || '-' || k), s,
              (CAST(:quiz_modules AS int[]))[1 + (s + 3 * k) % cardinality(CAST(:quiz_modules AS int[]))],
              'quiz', '[]', '{}', '{}', t, t + INTERVAL '10 minutes', CASE WHEN k < 2 THEN 80 ELSE 50 END, k < 2
       FROM generate_series(:lo, :hi) s, generate_series(0, 3) k,
            LATERAL (SELECT CAST(:start AS timestamp) + ((s::bigint * 6007 + k * 86400) % 60480000) * INTERVAL '1 second' AS t) w""",
    """INSERT INTO learning_events (user_id, verb, object_type, object_id, module_id, created_at)
       SELECT user_id, 'attempted', 'attempt', id, module_id, submitted_at
       FROM quiz_attempts WHERE user_id BETWEEN :lo AND :hi""",
    """INSERT INTO learning_events (user_id, verb, object_type, object_id, module_id, created_at)
       SELECT user_id, 'passed', 'module', module_id, module_id, submitted_at
       FROM quiz_attempts WHERE user_id BETWEEN :lo AND :hi AND passed""",
    # a certificate for 3 students in 10, for the first module passed
    """INSERT INTO certificates (public_id, code, credential_uuid, issue_key, kind, user_id, module_id, holder_name,
                                titles, module_version, organisation, score, language, recipient_salt, issued_at)
       SELECT md5('p' || user_id), translate(upper(substr(md5('c' || user_id), 1, 12)), '0123456789ABCDEF',
              'ACDEFGHJKMNPQRTU'), md5('u' || user_id)::uuid::text, 'module:' || module_id, 'module', user_id,
              module_id, 'Siswa ' || user_id, '{"id": "Modul"}', 1, 'Literasi', score, 'id', md5('r' || user_id),
              submitted_at
       FROM quiz_attempts WHERE user_id BETWEEN :lo AND :hi AND user_id % 10 < 3
            AND token = md5('a' || user_id || '-0')""",
    # two workshops for every 40 students, each of them registered for both
    """INSERT INTO workshops (id, status, title, description, audiences, venue_name, venue_address, city, province,
                             starts_at, ends_at, registration_opens_at, registration_closes_at, capacity,
                             confirmed_count, sequence, created_at, updated_at, published_at)
       SELECT w, 'published', 'Lokakarya ' || w, '', 'smp sma-smk', 'Aula', 'Jl. Merdeka ' || w, 'Kota',
              (CAST(:provinces AS text[]))[1 + w % 38], t, t + INTERVAL '3 hours', t - INTERVAL '60 days',
              t - INTERVAL '1 hour', 50, 40, 0, t - INTERVAL '60 days', t - INTERVAL '60 days', t - INTERVAL '60 days'
       FROM generate_series((:lo - 1) / 40 * 2 + 1, (:hi - 1) / 40 * 2 + 2) w,
            LATERAL (SELECT CAST(:start AS timestamp) + (w * 7919 % 1095) * INTERVAL '1 day' + INTERVAL '2 hours' AS t) x
       ON CONFLICT DO NOTHING""",
    """INSERT INTO workshop_modules (workshop_id, module_id)
       SELECT w, (CAST(:quiz_modules AS int[]))[1 + w % cardinality(CAST(:quiz_modules AS int[]))]
       FROM generate_series((:lo - 1) / 40 * 2 + 1, (:hi - 1) / 40 * 2 + 2) w
       ON CONFLICT DO NOTHING""",
    """INSERT INTO workshop_registrations (workshop_id, user_id, status, code, queued_at, confirmed_at, walk_in,
                                          checked_in_at)
       SELECT w.id, s, 'confirmed', upper(substr(md5(s || '-' || k), 1, 8)), w.registration_opens_at,
              w.registration_opens_at, false, CASE WHEN w.ends_at < now() THEN w.starts_at END
       FROM generate_series(:lo, :hi) s CROSS JOIN generate_series(1, 2) k
       JOIN workshops w ON w.id = (s - 1) / 40 * 2 + k""",
]
SEQUENCES = ["users", "classrooms", "workshops"]


def fill(conn, lo: int, hi: int, params: dict) -> None:
    from sqlalchemy import text

    numbers = {"lo": lo, "hi": hi, "facilitators": FACILITATORS}  # integers written in: typed as such
    for statement in FILL:
        statement = re.sub(r":(lo|hi|facilitators)\b", lambda m: str(int(numbers[m.group(1)])), statement)
        conn.execute(text(statement), dict(params, start=START))
    for table in SEQUENCES:
        conn.execute(text(f"SELECT setval(pg_get_serial_sequence('{table}', 'id'), (SELECT max(id) FROM {table}))"))


def course_arrays(db) -> dict:
    from sqlalchemy import select

    from literacy.catalog.models import Lesson, Module
    from literacy.workshops import provinces

    lessons = db.session.execute(select(Lesson.id, Lesson.module_id).order_by(Lesson.id)).all()
    quiz_modules = [m.id for m in db.session.scalars(select(Module).order_by(Module.id)) if m.has_quiz]
    return {"lessons": [row.id for row in lessons], "lesson_modules": [row.module_id for row in lessons],
            "quiz_modules": quiz_modules, "provinces": list(provinces.PROVINCES)}


class Capture:
    """Every statement the app sends while the block runs, with its parameters."""

    def __init__(self, engine):
        self.engine, self.statements = engine, []

    def __enter__(self):
        from sqlalchemy import event

        event.listen(self.engine, "before_cursor_execute", self.record)
        return self

    def __exit__(self, *exc):
        from sqlalchemy import event

        event.remove(self.engine, "before_cursor_execute", self.record)

    def record(self, conn, cursor, statement, parameters, context, executemany):
        if re.match(r"\s*(SELECT|INSERT|UPDATE|DELETE|WITH)\b", statement, re.I) and not executemany:
            self.statements.append((statement, parameters))


def walk(plan: dict):
    yield plan
    for child in plan.get("Plans", []):
        yield from walk(child)


def node_name(plan: dict) -> str:
    name = plan["Node Type"]
    if "Index Name" in plan:
        name += f" using {plan['Index Name']}"
    elif "Relation Name" in plan:
        name += f" on {plan['Relation Name']}"
    return name


def explain(engine, statement: str, parameters, undo: list[str], runs: int):
    """(median execution ms, top node, sequential scans of growing tables, text plan)."""
    raw = engine.raw_connection()
    try:
        cursor = raw.cursor()
        timings, plan = [], None
        for _ in range(runs):
            for sql in undo:
                cursor.execute(sql)
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS, FORMAT JSON) " + statement, parameters)
            result = cursor.fetchone()[0]
            result = json.loads(result) if isinstance(result, str) else result
            plan = result[0]
            timings.append(plan["Execution Time"])
            raw.rollback()
        for sql in undo:
            cursor.execute(sql)
        cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
        text_plan = "\n".join(row[0] for row in cursor.fetchall())
        raw.rollback()
    finally:
        raw.close()
    scans = sorted({f"Seq Scan on {n['Relation Name']} ({n['Actual Rows'] + n.get('Rows Removed by Filter', 0):,} rows read)"
                    for n in walk(plan["Plan"]) if n["Node Type"] == "Seq Scan" and n["Relation Name"] in GROWING})
    if scans:  # the plan the planner turns to once that table is big enough: the same, with scans off
        raw = engine.raw_connection()
        try:
            cursor = raw.cursor()
            for sql in undo:
                cursor.execute(sql)
            cursor.execute("SET LOCAL enable_seqscan = off")
            cursor.execute("EXPLAIN (ANALYZE, BUFFERS) " + statement, parameters)
            indexed = "\n".join(row[0] for row in cursor.fetchall())
            raw.rollback()
        finally:
            raw.close()
        took = re.search(r"Execution Time: ([\d.]+) ms", indexed).group(1)
        scans.append(f"without sequential scans: {took} ms, {indexed.splitlines()[0].split('  (')[0].strip()}")
        text_plan += "\n-- the same with enable_seqscan = off:\n" + indexed
    return statistics.median(timings), node_name(plan["Plan"]), scans, text_plan


def summary(statement: str) -> str:
    verb = statement.split(None, 1)[0].upper()
    table = re.search(r"\b(?:FROM|INTO|UPDATE)\s+(\w+)", statement, re.I)
    return f"{verb} {table.group(1) if table else ''}"


def pages(app, db, size: int) -> list[tuple[str, str, str, list[str], int]]:
    """(name, method, url, undo statements, user id to log in as) for the hot requests at this size."""
    from sqlalchemy import select, text
    from werkzeug.security import generate_password_hash

    from literacy.certificates.models import Certificate
    from literacy.workshops import provinces

    student = size - (size % 10) + 1 if size % 10 else size - 9  # ends in 1: holds a certificate
    block = (size - 1) // BLOCK - 1  # the last whole block of 510
    big_class = block * 4 + 4
    with app.app_context():
        hashed = generate_password_hash(PASSWORD, method=HASH_METHOD)
        db.session.execute(text("UPDATE users SET password_hash = :h WHERE id IN (:s, :f)"),
                           {"h": hashed, "s": student, "f": FACILITATORS + big_class})
        code = db.session.scalar(select(Certificate.code).where(Certificate.user_id == student))
        workshop = db.session.execute(text(
            "SELECT id FROM workshops WHERE starts_at > now() + INTERVAL '2 days' AND registration_opens_at < now() "
            "AND confirmed_count < capacity AND id NOT IN (SELECT workshop_id FROM workshop_registrations "
            "WHERE user_id = :s) ORDER BY id DESC LIMIT 1"), {"s": student}).scalar()
        db.session.commit()
    province = list(provinces.PROVINCES)[1]
    month = "2027-01"
    undo_registration = [f"DELETE FROM workshop_registrations WHERE workshop_id = {workshop} AND user_id = {student}",
                         f"UPDATE workshops SET confirmed_count = confirmed_count - 1 WHERE id = {workshop}"]
    return [
        ("dashboard", "GET", "/dasbor", [], student),
        ("class report (300)", "GET", f"/kelas/{big_class}/laporan", [], FACILITATORS + big_class),
        ("certificate verification", "GET", f"/sertifikat/verifikasi?kode={code}", [], 0),
        ("schedule, province and month", "GET", f"/lokakarya?provinsi={province}&bulan={month}", [], 0),
        ("impact numbers", "GET", "/dampak", [], 0),
        ("workshop registration", "POST", f"/lokakarya/{workshop}/daftar", undo_registration, student),
    ]


def log_in(client, user_id: int) -> None:
    page = client.get("/masuk").get_data(as_text=True)
    token = CSRF.search(page).group(1)
    name = f"s{user_id}" if user_id < FACILITATORS else f"f{user_id - FACILITATORS}"
    response = client.post("/masuk", data={"csrf_token": token, "login": name, "password": PASSWORD})
    assert response.status_code == 303, response.status_code


def csrf_of(client, path: str) -> str:
    page = client.get(path).get_data(as_text=True)
    return CSRF.search(page).group(1)


def measure(app, db, size: int, runs: int, plans_out) -> list[tuple]:
    rows = []
    for name, method, url, undo, user_id in pages(app, db, size):
        client = app.test_client()
        if user_id:
            log_in(client, user_id)
        data = {"csrf_token": csrf_of(client, url.replace("/daftar", ""))} if method == "POST" else None
        if method == "GET":
            client.get(url)  # warm the app's own caches, as a running server has them
        with app.app_context():
            with Capture(db.engine) as capture:
                started = time.perf_counter()
                response = client.open(url, method=method, data=data)
                wall = (time.perf_counter() - started) * 1000
            expected = 303 if method == "POST" else 200
            if response.status_code != expected:
                raise RuntimeError(f"{name}: {url} answered {response.status_code}")
            for number, (statement, parameters) in enumerate(capture.statements, 1):
                ms, top, scans, text_plan = explain(db.engine, statement, parameters, undo, runs)
                rows.append((size, name, number, summary(statement), ms, top, scans))
                if plans_out:
                    plans_out.write(f"== {size:,} students | {name} | #{number} {summary(statement)} | {ms:.2f} ms\n"
                                    f"{statement}\n{parameters}\n{text_plan}\n\n")
            rows.append((size, name, 0, f"whole request ({len(capture.statements)} statements)", wall, "", []))
    return rows


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--database-url", default=SERVER, help="a PostgreSQL server (a database is made on it)")
    parser.add_argument("--sizes", default="250000,500000,1000000")
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--plans", default=None, help="write every statement and its text plan to this file")
    parser.add_argument("--keep", action="store_true", help="keep the database at the end (its URL is printed)")
    parser.add_argument("--reuse", default=None, metavar="URL",
                        help="measure a database kept by --keep as it is, after `flask db upgrade` (no filling)")
    args = parser.parse_args(argv)
    sizes = [int(s) for s in args.sizes.split(",")]
    if not args.database_url.startswith("postgresql"):
        raise SystemExit("national.py measures PostgreSQL plans: give --database-url postgresql://...")

    from sqlalchemy import text

    from literacy import create_app
    from literacy.config import TestingConfig
    from literacy.extensions import db
    from literacy.impact import services as impact

    plans_out = open(args.plans, "w") if args.plans else None
    results = []
    with ExitStack() as stack:
        url = args.reuse or stack.enter_context(
            temporary_database(args.database_url, prefix="literacy_scale_national", keep=args.keep))
        env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
        env.update(LITERACY_DATABASE_URL=url, LITERACY_SECRET_KEY="bench")
        for command in (["db", "upgrade"], ["content", "import", "content"]):
            subprocess.run([str(BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True)
        app = create_app(TestingConfig, DATABASE_URL=url, RATELIMIT_ENABLED=False)
        with app.app_context():
            params = course_arrays(db)
            done = db.session.execute(text("SELECT count(*) FROM users WHERE role = 'student'")).scalar()
            db.session.remove()
        if args.reuse:
            sizes = [done]
        for size in sizes:
            started = time.perf_counter()
            with app.app_context():
                if size > done:
                    with db.engine.begin() as conn:
                        fill(conn, done + 1, size, params)
                filled = time.perf_counter() - started
                with db.engine.connect().execution_options(isolation_level="AUTOCOMMIT") as conn:
                    conn.execute(text("VACUUM ANALYZE"))
                    counts = {t: conn.execute(text(f"SELECT count(*) FROM {t}")).scalar() for t in (
                        "learning_events", "lesson_progress", "quiz_attempts", "certificates", "workshops",
                        "workshop_registrations", "classrooms")}
                    database_size = conn.execute(text("SELECT pg_size_pretty(pg_database_size(current_database()))")).scalar()
                started = time.perf_counter()
                impact.rollup(None)
                rolled = time.perf_counter() - started
                db.session.remove()
            print(f"\n== {size:,} students: filled in {filled:.0f} s, database {database_size}; "
                  + ", ".join(f"{t} {n:,}" for t, n in counts.items())
                  + f"; `flask impact rollup` {rolled:.1f} s; load average {os.getloadavg()[0]:.2f}", flush=True)
            done = size
            rows = measure(app, db, size, args.runs, plans_out)
            results.extend(rows)
            for _size, name, number, what, ms, top, scans in rows:
                label = f"{name} #{number}" if number else f"{name}: {what}"
                print(f"{label:<40} {what if number else '':<34} {ms:>8.2f} ms  {top}"
                      + (f"  [{'; '.join(scans)}]" if scans else ""), flush=True)
    if args.keep:
        print(f"kept: {url}")
    print("\n== growth (execution ms of the slowest statement per request, by size)")
    slowest = defaultdict(dict)
    for size, name, number, _what, ms, _top, _scans in results:
        if number:
            slowest[name][size] = max(slowest[name].get(size, 0), ms)
    print(f"{'request':<32}" + "".join(f"{s:>12,}" for s in sizes))
    for name, by_size in slowest.items():
        print(f"{name:<32}" + "".join(f"{by_size.get(s, 0):>12.2f}" for s in sizes))
    over = [(n, s, ms) for n, by in slowest.items() for s, ms in by.items() if s >= 1_000_000 and ms > 20]
    print(f"load average {' '.join(f'{x:.2f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    return 1 if over else 0


if __name__ == "__main__":
    sys.exit(main())

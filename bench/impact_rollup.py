"""Time ``flask impact rollup`` and the /dampak page on national-scale data.

Usage: .venv/bin/python bench/impact_rollup.py [--students 100000] [--database-url postgresql://...]

Fills an empty database (a temporary SQLite file by default) with STUDENTS students spread over
the 38 provinces and 24 months, each reading 5 of 14 modules' lessons (3 lessons each), a third
passing a module, and 2,000 workshops with 20 check-ins each, all inserted in bulk. Then times the
rollup (every module, and one partner's 3 modules) and the page and CSV through the test client
(median and p95). The page's query count is asserted in tests/impact/test_page.py; this shows that
its time does not grow with the data, and how long the daily rollup takes.
"""
from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from datetime import datetime, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))


def fill(db, students: int, rng: random.Random) -> list[int]:
    from sqlalchemy import insert

    from literacy.accounts.models import User
    from literacy.catalog.models import Lesson, Module
    from literacy.learning.models import LearningEvent, LessonProgress
    from literacy.workshops import provinces
    from literacy.workshops.models import Registration, Workshop

    slugs = list(provinces.PROVINCES) + [None] * 8  # some students do not say
    start = datetime(2025, 1, 1)
    db.session.execute(insert(Module), [dict(id=m, slug=f"modul-{m}", pillar="aman", level="dasar", duration_minutes=30,
                                             pass_mark=70, certificate=True, languages="id", content_hash="x")
                                        for m in range(1, 15)])
    db.session.execute(insert(Lesson), [dict(id=m * 10 + n, module_id=m, slug=f"p{n}", position=n)
                                        for m in range(1, 15) for n in range(1, 4)])
    users, progress, events = [], [], []
    for user_id in range(1, students + 1):
        users.append(dict(id=user_id, username=f"s{user_id}", username_key=f"s{user_id}", password_hash="x",
                          role="student", birth_year=2010, province=rng.choice(slugs), auth_secret="x"))
        when = start + timedelta(days=rng.randrange(700), hours=rng.randrange(24))
        for module_id in rng.sample(range(1, 15), 5):
            for n in range(1, 4):
                progress.append(dict(user_id=user_id, lesson_id=module_id * 10 + n, module_id=module_id, completed_at=when))
            if rng.random() < 0.33:
                events.append(dict(user_id=user_id, verb="passed", object_type="module", object_id=module_id,
                                   module_id=module_id, created_at=when))
        if len(progress) > 50_000:
            db.session.execute(insert(User), users)
            db.session.execute(insert(LessonProgress), progress)
            db.session.execute(insert(LearningEvent), events)
            users, progress, events = [], [], []
    if users:
        db.session.execute(insert(User), users)
        db.session.execute(insert(LessonProgress), progress)
        db.session.execute(insert(LearningEvent), events)
    workshops, registrations = [], []
    for workshop_id in range(1, 2001):
        when = start + timedelta(days=rng.randrange(700))
        workshops.append(dict(id=workshop_id, status="published", title="L", venue_name="A", venue_address="J",
                              city="K", province=rng.choice(list(provinces.PROVINCES)), starts_at=when, ends_at=when,
                              registration_opens_at=when, registration_closes_at=when, capacity=30))
        for n in range(20):
            registrations.append(dict(workshop_id=workshop_id, user_id=None, name="Tamu", status="confirmed",
                                      code=f"C{n:04d}", walk_in=True, checked_in_at=when))
    db.session.execute(insert(Workshop), workshops)
    db.session.execute(insert(Registration), registrations)
    db.session.commit()
    return [1, 2, 3]


def timed(call, runs: int) -> tuple[float, float]:
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        call()
        timings.append((time.perf_counter() - started) * 1000)
    timings.sort()
    return statistics.median(timings), timings[max(0, int(len(timings) * 0.95) - 1)]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--students", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=30)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args()

    from literacy import create_app
    from literacy.config import TestingConfig
    from literacy.database import normalise_url
    from literacy.extensions import db
    from literacy.impact import services

    url = normalise_url(args.database_url) if args.database_url else \
        "sqlite:///" + str(Path(tempfile.mkdtemp()) / "impact-bench.sqlite3")
    app = create_app(TestingConfig, DATABASE_URL=url)
    with app.app_context():
        db.drop_all()
        db.create_all()
        started = time.perf_counter()
        partner = fill(db, args.students, random.Random(2026))
        print(f"filled {args.students:,} students in {time.perf_counter() - started:.1f} s ({db.engine.dialect.name})")
        for label, module_ids in (("every module", None), ("a partner's 3 modules", partner)):
            started = time.perf_counter()
            rows = services.rollup(module_ids)
            print(f"rollup, {label}: {time.perf_counter() - started:.2f} s, {rows} rows")
        db.session.remove()
    client = app.test_client()
    for url_path in ("/dampak", "/dampak.csv"):
        assert client.get(url_path).status_code == 200
        median, p95 = timed(lambda: client.get(url_path), args.runs)
        print(f"{url_path}: median {median:.1f} ms, p95 {p95:.1f} ms over {args.runs} requests")
    with app.app_context():
        db.drop_all()


if __name__ == "__main__":
    main()

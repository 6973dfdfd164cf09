"""Hundreds of students register for one workshop at the same moment, through real HTTP.

Usage: .venv/bin/python bench/registration_race.py [--students 200] [--seats 30] [--workers 4]
                                                    [--database-url postgresql://...]

Makes a temporary database (a SQLite file, or a fresh database on the PostgreSQL server named by
--database-url, dropped at the end), migrates it, creates a published workshop with SEATS seats
and STUDENTS student accounts, starts gunicorn with several workers on loopback (rate limiting
off, or the logins would be throttled), logs every student in through the login form, then
releases all registrations at once (one thread per student) and counts what was stored:

    confirmed 30, waiting 170, errors 0

It exits non-zero unless exactly SEATS are confirmed, everyone else waits and no request failed.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import os
import re
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

PASSWORD = "kopi susu gula aren"
HASH_METHOD = "scrypt:1024:8:1"  # cheap hashes: the bench measures seats, not password hashing
CSRF = re.compile(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"')  # a plain input or the login form's hidden_tag()


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@contextmanager
def temporary_database(url: str | None, prefix: str = "literacy_race", keep: bool = False):
    """A SQLite file in a temporary folder, or a new database on the given PostgreSQL server."""
    if not url:
        with tempfile.TemporaryDirectory() as tmp:
            yield f"sqlite:///{tmp}/{prefix}.sqlite3"
        return
    from sqlalchemy import create_engine, text
    from sqlalchemy.engine import make_url

    from literacy.database import normalise_url

    server = normalise_url(url)
    name = f"{prefix}_{uuid.uuid4().hex[:8]}"
    admin = create_engine(server, isolation_level="AUTOCOMMIT")
    with admin.connect() as conn:
        conn.execute(text(f'CREATE DATABASE "{name}"'))
    try:
        yield make_url(server).set(database=name).render_as_string(hide_password=False)
    finally:
        if not keep:
            with admin.connect() as conn:
                conn.execute(text(f'DROP DATABASE "{name}" WITH (FORCE)'))
        admin.dispose()


def accounts(count: int, name: str = "siswa", role: str = "student") -> list[dict]:
    """Rows for ``insert(User)``: siswa0, siswa1, ... (or one ``name``), all with PASSWORD, cheaply hashed."""
    from werkzeug.security import generate_password_hash

    password_hash = generate_password_hash(PASSWORD, method=HASH_METHOD)
    names = [name] if count == 1 and name != "siswa" else [f"{name}{n}" for n in range(count)]
    return [{"username": username, "username_key": username, "password_hash": password_hash, "role": role,
             "birth_year": 2000 if role == "student" else 1990, "session_version": 1, "must_change_password": False}
            for username in names]


def prepare(database_url: str, students: int, seats: int) -> int:
    """Create the students and a published workshop; returns the workshop's id."""
    from sqlalchemy import insert, select

    from literacy import create_app
    from literacy.accounts.models import User
    from literacy.extensions import db
    from literacy.workshops import services

    app = create_app(DATABASE_URL=database_url, SECRET_KEY="bench")
    with app.app_context():
        db.session.execute(insert(User), accounts(students) + accounts(1, "fasilitator", "facilitator"))
        db.session.commit()
        facilitator = db.session.scalar(select(User).where(User.username_key == "fasilitator"))
        day = (datetime.utcnow() + timedelta(days=3)).date()
        workshop = services.save_workshop(facilitator, dict(
            title="Lokakarya serbu kursi", description="", modules=[], audiences=["umum"], venue_name="Aula",
            venue_address="Jl. Merdeka 1", city="Kota Kupang", province="nusa-tenggara-timur",
            starts_at=datetime(day.year, day.month, day.day, 9), ends_at=datetime(day.year, day.month, day.day, 12),
            capacity=seats, registration_opens_at=None, registration_closes_at=None, co_facilitators="",
            class_id=""))
        services.publish(workshop)
        workshop_id = workshop.id
        db.session.remove()
        db.engine.dispose()
    return workshop_id


def outcome(database_url: str, workshop_id: int) -> tuple[int, int, int]:
    from sqlalchemy import func, select

    from literacy import create_app
    from literacy.extensions import db
    from literacy.workshops.models import Registration, Workshop

    app = create_app(DATABASE_URL=database_url, SECRET_KEY="bench")
    with app.app_context():
        rows = dict(db.session.execute(select(Registration.status, func.count())
                                       .where(Registration.workshop_id == workshop_id)
                                       .group_by(Registration.status)).all())
        counter = db.session.get(Workshop, workshop_id).confirmed_count
        db.session.remove()
        db.engine.dispose()
    return rows.get("confirmed", 0), rows.get("waiting", 0), counter


@contextmanager
def gunicorn(env: dict, workers: int):
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", str(workers), "--worker-class", "gthread", "--threads", "8",
         "--backlog", "2048", "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        for _ in range(200):
            try:
                socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
                break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start: " + process.stderr.read().decode()[-2000:])
        yield f"http://127.0.0.1:{port}"
    finally:
        process.terminate()
        process.wait(timeout=30)


class NoRedirect(urllib.request.HTTPRedirectHandler):
    def redirect_request(self, *args, **kwargs):
        return None


class Student:
    """One browser: its own cookies, its CSRF token."""

    def __init__(self, base: str, username: str):
        self.base, self.username = base, username
        self.opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(http.cookiejar.CookieJar()),
                                                  NoRedirect())
        self.token = ""

    def request(self, path: str, data: dict | None = None) -> tuple[int, str]:
        body = urllib.parse.urlencode(data).encode() if data is not None else None
        try:
            with self.opener.open(self.base + path, data=body, timeout=120) as response:
                return response.status, response.read().decode()
        except urllib.error.HTTPError as answer:
            return answer.code, answer.read().decode(errors="replace")

    def log_in(self) -> None:
        status, page = self.request("/masuk")
        self.token = CSRF.search(page).group(1)
        status, _ = self.request("/masuk", {"csrf_token": self.token, "login": self.username, "password": PASSWORD})
        if status != 303:
            raise RuntimeError(f"{self.username}: login answered {status}")
        status, page = self.request("/")
        self.token = CSRF.search(page).group(1)  # the logged-in session's token

    def register(self, workshop_id: int) -> int:
        return self.request(f"/lokakarya/{workshop_id}/daftar", {"csrf_token": self.token})[0]


def race(base: str, workshop_id: int, students: int) -> tuple[int, float, float]:
    """Log everyone in, then fire every registration at the same moment.
    Returns the error count and the seconds the logins and the registrations took."""
    people = [Student(base, f"siswa{n}") for n in range(students)]
    began = time.perf_counter()
    with ThreadPoolExecutor(16) as pool:
        list(pool.map(Student.log_in, people))
    logged_in = time.perf_counter()
    start = threading.Barrier(students)
    errors = []

    def go(student):
        start.wait()
        try:
            status = student.register(workshop_id)
        except Exception as error:  # noqa: BLE001 - a failed request is an error to count
            errors.append(f"{student.username}: {error}")
            return
        if status != 303:
            errors.append(f"{student.username}: HTTP {status}")

    threads = [threading.Thread(target=go, args=(s,)) for s in people]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    finished = time.perf_counter()
    for error in errors[:5]:
        print(error, file=sys.stderr)
    return len(errors), logged_in - began, finished - logged_in


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=200)
    parser.add_argument("--seats", type=int, default=30)
    parser.add_argument("--workers", type=int, default=4)
    parser.add_argument("--database-url", default=None)
    args = parser.parse_args(argv)

    with temporary_database(args.database_url) as database_url:
        env = dict(os.environ, LITERACY_DATABASE_URL=database_url, LITERACY_SECRET_KEY="bench",
                   LITERACY_RATELIMIT_ENABLED="false", LITERACY_PASSWORD_HASH_METHOD=HASH_METHOD)
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", "db", "upgrade"], cwd=ROOT, env=env, check=True,
                       capture_output=True)
        workshop_id = prepare(database_url, args.students, args.seats)
        with gunicorn(env, args.workers) as base:
            errors, logins, burst = race(base, workshop_id, args.students)
        confirmed, waiting, counter = outcome(database_url, workshop_id)
    print(f"confirmed {confirmed}, waiting {waiting}, errors {errors}")
    print(f"(seat counter {counter}; {args.students} logins {logins:.1f} s, then all registrations at once "
          f"{burst:.2f} s, {args.workers} gunicorn workers)", file=sys.stderr)
    expected_waiting = max(args.students - args.seats, 0)
    ok = (confirmed == min(args.seats, args.students) == counter and waiting == expected_waiting and errors == 0)
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

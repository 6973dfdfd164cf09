"""A computer lab at once: 50 students reading, marking lessons done, taking quizzes, opening the dashboard.

Usage: .venv/bin/python bench/load.py [--students 50] [--duration 60] [--think 1.0]
                                      [--database-url postgresql://...] [--servers 2 --redis]

Makes a temporary database (a SQLite file, or a fresh database on the PostgreSQL server named by
--database-url, dropped at the end), migrates it and imports the bundled course as `make run` does,
creates STUDENTS student accounts, and starts gunicorn with `make run`'s settings (2 gthread
workers, 4 threads each; --servers N starts N such app servers on different ports; each student
starts on one of them and moves to the next every round, as behind a load balancer). Every student
is a thread with its own cookies and real CSRF tokens: it logs in through the form, then goes round
the modules until DURATION seconds have passed (finishing the round it is in, so every student does
at least one): reads each lesson and marks it done, opens the quiz, starts it, saves half the
answers, submits them all (and now and then submits a second time, as a double tap would), reads the
result, opens the dashboard. Between two requests it waits THINK seconds on average (uniform between
0.5x and 1.5x; 0 hammers the server as fast as it answers). It prints p50/p95/p99 per request type
and overall and the error count (any answer other than 2xx/3xx, or none), then checks the database:
every attempt whose submission was acknowledged is stored submitted, once, with one "attempted"
learning event, and nothing else was submitted. Exit status 0 only without errors and with every
attempt stored once.

Rate limiting stays on and shared (a SQLite file in the temporary folder, or with --redis a
redis-server this script starts on a free loopback port, given as LITERACY_RATELIMIT_STORAGE_URI
to every app server), with the login limit raised for the bench
(LITERACY_RATE_LIMIT_LOGIN="1000 per minute"): the whole lab logs in from one address.
Passwords use a cheap hash (LITERACY_PASSWORD_HASH_METHOD) so the logins take no time.
"""
from __future__ import annotations

import argparse
import http.client
import os
import random
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.parse
from collections import defaultdict
from contextlib import ExitStack, contextmanager
from http.cookies import SimpleCookie
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

from bench.registration_race import CSRF, HASH_METHOD, PASSWORD, accounts, free_port, temporary_database  # noqa: E402

CHOICE = re.compile(r'type="(radio|checkbox)" name="(q-\d+)" value="(\d+)"')
BENCH_LIMITS = {"LITERACY_RATE_LIMIT_LOGIN": "1000 per minute;10000 per hour"}
MAKE_RUN = ["--workers", "2", "--threads", "4", "--worker-class", "gthread"]  # the Makefile's `run`


def wait_for_port(port: int, process: subprocess.Popen, what: str) -> None:
    for _ in range(300):
        if process.poll() is not None:
            raise RuntimeError(f"{what} stopped: " + (process.stderr.read().decode()[-2000:] if process.stderr else ""))
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.2).close()
            return
        except OSError:
            time.sleep(0.1)
    raise RuntimeError(f"{what} did not start on port {port}")


@contextmanager
def running(command: list[str], env: dict, port: int, what: str):
    process = subprocess.Popen(command, cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        wait_for_port(port, process, what)
        yield process
    finally:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def prepare(env: dict, database_url: str, students: int) -> list[tuple[str, list[str]]]:
    """Migrate, import the bundled course, add the students; returns (module slug, lesson slugs) of quiz modules."""
    for command in (["db", "upgrade"], ["content", "import", "content"]):
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,
                       capture_output=True)
    from sqlalchemy import insert, select

    from literacy import create_app
    from literacy.accounts.models import User
    from literacy.catalog.models import Lesson, Module
    from literacy.extensions import db

    app = create_app(DATABASE_URL=database_url, SECRET_KEY="bench")
    with app.app_context():
        db.session.execute(insert(User), accounts(students))
        db.session.commit()
        modules = [m for m in db.session.scalars(select(Module).order_by(Module.slug)) if m.has_quiz]
        course = [(m.slug, list(db.session.scalars(select(Lesson.slug).where(Lesson.module_id == m.id)
                                                   .order_by(Lesson.position)))) for m in modules]
        db.session.remove()
        db.engine.dispose()
    return course


def stored_attempts(database_url: str) -> tuple[dict[str, int], dict[str, int]]:
    """Submitted attempts by token (how many rows each), and "attempted" events by attempt token."""
    from sqlalchemy import func, select

    from literacy import create_app
    from literacy.extensions import db
    from literacy.learning.models import LearningEvent, QuizAttempt

    app = create_app(DATABASE_URL=database_url, SECRET_KEY="bench")
    with app.app_context():
        attempts = dict(db.session.execute(select(QuizAttempt.token, func.count()).where(
            QuizAttempt.submitted_at.is_not(None)).group_by(QuizAttempt.token)).all())
        events = dict(db.session.execute(
            select(QuizAttempt.token, func.count()).join(LearningEvent, (LearningEvent.object_id == QuizAttempt.id) & (
                LearningEvent.object_type == "attempt") & (LearningEvent.verb == LearningEvent.SUBMITTED_ATTEMPT))
            .group_by(QuizAttempt.token)).all())
        db.session.remove()
        db.engine.dispose()
    return attempts, events


class Browser:
    """One student's browser: a kept-alive connection, its cookies, the CSRF token of the last page.
    ``switch`` moves it to another app server (as a load balancer might), keeping its cookies."""

    def __init__(self, port: int):
        self.cookies: dict[str, str] = {}
        self.token = ""
        self.switch(port)

    def switch(self, port: int) -> None:
        if getattr(self, "port", None) != port:
            if getattr(self, "connection", None) is not None:
                self.connection.close()
            self.port = port
            self.connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)

    def request(self, method: str, path: str, data: list[tuple[str, str]] | None = None):
        headers = {"Cookie": "; ".join(f"{k}={v}" for k, v in self.cookies.items())} if self.cookies else {}
        body = None
        if data is not None:
            body = urllib.parse.urlencode(data)
            headers["Content-Type"] = "application/x-www-form-urlencoded"
        for retry in (True, False):
            try:
                self.connection.request(method, path, body=body, headers=headers)
                response = self.connection.getresponse()
                text = response.read().decode(errors="replace")
                break
            except (http.client.RemoteDisconnected, ConnectionResetError, BrokenPipeError):
                # the server closed an idle kept-alive connection: a browser reconnects and resends
                self.connection.close()
                self.connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=60)
                if not retry:
                    raise
        for header in response.headers.get_all("Set-Cookie") or []:
            for name, morsel in SimpleCookie(header).items():
                if morsel.value and not morsel["expires"].startswith("Thu, 01 Jan 1970"):
                    self.cookies[name] = morsel.value
                else:
                    self.cookies.pop(name, None)
        found = CSRF.search(text)
        if found:
            self.token = found.group(1)
        return response.status, response.headers.get("Location", ""), text


class Student(threading.Thread):
    def __init__(self, number: int, ports: list[int], course, until: float, think: float, results, seed: int):
        super().__init__(daemon=True)
        self.username, self.course, self.until, self.think = f"siswa{number}", course, until, think
        self.number, self.ports = number, ports
        self.browser = Browser(ports[number % len(ports)])
        self.results = results  # shared: {"timings": {kind: [ms]}, "errors": [...], "submitted": set()}
        self.rng = random.Random(seed)

    def hit(self, kind: str, method: str, path: str, data=None, expect_location: str | None = None):
        if self.think:
            time.sleep(self.think * self.rng.uniform(0.5, 1.5))
        started = time.perf_counter()
        try:
            status, location, text = self.browser.request(method, path, data)
        except Exception as error:  # noqa: BLE001 - no answer is an error to count
            self.results["errors"].append(f"{kind} {path}: {error!r}")
            raise
        self.results["timings"][kind].append((time.perf_counter() - started) * 1000)
        if not 200 <= status < 400:
            self.results["errors"].append(f"{kind} {path}: HTTP {status}")
        elif expect_location is not None and expect_location not in location:
            self.results["errors"].append(f"{kind} {path}: went to {location or status}, not {expect_location}")
        return status, location, text

    def run(self) -> None:
        try:
            self.hit("login", "GET", "/masuk")
            self.hit("login", "POST", "/masuk", [("csrf_token", self.browser.token), ("login", self.username),
                                                 ("password", PASSWORD)], expect_location="/")
            modules = self.course[:]
            self.rng.shuffle(modules)
            for number in range(10**9):
                slug, lessons = modules[number % len(modules)]
                if time.time() >= self.until:
                    return
                # with several app servers, every round on the next one: the login made on one holds on all
                self.browser.switch(self.ports[(self.number + number) % len(self.ports)])
                self.round(slug, lessons)
        except Exception:  # noqa: BLE001 - counted in hit(); this student stops
            return

    def round(self, slug: str, lessons: list[str]) -> None:
        for lesson in lessons:
            self.hit("lesson", "GET", f"/modul/{slug}/{lesson}")
            self.hit("lesson done", "POST", f"/modul/{slug}/{lesson}/selesai", [("csrf_token", self.browser.token)])
        self.hit("quiz home", "GET", f"/modul/{slug}/kuis")
        _, location, _ = self.hit("quiz start", "POST", f"/modul/{slug}/kuis/mulai",
                                  [("csrf_token", self.browser.token)])
        if "/kuis/" in location and not location.rstrip("/").endswith("/kuis"):
            path = urllib.parse.urlsplit(location).path
            token = path.rsplit("/", 1)[1]
            _, _, page = self.hit("quiz page", "GET", path)
            options = defaultdict(list)
            for _kind, name, value in CHOICE.findall(page):
                options[name].append(value)
            answers = [(name, self.rng.choice(values)) for name, values in options.items()]
            csrf = [("csrf_token", self.browser.token)]
            self.hit("quiz save", "POST", path, csrf + answers[:len(answers) // 2] + [("aksi", "simpan")],
                     expect_location=path)
            self.hit("quiz submit", "POST", path, csrf + answers + [("aksi", "kirim")], expect_location="/hasil")
            self.results["submitted"].add(token)
            if self.rng.random() < 0.2:  # a double tap: harmless, nothing stored twice
                self.hit("quiz submit", "POST", path, csrf + answers + [("aksi", "kirim")], expect_location="/hasil")
            self.hit("quiz result", "GET", f"{path}/hasil")
        self.hit("dashboard", "GET", "/dasbor")


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(share * len(ordered) + 0.5)) - 1))]


def report(timings: dict[str, list[float]], seconds: float) -> str:
    lines = [f"{'request':<12} {'count':>7} {'p50 ms':>8} {'p95 ms':>8} {'p99 ms':>8} {'max ms':>8}"]
    everything = [t for values in timings.values() for t in values]
    for kind, values in [*sorted(timings.items()), ("overall", everything)]:
        if values:
            lines.append(f"{kind:<12} {len(values):>7} {percentile(values, .5):>8.1f} {percentile(values, .95):>8.1f} "
                         f"{percentile(values, .99):>8.1f} {max(values):>8.1f}")
    lines.append(f"{len(everything)} requests in {seconds:.1f} s ({len(everything) / seconds:.0f} req/s)")
    return "\n".join(lines)


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--students", type=int, default=50)
    parser.add_argument("--duration", type=float, default=60, help="seconds of load after the logins start")
    parser.add_argument("--think", type=float, default=1.0, help="mean seconds a student waits between requests")
    parser.add_argument("--database-url", default=None)
    parser.add_argument("--servers", type=int, default=1, help="app servers (gunicorn, each as `make run`)")
    parser.add_argument("--redis", action="store_true", help="rate limits in a redis-server started here")
    args = parser.parse_args(argv)

    with ExitStack() as stack:
        tmp = stack.enter_context(tempfile.TemporaryDirectory())
        database_url = stack.enter_context(temporary_database(args.database_url, prefix="literacy_scale_load"))
        env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
        env.update(BENCH_LIMITS, LITERACY_DATABASE_URL=database_url, LITERACY_SECRET_KEY="bench-load",
                   LITERACY_PASSWORD_HASH_METHOD=HASH_METHOD,
                   LITERACY_RATELIMIT_STORAGE_URI=f"sqlite:///{tmp}/ratelimits.sqlite3",
                   LITERACY_BADGE_SIGNING_KEY_PATH=f"{tmp}/badge_signing_key.pem")
        redis_port = None
        if args.redis:
            redis_port = free_port()
            executable = shutil.which("redis-server")
            if not executable:
                raise SystemExit("redis-server is missing (apt-get install redis-server)")
            stack.enter_context(running([executable, "--port", str(redis_port), "--bind", "127.0.0.1", "--save", "",
                                         "--appendonly", "no", "--dir", tmp], env, redis_port, "redis-server"))
            env["LITERACY_RATELIMIT_STORAGE_URI"] = f"redis://127.0.0.1:{redis_port}/0"
        course = prepare(env, database_url, args.students)
        ports = [free_port() for _ in range(args.servers)]
        for port in ports:
            stack.enter_context(running([str(BIN / "gunicorn"), *MAKE_RUN, "--bind", f"127.0.0.1:{port}",
                                         "--access-logfile", "-", "wsgi:app"], env, port, "gunicorn"))
        for port in ports:  # a first request each, so worker start-up is not measured
            Browser(port).request("GET", "/masuk")

        results = {"timings": defaultdict(list), "errors": [], "submitted": set()}
        started = time.time()
        students = [Student(n, ports, course, started + args.duration, args.think, results, n)
                    for n in range(args.students)]
        for student in students:
            student.start()
        for student in students:
            student.join()
        seconds = time.time() - started
        load = os.getloadavg()
        limiter_keys = None
        if redis_port:
            import redis

            limiter_keys = len(redis.Redis(port=redis_port).keys("*"))
        attempts, events = stored_attempts(database_url)

    submitted = results["submitted"]
    twice = sorted(t for t, n in attempts.items() if n != 1) + sorted(t for t, n in events.items() if n != 1)
    missing = sorted(submitted - attempts.keys()) + sorted(submitted - events.keys())
    unexpected = sorted(attempts.keys() - submitted)
    print(report(results["timings"], seconds))
    print(f"errors {len(results['errors'])}")
    for error in results["errors"][:10]:
        print("  " + error)
    print(f"attempts submitted {len(submitted)}, stored {len(attempts)}, stored twice {len(twice)}, "
          f"missing {len(missing)}, stored but not acknowledged {len(unexpected)}")
    print(f"{args.students} students, {args.servers} app server(s) x 2 gthread workers x 4 threads, think "
          f"{args.think} s, {'PostgreSQL' if args.database_url else 'SQLite'}, rate limits in "
          f"{'Redis (' + str(limiter_keys) + ' keys after the run)' if redis_port else 'a shared SQLite file'}; "
          f"load average {load[0]:.2f} {load[1]:.2f} {load[2]:.2f} on {os.cpu_count()} cores")
    ok = not results["errors"] and not twice and not missing and not unexpected and submitted
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())

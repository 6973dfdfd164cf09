"""The app server is killed (SIGKILL, master and workers) in the middle of a load of quiz submissions
and workshop registrations, then restarted: nothing acknowledged is lost and nothing is half-written.

Run alone with ``.venv/bin/pytest -m crash``. It starts gunicorn as ``make run`` does (gthread, two
workers) on a database of its own: a SQLite file, or on the PostgreSQL run a fresh database on the
server named by LITERACY_TEST_DATABASE_URL (dropped at the end).

A write counts as acknowledged when the client has read the server's 303 answer, which is sent
only after the transaction committed. Requests cut off by the kill are unacknowledged: they may or
may not have happened, and both are fine, as long as they happened whole.
"""
from __future__ import annotations

import http.client
import json
import os
import re
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path

import pytest
from sqlalchemy import create_engine, text

from bench.registration_race import HASH_METHOD, Student, free_port, prepare, temporary_database

pytestmark = pytest.mark.crash

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
STUDENTS, SEATS = 24, 10
KILL_AFTER = 70  # acknowledged writes before the kill
MODULE = "kenali-hoaks"
OPTION = re.compile(r'name="(q-\d+)" value="(\d+)"')


def descendants(pid: int) -> list[int]:
    """Every process below ``pid`` (gunicorn's workers), read from /proc."""
    children: dict[int, list[int]] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parent = int(stat.rsplit(")", 1)[1].split()[1])
            children.setdefault(parent, []).append(int(entry.name))
    found, todo = [], [pid]
    while todo:
        for child in children.get(todo.pop(), []):
            found.append(child)
            todo.append(child)
    return found


@contextmanager
def gunicorn(env: dict):
    """Serve on a free port as ``make run`` does; yields the process and its address."""
    port = free_port()
    process = subprocess.Popen(
        [str(BIN / "gunicorn"), "--workers", "2", "--threads", "4", "--worker-class", "gthread",
         "--bind", f"127.0.0.1:{port}", "wsgi:app"],
        cwd=ROOT, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    try:
        for _ in range(300):  # ready once a worker answers /healthz (the database is reachable)
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/healthz", timeout=5) as response:
                    if response.status == 200:
                        break
            except OSError:
                time.sleep(0.1)
        else:
            raise RuntimeError("gunicorn did not start")
        yield process, f"http://127.0.0.1:{port}"
    finally:
        if process.poll() is None:
            process.terminate()
            process.wait(timeout=30)


class Load:
    """Students registering for the workshop, then starting, saving and submitting quiz attempts
    in a loop, each write recorded once its 303 answer has been read."""

    def __init__(self, base: str, workshop_id: int):
        self.base, self.workshop_id = base, workshop_id
        self.lock, self.stop = threading.Lock(), threading.Event()
        self.registered: set[str] = set()  # usernames
        self.saved: dict[str, dict] = {}  # token: answers saved (the attempt may be submitted later)
        self.submitted: dict[str, dict] = {}  # token: answers submitted
        self.cut_off = 0  # requests that got no answer (the kill)
        self.unexpected: list[str] = []

    @property
    def acknowledged(self) -> int:
        return len(self.registered) + len(self.saved) + len(self.submitted)

    def run(self, student: Student) -> None:
        try:
            self._run(student)
        except (OSError, http.client.HTTPException):  # the connection died with the server: unacknowledged
            with self.lock:
                self.cut_off += 1
        except Exception as error:  # noqa: BLE001 - any other answer is a failure the test reports
            self.unexpected.append(f"{student.username}: {error!r}")

    def _run(self, student: Student) -> None:
        status = student.register(self.workshop_id)
        if status != 303:
            raise AssertionError(f"{student.username} register: {status}")
        with self.lock:
            self.registered.add(student.username)
        while not self.stop.is_set():
            status, location = self._post(student, f"/modul/{MODULE}/kuis/mulai", {"jenis": "kuis"})
            token = location.rsplit("/", 1)[1]
            status, page = student.request(f"/kuis/{token}")
            fields = dict(OPTION.findall(page))  # the first option of every question
            answers = {name[2:]: [int(value)] for name, value in fields.items()}
            self._post(student, f"/kuis/{token}", {**fields, "aksi": "simpan"}, expect=f"/kuis/{token}")
            with self.lock:
                self.saved[token] = answers
            self._post(student, f"/kuis/{token}", {**fields, "aksi": "kirim"}, expect=f"/kuis/{token}/hasil")
            with self.lock:
                self.submitted[token] = answers

    def _post(self, student: Student, path: str, data: dict, expect: str = "/kuis/") -> tuple[int, str]:
        body = {"csrf_token": student.token, **data}
        request = urllib.request.Request(self.base + path, data=urllib.parse.urlencode(body).encode())
        try:
            with student.opener.open(request, timeout=60) as response:
                status, location = response.status, response.headers.get("Location", "")
        except urllib.error.HTTPError as answer:
            status, location = answer.code, answer.headers.get("Location", "")
        if status != 303 or expect not in location:
            raise AssertionError(f"{student.username} {path}: {status} {location}")
        return status, location


def kill_everything(master: subprocess.Popen) -> int:
    """SIGKILL the master and every worker at once (no graceful anything); returns how many died."""
    pids = [master.pid, *descendants(master.pid)]
    for pid in pids:
        os.kill(pid, signal.SIGKILL)
    master.wait(timeout=10)
    for pid in pids[1:]:
        while _running(pid):
            time.sleep(0.01)
    return len(pids)


def _running(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"  # a killed worker stays a zombie until init reaps it


def check_intact(engine, workshop_id: int, load: Load) -> dict:
    """Everything the crash test promises, read straight from the database."""
    with engine.connect() as conn:
        if engine.dialect.name == "sqlite":
            assert conn.execute(text("PRAGMA integrity_check")).scalars().all() == ["ok"]
        else:  # PostgreSQL: amcheck verifies every B-tree index of the app's tables against its heap
            conn.execute(text("CREATE EXTENSION IF NOT EXISTS amcheck"))
            checked = conn.execute(text(
                "SELECT count(bt_index_check(c.oid, true)) FROM pg_index i JOIN pg_class c ON c.oid = i.indexrelid "
                "JOIN pg_am a ON a.oid = c.relam JOIN pg_namespace n ON n.oid = c.relnamespace "
                "WHERE a.amname = 'btree' AND n.nspname = 'public'")).scalar()
            assert checked > 0
            conn.commit()
        registered = set(conn.execute(text(
            "SELECT u.username FROM workshop_registrations r JOIN users u ON u.id = r.user_id "
            "WHERE r.workshop_id = :w AND r.status IN ('confirmed', 'waiting')"), {"w": workshop_id}).scalars())
        assert load.registered <= registered
        attempts = {row.token: row for row in conn.execute(text(
            "SELECT token, user_id, module_id, kind, answers, submitted_at, score, passed FROM quiz_attempts"))}
        for token, answers in load.submitted.items():
            row = attempts[token]
            assert row.submitted_at is not None and row.score is not None
            assert _answers(row.answers) == answers
        for token, answers in load.saved.items():
            assert token in attempts
            if token not in load.submitted and attempts[token].submitted_at is None:
                assert _answers(attempts[token].answers) == answers
        # nothing half-written: a submission is whole (time, score, verdict) or absent
        for row in attempts.values():
            assert (row.submitted_at is None) == (row.score is None) == (row.passed is None)
        events = set(conn.execute(text(
            "SELECT object_id FROM learning_events WHERE verb = 'attempted' AND object_type = 'attempt'")).scalars())
        ids = dict(conn.execute(text("SELECT token, id FROM quiz_attempts WHERE submitted_at IS NOT NULL")).all())
        assert events == set(ids.values())  # each submission has its event, in the same transaction
        open_twice = conn.execute(text(
            "SELECT count(*) FROM (SELECT user_id, module_id, kind FROM quiz_attempts WHERE submitted_at IS NULL "
            "GROUP BY user_id, module_id, kind HAVING count(*) > 1) AS twice")).scalar()
        assert open_twice == 0
        confirmed = conn.execute(text("SELECT count(*) FROM workshop_registrations "
                                      "WHERE workshop_id = :w AND status = 'confirmed'"), {"w": workshop_id}).scalar()
        counter, capacity = conn.execute(text("SELECT confirmed_count, capacity FROM workshops WHERE id = :w"),
                                         {"w": workshop_id}).one()
        assert confirmed == counter <= capacity
    return {"registrations found": len(registered), "attempts found": len(attempts),
            "submitted found": len(ids), "confirmed": confirmed}


def _answers(stored) -> dict:
    return json.loads(stored) if isinstance(stored, str) else stored


def test_a_killed_app_server_loses_no_acknowledged_write_and_leaves_nothing_half_written(database_url, capsys):
    server = database_url if database_url.startswith("postgresql") else None
    with temporary_database(server) as url:
        env = {k: v for k, v in os.environ.items() if not k.startswith("LITERACY_")}
        env.update(LITERACY_DATABASE_URL=url, LITERACY_SECRET_KEY="crash", LITERACY_RATELIMIT_ENABLED="false",
                   LITERACY_PASSWORD_HASH_METHOD=HASH_METHOD)
        for command in (["db", "upgrade"], ["content", "import", "docs/contoh-modul"]):
            subprocess.run([str(BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,
                           capture_output=True)
        workshop_id = prepare(url, STUDENTS, SEATS)
        engine = create_engine(url.replace("postgresql://", "postgresql+psycopg://", 1))

        with gunicorn(env) as (master, base):
            students = [Student(base, f"siswa{n}") for n in range(STUDENTS)]
            with ThreadPoolExecutor(8) as pool:
                list(pool.map(Student.log_in, students))
            load = Load(base, workshop_id)
            threads = [threading.Thread(target=load.run, args=(s,)) for s in students]
            for thread in threads:
                thread.start()
            deadline = time.monotonic() + 30
            while load.acknowledged < KILL_AFTER and time.monotonic() < deadline and any(t.is_alive() for t in threads):
                time.sleep(0.005)
            killed = kill_everything(master)
            load.stop.set()
            for thread in threads:
                thread.join(timeout=60)
        assert load.unexpected == []
        assert not any(t.is_alive() for t in threads)
        assert load.acknowledged >= KILL_AFTER
        assert load.cut_off > 0  # the kill did land in the middle of requests

        with gunicorn(env) as (_, base):  # restarted: the data is intact and the app serves writes again
            found = check_intact(engine, workshop_id, load)
            after = Load(base, workshop_id)
            for student in students[:5]:  # the same logins go on: an open attempt resumes and submits
                student.base = base
                token = after._post(student, f"/modul/{MODULE}/kuis/mulai", {"jenis": "kuis"})[1].rsplit("/", 1)[1]
                after._post(student, f"/kuis/{token}", {"aksi": "kirim-saja"}, expect=f"/kuis/{token}/hasil")
        check_intact(engine, workshop_id, load)
        engine.dispose()
    with capsys.disabled():
        print(f"\ncrash test ({engine.dialect.name}): killed {killed} processes; acknowledged "
              f"{len(load.registered)} registrations, {len(load.saved)} saves, {len(load.submitted)} submissions; "
              f"{load.cut_off} requests cut off; found {found}")

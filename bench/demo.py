"""A running Literasi with the bundled course and one student's story, for screenshots and Lighthouse.

Usage: .venv/bin/python bench/demo.py [--port 0]

Makes a temporary SQLite database, migrates it, imports the bundled course (content/), then
creates a student ("sekar", display name Sekar Ayu) who has read two lessons, passed one module's
quiz (so a certificate is issued), has a quiz open in another module and is registered for a
published workshop, and a facilitator ("bu_maria") who runs that workshop. It serves the app on
loopback and prints one JSON line: the base URL, the student's session cookie and the URLs of
the page types (lesson, quiz, result, dashboard, workshop, certificate, verification), then
serves until stopped (Ctrl-C or SIGTERM). ``bench/screenshots.py`` and ``bench/lighthouse.sh
--demo`` use it.
"""
from __future__ import annotations

import argparse
import http.cookiejar
import json
import os
import re
import signal
import subprocess
import sys
import tempfile
import threading
import urllib.parse
import urllib.request
from contextlib import contextmanager
from datetime import datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
BIN = Path(sys.executable).parent
sys.path.insert(0, str(ROOT))

PASSWORD = "kopi susu gula aren"
STUDENT, FACILITATOR = "sekar", "bu_maria"
PASSED, OPEN_QUIZ = "cek-dulu-sebelum-sebar", "amankan-akun-dan-perangkat"


def migrate_and_import(database_url: str) -> None:
    env = {**os.environ, "LITERACY_DATABASE_URL": database_url, "LITERACY_SECRET_KEY": "demo"}
    for command in (["db", "upgrade"], ["content", "import", str(ROOT / "content")]):
        subprocess.run([str(BIN / "flask"), "--app", "wsgi", *command], cwd=ROOT, env=env, check=True,
                       stdout=subprocess.DEVNULL)


def tell_the_story(app) -> dict:
    """The student's lessons, passed quiz, open quiz and workshop registration; the URLs to show."""
    from sqlalchemy import select

    from literacy.accounts import services as accounts
    from literacy.catalog import services as catalog
    from literacy.catalog.models import Question
    from literacy.certificates.models import Certificate
    from literacy.extensions import db
    from literacy.learning import quiz, services as learning
    from literacy.workshops import registrations, services as workshops

    with app.app_context():
        student = accounts.create_user(STUDENT, PASSWORD, birth_year=2000, display_name="Sekar Ayu")
        facilitator = accounts.create_user(FACILITATOR, PASSWORD, birth_year=1985, role="facilitator",
                                           display_name="Bu Maria")
        passed = catalog.get_module(PASSED)
        lessons = catalog.outline(passed, "id")
        for entry in lessons:
            learning.complete_lesson(student.id, entry.id, passed.id)
        attempt = quiz.start_attempt(student.id, passed)
        bank = {q.id: q for q in db.session.scalars(select(Question).where(Question.id.in_(attempt.question_ids)))}
        quiz.submit(attempt, {str(qid): list(bank[qid].correct) for qid in attempt.question_ids}, passed)
        certificate = db.session.scalar(select(Certificate).where(Certificate.user_id == student.id))
        second = catalog.get_module(OPEN_QUIZ)
        second_lessons = catalog.outline(second, "id")
        learning.complete_lesson(student.id, second_lessons[0].id, second.id)
        open_attempt = quiz.start_attempt(student.id, second)
        day = (datetime.utcnow() + timedelta(days=6)).date()
        workshop = workshops.save_workshop(facilitator, dict(
            title="Cek Dulu Sebelum Sebar: lokakarya untuk SMP", description="Bawa ponsel bila ada. Tanpa ponsel pun "
            "bisa ikut: materi dicetak.", modules=[PASSED], audiences=["smp"], venue_name="Aula SMPN 3 Kupang",
            venue_address="Jl. Soeharto No. 1", city="Kota Kupang", province="nusa-tenggara-timur",
            starts_at=datetime(day.year, day.month, day.day, 1), ends_at=datetime(day.year, day.month, day.day, 4),
            capacity=30, registration_opens_at=None, registration_closes_at=None, co_facilitators="", class_id=""))
        workshops.publish(workshop)
        registrations.register(student, workshops.get_workshop(workshop.id))
        urls = {
            "lesson": f"/modul/{second.slug}/{second_lessons[1].slug}",
            "quiz": f"/kuis/{open_attempt.token}",
            "result": f"/kuis/{attempt.token}/hasil",
            "dashboard": "/dasbor",
            "workshop": f"/lokakarya/{workshop.id}",
            "certificate": f"/sertifikat/{certificate.public_id}",
            "verification": "/sertifikat/verifikasi?" + urllib.parse.urlencode({"kode": certificate.pretty_code}),
        }
        db.session.remove()
    return urls


def session_cookie(base: str, username: str = STUDENT) -> str:
    """Log in through the real form; the ``Cookie`` header value of that login."""
    jar = http.cookiejar.CookieJar()
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    form = opener.open(base + "/masuk").read().decode()
    token = re.search(r'name="csrf_token" (?:type="hidden" )?value="([^"]+)"', form).group(1)
    opener.open(base + "/masuk", urllib.parse.urlencode(
        {"csrf_token": token, "login": username, "password": PASSWORD}).encode())
    return "; ".join(f"{c.name}={c.value}" for c in jar)


@contextmanager
def running_demo(port: int = 0):
    """The prepared app served on loopback in a thread: yields (base URL, URLs of the page types)."""
    from werkzeug.serving import make_server

    from literacy import create_app

    with tempfile.TemporaryDirectory() as tmp:
        database_url = f"sqlite:///{tmp}/demo.sqlite3"
        migrate_and_import(database_url)
        app = create_app(DATABASE_URL=database_url, SECRET_KEY="demo", RATELIMIT_ENABLED=False)
        urls = tell_the_story(app)
        server = make_server("127.0.0.1", port, app, threaded=True)
        thread = threading.Thread(target=server.serve_forever, daemon=True)
        thread.start()
        try:
            yield f"http://127.0.0.1:{server.server_port}", urls
        finally:
            server.shutdown()
            thread.join(timeout=5)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--port", type=int, default=0)
    args = parser.parse_args()
    stop = threading.Event()
    signal.signal(signal.SIGTERM, lambda *_: stop.set())
    with running_demo(args.port) as (base, urls):
        print(json.dumps({"base": base, "cookie": session_cookie(base), "urls": urls}), flush=True)
        try:
            stop.wait()
        except KeyboardInterrupt:
            pass


if __name__ == "__main__":
    main()

"""``flask backup PATH``: a consistent SQLite copy taken while writes go on, and clear refusals.

These tests make their own SQLite file (the backup is for SQLite), so they run the same way when
the rest of the suite runs on PostgreSQL.
"""
from __future__ import annotations

import sqlite3
import threading
from datetime import datetime, timedelta

import pytest
from sqlalchemy import insert

from literacy import create_app
from literacy.accounts.models import User
from literacy.config import TestingConfig
from literacy.database import write_transaction
from literacy.extensions import db
from literacy.utils import utcnow
from literacy.workshops import registrations, services

WRITERS = 4


@pytest.fixture
def sqlite_app(tmp_path, _badge_key_path):
    app = create_app(TestingConfig, DATABASE_URL=f"sqlite:///{tmp_path}/live.sqlite3",
                     BADGE_SIGNING_KEY_PATH=_badge_key_path)
    with app.app_context():
        db.create_all()
    yield app
    with app.app_context():
        db.session.remove()
        db.engine.dispose()


def _workshop(app) -> int:
    with app.app_context():
        db.session.execute(insert(User), [
            {"username": f"lama{n}", "username_key": f"lama{n}", "password_hash": "x", "role": "student",
             "birth_year": 2008, "must_change_password": False} for n in range(3000)])
        with write_transaction() as session:
            owner = User(username="fasil", username_key="fasil", password_hash="x", role="facilitator",
                         birth_year=1990, must_change_password=False)
            session.add(owner)
        day = (utcnow() + timedelta(days=4)).date()
        workshop = services.save_workshop(owner, dict(
            title="Lokakarya cadangan", description="", modules=[], audiences=["umum"], venue_name="Aula",
            venue_address="Jl. Merdeka 1", city="Kota Kupang", province="nusa-tenggara-timur",
            starts_at=datetime(day.year, day.month, day.day, 9), ends_at=datetime(day.year, day.month, day.day, 12),
            capacity=50, registration_opens_at=None, registration_closes_at=None, co_facilitators="", class_id=""))
        services.publish(workshop)
        workshop_id = workshop.id
        db.session.remove()
    return workshop_id


def test_a_backup_taken_while_students_register_holds_every_row_committed_before_it(sqlite_app, tmp_path):
    workshop_id = _workshop(sqlite_app)
    acknowledged: list[tuple[int, int]] = []  # (user id, registration id), appended after commit
    lock, stop, failures = threading.Lock(), threading.Event(), []

    def write(writer: int):
        n = 0
        try:
            with sqlite_app.app_context():
                from literacy.workshops.models import Workshop
                workshop = db.session.get(Workshop, workshop_id)
                while not stop.is_set():
                    n += 1
                    with write_transaction() as session:
                        user = User(username=f"s{writer}x{n}", username_key=f"s{writer}x{n}", password_hash="x",
                                    role="student", birth_year=2009, must_change_password=False)
                        session.add(user)
                    registration = registrations.register(user, workshop)
                    with lock:
                        acknowledged.append((user.id, registration.id))
                db.session.remove()
        except Exception as error:  # noqa: BLE001 - reported by the assert below
            failures.append(repr(error))

    threads = [threading.Thread(target=write, args=(w,)) for w in range(WRITERS)]
    for thread in threads:
        thread.start()
    while len(acknowledged) < 40 and not failures:
        threading.Event().wait(0.01)
    with lock:
        before = list(acknowledged)
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "copy.sqlite3")])
    while len(acknowledged) < len(before) + 40 and not failures:  # writes go on after the backup too
        threading.Event().wait(0.01)
    stop.set()
    for thread in threads:
        thread.join()

    assert failures == []
    assert result.exit_code == 0, result.output
    assert "integrity_check ok" in result.output
    copy = sqlite3.connect(tmp_path / "copy.sqlite3")
    assert copy.execute("PRAGMA integrity_check").fetchall() == [("ok",)]
    assert copy.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    users = {row[0] for row in copy.execute("SELECT id FROM users")}
    seats = {row[0]: row[1] for row in copy.execute(
        "SELECT id, status FROM workshop_registrations WHERE workshop_id = ?", (workshop_id,))}
    assert {user for user, _ in before} <= users
    assert {registration for _, registration in before} <= set(seats)
    assert len(users) >= 3000 + len(before)
    # the copy is one snapshot: its seat counter agrees with its own rows
    confirmed = sum(status == "confirmed" for status in seats.values())
    assert copy.execute("SELECT confirmed_count FROM workshops WHERE id = ?", (workshop_id,)).fetchone() == (confirmed,)
    copy.close()
    assert not (tmp_path / "copy.sqlite3-wal").exists()
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".partial")] == []


def test_an_existing_file_is_kept_unless_forced(sqlite_app, tmp_path):
    target = tmp_path / "ada.sqlite3"
    target.write_text("jangan ditimpa")
    runner = sqlite_app.test_cli_runner()
    refused = runner.invoke(args=["backup", str(target)])
    assert refused.exit_code == 1
    assert refused.exception is None or isinstance(refused.exception, SystemExit)
    assert f"{target} sudah ada. Pakai --force untuk menimpanya." in refused.output
    assert target.read_text() == "jangan ditimpa"
    forced = runner.invoke(args=["backup", "--force", str(target)])
    assert forced.exit_code == 0, forced.output
    assert sqlite3.connect(target).execute("PRAGMA integrity_check").fetchone() == ("ok",)


@pytest.mark.parametrize("where, message", [
    ("tidak-ada/copy.sqlite3", "Folder {tmp}/tidak-ada tidak ada. Buat dulu foldernya."),
    (".", "{tmp} adalah folder; beri nama berkas untuk cadangan."),
    ("live.sqlite3", "Cadangan tidak boleh menimpa basis data itu sendiri."),
])
def test_bad_paths_are_refused_with_a_message_not_a_traceback(sqlite_app, tmp_path, where, message):
    result = sqlite_app.test_cli_runner().invoke(args=["backup", "--force", str(tmp_path / where)])
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.output == "Error: " + message.format(tmp=tmp_path if where != "." else tmp_path / ".") + "\n"


def test_the_message_is_english_for_an_english_operator(sqlite_app, tmp_path):
    sqlite_app.config["LANGUAGES"] = ("en", "id")  # the command line speaks the first language
    result = sqlite_app.test_cli_runner().invoke(args=["backup", str(tmp_path / "no" / "copy.sqlite3")])
    assert result.exit_code == 1
    assert result.output == f"Error: The folder {tmp_path / 'no'} does not exist. Create it first.\n"


def test_postgresql_is_refused_with_the_pg_dump_command(tmp_path):
    app = create_app(TestingConfig, DATABASE_URL="postgresql://literasi@db.internal/literasi")
    result = app.test_cli_runner().invoke(args=["backup", str(tmp_path / "literasi.dump")])
    assert result.exit_code == 1
    assert result.output == (
        "Error: Basis data ini PostgreSQL: cadangkan dengan pg_dump, misalnya `pg_dump --format=custom "
        f"--file={tmp_path / 'literasi.dump'} NAMA_BASIS_DATA` (lihat docs/deploy.md).\n")
    assert not (tmp_path / "literasi.dump").exists()

"""Seats are never oversold: hundreds of registrations at the same moment, on the suite's database
(SQLite file, and PostgreSQL when LITERACY_TEST_DATABASE_URL is set)."""
from __future__ import annotations

import threading

from sqlalchemy import func, insert, select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.workshops import registrations, services
from literacy.workshops.models import CONFIRMED, WAITING, Registration, Workshop

STUDENTS, SEATS = 200, 30


def _students(app, count: int) -> list[int]:
    with app.app_context():
        db.session.execute(insert(User), [
            {"username": f"serbu{n}", "username_key": f"serbu{n}", "password_hash": "x", "role": "student",
             "birth_year": 2010, "session_version": 1, "must_change_password": False} for n in range(count)])
        db.session.commit()
        ids = db.session.scalars(select(User.id).where(User.username_key.like("serbu%"))).all()
        db.session.remove()
    return ids


def _all_at_once(app, workshop_id: int, user_ids: list[int], action) -> list[BaseException]:
    start = threading.Barrier(len(user_ids))
    errors: list[BaseException] = []

    def one(user_id):
        with app.app_context():
            try:
                user = db.session.get(User, user_id)
                workshop = db.session.get(Workshop, workshop_id)
                db.session.commit()
                start.wait()
                action(user, workshop)
            except BaseException as error:  # noqa: BLE001 - every failure is reported below
                errors.append(error)
            finally:
                db.session.remove()

    threads = [threading.Thread(target=one, args=(i,)) for i in user_ids]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    return errors


def _counts(app, workshop_id):
    with app.app_context():
        rows = dict(db.session.execute(select(Registration.status, func.count()).where(
            Registration.workshop_id == workshop_id).group_by(Registration.status)).all())
        counter = db.session.get(Workshop, workshop_id).confirmed_count
        db.session.remove()
    return rows, counter


def test_200_students_at_once_get_exactly_30_seats(app, make_workshop):
    workshop_id = make_workshop(capacity=SEATS)
    user_ids = _students(app, STUDENTS)
    errors = _all_at_once(app, workshop_id, user_ids, registrations.register)
    assert errors == []
    rows, counter = _counts(app, workshop_id)
    assert rows == {CONFIRMED: SEATS, WAITING: STUDENTS - SEATS} and counter == SEATS


def test_the_same_student_tapping_many_times_at_once_registers_once(app, make_workshop):
    workshop_id = make_workshop(capacity=SEATS)
    user_id = _students(app, 1)[0]
    errors = _all_at_once(app, workshop_id, [user_id] * 20, registrations.register)
    assert errors == []
    assert _counts(app, workshop_id) == ({CONFIRMED: 1}, 1)


def test_cancellations_and_registrations_at_once_keep_the_count_exact(app, make_workshop):
    workshop_id = make_workshop(capacity=10)
    user_ids = _students(app, 40)
    assert _all_at_once(app, workshop_id, user_ids[:20], registrations.register) == []

    def churn(user, workshop):
        if user.id in user_ids[:10]:
            registrations.withdraw(user, workshop)  # the 10 confirmed leave
        else:
            registrations.register(user, workshop)  # 20 newcomers arrive

    assert _all_at_once(app, workshop_id, user_ids[:10] + user_ids[20:], churn) == []
    rows, counter = _counts(app, workshop_id)
    assert rows[CONFIRMED] == 10 == counter and rows[WAITING] == 20
    with app.app_context():
        confirmed = set(db.session.scalars(select(Registration.user_id).where(
            Registration.workshop_id == workshop_id, Registration.status == CONFIRMED)))
        assert confirmed.isdisjoint(user_ids[:10])
        assert services.get_workshop(workshop_id).seats_left == 0

"""Seat booking, check-in, walk-ins and ratings called directly at their edges (no HTTP): the
exact moments registration opens and closes, the last seat, the order of the waiting list,
forged check-in tokens, the 1-5 rating, two hours' early arrival, what is exported and erased."""
from __future__ import annotations

from datetime import timedelta
from types import SimpleNamespace

import pytest
from flask import current_app
from itsdangerous import URLSafeSerializer
from sqlalchemy import select, update

from literacy.accounts.models import User
from literacy.database import write_transaction
from literacy.outbox.models import OutboxMessage
from literacy.utils import utcnow
from literacy.workshops import registrations, services
from literacy.workshops.models import CONFIRMED, WAITING, WITHDRAWN, Registration, Workshop

MICRO = timedelta(microseconds=1)


def _user(db, user_id):
    db.session.commit()  # end the read snapshot: the account was made on another connection
    return db.session.get(User, user_id)


def _workshop(db, workshop_id, **values):
    if values:
        db.session.execute(update(Workshop).where(Workshop.id == workshop_id).values(**values))
    db.session.commit()
    return services.get_workshop(workshop_id)


def _count(db, workshop_id):
    db.session.commit()
    return db.session.scalar(select(Workshop.confirmed_count).where(Workshop.id == workshop_id))


@pytest.fixture
def heard(app):
    """The user ids the attendance hook is told about."""
    told = []
    app.extensions.setdefault("literacy_on_attendance", {})["test"] = told.append
    yield told
    del app.extensions["literacy_on_attendance"]["test"]


def test_registration_opens_at_its_exact_moment_and_closes_at_its_exact_moment(db, make_workshop, make_user):
    workshop = _workshop(db, make_workshop())
    opens, closes = workshop.registration_opens_at, workshop.registration_closes_at
    student = _user(db, make_user("siti"))
    with pytest.raises(services.WorkshopError, match="belum dibuka"):
        registrations.register(student, workshop, now=opens - MICRO)
    with pytest.raises(services.WorkshopError, match="sudah ditutup"):
        registrations.register(student, workshop, now=closes)
    assert registrations.find(workshop, student) is None
    assert registrations.register(student, workshop, now=opens).status == CONFIRMED
    other = _user(db, make_user("rani"))
    assert registrations.register(other, workshop, now=closes - MICRO).status == CONFIRMED
    assert _count(db, workshop.id) == 2


def test_a_draft_or_cancelled_workshop_takes_no_registration(db, make_workshop, make_user):
    student = _user(db, make_user("siti"))
    draft = _workshop(db, make_workshop(publish=False))
    with pytest.raises(services.WorkshopError, match="tidak menerima pendaftaran"):
        registrations.register(student, draft)
    cancelled = _workshop(db, make_workshop())
    services.cancel(cancelled)
    with pytest.raises(services.WorkshopError, match="tidak menerima pendaftaran"):
        registrations.register(student, cancelled)
    assert db.session.scalars(select(Registration)).all() == []


def test_the_last_seat_and_the_first_place_in_the_queue(db, make_workshop, make_user):
    workshop_id = make_workshop(capacity=2)
    ids = [make_user(f"siswa{n}") for n in range(3)]
    workshop = _workshop(db, workshop_id)
    now = utcnow()
    first, second, third = (registrations.register(_user(db, i), workshop, now=now) for i in ids)
    assert (first.status, second.status, third.status) == (CONFIRMED, CONFIRMED, WAITING)
    assert (first.confirmed_at, second.confirmed_at, third.confirmed_at) == (now, now, None)
    assert third.queued_at == now and third.promoted_at is None and third.withdrawn_at is None
    assert _count(db, workshop_id) == 2
    assert registrations.find(workshop, _user(db, ids[2])).id == third.id
    assert [len(r.code) for r in (first, second, third)] == [6, 6, 6]
    assert all(set(r.code) <= set("ABCDEFGHJKLMNPQRSTUVWXYZ23456789") for r in (first, second, third))


def test_a_tie_in_the_queue_goes_to_the_earlier_registration(db, make_workshop, make_user):
    workshop_id = make_workshop(capacity=1)
    ids = [make_user(n) for n in ("ani", "budi", "cici", "dedi")]
    workshop = _workshop(db, workshop_id)
    now = utcnow()
    registrations.register(_user(db, ids[0]), workshop, now=now)
    later = registrations.register(_user(db, ids[1]), workshop, now=now + timedelta(seconds=5))
    tied = [registrations.register(_user(db, i), workshop, now=now) for i in ids[2:]]
    assert [registrations.waiting_position(r) for r in tied + [later]] == [1, 2, 3]
    registrations.withdraw(_user(db, ids[0]), workshop, now=now + timedelta(minutes=1))
    db.session.expire_all()
    assert [db.session.get(Registration, r.id).status for r in tied + [later]] == [CONFIRMED, WAITING, WAITING]
    assert [registrations.waiting_position(db.session.get(Registration, r.id)) for r in tied + [later]] == [None, 1, 2]


def test_withdrawing_a_seat_gives_it_to_the_first_waiting_and_a_place_in_the_queue_frees_nothing(
        db, make_workshop, make_user, mailbox):
    workshop_id = make_workshop(capacity=1)
    ids = [make_user(n, email=f"{n}@contoh.id") for n in ("ani", "budi", "cici")]
    workshop = _workshop(db, workshop_id)
    now = utcnow()
    for n, user_id in enumerate(ids):
        registrations.register(_user(db, user_id), workshop, now=now + timedelta(seconds=n))
    later = now + timedelta(minutes=3)
    waiting = registrations.withdraw(_user(db, ids[2]), workshop, now=later)
    assert (waiting.status, waiting.withdrawn_at) == (WITHDRAWN, later)
    assert _count(db, workshop_id) == 1
    assert db.session.scalars(select(OutboxMessage)).all() == []
    seat = registrations.withdraw(_user(db, ids[0]), workshop, now=later)
    assert (seat.status, seat.withdrawn_at) == (WITHDRAWN, later)
    db.session.expire_all()
    moved = registrations.find(workshop, _user(db, ids[1]))
    assert (moved.status, moved.confirmed_at, moved.promoted_at) == (CONFIRMED, later, later)
    assert _count(db, workshop_id) == 1
    assert [m.recipient for m in db.session.scalars(select(OutboxMessage))] == ["budi@contoh.id"]


def test_withdrawing_twice_without_a_registration_or_after_check_in_is_refused(db, make_workshop, make_user,
                                                                                facilitator):
    workshop = _workshop(db, make_workshop())
    student, stranger = _user(db, make_user("siti")), _user(db, make_user("rani"))
    with pytest.raises(services.WorkshopError, match="tidak terdaftar"):
        registrations.withdraw(stranger, workshop)
    registration = registrations.register(student, workshop)
    registrations.withdraw(student, workshop)
    with pytest.raises(services.WorkshopError, match="tidak terdaftar"):
        registrations.withdraw(student, workshop)
    again = registrations.register(student, workshop)
    assert again.id == registration.id and again.status == CONFIRMED and again.withdrawn_at is None
    registrations.check_in(_user(db, facilitator), again)
    with pytest.raises(services.WorkshopError, match="sudah tercatat"):
        registrations.withdraw(student, workshop)
    assert _count(db, workshop.id) == 1


def test_promotion_fills_every_free_seat_in_order_and_only_on_a_published_workshop(db, make_workshop, make_user):
    workshop_id = make_workshop(capacity=1)
    ids = [make_user(n) for n in ("ani", "budi", "cici", "dedi")]
    workshop = _workshop(db, workshop_id)
    now = utcnow()
    for n, user_id in enumerate(ids):
        registrations.register(_user(db, user_id), workshop, now=now + timedelta(seconds=n))
    later = now + timedelta(minutes=1)
    with write_transaction() as session:
        draft = session.get(Workshop, workshop_id)
        draft.status, draft.capacity = "draft", 3
        assert registrations.promote_waiting(session, draft, now=later) == []
        draft.status = "published"
        promoted = registrations.promote_waiting(session, draft, now=later)
        assert [r.user_id for r in promoted] == ids[1:3]
        assert [(r.status, r.confirmed_at, r.promoted_at) for r in promoted] == [(CONFIRMED, later, later)] * 2
    assert _count(db, workshop_id) == 3
    assert registrations.waiting_position(registrations.find(workshop, _user(db, ids[3]))) == 1


def test_a_check_in_token_names_its_registration_and_nothing_else(db, make_workshop, make_user):
    workshop = _workshop(db, make_workshop())
    registration = registrations.register(_user(db, make_user("siti")), workshop)
    other = registrations.register(_user(db, make_user("rani")), workshop)
    token = registrations.check_in_token(registration)
    assert registrations.registration_for_token(token).id == registration.id
    sign = registrations._serializer().dumps
    assert registrations.registration_for_token(sign([workshop.id, other.id, other.code])).id == other.id
    assert registrations.registration_for_token(sign([workshop.id + 1, registration.id, registration.code])) is None
    assert registrations.registration_for_token(sign([workshop.id, registration.id, other.code])) is None
    assert registrations.registration_for_token(sign([workshop.id, str(registration.id), registration.code])) is None
    assert registrations.registration_for_token(sign([workshop.id, registration.id])) is None
    assert registrations.registration_for_token(token[:-2] + "xx") is None
    key = current_app.config["SECRET_KEY"]
    signed = URLSafeSerializer(key, salt="workshop-check-in").dumps([workshop.id, registration.id, registration.code])
    assert signed == token
    for salt in ("", "itsdangerous", "unsubscribe"):  # the same key, signed for another purpose
        forged = URLSafeSerializer(key, salt=salt).dumps([workshop.id, registration.id, registration.code])
        assert registrations.registration_for_token(forged) is None
    assert registrations.registration_for_token("") is None


def test_check_in_is_for_confirmed_people_at_published_workshops_once(db, make_workshop, make_user, facilitator,
                                                                       heard):
    workshop = _workshop(db, make_workshop(capacity=1))
    came = _user(db, make_user("siti"))
    seat = registrations.register(came, workshop)
    waiting = registrations.register(_user(db, make_user("rani")), workshop)
    staff = _user(db, facilitator)
    with pytest.raises(services.WorkshopError, match="Hanya peserta terkonfirmasi"):
        registrations.check_in(staff, waiting)
    now = utcnow()
    assert registrations.check_in(staff, seat, now=now) is True
    assert registrations.check_in(staff, seat, now=now + timedelta(minutes=5)) is False
    assert heard == [came.id]
    db.session.expire_all()
    stored = db.session.get(Registration, seat.id)
    assert (stored.checked_in_at, stored.checked_in_by_id) == (now, staff.id)
    services.cancel(workshop)
    with pytest.raises(services.WorkshopError, match="diterbitkan dan tidak dibatalkan"):
        registrations.check_in(staff, db.session.get(Registration, seat.id))


def test_a_code_is_found_in_any_case_with_spaces_and_only_in_its_workshop(db, make_workshop, make_user):
    workshop, elsewhere = _workshop(db, make_workshop()), _workshop(db, make_workshop())
    registration = registrations.register(_user(db, make_user("siti")), workshop)
    typed = " " + registration.code[:3].lower() + " " + registration.code[3:].lower() + "\n"
    assert registrations.by_code(workshop, typed).id == registration.id
    assert registrations.by_code(elsewhere, registration.code) is None
    assert registrations.by_code(workshop, None) is None
    assert registrations.by_code(workshop, "") is None


def test_walk_ins_are_confirmed_and_present_even_past_the_capacity(db, make_workshop, make_user, facilitator, heard):
    workshop_id = make_workshop(capacity=1)
    workshop = _workshop(db, workshop_id)
    seated, queued = make_user("siti"), make_user("rani")
    staff = _user(db, facilitator)
    registrations.register(_user(db, seated), workshop)
    waiting = registrations.register(_user(db, queued), workshop)
    now = utcnow()
    named = registrations.walk_in(staff, workshop, name="  Ibu   Sari \n Dewi ", now=now)
    assert (named.name, named.user_id, named.status, named.walk_in) == ("Ibu Sari Dewi", None, CONFIRMED, True)
    assert (named.confirmed_at, named.checked_in_at, named.checked_in_by_id, named.queued_at) == (now, now, staff.id, now)
    assert _count(db, workshop_id) == 2
    moved = registrations.walk_in(staff, workshop, username="  RANI ", now=now)
    assert moved.id == waiting.id and (moved.status, moved.walk_in, moved.checked_in_at) == (CONFIRMED, True, now)
    assert _count(db, workshop_id) == 3
    later = now + timedelta(minutes=5)
    seat = registrations.walk_in(staff, workshop, username="siti", now=later)
    assert (seat.status, seat.walk_in, seat.checked_in_at) == (CONFIRMED, False, later)
    again = registrations.walk_in(staff, workshop, username="siti", now=later + timedelta(minutes=5))
    assert again.checked_in_at == later  # the first check-in stays
    assert _count(db, workshop_id) == 3
    fresh = registrations.walk_in(staff, workshop, username="bu_fasil", now=now)
    assert (fresh.user_id, fresh.status, fresh.walk_in, fresh.queued_at) == (staff.id, CONFIRMED, True, now)
    assert len(fresh.code) == 6
    assert _count(db, workshop_id) == 4
    assert heard == [queued, seated, seated, staff.id]
    long = registrations.walk_in(staff, workshop, name="x" * 130, now=now)
    assert long.name == "x" * 120
    with pytest.raises(services.WorkshopError, match="Tidak ada akun dengan nama pengguna tidak_ada"):
        registrations.walk_in(staff, workshop, username="tidak_ada")
    services.cancel(workshop)
    with pytest.raises(services.WorkshopError, match="diterbitkan dan tidak dibatalkan"):
        registrations.walk_in(staff, services.get_workshop(workshop_id), name="Sari")


def test_who_may_rate_and_when(db, make_workshop, make_user, facilitator):
    workshop = _workshop(db, make_workshop())
    came, absent = _user(db, make_user("siti")), _user(db, make_user("rani"))
    seat = registrations.register(came, workshop)
    other = registrations.register(absent, workshop)
    registrations.check_in(_user(db, facilitator), seat)
    db.session.expire_all()
    seat, other = db.session.get(Registration, seat.id), db.session.get(Registration, other.id)
    starts = workshop.starts_at
    assert registrations.may_rate(seat, workshop, starts) is True
    assert registrations.may_rate(seat, workshop, starts - MICRO) is False
    assert registrations.may_rate(seat, workshop) is False  # now: before the start
    assert registrations.may_rate(other, workshop, starts) is False
    assert registrations.may_rate(None, workshop, starts) is False
    for rating in (0, 6, -1):
        with pytest.raises(services.WorkshopError, match="1 sampai 5"):
            registrations.rate(came, workshop, rating, now=starts)
    with pytest.raises(services.WorkshopError, match="setelah lokakarya dimulai"):
        registrations.rate(came, workshop, 3, now=starts - MICRO)
    registrations.rate(came, workshop, 5, "  " + "a" * 600 + "  ", now=starts)
    db.session.expire_all()
    rated = db.session.get(Registration, seat.id)
    assert (rated.rating, rated.comment, rated.rated_at) == (5, "a" * 500, starts)
    assert registrations.may_rate(rated, workshop, starts) is False


@pytest.mark.parametrize("rating, comment, stored", [(1, "   ", None), (5, "", None), (3, " Seru ", "Seru")])
def test_ratings_from_one_to_five_and_a_blank_comment_is_none(db, make_workshop, make_user, facilitator, rating,
                                                              comment, stored):
    workshop = _workshop(db, make_workshop())
    came = _user(db, make_user("siti"))
    registrations.check_in(_user(db, facilitator), registrations.register(came, workshop))
    registrations.rate(came, workshop, rating, comment, now=workshop.starts_at + timedelta(hours=1))
    db.session.expire_all()
    assert (registrations.find(workshop, came).rating, registrations.find(workshop, came).comment) == (rating, stored)


def test_upcoming_lists_seats_and_places_in_the_queue_until_the_end_soonest_first(db, make_workshop, make_user):
    from .conftest import local_days_ahead

    late = _workshop(db, make_workshop(capacity=1, starts_at=local_days_ahead(9, 9), ends_at=local_days_ahead(9, 12)))
    soon = _workshop(db, make_workshop(capacity=1))
    gone = _workshop(db, make_workshop())
    student = make_user("siti")
    registrations.register(_user(db, make_user("rani")), late)
    for workshop in (late, soon, gone):
        registrations.register(_user(db, student), workshop)
    registrations.withdraw(_user(db, student), gone)
    upcoming = registrations.upcoming_for(student)
    assert [(r.workshop_id, r.status) for r in upcoming] == [(soon.id, CONFIRMED), (late.id, WAITING)]
    assert registrations.upcoming_for(student, now=soon.ends_at) == registrations.upcoming_for(student)[1:]
    assert registrations.upcoming_for(student, now=soon.ends_at - MICRO)[0].workshop_id == soon.id


def test_attendance_counts_from_two_hours_before_the_start(db, make_workshop, make_user, facilitator, example_course):
    from literacy.catalog.models import Module

    module = db.session.scalars(select(Module).order_by(Module.slug)).first()
    workshop_id = make_workshop(modules=[module.slug])
    workshop = _workshop(db, workshop_id)
    student = _user(db, make_user("siti"))
    registration = registrations.register(student, workshop)
    early = workshop.starts_at - timedelta(hours=2)
    registrations.check_in(_user(db, facilitator), registration, now=early - MICRO)
    assert registrations.attended_module(student.id, module.id) is False
    db.session.execute(update(Registration).where(Registration.id == registration.id).values(checked_in_at=early))
    db.session.commit()
    assert registrations.attended_module(student.id, module.id) is True
    assert registrations.attended_module(student.id, module.id + 1000) is False
    absent = _user(db, make_user("rani"))  # registered, never came: someone else's check-in is not theirs
    registrations.register(absent, workshop)
    assert registrations.attended_module(absent.id, module.id) is False
    assert registrations.attendance_of([absent.id]) == {}
    assert registrations.attendance_of([student.id, student.id + 1000]) == {student.id: [workshop]}
    services.cancel(workshop)
    assert registrations.attended_module(student.id, module.id) is False
    assert registrations.attendance_of([student.id]) == {}


def test_attendance_of_lists_each_persons_workshops_oldest_first(db, make_workshop, make_user, facilitator):
    from .conftest import local_days_ahead

    later = _workshop(db, make_workshop(starts_at=local_days_ahead(9, 9), ends_at=local_days_ahead(9, 12)))
    sooner = _workshop(db, make_workshop())
    ids = make_user("siti"), make_user("rani")
    staff = _user(db, facilitator)
    for workshop in (later, sooner):
        for user_id in ids:
            registrations.check_in(staff, registrations.register(_user(db, user_id), workshop))
    attended = registrations.attendance_of(list(ids))
    assert {k: [w.id for w in v] for k, v in attended.items()} == {ids[0]: [sooner.id, later.id],
                                                                   ids[1]: [sooner.id, later.id]}
    assert registrations.attendance_of([]) == {}


def test_export_and_erase(db, make_workshop, make_user, facilitator):
    workshop_id = make_workshop(capacity=1)
    workshop = _workshop(db, workshop_id)
    leaving, waiting = make_user("siti"), make_user("rani")
    seat = registrations.register(_user(db, leaving), workshop)
    registrations.register(_user(db, waiting), workshop)
    now = utcnow()
    registrations.check_in(_user(db, facilitator), seat, now=now)
    registrations.rate(_user(db, leaving), workshop, 4, "Bagus", now=workshop.starts_at)
    assert registrations.export(_user(db, leaving)) == [{
        "workshop": "Kenali Hoaks di Grup WhatsApp", "status": CONFIRMED,
        "starts_at": workshop.starts_at.isoformat() + "Z", "checked_in_at": now.isoformat() + "Z",
        "rating": 4, "comment": "Bagus"}]
    assert registrations.export(_user(db, waiting))[0]["checked_in_at"] is None
    with write_transaction() as session:
        registrations.erase(session, session.get(User, leaving))
    assert db.session.scalars(select(Registration.user_id)).all() == [waiting]
    assert registrations.find(workshop, _user(db, waiting)).status == CONFIRMED
    assert _count(db, workshop_id) == 1
    assert registrations.export(_user(db, leaving)) == []


@pytest.mark.parametrize("failures, calls", [(1, 2), (2, 3), (3, 3), (5, 3)])
def test_a_clash_is_tried_again_three_times_in_all(db, make_workshop, make_user, monkeypatch, failures, calls):
    """The same person twice at once, or a code collision: _register is tried again, three times in all."""
    from sqlalchemy.exc import IntegrityError

    workshop = _workshop(db, make_workshop())
    student = _user(db, make_user("siti"))
    real, tried = registrations._register, []

    def clashing(user, workshop_id, now):
        tried.append(workshop_id)
        if len(tried) <= failures:
            raise IntegrityError("INSERT", {}, Exception("unique"))
        return real(user, workshop_id, now)

    monkeypatch.setattr(registrations, "_register", clashing)
    if failures >= 3:
        with pytest.raises(IntegrityError):
            registrations.register(student, workshop)
        assert registrations.find(workshop, student) is None
    else:
        assert registrations.register(student, workshop).status == CONFIRMED
    assert tried == [workshop.id] * calls


def test_a_check_in_code_already_taken_in_the_workshop_is_drawn_again(db, make_workshop, make_user, monkeypatch):
    workshop = _workshop(db, make_workshop())
    first, second = _user(db, make_user("siti")), _user(db, make_user("rani"))
    codes = iter(["AAAAAA", "AAAAAA", "BBBBBB"])
    monkeypatch.setattr(registrations, "_new_code", lambda: next(codes))
    assert registrations.register(first, workshop).code == "AAAAAA"
    again = registrations.register(second, workshop)
    assert (again.code, again.status) == ("BBBBBB", CONFIRMED)
    assert _count(db, workshop.id) == 2


def test_each_rule_reads_and_writes_only_its_own_workshop_and_person(db, make_workshop, make_user, facilitator):
    """Two full workshops with waiting lists: finding, queue positions, walk-ins and the list of
    a person's coming workshops never mix one workshop or one person with another."""
    first = _workshop(db, make_workshop(capacity=1))
    second = _workshop(db, make_workshop(capacity=1, title="Lokakarya kedua"))
    ani, budi, citra, dewi = (_user(db, make_user(name)) for name in ("ani", "budi", "citra", "dewi"))
    opens = max(first.registration_opens_at, second.registration_opens_at)
    assert registrations.register(ani, first, now=opens).status == CONFIRMED
    waiting_first = registrations.register(budi, first, now=opens + MICRO)
    assert registrations.register(citra, second, now=opens).status == CONFIRMED
    waiting_second = registrations.register(dewi, second, now=opens + 2 * MICRO)

    assert registrations.find(second, budi) is None and registrations.find(first, dewi) is None
    assert registrations.find(first, budi).id == waiting_first.id
    assert registrations.waiting_position(waiting_first) == 1
    assert registrations.waiting_position(waiting_second) == 1  # budi waits for another workshop

    assert [r.workshop_id for r in registrations.upcoming_for(budi.id)] == [first.id]
    assert [r.workshop_id for r in registrations.upcoming_for(citra.id)] == [second.id]

    walked = registrations.walk_in(_user(db, facilitator), second, username="budi")
    db.session.expire_all()
    assert walked.workshop_id == second.id and walked.id != waiting_first.id
    still = db.session.get(Registration, waiting_first.id)
    assert (still.status, still.checked_in_at) == (WAITING, None)


@pytest.mark.parametrize("action", ["register", "withdraw"])
def test_registering_and_withdrawing_lock_the_workshop_before_reading_a_registration(
        db, make_workshop, make_user, count_queries, monkeypatch, action):
    """Both lock the workshop's row (FOR UPDATE on PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises) before they read the person's registration, so they never interleave."""
    workshop = _workshop(db, make_workshop(capacity=1))
    student = _user(db, make_user("siti"))
    if action == "withdraw":
        registrations.register(student, workshop)
    db.session.commit()
    locked, original = [], registrations._lock

    def lock(session, workshop_id):
        locked.append((workshop_id, len(queries)))
        return original(session, workshop_id)

    monkeypatch.setattr(registrations, "_lock", lock)
    with count_queries() as queries:
        getattr(registrations, action)(student, workshop)
    assert len(locked) == 1 and locked[0][0] == workshop.id
    assert not any("FROM registrations" in q for q in queries[:locked[0][1]])
    if db.engine.dialect.name == "postgresql":
        assert any("FROM workshops" in q and q.rstrip().endswith("FOR UPDATE") for q in queries[locked[0][1]:])


def test_rating_and_check_in_touch_only_their_own_row(db, make_workshop, make_user, facilitator):
    workshop = _workshop(db, make_workshop(capacity=3))
    other = _workshop(db, make_workshop(capacity=3, title="Lokakarya lain"))
    staff = _user(db, facilitator)
    siti, rani, tono = (_user(db, make_user(name)) for name in ("siti", "rani", "tono"))
    rows = {name: registrations.register(person, workshop) for name, person in
            (("siti", siti), ("rani", rani), ("tono", tono))}
    elsewhere = registrations.register(siti, other)
    for registration in (rows["siti"], rows["rani"], elsewhere):
        registrations.check_in(staff, registration, now=workshop.starts_at)
    with pytest.raises(services.WorkshopError):
        registrations.rate(tono, workshop, 5, now=workshop.starts_at)  # registered, not checked in
    registrations.rate(siti, workshop, 4, now=workshop.starts_at)
    db.session.expire_all()
    ratings = {r.id: r.rating for r in db.session.scalars(select(Registration))}
    assert ratings == {rows["siti"].id: 4, rows["rani"].id: None, rows["tono"].id: None, elsewhere.id: None}

    # withdrawn by another request after the facilitator's page loaded it: not checked in
    late = db.session.get(Registration, rows["tono"].id)
    with db.engine.begin() as connection:
        connection.execute(update(Registration).where(Registration.id == late.id).values(status=WITHDRAWN))
    assert registrations.check_in(staff, late, now=workshop.starts_at) is False
    db.session.expire_all()
    assert db.session.get(Registration, late.id).checked_in_at is None


def test_the_workshop_lock_reads_fresh_and_locks():
    asked = []
    recorder = SimpleNamespace(get=lambda *args, **kwargs: asked.append((args, kwargs)))
    registrations._lock(recorder, 7)
    assert asked == [((Workshop, 7), {"populate_existing": True, "with_for_update": True})]


def test_withdrawing_and_registering_without_a_time_use_the_clock(db, make_workshop, make_user):
    workshop = _workshop(db, make_workshop())
    student = _user(db, make_user("siti"))
    before = utcnow()
    registration = registrations.register(student, workshop)
    assert before <= registration.queued_at <= utcnow()
    withdrawn = registrations.withdraw(student, workshop)
    assert withdrawn.status == WITHDRAWN and before <= withdrawn.withdrawn_at <= utcnow()


def test_a_walk_in_form_field_left_out_counts_as_empty(db, make_workshop, make_user, facilitator):
    # WTForms gives None for a field the browser did not send
    workshop = _workshop(db, make_workshop())
    staff = _user(db, facilitator)
    make_user("budi")
    by_name = registrations.walk_in(staff, workshop, username=None, name="  Pak   Budi ")
    by_account = registrations.walk_in(staff, workshop, username=" budi ", name=None)
    assert (by_name.user_id, by_name.name, by_name.status) == (None, "Pak Budi", CONFIRMED)
    assert by_account.user.username == "budi" and by_account.name is None

"""Planning, seats, the waiting list and feedback, tested on the services directly (no HTTP)."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from flask_babel import force_locale
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.outbox.models import OutboxMessage
from literacy.utils import utcnow
from literacy.workshops import provinces, registrations, services
from literacy.workshops.models import CONFIRMED, WAITING, WITHDRAWN, Registration, Workshop
from literacy.workshops.timefmt import format_span, to_utc

from .conftest import local_days_ahead, workshop_data


def _user(db, user_id):
    db.session.commit()  # end the read snapshot: the account was made on another connection
    return db.session.get(User, user_id)


def _workshop(db, workshop_id):
    db.session.commit()
    return services.get_workshop(workshop_id)


def test_the_38_provinces_and_their_zones():
    assert len(provinces.PROVINCES) == 38
    zones = {slug: zone for slug, (_, zone) in provinces.PROVINCES.items()}
    assert zones["dki-jakarta"] == zones["kalimantan-barat"] == "Asia/Jakarta"
    assert zones["bali"] == zones["kalimantan-timur"] == zones["sulawesi-selatan"] == "Asia/Makassar"
    for new in ("papua-selatan", "papua-tengah", "papua-pegunungan", "papua-barat-daya", "maluku-utara"):
        assert zones[new] == "Asia/Jayapura"
    assert [z for z in zones.values()].count("Asia/Jayapura") == 8


@pytest.mark.parametrize("province, utc_hour, label", [
    ("jawa-barat", 2, "09.00–12.00 WIB"), ("bali", 1, "09.00–12.00 WITA"), ("papua-tengah", 0, "09.00–12.00 WIT")])
def test_local_times_are_stored_in_utc_and_shown_in_the_venues_zone(db, facilitator, province, utc_hour, label):
    start = local_days_ahead(5, 9)
    workshop = services.save_workshop(_user(db, facilitator), workshop_data(
        province=province, starts_at=start, ends_at=start.replace(hour=12)))
    assert workshop.starts_at == start.replace(hour=utc_hour)
    assert format_span(workshop.starts_at, workshop.ends_at, workshop.zone).endswith(label)


def test_times_around_midnight_keep_the_local_day(app):
    # 00.30 WIT on 13 December is still 12 December in UTC, and must be shown as Minggu 13.
    start = to_utc(datetime(2026, 12, 13, 0, 30), "Asia/Jayapura")
    assert start == datetime(2026, 12, 12, 15, 30)
    with app.test_request_context():
        assert format_span(start, start + timedelta(hours=2), "Asia/Jayapura") == "Minggu, 13 Desember 2026, 00.30–02.30 WIT"
        # 23.00-01.00 WIB crosses midnight: both days are named.
        late = to_utc(datetime(2026, 12, 12, 23, 0), "Asia/Jakarta")
        assert format_span(late, late + timedelta(hours=2), "Asia/Jakarta") == (
            "Sabtu, 12 Desember 2026, 23.00 – Minggu, 13 Desember 2026, 01.00 WIB")
        with force_locale("en"):
            assert format_span(start, start + timedelta(hours=3), "Asia/Makassar") == (
                "Saturday, December 12, 2026, 23:30 – Sunday, December 13, 2026, 02:30 WITA")


def test_a_new_workshop_is_a_draft_until_published_and_registration_closes_at_the_start(db, facilitator):
    workshop = services.save_workshop(_user(db, facilitator), workshop_data())
    assert workshop.status == "draft" and workshop.registration_closes_at == workshop.starts_at
    student = _user(db, db.session.scalar(select(User.id).where(User.id == facilitator)))  # anyone: drafts refuse
    with pytest.raises(services.WorkshopError):
        registrations.register(student, workshop)
    services.publish(workshop)
    assert _workshop(db, workshop.id).status == "published"
    with pytest.raises(services.WorkshopError):
        services.publish(workshop)


def test_unknown_co_facilitators_and_provinces_are_refused(db, facilitator, make_user):
    make_user("pak_andi", role="facilitator")
    make_user("murid", role="student")
    with pytest.raises(services.WorkshopError, match="murid, tidak_ada"):
        services.save_workshop(_user(db, facilitator), workshop_data(co_facilitators="pak_andi, murid, tidak_ada"))
    with pytest.raises(services.WorkshopError):
        services.save_workshop(_user(db, facilitator), workshop_data(province="atlantis"))
    workshop = services.save_workshop(_user(db, facilitator), workshop_data(co_facilitators="PAK_ANDI, bu_fasil"))
    assert [u.username for u in _workshop(db, workshop.id).co_facilitators] == ["pak_andi"]
    assert db.session.scalar(select(Workshop.id).where(Workshop.title == "x")) is None


def test_seats_then_the_waiting_list_in_order_and_promotion_on_cancel(db, make_workshop, make_user):
    workshop_id = make_workshop(capacity=2)
    ids = [make_user(f"siswa{n}", email=f"siswa{n}@contoh.id" if n != 3 else None) for n in range(5)]
    workshop = _workshop(db, workshop_id)
    results = [registrations.register(_user(db, i), workshop) for i in ids]
    assert [r.status for r in results] == [CONFIRMED, CONFIRMED, WAITING, WAITING, WAITING]
    assert [registrations.waiting_position(r) for r in results] == [None, None, 1, 2, 3]
    again = registrations.register(_user(db, ids[0]), workshop)  # a second tap changes nothing
    assert again.id == results[0].id and again.status == CONFIRMED

    registrations.withdraw(_user(db, ids[1]), workshop)
    db.session.expire_all()
    statuses = {r.user.username: r.status for r in db.session.scalars(select(Registration))}
    assert statuses == {"siswa0": CONFIRMED, "siswa1": WITHDRAWN, "siswa2": CONFIRMED, "siswa3": WAITING,
                        "siswa4": WAITING}
    assert _workshop(db, workshop_id).confirmed_count == 2
    promoted = db.session.scalar(select(Registration).where(Registration.user_id == ids[2]))
    assert promoted.promoted_at is not None
    message = db.session.scalar(select(OutboxMessage).where(OutboxMessage.recipient == "siswa2@contoh.id"))
    assert message.subject == "Kamu dapat kursi: Kenali Hoaks di Grup WhatsApp"
    # siswa3 has no email: promoted too, told on the dashboard only.
    registrations.withdraw(_user(db, ids[0]), workshop)
    assert [r.user_id for r in registrations.upcoming_for(ids[3]) if r.promoted_at] == [ids[3]]
    assert registrations.waiting_position(db.session.scalar(select(Registration).where(Registration.user_id == ids[4]))) == 1


def test_registering_again_after_withdrawing_goes_to_the_end_of_the_queue(db, make_workshop, make_user):
    workshop = _workshop(db, make_workshop(capacity=1))
    ids = [make_user(n) for n in ("ani", "budi", "cici")]
    a, b, c = (_user(db, i) for i in ids)
    registrations.register(a, workshop)
    registrations.register(b, workshop)
    registrations.withdraw(b, workshop)
    registrations.register(c, workshop)
    again = registrations.register(b, workshop, now=utcnow() + timedelta(seconds=1))
    assert again.status == WAITING and registrations.waiting_position(again) == 2


def test_registration_follows_its_opening_and_closing_times(db, make_workshop, make_user):
    opens = local_days_ahead(1, 8)
    closes = local_days_ahead(4, 17)
    workshop = _workshop(db, make_workshop(registration_opens_at=opens, registration_closes_at=closes,
                                           province="dki-jakarta"))
    student = _user(db, make_user("siti"))
    with pytest.raises(services.WorkshopError, match="belum dibuka"):
        registrations.register(student, workshop)
    after_close = to_utc(closes, "Asia/Jakarta")
    with pytest.raises(services.WorkshopError, match="sudah ditutup"):
        registrations.register(student, workshop, now=after_close)
    assert registrations.register(student, workshop, now=after_close - timedelta(minutes=1)).status == CONFIRMED


def test_lowering_the_capacity_drops_no_one_and_new_people_wait(db, make_workshop, make_user, facilitator):
    workshop = _workshop(db, make_workshop(capacity=3))
    people = [_user(db, i) for i in [make_user(f"p{n}") for n in range(4)]]
    for person in people[:3]:
        registrations.register(person, workshop)
    services.save_workshop(_user(db, facilitator), {**services.form_data(workshop), "capacity": 1}, workshop)
    workshop = _workshop(db, workshop.id)
    assert workshop.capacity == 1 and workshop.confirmed_count == 3 and workshop.seats_left == 0
    assert registrations.register(people[3], workshop).status == WAITING
    registrations.withdraw(people[0], workshop)  # 2 confirmed still > 1 seat: nobody moves up
    assert db.session.scalar(select(Registration.status).where(Registration.user_id == people[3].id)) == WAITING
    services.save_workshop(_user(db, facilitator), {**services.form_data(_workshop(db, workshop.id)), "capacity": 3},
                           _workshop(db, workshop.id))
    assert db.session.scalar(select(Registration.status).where(Registration.user_id == people[3].id)) == CONFIRMED
    assert _workshop(db, workshop.id).confirmed_count == 3


def test_changing_the_time_tells_registered_people_and_raises_the_sequence(db, make_workshop, make_user, facilitator):
    workshop = _workshop(db, make_workshop())
    registrations.register(_user(db, make_user("ani", email="ani@contoh.id")), workshop)
    registrations.register(_user(db, make_user("budi")), workshop)  # no email: nothing to queue
    sequence = workshop.sequence
    services.save_workshop(_user(db, facilitator), {**services.form_data(workshop), "description": "Baru"}, workshop)
    assert db.session.scalars(select(OutboxMessage.subject)).all() == []  # no change of time or place
    data = {**services.form_data(_workshop(db, workshop.id)), "starts_at": local_days_ahead(6, 13),
            "ends_at": local_days_ahead(6, 15)}
    services.save_workshop(_user(db, facilitator), data, _workshop(db, workshop.id))
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.recipient == "ani@contoh.id" and message.subject.startswith("Jadwal lokakarya berubah")
    assert "13.00–15.00 WITA" in message.body
    assert _workshop(db, workshop.id).sequence == sequence + 2


def test_cancelling_tells_everyone_registered_once(db, make_workshop, make_user):
    workshop = _workshop(db, make_workshop(capacity=1))
    registrations.register(_user(db, make_user("ani", email="ani@contoh.id")), workshop)
    registrations.register(_user(db, make_user("budi", email="budi@contoh.id")), workshop)  # waiting
    assert services.cancel(workshop) == 2
    with pytest.raises(services.WorkshopError):
        services.cancel(workshop)
    subjects = sorted(db.session.scalars(select(OutboxMessage.recipient)).all())
    assert subjects == ["ani@contoh.id", "budi@contoh.id"]
    with pytest.raises(services.WorkshopError):
        registrations.register(_user(db, make_user("cici")), _workshop(db, workshop.id))


def test_duplicate_is_a_new_draft_with_the_same_details(db, make_workshop, make_user, facilitator):
    make_user("pak_andi", role="facilitator")
    workshop = _workshop(db, make_workshop(co_facilitators="pak_andi"))
    registrations.register(_user(db, make_user("ani")), workshop)
    copy = services.duplicate(_user(db, facilitator), workshop)
    copy = _workshop(db, copy.id)
    assert copy.id != workshop.id and copy.status == "draft" and copy.confirmed_count == 0
    assert (copy.title, copy.province, copy.capacity, copy.audiences) == (
        workshop.title, workshop.province, workshop.capacity, workshop.audiences)
    assert [u.username for u in copy.co_facilitators] == ["pak_andi"]


def test_class_members_are_invited_when_it_is_published(db, facilitator, make_user):
    from literacy.classes import services as classes

    classroom = classes.create_class(_user(db, facilitator), "Kelas 8B")
    member = make_user("anggota", email="anggota@contoh.id")
    classes.join(_user(db, member), classroom.code)
    workshop = services.save_workshop(_user(db, facilitator), workshop_data(class_id=str(classroom.id)))
    assert db.session.scalars(select(OutboxMessage)).all() == []
    services.publish(workshop)
    message = db.session.scalars(select(OutboxMessage)).one()
    assert message.recipient == "anggota@contoh.id" and message.subject.startswith("Undangan lokakarya")


def test_feedback_once_by_attendees_only(db, make_workshop, make_user, facilitator):
    workshop = _workshop(db, make_workshop())
    ids = make_user("hadir"), make_user("absen")
    came, absent = _user(db, ids[0]), _user(db, ids[1])
    registration = registrations.register(came, workshop)
    registrations.register(absent, workshop)
    registrations.check_in(_user(db, facilitator), registration)
    later = workshop.starts_at + timedelta(hours=4)
    with pytest.raises(services.WorkshopError, match="setelah lokakarya dimulai"):
        registrations.rate(came, workshop, 5, "Seru")
    registrations.rate(came, workshop, 4, "Seru sekali", now=later)
    with pytest.raises(services.WorkshopError, match="hanya sekali"):
        registrations.rate(came, workshop, 1, "lagi", now=later)
    with pytest.raises(services.WorkshopError, match="hanya sekali"):
        registrations.rate(absent, workshop, 5, "", now=later)
    summary = services.feedback(workshop)
    assert (summary.count, summary.average, summary.comments) == (1, 4.0, [(4, "Seru sekali")])


def test_a_facilitator_who_deletes_their_account_leaves_the_workshop_and_its_attendance(app, make_workshop, make_user,
                                                                                       facilitator):
    from literacy.accounts import services as accounts
    from literacy.extensions import db

    from ..conftest import PASSWORD

    workshop_id = make_workshop()
    student = make_user("siti")
    with app.app_context():
        registration = registrations.register(db.session.get(User, student), services.get_workshop(workshop_id))
        registrations.check_in(db.session.get(User, facilitator), registration)
        accounts.delete_account(db.session.get(User, facilitator), PASSWORD)
        db.session.expire_all()
        workshop = db.session.get(Workshop, workshop_id)
        assert workshop is not None and workshop.owner_id is None and workshop.facilitator_ids == set()
        kept = db.session.scalars(select(Registration).where(Registration.workshop_id == workshop_id)).one()
        assert kept.user_id == student and kept.checked_in_at is not None and kept.checked_in_by_id is None

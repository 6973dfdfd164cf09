"""A blended certificate is issued the moment a facilitator checks the student in at a workshop
that teaches the module: the workshops area's attendance, read through its hook."""
from __future__ import annotations

from sqlalchemy import select

from literacy.accounts.models import User
from literacy.certificates.models import Certificate
from literacy.extensions import db

from ..workshops.conftest import workshop_data
from .conftest import get_module


def test_check_in_at_a_workshop_teaching_the_module_issues_the_waiting_certificate(app, course, make_user, pass_quiz):
    from literacy.workshops import registrations, services

    student = make_user("dewi")
    facilitator = make_user("bu_fasil", role="facilitator")
    pass_quiz(student, "hoaks-lokakarya")
    with app.app_context():
        owner = db.session.get(User, facilitator)
        other = services.save_workshop(owner, workshop_data(modules=["hoaks-cakap"], title="Modul lain"))
        right = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"]))
        for workshop in (other, right):
            services.publish(workshop)
        dewi = db.session.get(User, student)
        at_other = registrations.register(dewi, services.get_workshop(other.id))
        registrations.check_in(owner, at_other)
        assert db.session.scalars(select(Certificate).where(Certificate.user_id == student)).all() == []
        at_right = registrations.register(dewi, services.get_workshop(right.id))
        assert not registrations.attended_module(student, get_module("hoaks-lokakarya").id)
        registrations.check_in(owner, at_right)
        assert registrations.attended_module(student, get_module("hoaks-lokakarya").id)
        [certificate] = db.session.scalars(select(Certificate).where(Certificate.user_id == student)).all()
        assert certificate.module_id == get_module("hoaks-lokakarya").id


def test_a_walk_in_counts_as_attendance_too(app, course, make_user, pass_quiz):
    from literacy.workshops import registrations, services

    student = make_user("dewi")
    facilitator = make_user("bu_fasil", role="facilitator")
    pass_quiz(student, "hoaks-lokakarya")
    with app.app_context():
        owner = db.session.get(User, facilitator)
        workshop = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"]))
        services.publish(workshop)
        registrations.walk_in(owner, services.get_workshop(workshop.id), username="dewi")
        assert len(db.session.scalars(select(Certificate).where(Certificate.user_id == student)).all()) == 1

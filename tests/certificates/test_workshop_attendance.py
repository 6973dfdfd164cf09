"""A blended certificate is issued the moment a facilitator checks the student in, on the day, at
a published workshop that teaches the module: the workshops area's attendance, through its hook."""
from __future__ import annotations

from datetime import timedelta

import pytest
from sqlalchemy import select, update

from literacy.accounts.models import User
from literacy.certificates.models import Certificate
from literacy.extensions import db
from literacy.utils import utcnow

from ..workshops.conftest import workshop_data
from .conftest import get_module


def _certificates(student):
    return db.session.scalars(select(Certificate).where(Certificate.user_id == student)).all()


def _today(workshop):
    """Move a workshop to now (it started an hour ago), as on the day itself."""
    from literacy.workshops.models import Workshop

    db.session.execute(update(Workshop).where(Workshop.id == workshop.id).values(
        starts_at=utcnow() - timedelta(hours=1), ends_at=utcnow() + timedelta(hours=2)))
    db.session.commit()


@pytest.fixture
def setting(app, course, make_user, pass_quiz):
    student = make_user("dewi")
    facilitator = make_user("bu_fasil", role="facilitator")
    pass_quiz(student, "hoaks-lokakarya")
    return student, facilitator


def test_check_in_on_the_day_at_a_workshop_teaching_the_module_issues_the_certificate(app, setting):
    from literacy.workshops import registrations, services

    student, facilitator = setting
    with app.app_context():
        owner = db.session.get(User, facilitator)
        other = services.save_workshop(owner, workshop_data(modules=["hoaks-cakap"], title="Modul lain"))
        right = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"]))
        for workshop in (other, right):
            services.publish(workshop)
            _today(workshop)
        dewi = db.session.get(User, student)
        registrations.check_in(owner, registrations.register(dewi, services.get_workshop(other.id)))
        assert _certificates(student) == []  # another module's workshop
        at_right = registrations.register(dewi, services.get_workshop(right.id))
        module_id = get_module("hoaks-lokakarya").id
        assert not registrations.attended_module(student, module_id)
        registrations.check_in(owner, at_right)
        assert registrations.attended_module(student, module_id)
        [certificate] = _certificates(student)
        assert certificate.module_id == module_id


def test_a_walk_in_on_the_day_counts_too(app, setting):
    from literacy.workshops import registrations, services

    student, facilitator = setting
    with app.app_context():
        owner = db.session.get(User, facilitator)
        workshop = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"]))
        services.publish(workshop)
        _today(workshop)
        registrations.walk_in(owner, services.get_workshop(workshop.id), username="dewi")
        assert len(_certificates(student)) == 1


def test_a_check_in_days_before_or_at_a_draft_or_cancelled_workshop_earns_nothing(app, setting):
    from literacy.workshops import registrations, services

    student, facilitator = setting
    with app.app_context():
        owner = db.session.get(User, facilitator)
        early = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"]))  # in five days
        services.publish(early)
        registrations.check_in(owner, registrations.register(db.session.get(User, student), services.get_workshop(early.id)))
        assert _certificates(student) == []  # recorded, but not attendance on the day
        draft = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"], title="Draf"))
        _today(draft)
        with pytest.raises(services.WorkshopError, match="sudah diterbitkan"):
            registrations.walk_in(owner, services.get_workshop(draft.id), username="dewi")
        cancelled = services.save_workshop(owner, workshop_data(modules=["hoaks-lokakarya"], title="Batal"))
        services.publish(cancelled)
        _today(cancelled)
        services.cancel(services.get_workshop(cancelled.id))
        with pytest.raises(services.WorkshopError, match="sudah diterbitkan"):
            registrations.walk_in(owner, services.get_workshop(cancelled.id), username="dewi")
        assert _certificates(student) == []

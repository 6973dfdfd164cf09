"""A known data set for the impact figures, written straight into the tables (hundreds of rows fast)."""
from __future__ import annotations

import secrets
import uuid
from datetime import datetime

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.catalog.models import Lesson, Module
from literacy.certificates.models import Certificate
from literacy.extensions import db
from literacy.learning.models import LearningEvent, LessonProgress
from literacy.workshops.models import CANCELLED, PUBLISHED, Registration, Workshop

OCT, NOV = datetime(2026, 10, 10, 3, 0), datetime(2026, 11, 10, 3, 0)  # UTC; the same months in WIB
NOW = datetime(2026, 11, 30, 12, 0)


class Builder:
    """Learners (with a province and a first month), their lessons, passes and certificates, workshops."""

    def __init__(self, module_slug: str = "kenali-hoaks"):
        self.counter = 0
        self.module = db.session.scalar(select(Module).where(Module.slug == module_slug))
        self.lessons = db.session.scalars(select(Lesson).where(Lesson.module_id == self.module.id)
                                          .order_by(Lesson.position)).all()

    def person(self, province: str | None, role: str = "student") -> User:
        self.counter += 1
        name = f"p{self.counter}_{secrets.token_hex(3)}"
        user = User(username=name, username_key=name, password_hash="x", role=role, birth_year=2011,
                    province=province)
        db.session.add(user)
        db.session.flush()
        return user

    def learners(self, count: int, province: str | None, when: datetime = OCT, *, lessons: int = 2,
                 module: Module | None = None, role: str = "student") -> list[int]:
        """``count`` new people, each reading the first ``lessons`` lessons of the module at ``when``."""
        module = module or self.module
        lesson_rows = db.session.scalars(select(Lesson).where(Lesson.module_id == module.id)
                                         .order_by(Lesson.position).limit(lessons)).all()
        ids = []
        for _ in range(count):
            user = self.person(province, role)
            for lesson in lesson_rows:
                db.session.add(LessonProgress(user_id=user.id, lesson_id=lesson.id, module_id=module.id, completed_at=when))
            ids.append(user.id)
        db.session.commit()
        return ids

    def passes(self, user_ids: list[int], when: datetime = NOV, *, certificate: bool = False,
               module: Module | None = None) -> None:
        """Each of ``user_ids`` passes the module at ``when`` (and gets its certificate)."""
        module = module or self.module
        for user_id in user_ids:
            db.session.add(LearningEvent(user_id=user_id, verb=LearningEvent.PASSED_MODULE, object_type="module",
                                         object_id=module.id, module_id=module.id, created_at=when,
                                         result={"score": {"scaled": 1.0}}))
            if certificate:
                db.session.add(Certificate(
                    public_id=secrets.token_urlsafe(18), code=secrets.token_hex(6).upper(),
                    credential_uuid=str(uuid.uuid4()), issue_key=f"module:{module.id}", kind="module",
                    user_id=user_id, module_id=module.id, holder_name=None, titles={"id": "x"},
                    organisation="Mitra", score=100, recipient_salt=secrets.token_hex(8), issued_at=when))
        db.session.commit()

    def workshop(self, province: str, starts_at: datetime, *, attendees: int = 0, walk_ins: int = 0,
                 status: str = PUBLISHED, module: Module | None = None) -> int:
        workshop = Workshop(status=status, title="Lokakarya", venue_name="Aula", venue_address="Jl. 1", city="Kota",
                            province=province, starts_at=starts_at, ends_at=starts_at, capacity=100,
                            registration_opens_at=starts_at, registration_closes_at=starts_at,
                            modules=[module or self.module])
        db.session.add(workshop)
        db.session.flush()
        for n in range(attendees):
            user = self.person(None)
            db.session.add(Registration(workshop_id=workshop.id, user_id=user.id, status="confirmed",
                                        code=f"A{n:05d}", checked_in_at=starts_at))
        for n in range(walk_ins):
            db.session.add(Registration(workshop_id=workshop.id, name=f"Tamu {n}", status="confirmed",
                                        code=f"W{n:05d}", walk_in=True, checked_in_at=starts_at))
        db.session.commit()
        return workshop.id


@pytest.fixture
def builder(db, example_course):
    return Builder()


def known_data_set(build: Builder) -> None:
    """The data set the tests below reason about (see test_figures.py for what it must give).

    learners: bali 11, aceh 10, papua 9, gorontalo 2, province not said 12 (44); each read 2 lessons.
    October: bali and not said (23); November: the rest (21). Passes: bali 11 (with certificates),
    aceh 5, not said 12, all in November. A facilitator's lessons are not a learner's.
    Workshops: bali, 10 attendees + 2 walk-ins (Nov); papua, 3 attendees (Nov); one in the
    future (December) and one cancelled, neither held.
    """
    bali = build.learners(11, "bali", OCT)
    not_said = build.learners(12, None, OCT)
    aceh = build.learners(10, "aceh", NOV)
    build.learners(9, "papua", NOV)
    build.learners(2, "gorontalo", NOV)
    build.passes(bali, NOV, certificate=True)
    build.passes(aceh[:5], NOV)
    build.passes(not_said, NOV)
    build.learners(1, "bali", OCT, role="facilitator")
    build.workshop("bali", NOV, attendees=10, walk_ins=2)
    build.workshop("papua", NOV, attendees=3)
    build.workshop("bali", datetime(2026, 12, 20, 3, 0), attendees=0)
    build.workshop("aceh", NOV, attendees=4, status=CANCELLED)

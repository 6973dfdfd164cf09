"""Workshop factories: a facilitator and a published workshop a few days ahead."""
from __future__ import annotations

from datetime import datetime, timedelta

import pytest

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.utils import utcnow


def local_days_ahead(days: int, hour: int = 9) -> datetime:
    """A wall-clock time ``days`` from now at ``hour``:00 (what a facilitator types)."""
    day = (utcnow() + timedelta(days=days)).date()
    return datetime(day.year, day.month, day.day, hour, 0)


def workshop_data(**overrides) -> dict:
    data = dict(title="Kenali Hoaks di Grup WhatsApp", description="Bawa ponsel.", modules=[],
                audiences=["smp", "sma-smk"], venue_name="Aula SMPN 3 Kupang", venue_address="Jl. Soeharto No. 1",
                city="Kota Kupang", province="nusa-tenggara-timur", starts_at=local_days_ahead(5, 9),
                ends_at=local_days_ahead(5, 12), capacity=30, registration_opens_at=None,
                registration_closes_at=None, co_facilitators="", class_id="")
    data.update(overrides)
    return data


@pytest.fixture
def facilitator(make_user):
    return make_user("bu_fasil", role="facilitator", email="fasil@contoh.id")


@pytest.fixture
def make_workshop(app, facilitator):
    """Create (and by default publish) a workshop; returns its id."""
    from literacy.workshops import services

    def make(owner_id=None, publish=True, **overrides):
        with app.app_context():
            owner = db.session.get(User, owner_id or facilitator)
            workshop = services.save_workshop(owner, workshop_data(**overrides))
            if publish:
                services.publish(workshop)
            workshop_id = workshop.id
            db.session.remove()
        return workshop_id

    return make

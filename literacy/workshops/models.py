"""Workshops, who runs them, who registered, who came, and what they thought of it.

Seats are a counter on the workshop (``confirmed_count``) raised only by a conditional UPDATE
(``... WHERE confirmed_count < capacity``), so however many people register at the same moment,
at most ``capacity`` are confirmed; the rest wait. A person registers once per workshop
(unique ``workshop_id, user_id``); cancelling keeps the row, and registering again reuses it.
"""
from __future__ import annotations

from datetime import datetime

from flask_babel import lazy_gettext as _l
from sqlalchemy import Column, ForeignKey, Index, String, Table, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..catalog.models import Module
from ..extensions import db
from ..utils import utcnow
from . import provinces

DRAFT, PUBLISHED, CANCELLED = "draft", "published", "cancelled"
CONFIRMED, WAITING, WITHDRAWN = "confirmed", "waiting", "withdrawn"

AUDIENCES = {
    "smp": _l("SMP"), "sma-smk": _l("SMA/SMK"), "pesantren": _l("Pesantren"), "mahasiswa": _l("Mahasiswa"),
    "guru": _l("Guru"), "orang-tua": _l("Orang tua"), "umum": _l("Umum"),
}

workshop_modules = Table(
    "workshop_modules", db.metadata,
    Column("workshop_id", ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True),
    Column("module_id", ForeignKey("modules.id", ondelete="CASCADE"), primary_key=True, index=True),
)


class Workshop(db.Model):
    __tablename__ = "workshops"
    # The schedule asks for a province's workshops in order of start, often within a month: one
    # index answers both, reading only the rows shown (bench/national.py, docs/performance.md).
    __table_args__ = (Index("ix_workshops_province_starts_at", "province", "starts_at"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    # A facilitator who deletes their account leaves the workshop, its registrations and its
    # attendance (which certificates read) in place; admins and co-facilitators still run it.
    owner_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    class_id: Mapped[int | None] = mapped_column(ForeignKey("classrooms.id", ondelete="SET NULL"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    title: Mapped[str] = mapped_column(String(200))
    description: Mapped[str] = mapped_column(Text, default="")
    audiences: Mapped[str] = mapped_column(String(100), default="")  # "smp sma-smk": codes of AUDIENCES
    venue_name: Mapped[str] = mapped_column(String(200))
    venue_address: Mapped[str] = mapped_column(String(300))
    city: Mapped[str] = mapped_column(String(100))
    province: Mapped[str] = mapped_column(String(40))  # a slug of provinces.PROVINCES
    starts_at: Mapped[datetime] = mapped_column(index=True)  # UTC, like every stored time
    ends_at: Mapped[datetime]
    registration_opens_at: Mapped[datetime]
    registration_closes_at: Mapped[datetime]
    capacity: Mapped[int]
    confirmed_count: Mapped[int] = mapped_column(default=0)
    sequence: Mapped[int] = mapped_column(default=0)  # the .ics SEQUENCE: raised on every change
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(default=utcnow)
    published_at: Mapped[datetime | None]
    cancelled_at: Mapped[datetime | None]

    owner: Mapped[User | None] = relationship(foreign_keys=[owner_id])
    co_facilitators: Mapped[list[User]] = relationship(secondary="workshop_facilitators", order_by="User.username_key")
    modules: Mapped[list[Module]] = relationship(secondary=workshop_modules, order_by="Module.slug")

    @property
    def zone(self) -> str:
        return provinces.zone_of(self.province)

    @property
    def province_name(self) -> str:
        return provinces.name_of(self.province)

    @property
    def audience_codes(self) -> list[str]:
        return self.audiences.split()

    @property
    def facilitator_ids(self) -> set[int]:
        return {self.owner_id, *(u.id for u in self.co_facilitators)} - {None}

    @property
    def seats_left(self) -> int:
        return max(self.capacity - self.confirmed_count, 0)

    def is_open(self, now: datetime) -> bool:
        return self.status == PUBLISHED and self.registration_opens_at <= now < self.registration_closes_at

    def is_past(self, now: datetime) -> bool:
        return self.ends_at <= now


class WorkshopFacilitator(db.Model):
    """A co-facilitator: may edit the workshop and see its roster, like its owner."""

    __tablename__ = "workshop_facilitators"

    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class Registration(db.Model):
    """A seat (confirmed), a place in the queue (waiting), or a cancelled one; walk-ins too.

    ``queued_at`` orders the waiting list. A walk-in without an account has ``user_id`` NULL and
    a ``name``. ``code`` is the short check-in code shown under the student's QR.
    """

    __tablename__ = "workshop_registrations"
    __table_args__ = (
        UniqueConstraint("workshop_id", "user_id"),
        UniqueConstraint("workshop_id", "code"),
        {"sqlite_autoincrement": True},
    )

    id: Mapped[int] = mapped_column(primary_key=True)
    workshop_id: Mapped[int] = mapped_column(ForeignKey("workshops.id", ondelete="CASCADE"), index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    name: Mapped[str | None] = mapped_column(String(120))  # walk-ins without an account
    status: Mapped[str] = mapped_column(String(20), index=True)
    code: Mapped[str] = mapped_column(String(8))
    queued_at: Mapped[datetime] = mapped_column(default=utcnow)
    confirmed_at: Mapped[datetime | None]
    promoted_at: Mapped[datetime | None]  # moved up from the waiting list (shown on the dashboard)
    withdrawn_at: Mapped[datetime | None]
    walk_in: Mapped[bool] = mapped_column(default=False)
    checked_in_at: Mapped[datetime | None]
    checked_in_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    rating: Mapped[int | None]
    comment: Mapped[str | None] = mapped_column(String(500))
    rated_at: Mapped[datetime | None]

    workshop: Mapped[Workshop] = relationship()
    user: Mapped[User | None] = relationship(foreign_keys=[user_id])
    checked_in_by: Mapped[User | None] = relationship(foreign_keys=[checked_in_by_id])

    @property
    def display_name(self) -> str:
        return self.user.name if self.user is not None else (self.name or "")


class FeedToken(db.Model):
    """The secret in a facilitator's private calendar feed URL; regenerating it replaces the row."""

    __tablename__ = "workshop_feed_tokens"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    token: Mapped[str] = mapped_column(String(64), unique=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

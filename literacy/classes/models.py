"""A facilitator's class and its members."""
from __future__ import annotations

from datetime import date, datetime

from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..catalog.models import Module
from ..extensions import db
from ..utils import utcnow

SCHOOL, COMMUNITY = "school", "community"
KIND_LABELS = {SCHOOL: _l("Sekolah"), COMMUNITY: _l("Komunitas")}


class Classroom(db.Model):
    __tablename__ = "classrooms"
    __table_args__ = {"sqlite_autoincrement": True}  # its id is in URLs: never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    kind: Mapped[str] = mapped_column(String(20), default=SCHOOL)  # school | community
    ends_on: Mapped[date | None]  # the last day of the school year or programme, if known
    archived_at: Mapped[datetime | None]  # archived: read-only, nobody joins, reports stay
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    facilitator: Mapped[User] = relationship()
    co_facilitators: Mapped[list[User]] = relationship(secondary="class_facilitators", order_by="User.username_key")
    members: Mapped[list[Membership]] = relationship(back_populates="classroom", cascade="all, delete-orphan")
    assignments: Mapped[list[Assignment]] = relationship(
        back_populates="classroom", cascade="all, delete-orphan", order_by="Assignment.id")

    @property
    def facilitator_ids(self) -> set[int]:
        """The owner and the co-facilitators: everyone who teaches the class."""
        return {self.facilitator_id, *(u.id for u in self.co_facilitators)}

    @property
    def archived(self) -> bool:
        return self.archived_at is not None

    @property
    def label(self) -> str:
        """"kelas 8B" in a sentence, but a name that already says "Kelas 8B" is left as it is."""
        if self.name.split(" ", 1)[0].lower() in ("kelas", "class"):
            return self.name
        return _("kelas %(name)s", name=self.name)


class Membership(db.Model):
    __tablename__ = "class_memberships"
    __table_args__ = (UniqueConstraint("classroom_id", "student_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"))
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    joined_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="members")
    student: Mapped[User] = relationship()


class ClassFacilitator(db.Model):
    """A co-facilitator: sees the class and its reports and looks after its students, like the owner."""

    __tablename__ = "class_facilitators"

    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"), primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True, index=True)


class Assignment(db.Model):
    """A module a class is asked to do, with an optional due date (a local calendar day)."""

    __tablename__ = "class_assignments"
    __table_args__ = (UniqueConstraint("classroom_id", "module_id"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    classroom_id: Mapped[int] = mapped_column(ForeignKey("classrooms.id", ondelete="CASCADE"))
    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), index=True)
    due_on: Mapped[date | None]
    assigned_at: Mapped[datetime] = mapped_column(default=utcnow)

    classroom: Mapped[Classroom] = relationship(back_populates="assignments")
    module: Mapped[Module] = relationship()

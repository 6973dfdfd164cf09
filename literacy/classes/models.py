"""A facilitator's class and its members."""
from __future__ import annotations

from datetime import datetime

from flask_babel import gettext as _
from sqlalchemy import ForeignKey, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import User
from ..extensions import db
from ..utils import utcnow


class Classroom(db.Model):
    __tablename__ = "classrooms"
    __table_args__ = {"sqlite_autoincrement": True}  # its id is in URLs: never reused

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120))
    code: Mapped[str] = mapped_column(String(12), unique=True)
    facilitator_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    facilitator: Mapped[User] = relationship()
    members: Mapped[list[Membership]] = relationship(back_populates="classroom", cascade="all, delete-orphan")

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

"""Classes: create one, join it with its code, see its members, leave it or be taken off it."""
from __future__ import annotations

import secrets

from flask_babel import gettext as _
from sqlalchemy import delete, exists, select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..accounts.services import AccountError
from ..database import write_transaction
from ..extensions import db
from .models import Classroom, Membership

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and copied from boards


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def create_class(facilitator: User, name: str) -> Classroom:
    with write_transaction() as session:
        code = new_code()
        while session.scalar(select(Classroom.id).where(Classroom.code == code)):
            code = new_code()
        classroom = Classroom(name=name.strip(), code=code, facilitator_id=facilitator.id)
        session.add(classroom)
    return classroom


def normalise_code(code: str | None) -> str:
    """A code as typed or read aloud: any case, spaces and dashes ignored ("abc 123" is ABC123)."""
    return "".join(char for char in (code or "") if char.isalnum()).upper()


def find_by_code(code: str) -> Classroom | None:
    return db.session.scalar(select(Classroom).where(Classroom.code == normalise_code(code)))


def join(student: User, code: str) -> Classroom:
    classroom = find_by_code(code)
    if classroom is None:
        raise AccountError(_("Kode kelas tidak ditemukan. Periksa lagi kode dari fasilitatormu."))
    with write_transaction() as session:
        already = session.scalar(select(Membership.id).where(Membership.classroom_id == classroom.id,
                                                             Membership.student_id == student.id))
        if not already:
            session.add(Membership(classroom_id=classroom.id, student_id=student.id))
    return classroom


def remove_member(classroom: Classroom, student: User) -> bool:
    """End a student's membership of a class, whether they leave or their facilitator removes them.

    Only the membership goes: lessons, attempts and events are the student's own and stay. The
    facilitator loses sight of the student (unless another of their classes has them). True if
    the student was a member; a repeated request changes nothing.
    """
    with write_transaction() as session:
        result = session.execute(delete(Membership).where(Membership.classroom_id == classroom.id,
                                                          Membership.student_id == student.id))
    return result.rowcount == 1


def get_membership(class_id: int, student_id: int) -> Membership | None:
    return db.session.scalar(select(Membership).where(Membership.classroom_id == class_id,
                                                      Membership.student_id == student_id))


def memberships_of(student: User) -> list[Membership]:
    """The classes a student belongs to, oldest first, with each class loaded (one query)."""
    return db.session.scalars(select(Membership).where(Membership.student_id == student.id)
                              .order_by(Membership.joined_at, Membership.id)
                              .options(selectinload(Membership.classroom))).all()


def teaches(facilitator: User, student: User) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Membership.student_id == student.id,
        Membership.classroom_id == Classroom.id,
        Classroom.facilitator_id == facilitator.id,
    ))))


def classes_of(facilitator: User) -> list[Classroom]:
    return db.session.scalars(select(Classroom).where(Classroom.facilitator_id == facilitator.id)
                              .order_by(Classroom.created_at)).all()


def roster(classroom: Classroom) -> list[User]:
    """The class's students with their consent records, in two queries whatever the class size."""
    return db.session.scalars(
        select(User).join(Membership, Membership.student_id == User.id)
        .where(Membership.classroom_id == classroom.id).order_by(User.username_key)
        .options(selectinload(User.consents))
    ).all()


def is_member(classroom: Classroom, student: User) -> bool:
    return bool(db.session.scalar(select(exists().where(
        Membership.classroom_id == classroom.id, Membership.student_id == student.id))))


def export(user: User) -> list[dict]:
    """The classes a student belongs to, for "unduh data saya"."""
    memberships = db.session.scalars(select(Membership).where(Membership.student_id == user.id)).all()
    return [{"name": m.classroom.name, "joined_at": m.joined_at.isoformat() + "Z"} for m in memberships]


def get_class(class_id: int) -> Classroom | None:
    return db.session.get(Classroom, class_id)

"""Classes: create, edit and archive one; its co-facilitators and assigned modules; join it with
its code, see its members, leave it or be taken off it."""
from __future__ import annotations

import secrets
from datetime import date

from flask_babel import gettext as _
from sqlalchemy import delete, exists, or_, select
from sqlalchemy.orm import contains_eager, selectinload

from ..accounts.models import ADMIN, FACILITATOR, User
from ..accounts.services import AccountError
from ..catalog.models import Module
from ..database import write_transaction
from ..extensions import db
from ..permissions import can
from ..utils import utcnow
from .models import KIND_LABELS, Assignment, ClassFacilitator, Classroom, Membership


class ClassError(AccountError):
    """A class operation refused, with a message for the facilitator."""

CODE_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"  # no 0/O or 1/I: codes are read aloud and copied from boards


def new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _unused_code(session) -> str:
    code = new_code()
    while session.scalar(select(Classroom.id).where(Classroom.code == code)):
        code = new_code()
    return code


def create_class(facilitator: User, name: str, kind: str = "school", ends_on: date | None = None) -> Classroom:
    if kind not in KIND_LABELS:
        raise ValueError(kind)
    with write_transaction() as session:
        classroom = Classroom(name=name.strip(), code=_unused_code(session), facilitator_id=facilitator.id,
                              kind=kind, ends_on=ends_on)
        session.add(classroom)
    return classroom


def update_class(classroom: Classroom, name: str, kind: str, ends_on: date | None) -> None:
    if kind not in KIND_LABELS:
        raise ValueError(kind)
    _check_open(classroom)
    with write_transaction():
        classroom.name, classroom.kind, classroom.ends_on = name.strip(), kind, ends_on


def _check_open(classroom: Classroom) -> None:
    if classroom.archived:
        raise ClassError(_("Kelas ini sudah diarsipkan. Aktifkan lagi kelasnya untuk mengubahnya."))


def set_archived(classroom: Classroom, archived: bool) -> bool:
    """Archive a class (nobody can join or change it; its reports stay) or bring it back.

    True if it changed; a repeated request changes nothing.
    """
    if classroom.archived == archived:
        return False
    with write_transaction():
        classroom.archived_at = utcnow() if archived else None
    return True


def regenerate_code(classroom: Classroom) -> str:
    """A new join code; the old one (and its link and QR code) stops working at once."""
    _check_open(classroom)
    with write_transaction() as session:
        classroom.code = _unused_code(session)
    return classroom.code


def add_co_facilitator(classroom: Classroom, username: str) -> User:
    _check_open(classroom)
    key = (username or "").strip().lower()
    with write_transaction() as session:
        user = session.scalar(select(User).where(User.username_key == key, User.role.in_((FACILITATOR, ADMIN)),
                                                 User.disabled_at.is_(None)))
        if user is None:
            raise ClassError(_("Tidak ada akun fasilitator bernama %(name)s. Periksa ejaan nama pengguna.",
                               name=username.strip()))
        if user.id in classroom.facilitator_ids:
            raise ClassError(_("%(name)s sudah mengajar di kelas ini.", name=user.username))
        session.add(ClassFacilitator(classroom_id=classroom.id, user_id=user.id))
    db.session.expire(classroom, ["co_facilitators"])
    return user


def remove_co_facilitator(classroom: Classroom, user_id: int) -> bool:
    with write_transaction() as session:
        result = session.execute(delete(ClassFacilitator).where(ClassFacilitator.classroom_id == classroom.id,
                                                                ClassFacilitator.user_id == user_id))
    db.session.expire(classroom, ["co_facilitators"])
    return result.rowcount == 1


def assign(classroom: Classroom, module: Module, due_on: date | None) -> Assignment:
    """Assign a module to the class, or change its due date if it is already assigned."""
    _check_open(classroom)
    with write_transaction() as session:
        assignment = session.scalar(select(Assignment).where(Assignment.classroom_id == classroom.id,
                                                             Assignment.module_id == module.id))
        if assignment is None:
            assignment = Assignment(classroom_id=classroom.id, module_id=module.id)
            session.add(assignment)
        assignment.due_on = due_on
    db.session.expire(classroom, ["assignments"])
    return assignment


def unassign(classroom: Classroom, assignment_id: int) -> bool:
    _check_open(classroom)
    with write_transaction() as session:
        result = session.execute(delete(Assignment).where(Assignment.classroom_id == classroom.id,
                                                          Assignment.id == assignment_id))
    db.session.expire(classroom, ["assignments"])
    return result.rowcount == 1


def assignments_for(student: User) -> list[Assignment]:
    """What the student's open classes ask of them, soonest due first (undated last), one query.

    A module assigned by two classes appears once, with its earliest due date.
    """
    rows = db.session.scalars(
        select(Assignment).join(Membership, Membership.classroom_id == Assignment.classroom_id)
        .join(Classroom, Classroom.id == Assignment.classroom_id).join(Module, Module.id == Assignment.module_id)
        .where(Membership.student_id == student.id, Classroom.archived_at.is_(None), Module.retired_at.is_(None))
        .options(selectinload(Assignment.module).selectinload(Module.texts), contains_eager(Assignment.classroom))
    ).all()
    earliest: dict[int, Assignment] = {}
    for row in rows:
        kept = earliest.get(row.module_id)
        if kept is None or (row.due_on is not None and (kept.due_on is None or row.due_on < kept.due_on)):
            earliest[row.module_id] = row
    return sorted(earliest.values(), key=lambda a: (a.due_on is None, a.due_on or date.max, a.id))


def normalise_code(code: str | None) -> str:
    """A code as typed or read aloud: any case, spaces and dashes ignored ("abc 123" is ABC123)."""
    return "".join(char for char in (code or "") if char.isalnum()).upper()


def find_by_code(code: str) -> Classroom | None:
    return db.session.scalar(select(Classroom).where(Classroom.code == normalise_code(code)))


def join_refusal(user: User, classroom: Classroom) -> str | None:
    """Why ``user`` cannot join ``classroom`` (a message for them), or None if they can."""
    if not can("classes.join", classroom, user=user):
        return _("Hanya akun siswa yang bisa bergabung dengan kelas. Untuk ikut mengajar, minta "
                 "fasilitator kelas ini menambahkanmu sebagai fasilitator pendamping.")
    if classroom.archived:
        return _("%(kelas)s sudah diarsipkan dan tidak menerima siswa baru.", kelas=classroom.label)
    return None


def join(student: User, code: str) -> Classroom:
    classroom = find_by_code(code)
    if classroom is None:
        raise ClassError(_("Kode kelas tidak ditemukan. Periksa lagi kode dari fasilitatormu."))
    refusal = join_refusal(student, classroom)
    if refusal:
        raise ClassError(refusal)
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


def _taught_by(facilitator: User):
    """A condition on Classroom: the facilitator owns it or co-facilitates it."""
    return or_(Classroom.facilitator_id == facilitator.id,
               Classroom.id.in_(select(ClassFacilitator.classroom_id).where(ClassFacilitator.user_id == facilitator.id)))


def teaches(facilitator: User, student: User) -> bool:
    """Whether the student is in a class the facilitator owns or co-facilitates (archived ones too)."""
    return bool(db.session.scalar(select(exists().where(
        Membership.student_id == student.id,
        Membership.classroom_id == Classroom.id,
        _taught_by(facilitator),
    ))))


def classes_of(facilitator: User) -> list[Classroom]:
    """The classes the facilitator owns or co-facilitates: open ones first, then archived, oldest first."""
    return db.session.scalars(select(Classroom).where(_taught_by(facilitator))
                              .order_by(Classroom.archived_at.is_not(None), Classroom.created_at, Classroom.id)).all()


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

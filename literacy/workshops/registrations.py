"""Registering, the waiting list, check-in, walk-ins and feedback.

Seats are never oversold: a seat is taken only by ``UPDATE workshops SET confirmed_count =
confirmed_count + 1 WHERE id = ? AND confirmed_count < capacity``, inside a write transaction.
On SQLite the transaction holds the write lock from its start (BEGIN IMMEDIATE); on PostgreSQL
concurrent UPDATEs of the row wait for each other and re-check the WHERE on the newest row
version. Either way the count can pass ``capacity`` only through walk-ins, who are in the room.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import current_app
from flask_babel import gettext as _
from itsdangerous import BadSignature, URLSafeSerializer
from sqlalchemy import func, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import contains_eager, selectinload

from ..accounts.models import User
from ..classes.services import CODE_ALPHABET
from ..database import write_transaction
from ..extensions import db
from ..utils import utcnow
from . import notices
from .models import CONFIRMED, PUBLISHED, WAITING, WITHDRAWN, Registration, Workshop, workshop_modules
from .services import WorkshopError

CHECK_IN_SALT = "workshop-check-in"
ATTEMPTS = 3


def _new_code() -> str:
    return "".join(secrets.choice(CODE_ALPHABET) for _ in range(6))


def _take_seat(session, workshop_id: int) -> bool:
    """Take one seat if one is free: the conditional UPDATE that makes overselling impossible."""
    return session.execute(
        update(Workshop).where(Workshop.id == workshop_id, Workshop.status == PUBLISHED,
                               Workshop.confirmed_count < Workshop.capacity)
        .values(confirmed_count=Workshop.confirmed_count + 1)
        .execution_options(synchronize_session=False)).rowcount == 1


def _free_seat(session, workshop_id: int) -> None:
    session.execute(update(Workshop).where(Workshop.id == workshop_id)
                    .values(confirmed_count=Workshop.confirmed_count - 1)
                    .execution_options(synchronize_session=False))


def find(workshop: Workshop, user: User) -> Registration | None:
    return db.session.scalar(select(Registration).where(Registration.workshop_id == workshop.id,
                                                        Registration.user_id == user.id))


def register(user: User, workshop: Workshop, *, now: datetime | None = None) -> Registration:
    """One tap: a seat if one is free, else a place on the waiting list. Registering twice
    returns the existing registration."""
    now = now or utcnow()
    for attempt in range(ATTEMPTS):
        try:
            return _register(user, workshop.id, now)
        except IntegrityError:
            # The same person twice at once (unique workshop/user), or a code collision: look again.
            db.session.rollback()
            if attempt == ATTEMPTS - 1:
                raise
    raise AssertionError("unreachable")


def _lock(session, workshop_id: int) -> Workshop:
    """The workshop, locked for this transaction (PostgreSQL; SQLite's BEGIN IMMEDIATE already
    serialises writers), so a registration and a withdrawal never interleave: otherwise a seat
    freed while someone joins the waiting list could stay empty with that person still waiting."""
    return session.get(Workshop, workshop_id, populate_existing=True, with_for_update=True)


def _register(user: User, workshop_id: int, now: datetime) -> Registration:
    with write_transaction() as session:
        workshop = _lock(session, workshop_id)
        existing = session.scalar(select(Registration).where(Registration.workshop_id == workshop_id,
                                                             Registration.user_id == user.id))
        if existing is not None and existing.status != WITHDRAWN:
            return existing
        if workshop.status != PUBLISHED:
            raise WorkshopError(_("Lokakarya ini tidak menerima pendaftaran."))
        if now < workshop.registration_opens_at:
            raise WorkshopError(_("Pendaftaran belum dibuka."))
        if now >= workshop.registration_closes_at:
            raise WorkshopError(_("Pendaftaran sudah ditutup."))
        seat = _take_seat(session, workshop_id)
        registration = existing or Registration(workshop_id=workshop_id, user_id=user.id, code=_new_code())
        registration.status = CONFIRMED if seat else WAITING
        registration.queued_at = now
        registration.confirmed_at = now if seat else None
        registration.promoted_at = registration.withdrawn_at = None
        session.add(registration)
        session.flush()
    return registration


def withdraw(user: User, workshop: Workshop, *, now: datetime | None = None) -> Registration:
    """Give up a seat or a place in the queue; a freed seat goes to the first person waiting."""
    now = now or utcnow()
    with write_transaction() as session:
        _lock(session, workshop.id)
        registration = session.scalar(select(Registration).where(Registration.workshop_id == workshop.id,
                                                                 Registration.user_id == user.id)
                                      .execution_options(populate_existing=True))
        if registration is None or registration.status == WITHDRAWN:
            raise WorkshopError(_("Kamu tidak terdaftar di lokakarya ini."))
        if registration.checked_in_at is not None:
            raise WorkshopError(_("Kehadiranmu sudah tercatat, jadi pendaftaran tidak bisa dibatalkan."))
        was_confirmed = registration.status == CONFIRMED
        registration.status, registration.withdrawn_at = WITHDRAWN, now
        session.flush()
        if was_confirmed:
            _free_seat(session, workshop.id)
            promote_waiting(session, session.get(Workshop, workshop.id, populate_existing=True), now=now)
    return registration


def promote_waiting(session, workshop: Workshop, *, now: datetime | None = None) -> list[Registration]:
    """Give free seats to the waiting list, first come first served, and tell each one.
    Runs inside the caller's write transaction."""
    now = now or utcnow()
    promoted = []
    if workshop.status != PUBLISHED:
        return promoted
    while True:
        first = session.scalar(select(Registration).where(Registration.workshop_id == workshop.id,
                                                          Registration.status == WAITING)
                               .order_by(Registration.queued_at, Registration.id).limit(1))
        if first is None or not _take_seat(session, workshop.id):
            break
        first.status, first.confirmed_at, first.promoted_at = CONFIRMED, now, now
        session.flush()
        if first.user is not None:
            notices.promoted(first)
        promoted.append(first)
    return promoted


def waiting_position(registration: Registration) -> int | None:
    """1 for the first person waiting; None when not waiting."""
    if registration.status != WAITING:
        return None
    ahead = db.session.scalar(select(func.count()).select_from(Registration).where(
        Registration.workshop_id == registration.workshop_id, Registration.status == WAITING,
        (Registration.queued_at < registration.queued_at)
        | ((Registration.queued_at == registration.queued_at) & (Registration.id < registration.id))))
    return ahead + 1


# -- on the day -------------------------------------------------------------------------------

def _serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt=CHECK_IN_SALT)


def check_in_token(registration: Registration) -> str:
    """What the student's QR code carries: the registration, signed, bound to its workshop."""
    return _serializer().dumps([registration.workshop_id, registration.id, registration.code])


def registration_for_token(token: str) -> Registration | None:
    """The registration a check-in token names, or None when it is forged or stale."""
    try:
        workshop_id, registration_id, code = _serializer().loads(token)
    except (BadSignature, ValueError, TypeError):
        return None
    registration = db.session.get(Registration, registration_id) if isinstance(registration_id, int) else None
    if registration is None or registration.workshop_id != workshop_id or registration.code != code:
        return None
    return registration


# Attendance counts for a certificate from shortly before the start (people arrive early).
EARLY_ARRIVAL = timedelta(hours=2)


def _may_record_attendance(workshop: Workshop) -> None:
    """Attendance is for workshops that happen: published, not a draft and not cancelled."""
    if workshop.status != PUBLISHED:
        raise WorkshopError(_("Kehadiran hanya bisa dicatat untuk lokakarya yang sudah diterbitkan dan tidak dibatalkan."))


def check_in(facilitator: User, registration: Registration, *, now: datetime | None = None) -> bool:
    """Record that a confirmed participant came; False when already recorded (nothing changes)."""
    now = now or utcnow()
    _may_record_attendance(registration.workshop)
    if registration.status != CONFIRMED:
        raise WorkshopError(_("Hanya peserta terkonfirmasi yang bisa dicatat hadir. Tambahkan sebagai peserta langsung."))
    with write_transaction() as session:
        recorded = session.execute(update(Registration).where(Registration.id == registration.id,
                                                              Registration.status == CONFIRMED,
                                                              Registration.checked_in_at.is_(None))
                                   .values(checked_in_at=now, checked_in_by_id=facilitator.id)
                                   .execution_options(synchronize_session=False)).rowcount == 1
    if recorded:
        _attended(registration.user_id)
    return recorded


def by_code(workshop: Workshop, code: str) -> Registration | None:
    code = "".join((code or "").split()).upper()
    return db.session.scalar(select(Registration).where(Registration.workshop_id == workshop.id,
                                                        Registration.code == code))


def walk_in(facilitator: User, workshop: Workshop, *, username: str = "", name: str = "",
            now: datetime | None = None) -> Registration:
    """Someone who came without a seat: an existing account (by username) or a name only.
    They are in the room, so they are confirmed and present even past the capacity."""
    now = now or utcnow()
    _may_record_attendance(workshop)
    username, name = (username or "").strip(), " ".join((name or "").split())
    with write_transaction() as session:
        registration = None
        if username:
            user = session.scalar(select(User).where(User.username_key == username.lower()))
            if user is None:
                raise WorkshopError(_("Tidak ada akun dengan nama pengguna %(username)s.", username=username))
            registration = session.scalar(select(Registration).where(Registration.workshop_id == workshop.id,
                                                                     Registration.user_id == user.id))
            if registration is None:
                registration = Registration(workshop_id=workshop.id, user_id=user.id, code=_new_code(), queued_at=now)
        else:
            registration = Registration(workshop_id=workshop.id, name=name[:120], code=_new_code(), queued_at=now)
        if registration.status != CONFIRMED:
            session.execute(update(Workshop).where(Workshop.id == workshop.id)
                            .values(confirmed_count=Workshop.confirmed_count + 1)
                            .execution_options(synchronize_session=False))
            registration.status, registration.confirmed_at, registration.walk_in = CONFIRMED, now, True
        if registration.checked_in_at is None:
            registration.checked_in_at, registration.checked_in_by_id = now, facilitator.id
        session.add(registration)
    _attended(registration.user_id)
    return registration


# -- after --------------------------------------------------------------------------------------

def may_rate(registration: Registration | None, workshop: Workshop, now: datetime | None = None) -> bool:
    now = now or utcnow()
    return (registration is not None and registration.checked_in_at is not None and registration.rated_at is None
            and workshop.starts_at <= now)


def rate(user: User, workshop: Workshop, rating: int, comment: str = "", *, now: datetime | None = None) -> None:
    """An attendee's 1-5 rating and short comment, once."""
    now = now or utcnow()
    if not 1 <= rating <= 5:
        raise WorkshopError(_("Pilih nilai 1 sampai 5."))
    if workshop.starts_at > now:
        raise WorkshopError(_("Penilaian dibuka setelah lokakarya dimulai."))
    with write_transaction() as session:
        done = session.execute(update(Registration).where(
            Registration.workshop_id == workshop.id, Registration.user_id == user.id,
            Registration.checked_in_at.is_not(None), Registration.rated_at.is_(None))
            .values(rating=rating, comment=(comment or "").strip()[:500] or None, rated_at=now)
            .execution_options(synchronize_session=False)).rowcount
    if not done:
        raise WorkshopError(_("Hanya peserta yang hadir yang bisa menilai, dan hanya sekali."))


# -- the student's side -----------------------------------------------------------------------

def upcoming_for(user_id: int, now: datetime | None = None) -> list[Registration]:
    """The student's registrations for workshops not yet over, soonest first (one query, for the dashboard)."""
    now = now or utcnow()
    return db.session.scalars(select(Registration).join(Workshop).where(
        Registration.user_id == user_id, Registration.status.in_((CONFIRMED, WAITING)), Workshop.ends_at > now)
        .options(contains_eager(Registration.workshop)).order_by(Workshop.starts_at)).all()


def attended_module(user_id: int, module_id: int) -> bool:
    """Whether the person was checked in, on the day, at a published workshop that teaches the
    module: what a certificate with ``workshop_required: true`` reads (the ``literacy_attendance``
    hook). A check-in recorded days before the workshop does not count."""
    rows = db.session.execute(select(Registration.checked_in_at, Workshop.starts_at).where(
        Registration.user_id == user_id, Registration.checked_in_at.is_not(None),
        Registration.workshop_id == Workshop.id, Workshop.status == PUBLISHED,
        Workshop.id == workshop_modules.c.workshop_id, workshop_modules.c.module_id == module_id)).all()
    # Compared here, not in SQL: date arithmetic differs between SQLite and PostgreSQL.
    return any(checked_in >= starts - EARLY_ARRIVAL for checked_in, starts in rows)


def attendance_of(user_ids: list[int]) -> dict[int, list[Workshop]]:
    """The published workshops each person was checked in at, oldest first (two queries): what a
    class report shows (the ``literacy_attendance_of`` hook).

    Two queries, not a join: given a class's few hundred registrations, PostgreSQL hashes the whole
    ``workshops`` table for the join (11 ms at 25,000 workshops, growing with them), while the
    workshops named by id are a primary-key lookup whatever their number (bench/national.py)."""
    pairs = db.session.execute(select(Registration.user_id, Registration.workshop_id).where(
        Registration.user_id.in_(user_ids), Registration.checked_in_at.is_not(None))).all()
    people: dict[int, list[int]] = {}
    for user_id, workshop_id in pairs:
        people.setdefault(workshop_id, []).append(user_id)
    workshops = db.session.scalars(select(Workshop).where(Workshop.id.in_(list(people)), Workshop.status == PUBLISHED)
                                   .order_by(Workshop.starts_at, Workshop.id))
    attended: dict[int, list[Workshop]] = {}
    for workshop in workshops:
        for user_id in people[workshop.id]:
            attended.setdefault(user_id, []).append(workshop)
    return attended


def _attended(user_id: int | None) -> None:
    """Tell whoever listens (certificates waiting for a workshop) that someone was checked in."""
    if user_id is None:
        return
    for hook in current_app.extensions.get("literacy_on_attendance", {}).values():
        hook(user_id)


def export(user: User) -> list[dict]:
    """The person's workshop registrations, for "unduh data saya"."""
    rows = db.session.scalars(select(Registration).where(Registration.user_id == user.id)
                              .options(selectinload(Registration.workshop))).all()
    return [{"workshop": r.workshop.title, "status": r.status, "starts_at": r.workshop.starts_at.isoformat() + "Z",
             "checked_in_at": r.checked_in_at.isoformat() + "Z" if r.checked_in_at else None,
             "rating": r.rating, "comment": r.comment} for r in rows]


def erase(session, user: User) -> None:
    """Before an account is deleted: give its seats back (the waiting list moves up), then remove
    its registrations. Runs inside the deletion's write transaction."""
    rows = session.scalars(select(Registration).where(Registration.user_id == user.id)).all()
    for registration in rows:
        was_confirmed, workshop_id = registration.status == CONFIRMED, registration.workshop_id
        session.delete(registration)
        session.flush()
        if was_confirmed:
            _free_seat(session, workshop_id)
            promote_waiting(session, session.get(Workshop, workshop_id, populate_existing=True))

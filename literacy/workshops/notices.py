"""What a workshop tells people, always through the outbox, in each recipient's language.

Messages are queued inside the caller's write transaction (a savepoint), so a change that rolls
back tells no one. Keys make a message unique where repeating it would be wrong (a reminder,
an invitation, the cancellation).
"""
from __future__ import annotations

from datetime import datetime, timedelta

from flask_babel import force_locale
from flask_babel import gettext as _
from sqlalchemy import select
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..extensions import db
from ..outbox import services as outbox
from .timefmt import link as public_url
from .models import CONFIRMED, PUBLISHED, WAITING, Registration, Workshop
from .timefmt import format_span

REMINDER_AHEAD = timedelta(hours=24)


def _details(workshop: Workshop) -> str:
    return "\n".join([
        workshop.title,
        format_span(workshop.starts_at, workshop.ends_at, workshop.zone),
        f"{workshop.venue_name}, {workshop.venue_address}, {workshop.city}, {workshop.province_name}",
        public_url("workshops.detail", workshop_id=workshop.id),
    ])


def _send(user: User, key: str | None, subject, body, attachments=None) -> bool:
    if not user.email:
        return False
    return outbox.queue(user.email, subject, body, user_id=user.id, key=key, attachments=attachments)


def _registered(workshop: Workshop) -> list[Registration]:
    return db.session.scalars(
        select(Registration).where(Registration.workshop_id == workshop.id,
                                   Registration.status.in_((CONFIRMED, WAITING)), Registration.user_id.is_not(None))
        .options(selectinload(Registration.user))).all()


def cancelled(workshop: Workshop) -> int:
    """Tell everyone registered (confirmed or waiting) that the workshop will not take place."""
    sent = 0
    for registration in _registered(workshop):
        with force_locale(registration.user.locale or "id"):
            sent += _send(registration.user, f"workshop-cancelled:{workshop.id}:{registration.id}",
                          _("Lokakarya dibatalkan: %(title)s", title=workshop.title),
                          _("Mohon maaf, lokakarya ini dibatalkan oleh fasilitator:") + "\n\n" + _details(workshop))
    return sent


def changed(workshop: Workshop) -> int:
    """Tell everyone registered the new time or place."""
    sent = 0
    for registration in _registered(workshop):
        with force_locale(registration.user.locale or "id"):
            sent += _send(registration.user, f"workshop-changed:{workshop.id}:{registration.id}:{workshop.sequence}",
                          _("Jadwal lokakarya berubah: %(title)s", title=workshop.title),
                          _("Waktu atau tempat lokakarya yang kamu daftari berubah. Ini jadwal terbarunya:")
                          + "\n\n" + _details(workshop))
    return sent


def promoted(registration: Registration) -> bool:
    """Tell someone from the waiting list that they now have a seat."""
    user, workshop = registration.user, registration.workshop
    with force_locale(user.locale or "id"):
        return _send(user, None, _("Kamu dapat kursi: %(title)s", title=workshop.title),
                     _("Ada kursi kosong, dan kamu yang pertama di daftar tunggu. Pendaftaranmu sekarang "
                       "terkonfirmasi:") + "\n\n" + _details(workshop))


def invite_class(workshop: Workshop) -> int:
    """Invite the members of the class the workshop is for (once per member)."""
    from ..classes.models import Membership

    if workshop.class_id is None or workshop.status != PUBLISHED:
        return 0
    members = db.session.scalars(select(User).join(Membership, Membership.student_id == User.id)
                                 .where(Membership.classroom_id == workshop.class_id)).all()
    sent = 0
    for user in members:
        with force_locale(user.locale or "id"):
            sent += _send(user, f"workshop-invite:{workshop.id}:{user.id}",
                          _("Undangan lokakarya: %(title)s", title=workshop.title),
                          _("Fasilitator kelasmu mengundangmu ke lokakarya ini. Daftar lewat tautan di bawah:")
                          + "\n\n" + _details(workshop))
    return sent


def queue_reminders(now: datetime) -> int:
    """Queue a reminder, with the .ics attached, for every confirmed seat of a workshop starting
    within the next day. The outbox key makes a second run (or a second machine) queue nothing."""
    from .calendar import workshop_ics

    workshops = db.session.scalars(select(Workshop).where(
        Workshop.status == PUBLISHED, Workshop.starts_at > now, Workshop.starts_at <= now + REMINDER_AHEAD)).all()
    queued = 0
    for workshop in workshops:
        ics = {"filename": "lokakarya.ics", "content_type": "text/calendar", "text": workshop_ics(workshop)}
        for registration in _registered(workshop):
            if registration.status != CONFIRMED:
                continue
            with force_locale(registration.user.locale or "id"):
                queued += _send(registration.user, f"workshop-reminder:{workshop.id}:{registration.id}",
                                _("Pengingat: %(title)s", title=workshop.title),
                                _("Sampai jumpa di lokakarya! Jadwalnya:") + "\n\n" + _details(workshop)
                                + "\n\n" + _("Tunjukkan kode QR di halaman pendaftaranmu kepada fasilitator saat datang."),
                                attachments=[ics])
    return queued

"""Planning workshops and reading the schedule. Registration and check-in live in registrations.py.

Every function here is called with plain values (no request, no session) and tested directly.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from flask_babel import gettext as _
from sqlalchemy import and_, func, or_, select, update
from sqlalchemy.orm import selectinload

from ..accounts.models import ADMIN, FACILITATOR, User
from ..catalog.models import Module
from ..database import write_transaction
from ..extensions import db
from ..utils import utcnow
from . import notices, provinces
from .models import (AUDIENCES, CANCELLED, CONFIRMED, DRAFT, PUBLISHED, WAITING, Registration, Workshop,
                     WorkshopFacilitator)
from .timefmt import to_local, to_utc

PAST_SHOWN = 20
MANAGED_PER_PAGE = 50  # on the planning page, latest first, page by page
UPCOMING_SHOWN = 100  # the soonest; a province or a month narrows the rest (a national schedule is long)
SLUG = re.compile(r"[a-z0-9][a-z0-9-]{0,79}")


class WorkshopError(Exception):
    """A request that cannot be done, with a message for the person who asked (Indonesian msgid)."""


# -- planning ---------------------------------------------------------------------------------

FIELDS = ("title", "description", "venue_name", "venue_address", "city", "province", "capacity")
TIMES = ("starts_at", "ends_at", "registration_opens_at", "registration_closes_at")


def form_data(workshop: Workshop) -> dict:
    """The workshop as the edit form shows it: local times, usernames, slugs."""
    data = {name: getattr(workshop, name) for name in FIELDS}
    data.update({name: to_local(getattr(workshop, name), workshop.zone).replace(tzinfo=None) for name in TIMES})
    data["modules"] = [m.slug for m in workshop.modules]
    data["audiences"] = workshop.audience_codes
    data["co_facilitators"] = ", ".join(u.username for u in workshop.co_facilitators)
    data["class_id"] = str(workshop.class_id) if workshop.class_id else ""
    return data


def _co_facilitators(session, owner_id: int, names: str | list[str]) -> list[User]:
    if isinstance(names, str):
        names = names.split(",")
    wanted = {n.strip().lower(): n.strip() for n in names if n.strip()}
    if not wanted:
        return []
    found = session.scalars(select(User).where(User.username_key.in_(wanted),
                                               User.role.in_((FACILITATOR, ADMIN)))).all()
    missing = sorted(set(wanted) - {u.username_key for u in found})
    if missing:
        raise WorkshopError(_("Bukan akun fasilitator: %(names)s. Periksa ejaan nama pengguna.",
                              names=", ".join(wanted[m] for m in missing)))
    return [u for u in found if u.id != owner_id]


def save_workshop(actor: User, data: dict, workshop: Workshop | None = None, *, now: datetime | None = None) -> Workshop:
    """Create (``workshop`` None, as a draft) or change a workshop from the form's values.

    Times in ``data`` are the venue's local wall-clock times. Changing the time or place of a
    workshop people registered for tells them; raising the capacity moves people up from the
    waiting list.
    """
    now = now or utcnow()
    province = data["province"]
    if province not in provinces.PROVINCES:
        raise WorkshopError(_("Pilih provinsi dari daftar."))
    zone = provinces.zone_of(province)
    times = {name: to_utc(data[name], zone) if data.get(name) else None for name in TIMES}
    times["registration_closes_at"] = times["registration_closes_at"] or times["starts_at"]
    if workshop is None and times["starts_at"] <= now:
        raise WorkshopError(_("Waktu mulai sudah lewat. Pilih waktu yang akan datang."))
    audiences = [a for a in data.get("audiences") or [] if a in AUDIENCES]
    with write_transaction() as session:
        creating = workshop is None
        if creating:
            workshop = Workshop(owner_id=actor.id, status=DRAFT, confirmed_count=0, sequence=0)
            session.add(workshop)
            times["registration_opens_at"] = times["registration_opens_at"] or now
        else:
            workshop = session.get(Workshop, workshop.id, populate_existing=True)
            if workshop.status == CANCELLED:
                raise WorkshopError(_("Lokakarya yang sudah dibatalkan tidak bisa diubah."))
            times["registration_opens_at"] = times["registration_opens_at"] or workshop.registration_opens_at
        before = (workshop.starts_at, workshop.ends_at, workshop.venue_name, workshop.venue_address)
        for name in FIELDS:
            value = data[name]
            setattr(workshop, name, value.strip() if isinstance(value, str) else value)
        for name, value in times.items():
            setattr(workshop, name, value)
        workshop.audiences = " ".join(audiences)
        workshop.modules = list(session.scalars(select(Module).where(Module.slug.in_(data.get("modules") or []))))
        workshop.co_facilitators = _co_facilitators(session, workshop.owner_id, data.get("co_facilitators") or "")
        class_id = data.get("class_id")
        workshop.class_id = int(class_id) if class_id else None
        workshop.updated_at = now
        if not creating:
            workshop.sequence += 1
        session.flush()
        if not creating:
            from .registrations import promote_waiting

            promote_waiting(session, workshop)
            after = (workshop.starts_at, workshop.ends_at, workshop.venue_name, workshop.venue_address)
            if after != before and workshop.status == PUBLISHED:
                notices.changed(workshop)
            notices.invite_class(workshop)
    return workshop


def publish(workshop: Workshop, *, now: datetime | None = None) -> None:
    """Draft -> published: it appears on the schedule and its class is invited."""
    now = now or utcnow()
    if workshop.starts_at <= now:
        raise WorkshopError(_("Waktu mulai sudah lewat. Ubah tanggalnya dulu, lalu terbitkan."))
    with write_transaction() as session:
        changed = session.execute(update(Workshop).where(Workshop.id == workshop.id, Workshop.status == DRAFT)
                                  .values(status=PUBLISHED, published_at=now, updated_at=now,
                                          sequence=Workshop.sequence + 1)
                                  .execution_options(synchronize_session=False)).rowcount
        if not changed:
            raise WorkshopError(_("Hanya draf yang bisa diterbitkan."))
        session.refresh(workshop)
        notices.invite_class(workshop)


def cancel(workshop: Workshop, *, now: datetime | None = None) -> int:
    """Cancel the workshop and tell everyone registered; returns how many emails were queued."""
    now = now or utcnow()
    with write_transaction() as session:
        changed = session.execute(update(Workshop).where(Workshop.id == workshop.id, Workshop.status != CANCELLED)
                                  .values(status=CANCELLED, cancelled_at=now, updated_at=now,
                                          sequence=Workshop.sequence + 1)
                                  .execution_options(synchronize_session=False)).rowcount
        if not changed:
            raise WorkshopError(_("Lokakarya ini sudah dibatalkan."))
        session.refresh(workshop)
        return notices.cancelled(workshop)


def duplicate(actor: User, workshop: Workshop, *, now: datetime | None = None) -> Workshop:
    """A new draft with the same details, owned by ``actor``, to be given a new date."""
    now = now or utcnow()
    with write_transaction() as session:
        copy = Workshop(owner_id=actor.id, status=DRAFT, confirmed_count=0, sequence=0, created_at=now,
                        updated_at=now, registration_opens_at=now, class_id=workshop.class_id,
                        audiences=workshop.audiences, **{name: getattr(workshop, name) for name in FIELDS},
                        **{name: getattr(workshop, name) for name in TIMES if name != "registration_opens_at"})
        copy.modules = list(workshop.modules)
        copy.co_facilitators = [u for u in workshop.co_facilitators if u.id != actor.id]
        if workshop.owner is not None and actor.id != workshop.owner_id:
            copy.co_facilitators.append(workshop.owner)
        session.add(copy)
    return copy


# -- reading ----------------------------------------------------------------------------------

def get_workshop(workshop_id: int) -> Workshop | None:
    return db.session.scalar(select(Workshop).where(Workshop.id == workshop_id)
                             .options(selectinload(Workshop.co_facilitators), selectinload(Workshop.modules)
                                      .selectinload(Module.texts)))


def _managed_query(user: User):
    query = (select(Workshop).order_by(Workshop.starts_at.desc(), Workshop.id.desc())
             .options(selectinload(Workshop.co_facilitators)))
    if user.role != ADMIN:
        co = select(WorkshopFacilitator.workshop_id).where(WorkshopFacilitator.user_id == user.id)
        query = query.where(or_(Workshop.owner_id == user.id, Workshop.id.in_(co)))
    return query


def managed_by(user: User, limit: int) -> list[Workshop]:
    """The ``limit`` latest workshops by start that ``user`` runs (owner or co-facilitator), or of
    every workshop for an admin (a national programme's admin has tens of thousands)."""
    return db.session.scalars(_managed_query(user).limit(limit)).all()


def managed_page(user: User, page: int, per_page: int | None = None):
    """One page (of MANAGED_PER_PAGE) of :func:`managed_by`, latest first, with the total; a page past
    the end is empty."""
    return db.paginate(_managed_query(user), page=max(page, 1), per_page=per_page or MANAGED_PER_PAGE,
                       error_out=False)


@dataclass
class Filters:
    province: str = ""
    month: str = ""
    module: str = ""
    audience: str = ""

    @classmethod
    def from_args(cls, args) -> Filters:
        """Unknown values are ignored (a shared link with an old value still shows the schedule)."""
        province = args.get("provinsi", "")
        audience = args.get("peserta", "")
        month = args.get("bulan", "")
        module = args.get("modul", "")
        valid_month = (len(month) == 7 and month[4] == "-" and month.replace("-", "").isdigit()
                       and 1 <= int(month[5:]) <= 12 and 1970 <= int(month[:4]) <= 9998)
        return cls(province=province if province in provinces.PROVINCES else "",
                   month=month if valid_month else "", module=module if SLUG.fullmatch(module) else "",
                   audience=audience if audience in AUDIENCES else "")

    @property
    def active(self) -> bool:
        return any((self.province, self.month, self.module, self.audience))


@dataclass
class Schedule:
    upcoming: list[Workshop] = field(default_factory=list)
    past: list[Workshop] = field(default_factory=list)
    attendance: dict[int, int] = field(default_factory=dict)
    more: bool = False  # more upcoming workshops match than UPCOMING_SHOWN


def _month_bounds(month: str) -> tuple[datetime, datetime]:
    year, number = int(month[:4]), int(month[5:])
    return datetime(year, number, 1), datetime(year + number // 12, number % 12 + 1, 1)


def month_window(month: str) -> tuple[datetime, datetime]:
    """UTC bounds holding "2026-12" in every Indonesian zone (UTC+7 to UTC+9)."""
    start, end = _month_bounds(month)
    return start - timedelta(hours=9), end - timedelta(hours=7)


def in_month(month: str):
    """Workshops starting in ``month`` by the clock of their own province: one range per zone
    (Indonesia keeps no summer time, so each zone is a fixed offset), all inside ``month_window``
    so the (province, starts_at) index narrows it. Exact in the database, so the lists' limits
    count only workshops of that month."""
    start, end = _month_bounds(month)
    first, last = month_window(month)
    per_zone = [and_(Workshop.province.in_([slug for slug, (_, z) in provinces.PROVINCES.items() if z == zone]),
                     Workshop.starts_at >= start - timedelta(hours=hours), Workshop.starts_at < end - timedelta(hours=hours))
                for zone, hours in ((provinces.WIB, 7), (provinces.WITA, 8), (provinces.WIT, 9))]
    return and_(Workshop.starts_at >= first, Workshop.starts_at < last, or_(*per_zone))


def schedule(filters: Filters, now: datetime | None = None) -> Schedule:
    """Published and cancelled workshops matching the filters: upcoming (soonest first) and
    recent past ones with their attendance. Four queries whatever the number of workshops."""
    now = now or utcnow()
    query = (select(Workshop).where(Workshop.status.in_((PUBLISHED, CANCELLED)))
             .options(selectinload(Workshop.modules).selectinload(Module.texts)))
    if filters.province:
        query = query.where(Workshop.province == filters.province)
    if filters.audience:
        query = query.where((" " + Workshop.audiences + " ").contains(f" {filters.audience} "))
    if filters.module:
        query = query.where(Workshop.modules.any(Module.slug == filters.module))
    if filters.month:
        query = query.where(in_month(filters.month))
    upcoming = db.session.scalars(query.where(Workshop.ends_at > now).order_by(Workshop.starts_at, Workshop.id)
                                  .limit(UPCOMING_SHOWN + 1)).all()
    past = db.session.scalars(query.where(Workshop.ends_at <= now, Workshop.status == PUBLISHED)
                              .order_by(Workshop.starts_at.desc(), Workshop.id.desc()).limit(PAST_SHOWN)).all()
    more = len(upcoming) > UPCOMING_SHOWN
    upcoming = upcoming[:UPCOMING_SHOWN]
    return Schedule(upcoming=upcoming, past=past, attendance=attendance_counts([w.id for w in past]), more=more)


def attendance_counts(workshop_ids: list[int]) -> dict[int, int]:
    if not workshop_ids:
        return {}
    rows = db.session.execute(select(Registration.workshop_id, func.count()).where(
        Registration.workshop_id.in_(workshop_ids), Registration.checked_in_at.is_not(None))
        .group_by(Registration.workshop_id))
    return dict(rows.all())


def month_choices(now: datetime | None = None) -> list[str]:
    """The next twelve months as "2026-12", for the month filter."""
    now = now or utcnow()
    year, month = now.year, now.month
    months = []
    for _ in range(12):
        months.append(f"{year:04d}-{month:02d}")
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)
    return months


def module_choices(language: str) -> list[tuple[str, str]]:
    """(slug, title) of the catalog's modules in ``language``."""
    modules = db.session.scalars(select(Module).where(Module.retired_at.is_(None)).order_by(Module.slug)
                                 .options(selectinload(Module.texts))).all()
    return [(m.slug, m.text(language).title) for m in modules]


def roster(workshop: Workshop) -> list[Registration]:
    """Confirmed people by name, then the waiting list in order (two queries, any size)."""
    rows = db.session.scalars(select(Registration).where(Registration.workshop_id == workshop.id,
                                                         Registration.status.in_((CONFIRMED, WAITING)))
                              .options(selectinload(Registration.user), selectinload(Registration.checked_in_by))
                              .order_by(Registration.queued_at, Registration.id)).all()
    confirmed = sorted((r for r in rows if r.status == CONFIRMED), key=lambda r: r.display_name.lower())
    return confirmed + [r for r in rows if r.status == WAITING]


@dataclass
class Feedback:
    count: int
    average: float | None
    comments: list[tuple[int, str]]


def feedback(workshop: Workshop) -> Feedback:
    rows = db.session.execute(select(Registration.rating, Registration.comment).where(
        Registration.workshop_id == workshop.id, Registration.rated_at.is_not(None))
        .order_by(Registration.rated_at)).all()
    ratings = [r.rating for r in rows]
    return Feedback(count=len(ratings), average=sum(ratings) / len(ratings) if ratings else None,
                    comments=[(r.rating, r.comment) for r in rows if r.comment])

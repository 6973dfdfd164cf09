"""Issuing, finding, verifying and revoking certificates (no request, no session: tested directly).

Issuing is triggered by hooks other areas call (a passed quiz, a guardian's consent, a workshop
check-in through :func:`issue_pending_for`); it is idempotent and race-free, because the unique
constraint on (user, issue key) lets only one of two simultaneous inserts through.
"""
from __future__ import annotations

import secrets
import uuid
from dataclasses import dataclass, field

from flask import current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import bindparam, exc, select, update
from sqlalchemy.orm import selectinload

from ..accounts.models import User
from ..catalog.models import Module
from ..content.vocabulary import PILLARS
from ..database import write_transaction
from ..extensions import db
from ..learning.services import module_statuses
from ..utils import utcnow
from . import codes
from .models import CAPSTONE, CAPSTONE_KEY, MODULE, Certificate, ModuleRequirement

CAPSTONE_TITLES = {"id": "Sertifikat Literasi Digital", "en": "Digital Literacy Certificate"}
CAPSTONE_ORGANISATION = "Literasi"

REVOCATION_REASONS = {
    "error": _l("Diterbitkan karena kesalahan"),
    "misconduct": _l("Pelanggaran aturan kuis"),
    "identity": _l("Nama atau identitas tidak sesuai"),
    "request": _l("Atas permintaan pemegang"),
}

# Why a certificate the student has earned by passing is not issued yet.
WAIT_CONSENT, WAIT_WORKSHOP = "consent", "workshop"


def module_key(module_id: int) -> str:
    return f"module:{module_id}"


# -- what modules ask -----------------------------------------------------------------------

def store_requirement(session, module: Module, source) -> None:
    """Import hook: keep the module's ``workshop_required`` from its front matter."""
    row = session.get(ModuleRequirement, module.id)
    if row is None:
        row = ModuleRequirement(module_id=module.id)
        session.add(row)
    row.workshop_required = bool(getattr(source, "workshop_required", False))


_WORKSHOP_REQUIRED = select(ModuleRequirement.module_id).where(
    ModuleRequirement.module_id.in_(bindparam("ids", expanding=True)), ModuleRequirement.workshop_required.is_(True))
# Built once, like learning.services' status queries: only the values are bound on each call.
_EVERY_MODULE = select(Module).options(selectinload(Module.texts))
_HELD = select(Certificate).where(Certificate.user_id == bindparam("user_id"))


def workshop_required_ids(module_ids) -> set[int]:
    ids = list(module_ids)
    if not ids:
        return set()
    return set(db.session.scalars(_WORKSHOP_REQUIRED, {"ids": ids}))


def attended(user_id: int, module_id: int) -> bool:
    """Attendance comes from the workshops area, through the hook it registers; none: not yet."""
    check = current_app.extensions.get("literacy_attendance")
    return bool(check(user_id, module_id)) if check is not None else False


# -- issuing --------------------------------------------------------------------------------

@dataclass
class Standing:
    """Where a student stands towards one certificate."""

    key: str
    kind: str
    module: Module | None
    certificate: Certificate | None = None
    passed: bool = False
    score: float | None = None
    lessons_left: int = 0
    needs_workshop: bool = False
    workshop_done: bool = False
    waiting_for: str | None = None  # WAIT_CONSENT or WAIT_WORKSHOP once passed
    pillars_missing: list[str] = field(default_factory=list)  # capstone only
    started: bool = False

    @property
    def missing_pillar_names(self) -> list[str]:
        return [str(PILLARS[p]) for p in self.pillars_missing]

    @property
    def issued(self) -> bool:
        return self.certificate is not None

    @property
    def earned(self) -> bool:
        """Every condition of the learning itself is met (consent may still be missing)."""
        if self.kind == CAPSTONE:
            return not self.pillars_missing
        return self.passed and (not self.needs_workshop or self.workshop_done)


def standings(user: User, module_ids=None) -> list[Standing]:
    """Every certificate the student holds or could earn, with what is left, in a fixed number of queries.

    ``module_ids`` limits the module certificates to those modules (the capstone is always there).
    """
    # Retired modules too: a pass in one still counts towards the capstone.
    modules = db.session.scalars(_EVERY_MODULE).all()
    statuses = module_statuses(user.id, modules)
    held = {c.issue_key: c for c in db.session.scalars(_HELD, {"user_id": user.id})}
    blended = workshop_required_ids(m.id for m in modules if m.certificate)
    consent_ok = user.may_keep_personal_data
    result = []
    passed_pillars = {m.pillar for m in modules if statuses[m.id].passed}
    for module in sorted(modules, key=lambda m: m.slug):
        if not module.certificate or (module_ids is not None and module.id not in module_ids):
            continue
        if module.retired_at is not None and module_key(module.id) not in held:
            continue
        status = statuses[module.id]
        standing = Standing(key=module_key(module.id), kind=MODULE, module=module,
                            certificate=held.get(module_key(module.id)), passed=status.passed,
                            score=status.best_score, lessons_left=max(0, status.lesson_count - status.lessons_done),
                            needs_workshop=module.id in blended, started=status.started)
        if standing.needs_workshop and standing.certificate is None and status.passed:
            standing.workshop_done = attended(user.id, module.id)
        if standing.certificate is None and status.passed:
            if standing.needs_workshop and not standing.workshop_done:
                standing.waiting_for = WAIT_WORKSHOP
            elif not consent_ok:
                standing.waiting_for = WAIT_CONSENT
        result.append(standing)
    capstone = Standing(key=CAPSTONE_KEY, kind=CAPSTONE, module=None, certificate=held.get(CAPSTONE_KEY),
                        pillars_missing=[p for p in PILLARS if p not in passed_pillars], started=True)
    if capstone.certificate is None and not capstone.pillars_missing and not consent_ok:
        capstone.waiting_for = WAIT_CONSENT
    result.append(capstone)
    # Certificates held for modules no longer in the catalog stay listed.
    listed = {s.key for s in result}
    for key, certificate in held.items():
        if key not in listed and module_ids is None:
            result.append(Standing(key=key, kind=certificate.kind, module=None, certificate=certificate, passed=True,
                                   started=True))
    return result


def issue_pending_for(user_id: int) -> list[Certificate]:
    """Issue every certificate the student has earned and not yet received; returns the new ones.

    Safe to call any number of times, from any area, at the same moment as another call.
    """
    user = db.session.get(User, user_id)
    if user is None or not user.may_keep_personal_data:
        return []
    due = [s for s in standings(user) if s.certificate is None and s.earned]
    issued = []
    for standing in due:
        certificate = _issue(user, standing)
        if certificate is not None:
            issued.append(certificate)
    return issued


def _issue(user: User, standing: Standing) -> Certificate | None:
    if standing.kind == CAPSTONE:
        titles, version, organisation, module_id = dict(CAPSTONE_TITLES), None, CAPSTONE_ORGANISATION, None
    else:
        module = standing.module
        titles = {t.language: t.title for t in module.texts}
        version, module_id = module.version, module.id
        organisation = ", ".join(module.authors) or CAPSTONE_ORGANISATION
    certificate = Certificate(
        public_id=codes.new_public_id(), code=codes.new_code(), credential_uuid=str(uuid.uuid4()),
        issue_key=standing.key, kind=standing.kind, user_id=user.id, module_id=module_id,
        holder_name=user.name, titles=titles, module_version=version, organisation=organisation,
        score=standing.score, language=user.locale or "id", recipient_salt=secrets.token_hex(16),
        issued_at=utcnow(),
    )
    try:
        with write_transaction() as session:
            if session.scalar(select(Certificate.id).where(Certificate.user_id == user.id,
                                                           Certificate.issue_key == standing.key)):
                return None
            session.add(certificate)
    except exc.IntegrityError:
        # Another request issued it first (PostgreSQL; on SQLite the write lock orders them).
        db.session.rollback()
        return None
    return certificate


def on_module_passed(user_id: int, module_id: int) -> None:
    issue_pending_for(user_id)


def on_consent_given(user_id: int) -> None:
    issue_pending_for(user_id)


# -- finding and verifying ------------------------------------------------------------------

def certificates_of(user_id: int) -> list[Certificate]:
    return db.session.scalars(select(Certificate).where(Certificate.user_id == user_id)
                              .order_by(Certificate.issued_at.desc(), Certificate.id.desc())).all()


def by_public_id(public_id: str) -> Certificate | None:
    if not codes.looks_like_public_id(public_id or ""):
        return None
    return db.session.scalar(select(Certificate).where(Certificate.public_id == public_id))


def by_code(typed: str | None) -> Certificate | None:
    code = codes.normalise(typed)
    if code is None:
        return None
    return db.session.scalar(select(Certificate).where(Certificate.code == code))


def own_certificate(user_id: int, public_id: str) -> Certificate | None:
    certificate = by_public_id(public_id)
    return certificate if certificate is not None and certificate.user_id == user_id else None


VALID, REVOKED, NOT_HELD, NOT_FOUND = "valid", "revoked", "not-held", "not-found"


def verdict(certificate: Certificate | None) -> str:
    if certificate is None:
        return NOT_FOUND
    if certificate.revoked:
        return REVOKED
    if not certificate.held:
        return NOT_HELD
    return VALID


# -- revocation -----------------------------------------------------------------------------

class CertificateError(Exception):
    pass


def revoke(certificate: Certificate, admin: User, reason: str) -> bool:
    """Revoke once with a reason category; True if this call did it."""
    if reason not in REVOCATION_REASONS:
        raise CertificateError(str(_l("Pilih alasan pencabutan.")))
    with write_transaction() as session:
        changed = session.execute(update(Certificate).where(
            Certificate.id == certificate.id, Certificate.revoked_at.is_(None)
        ).values(revoked_at=utcnow(), revoked_reason=reason, revoked_by_id=admin.id)).rowcount
    db.session.refresh(certificate)
    return changed == 1


def recent(limit: int = 50) -> list[Certificate]:
    return db.session.scalars(select(Certificate).order_by(Certificate.id.desc()).limit(limit)).all()


# -- personal data --------------------------------------------------------------------------

def export(user: User) -> list[dict]:
    def when(value):
        return value.isoformat() + "Z" if value else None

    return [{"code": c.pretty_code, "title": c.titles, "name": c.holder_name, "score": c.score,
             "issued_at": when(c.issued_at), "revoked_at": when(c.revoked_at), "revoked_reason": c.revoked_reason}
            for c in certificates_of(user.id)]


def on_consent_withdrawn(session, user: User) -> None:
    """A minor's name goes with the consent: their certificates keep only the username."""
    session.execute(update(Certificate).where(Certificate.user_id == user.id).values(holder_name=user.username))


def erase(session, user: User) -> None:
    """The certificates stay verifiable ("no longer held"), with nothing left that names the person."""
    session.execute(update(Certificate).where(Certificate.user_id == user.id)
                    .values(user_id=None, holder_name=None, recipient_salt=secrets.token_hex(16)))
    session.execute(update(Certificate).where(Certificate.revoked_by_id == user.id).values(revoked_by_id=None))

"""People and what they agreed to.

A student under 18 is stored with the minimum (username, birth year, progress) until a parent
or guardian consents; only then can a display name and an email be kept (UU PDP 27/2022,
Pasal 25). Consent records say what text was agreed to, by whom, how and when.
"""
from __future__ import annotations

import secrets
from datetime import datetime

from flask_babel import lazy_gettext as _l
from flask_login import UserMixin
from sqlalchemy import ForeignKey, String
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..extensions import db
from ..utils import utcnow

STUDENT, FACILITATOR, PARTNER, ADMIN = "student", "facilitator", "partner", "admin"
ROLES = (STUDENT, FACILITATOR, PARTNER, ADMIN)
ROLE_LABELS = {STUDENT: _l("Pelajar"), FACILITATOR: _l("Fasilitator"), PARTNER: _l("Mitra"), ADMIN: _l("Admin")}
ADULT_AGE = 18


class PartnerOrganisation(db.Model):
    __tablename__ = "partner_organisations"

    id: Mapped[int] = mapped_column(primary_key=True)
    name: Mapped[str] = mapped_column(String(120), unique=True)


def new_secret() -> str:
    return secrets.token_urlsafe(32)


class User(UserMixin, db.Model):
    __tablename__ = "users"
    # Ids are never reused (SQLite would give a deleted user's id to the next sign-up).
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    username: Mapped[str] = mapped_column(String(32))
    username_key: Mapped[str] = mapped_column(String(32), unique=True)  # lowercased: unique in any case
    display_name: Mapped[str | None] = mapped_column(String(80))
    email: Mapped[str | None] = mapped_column(String(254), unique=True)  # stored lowercased, confirmed
    pending_email: Mapped[str | None] = mapped_column(String(254))  # asked for, not yet confirmed
    password_hash: Mapped[str] = mapped_column(String(255))
    birth_year: Mapped[int | None]
    role: Mapped[str] = mapped_column(String(20), default=STUDENT, index=True)
    partner_id: Mapped[int | None] = mapped_column(ForeignKey("partner_organisations.id", ondelete="SET NULL"))
    locale: Mapped[str | None] = mapped_column(String(8))
    timezone: Mapped[str | None] = mapped_column(String(32))  # "Asia/Makassar"; None: the default (WIB)
    # A slug of workshops.provinces.PROVINCES, chosen by the student (optional): 38 provinces are
    # coarse enough to name no one, and the public impact figures count learners by it.
    province: Mapped[str | None] = mapped_column(String(40))
    # Part of every login cookie and emailed token; a new one ends every session and link at once.
    auth_secret: Mapped[str] = mapped_column(String(64), default=new_secret)
    must_change_password: Mapped[bool] = mapped_column(default=False)
    recovery_hash: Mapped[str | None] = mapped_column(String(255))  # see recovery.py
    recovery_created_at: Mapped[datetime | None]
    disabled_at: Mapped[datetime | None]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_login_at: Mapped[datetime | None]

    partner: Mapped[PartnerOrganisation | None] = relationship()
    consents: Mapped[list[GuardianConsent]] = relationship(
        back_populates="student", cascade="all, delete-orphan", order_by="GuardianConsent.id",
        foreign_keys="GuardianConsent.student_id",
    )

    # The server-side session this request runs in (set at login and by the user loader).
    current_session = None  # a UserSession

    def get_id(self) -> str:
        """What the session and remember-me cookies carry: id, the per-user secret, a session token.

        The token names a row in ``user_sessions`` (only its hash is stored); deleting the row
        ends that login, and a new ``auth_secret`` ends them all.
        """
        if self.current_session is None or self.current_session.token is None:
            raise RuntimeError("log in through accounts.services.open_session")
        return f"{self.id}:{self.auth_secret}:{self.current_session.token}"

    def rotate_secret(self) -> None:
        """End every session, remembered login and emailed link of this account."""
        self.auth_secret = new_secret()

    @property
    def is_active(self) -> bool:
        return self.disabled_at is None

    def age_in(self, year: int) -> int | None:
        return None if self.birth_year is None else year - self.birth_year

    @property
    def is_minor(self) -> bool:
        """True while the person may still be under 18 (we only know the birth year)."""
        age = self.age_in(utcnow().year)
        return age is not None and age <= ADULT_AGE

    @property
    def active_consent(self) -> GuardianConsent | None:
        return next((c for c in reversed(self.consents) if c.status == GuardianConsent.GIVEN), None)

    @property
    def may_keep_personal_data(self) -> bool:
        """Display name and email may be stored: an adult, or a minor with a guardian's consent."""
        return not self.is_minor or self.active_consent is not None

    @property
    def name(self) -> str:
        return self.display_name or self.username


class UserSession(db.Model):
    """One login on one device. Logout deletes it; it also ends when idle or too old."""

    __tablename__ = "user_sessions"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    token_hash: Mapped[str] = mapped_column(String(64), unique=True)
    remember: Mapped[bool] = mapped_column(default=False)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    last_seen_at: Mapped[datetime] = mapped_column(default=utcnow)

    token = None  # the plain token (str), known only in the request that has it

    user: Mapped[User] = relationship()


class GuardianConsent(db.Model):
    """A parent's or guardian's consent for a student under 18, requested or recorded."""

    __tablename__ = "guardian_consents"

    PENDING, GIVEN, WITHDRAWN, EXPIRED = "pending", "given", "withdrawn", "expired"
    BY_EMAIL, BY_PAPER = "email", "paper"

    id: Mapped[int] = mapped_column(primary_key=True)
    student_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    status: Mapped[str] = mapped_column(String(20), default=PENDING)
    method: Mapped[str] = mapped_column(String(20))
    text_version: Mapped[str] = mapped_column(String(20))
    guardian_name: Mapped[str | None] = mapped_column(String(120))
    guardian_email: Mapped[str | None] = mapped_column(String(254))
    paper_reference: Mapped[str | None] = mapped_column(String(80))
    recorded_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    token_expires_at: Mapped[datetime | None]
    withdraw_token_hash: Mapped[str | None] = mapped_column(String(64), unique=True)
    requested_at: Mapped[datetime] = mapped_column(default=utcnow)
    given_at: Mapped[datetime | None]
    withdrawn_at: Mapped[datetime | None]
    withdrawn_by: Mapped[str | None] = mapped_column(String(20))  # guardian | student | admin

    student: Mapped[User] = relationship(back_populates="consents", foreign_keys=[student_id])
    recorded_by: Mapped[User | None] = relationship(foreign_keys=[recorded_by_id])

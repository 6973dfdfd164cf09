"""Certificates, and what the certificates area keeps about modules (the workshop requirement).

A certificate is a record of what was true when it was issued: the name the student chose, the
module's title and version, the organisation that wrote it, the score and the day. It outlives
the account: deleting an account sets ``user_id`` to NULL and erases the name, so the code still
verifies, as "no longer held".
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..utils import utcnow

MODULE, CAPSTONE = "module", "capstone"
CAPSTONE_KEY = "capstone"


class Certificate(db.Model):
    __tablename__ = "certificates"
    # Issued once per person and thing earned, whatever the number of simultaneous passes.
    # Its ids appear in URLs, the QR and badge assertions: never reused.
    __table_args__ = (UniqueConstraint("user_id", "issue_key"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    public_id: Mapped[str] = mapped_column(String(32), unique=True)  # token_urlsafe(18): 144 random bits
    code: Mapped[str] = mapped_column(String(12), unique=True)  # typed by people, stored without dashes
    credential_uuid: Mapped[str] = mapped_column(String(36), unique=True)  # Open Badges 3.0 ids
    issue_key: Mapped[str] = mapped_column(String(40))  # "module:<id>" or "capstone"
    kind: Mapped[str] = mapped_column(String(10))
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    module_id: Mapped[int | None] = mapped_column(ForeignKey("modules.id", ondelete="SET NULL"))
    holder_name: Mapped[str | None] = mapped_column(String(80))  # erased with the account
    titles: Mapped[dict] = mapped_column(JSON)  # {language: title} at issue time
    module_version: Mapped[int | None]
    organisation: Mapped[str] = mapped_column(String(200))
    score: Mapped[float | None]
    language: Mapped[str] = mapped_column(String(8), default="id")  # of the PDF
    recipient_salt: Mapped[str] = mapped_column(String(32))  # Open Badges 2.0 hashed recipient
    issued_at: Mapped[datetime] = mapped_column(default=utcnow)
    revoked_at: Mapped[datetime | None]
    revoked_reason: Mapped[str | None] = mapped_column(String(20))
    revoked_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))

    @property
    def held(self) -> bool:
        return self.user_id is not None

    @property
    def revoked(self) -> bool:
        return self.revoked_at is not None

    @property
    def pretty_code(self) -> str:
        return "-".join(self.code[i:i + 4] for i in range(0, len(self.code), 4))

    def title(self, language: str) -> str:
        return self.titles.get(language) or self.titles.get("id") or next(iter(self.titles.values()), "")


class ModuleRequirement(db.Model):
    """What a module asks beyond passing its quiz, from its front matter (``workshop_required``)."""

    __tablename__ = "certificate_requirements"

    module_id: Mapped[int] = mapped_column(ForeignKey("modules.id", ondelete="CASCADE"), primary_key=True)
    workshop_required: Mapped[bool] = mapped_column(default=False)


class BadgeImage(db.Model):
    """An Open Badges 2.0 image, drawn once per badge class and kept."""

    __tablename__ = "certificate_badge_images"

    issue_key: Mapped[str] = mapped_column(String(40), primary_key=True)
    png: Mapped[bytes] = mapped_column(LargeBinary)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

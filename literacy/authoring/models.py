"""Modules written in the browser: who owns them, their versions (the files themselves), review, the log.

A browser-authored module belongs to one partner organisation and has a slug no other module
uses. Each version keeps its files (path -> bytes) exactly as they would sit in a module folder,
so publishing writes them through the same importer as ``flask content import``, and a published
version downloads as the same bytes. A version goes draft -> review -> published, or back to
draft with the reviewer's comments; a published version never changes again.
"""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, LargeBinary, String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from ..accounts.models import PartnerOrganisation, User
from ..extensions import db
from ..utils import utcnow

DRAFT, REVIEW, PUBLISHED = "draft", "review", "published"


class AuthoredModule(db.Model):
    __tablename__ = "authored_modules"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    organisation_id: Mapped[int] = mapped_column(ForeignKey("partner_organisations.id"), index=True)
    # The catalog row, from the first publication on; its lessons and questions keep their ids.
    module_id: Mapped[int | None] = mapped_column(ForeignKey("modules.id", ondelete="SET NULL"), unique=True)
    live_number: Mapped[int | None]  # the version students see (None: never published)
    created_at: Mapped[datetime] = mapped_column(default=utcnow)

    organisation: Mapped[PartnerOrganisation] = relationship()
    versions: Mapped[list[AuthoredVersion]] = relationship(
        back_populates="module", order_by="AuthoredVersion.number", cascade="all, delete-orphan")

    @property
    def latest(self) -> AuthoredVersion:
        return self.versions[-1]

    def version(self, number: int) -> AuthoredVersion | None:
        return next((v for v in self.versions if v.number == number), None)


class AuthoredVersion(db.Model):
    __tablename__ = "authored_versions"
    __table_args__ = (UniqueConstraint("authored_module_id", "number"), {"sqlite_autoincrement": True})

    id: Mapped[int] = mapped_column(primary_key=True)
    authored_module_id: Mapped[int] = mapped_column(ForeignKey("authored_modules.id", ondelete="CASCADE"))
    number: Mapped[int]
    state: Mapped[str] = mapped_column(String(20), default=DRAFT)
    based_on: Mapped[int | None]  # the version number it was copied from
    created_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    submitted_at: Mapped[datetime | None]
    reviewed_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    reviewed_at: Mapped[datetime | None]
    # [{"path": "01-a.md" or None, "line": 12 or None, "text": "..."}] from the last return to draft
    review_comments: Mapped[list] = mapped_column(JSON, default=list)
    published_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    published_at: Mapped[datetime | None]

    module: Mapped[AuthoredModule] = relationship(back_populates="versions")
    files: Mapped[list[AuthoredFile]] = relationship(
        back_populates="version", order_by="AuthoredFile.path", cascade="all, delete-orphan")
    created_by: Mapped[User | None] = relationship(foreign_keys=[created_by_id])
    reviewed_by: Mapped[User | None] = relationship(foreign_keys=[reviewed_by_id])
    published_by: Mapped[User | None] = relationship(foreign_keys=[published_by_id])

    @property
    def editable(self) -> bool:
        return self.state == DRAFT

    def file_map(self) -> dict[str, bytes]:
        return {f.path: f.data for f in self.files}


class AuthoredFile(db.Model):
    """One file of a version, as it sits in the module folder ("01-pengantar.md", "media/a.png")."""

    __tablename__ = "authored_files"
    __table_args__ = (UniqueConstraint("version_id", "path"),)

    id: Mapped[int] = mapped_column(primary_key=True)
    version_id: Mapped[int] = mapped_column(ForeignKey("authored_versions.id", ondelete="CASCADE"), index=True)
    path: Mapped[str] = mapped_column(String(200))
    data: Mapped[bytes] = mapped_column(LargeBinary)

    version: Mapped[AuthoredVersion] = relationship(back_populates="files")


class ContentReviewer(db.Model):
    """An account an admin has allowed to review and publish partners' modules."""

    __tablename__ = "content_reviewers"

    user_id: Mapped[int] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), primary_key=True)
    granted_by_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"))
    granted_at: Mapped[datetime] = mapped_column(default=utcnow)

    user: Mapped[User] = relationship(foreign_keys=[user_id])


class AuditEntry(db.Model):
    """Who did what to which module and version, and when. Written in the same transaction as the act."""

    __tablename__ = "authoring_audit"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    created_at: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="SET NULL"), index=True)
    action: Mapped[str] = mapped_column(String(30))
    authored_module_id: Mapped[int | None] = mapped_column(
        ForeignKey("authored_modules.id", ondelete="SET NULL"), index=True)
    version: Mapped[int | None]
    detail: Mapped[str] = mapped_column(String(300), default="")

    user: Mapped[User | None] = relationship()
    module: Mapped[AuthoredModule | None] = relationship()

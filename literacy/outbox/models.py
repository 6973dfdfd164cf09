"""Messages waiting to be sent, being sent, sent or given up on."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import JSON, ForeignKey, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from ..extensions import db
from ..utils import utcnow


class OutboxMessage(db.Model):
    """One email. ``key`` makes a message unique (a reminder is queued once, however often asked).

    Delivery claims a row with a conditional UPDATE (``claimed_at``, ``claim``), so two senders,
    on one machine or two, never take the same row. Once sent, the body and attachments are
    cleared (a reset link should not outlive its use); ``flask mail send`` deletes old rows.
    """

    __tablename__ = "outbox"
    __table_args__ = {"sqlite_autoincrement": True}

    id: Mapped[int] = mapped_column(primary_key=True)
    key: Mapped[str | None] = mapped_column(String(200), unique=True)
    # Whose message it is: deleting the account deletes its mail, sent or not.
    user_id: Mapped[int | None] = mapped_column(ForeignKey("users.id", ondelete="CASCADE"), index=True)
    recipient: Mapped[str] = mapped_column(String(254))
    subject: Mapped[str] = mapped_column(String(200))
    body: Mapped[str] = mapped_column(Text)
    attachments: Mapped[list | None] = mapped_column(JSON)  # [{"filename", "content_type", "text"}]
    created_at: Mapped[datetime] = mapped_column(default=utcnow)
    send_after: Mapped[datetime] = mapped_column(default=utcnow, index=True)
    claimed_at: Mapped[datetime | None]
    claim: Mapped[str | None] = mapped_column(String(32))
    attempts: Mapped[int] = mapped_column(default=0)
    last_error: Mapped[str | None] = mapped_column(String(300))
    sent_at: Mapped[datetime | None]
    failed_at: Mapped[datetime | None]

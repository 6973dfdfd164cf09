"""Queue mail now, deliver it later: after the response, or from cron with ``flask mail send``.

Queueing is a row insert inside the caller's work, so a request takes the same time whether or
not a message goes out (nothing to learn from timing) and a slow mail server never slows a page.
Delivery claims rows with a conditional UPDATE that re-checks the claim in its own WHERE, so two
senders at once (a web worker and cron, or two machines) never send the same row. A message whose
sender died mid-way is claimed again after ``CLAIM_TIMEOUT``: delivery is at least once, and
twice only if a process dies between the server's "250 OK" and the UPDATE that records it.
"""
from __future__ import annotations

import secrets
from datetime import datetime, timedelta

from flask import after_this_request, current_app, g, has_request_context
from sqlalchemy import delete, or_, select, update
from sqlalchemy.exc import IntegrityError

from .. import mail
from ..database import in_write_transaction, write_transaction
from ..extensions import db
from ..utils import utcnow
from .models import OutboxMessage

CLAIM_TIMEOUT = timedelta(minutes=10)
MAX_ATTEMPTS = 8
KEEP_SENT = timedelta(days=30)
BATCH = 50
AFTER_RESPONSE = 10


def queue(recipient: str, subject: str, body: str, *, user_id: int | None = None, key: str | None = None,
          attachments: list | None = None, send_after: datetime | None = None) -> bool:
    """Add a message to the outbox; False when a message with the same ``key`` is already there.

    ``user_id`` is the account the message is about (its deletion deletes the message). Call it
    inside or outside a write transaction. In a request, delivery starts once the
    response has been sent.
    """
    message = OutboxMessage(recipient=recipient, subject=subject[:200], body=body, key=key, user_id=user_id,
                            attachments=attachments, send_after=send_after or utcnow())
    session = db.session()
    try:
        if session.in_transaction() and in_write_transaction():
            with session.begin_nested():
                session.add(message)
        else:
            with write_transaction():
                session.add(message)
    except IntegrityError:
        return False
    _deliver_after_response(message.id)
    return True


def _deliver_after_response(message_id: int) -> None:
    """Once this request's response has gone out, send the messages it queued: at most
    ``AFTER_RESPONSE`` of them, and none after a failure (a mail server that is down would
    otherwise hold the worker); what is left waits for ``flask mail send``."""
    if not has_request_context():
        return
    ids = g.setdefault("outbox_ids", [])
    ids.append(message_id)
    if len(ids) > 1:
        return  # planned with the first one
    app = current_app._get_current_object()

    @after_this_request
    def plan(response):
        def deliver():
            with app.app_context():
                deliver_due(limit=AFTER_RESPONSE, ids=ids, stop_on_failure=True)
                db.session.remove()

        response.call_on_close(deliver)
        return response


def deliver_due(limit: int = BATCH, ids: list[int] | None = None, stop_on_failure: bool = False) -> tuple[int, int]:
    """Send what is due now (of ``ids`` only, when given); returns (sent, failed this round).
    Safe to run anywhere, any number of times."""
    claim = secrets.token_hex(16)
    now = utcnow()
    claimable = (OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None),
                 OutboxMessage.send_after <= now,
                 or_(OutboxMessage.claimed_at.is_(None), OutboxMessage.claimed_at < now - CLAIM_TIMEOUT))
    if ids is not None:
        claimable = (*claimable, OutboxMessage.id.in_(ids))
    due = select(OutboxMessage.id).where(*claimable).order_by(OutboxMessage.id).limit(limit)
    with write_transaction() as session:
        ids = list(session.scalars(due))
        if not ids:
            return 0, 0
        session.execute(update(OutboxMessage).where(OutboxMessage.id.in_(ids), *claimable)
                        .values(claimed_at=now, claim=claim, attempts=OutboxMessage.attempts + 1))
    messages = db.session.scalars(select(OutboxMessage).where(OutboxMessage.claim == claim)
                                  .order_by(OutboxMessage.id)).all()
    sent = failed = 0
    for message in messages:
        error = mail.deliver(message.recipient, message.subject, message.body, message.attachments or ())
        with write_transaction() as session:
            values = _after_attempt(message, error)
            session.execute(update(OutboxMessage).where(OutboxMessage.id == message.id,
                                                        OutboxMessage.claim == claim).values(**values))
        sent, failed = sent + (error is None), failed + (error is not None)
        if error is not None and stop_on_failure:
            _release(claim)
            break
    return sent, failed


def _release(claim: str) -> None:
    """Give back the rest of a claim untried, for the next sender (the try is not counted)."""
    with write_transaction() as session:
        session.execute(update(OutboxMessage).where(OutboxMessage.claim == claim, OutboxMessage.sent_at.is_(None),
                                                    OutboxMessage.failed_at.is_(None))
                        .values(claim=None, claimed_at=None, attempts=OutboxMessage.attempts - 1))


def _after_attempt(message: OutboxMessage, error: str | None) -> dict:
    now = utcnow()
    if error is None:
        return dict(sent_at=now, claim=None, body="", attachments=None, last_error=None)
    if message.attempts >= MAX_ATTEMPTS:
        return dict(failed_at=now, claim=None, last_error=error[:300])
    # Back off: 1, 2, 4 ... minutes, so a mail server that is down is not hammered.
    return dict(claimed_at=None, claim=None, last_error=error[:300],
                send_after=now + timedelta(minutes=2 ** (message.attempts - 1)))


def purge_old() -> int:
    """Delete rows sent or given up on more than ``KEEP_SENT`` ago; returns how many."""
    cutoff = utcnow() - KEEP_SENT
    with write_transaction() as session:
        return session.execute(delete(OutboxMessage).where(
            or_(OutboxMessage.sent_at < cutoff, OutboxMessage.failed_at < cutoff))).rowcount


def pending_count() -> int:
    from sqlalchemy import func

    return db.session.scalar(select(func.count()).select_from(OutboxMessage).where(
        OutboxMessage.sent_at.is_(None), OutboxMessage.failed_at.is_(None)))

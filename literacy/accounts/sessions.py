"""Logins as rows: who is logged in on which device, and whether that login still holds.

A login is a ``user_sessions`` row named by a random token whose hash alone is stored. The
session and remember-me cookies carry "id:auth_secret:token" (see ``User.get_id``), so a cookie
stops working when its row is deleted (logout, "Keluar semua", password change), when the
account's secret is rotated, when the account is deleted (ids are never reused), or when the
login was idle or lived too long.
"""
from __future__ import annotations

import hashlib
import hmac
import secrets
from datetime import timedelta

from flask import Flask, current_app
from flask_babel import lazy_gettext as _l
from sqlalchemy import and_, delete, or_, select, update

from ..database import in_write_transaction, write_transaction
from ..extensions import db, login_manager
from ..utils import utcnow
from .models import User, UserSession


def configure(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Masuk dulu untuk membuka halaman itu.")
    login_manager.login_message_category = "info"


def hash_token(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()


def open_session(user: User, remember: bool) -> UserSession:
    """A new login for ``user``; ``user.get_id()`` then names it."""
    record = UserSession(user_id=user.id, remember=remember)
    record.token = secrets.token_urlsafe(32)
    record.token_hash = hash_token(record.token)
    with write_transaction() as session:
        session.add(record)
    user.current_session = record
    return record


def close_session(record: UserSession | None) -> None:
    """End one login (logout)."""
    if record is None:
        return
    with write_transaction() as session:
        session.execute(delete(UserSession).where(UserSession.id == record.id))


def end_all(user: User) -> None:
    """End every login of ``user`` and every emailed link (call inside a write transaction)."""
    user.rotate_secret()
    db.session.execute(delete(UserSession).where(UserSession.user_id == user.id))


def _limits() -> tuple[timedelta, timedelta, timedelta]:
    config = current_app.config
    return (timedelta(minutes=config["SESSION_IDLE_MINUTES"]), timedelta(hours=config["SESSION_MAX_HOURS"]),
            timedelta(seconds=config["REMEMBER_COOKIE_DURATION"]))


def is_expired(record: UserSession, now=None) -> bool:
    """A plain login ends after SESSION_IDLE_MINUTES idle or SESSION_MAX_HOURS in all; a
    remembered one after REMEMBER_COOKIE_DURATION idle or in all."""
    now = now or utcnow()
    idle, max_age, remembered = _limits()
    if record.remember:
        return now - record.last_seen_at > remembered or now - record.created_at > remembered
    return now - record.last_seen_at > idle or now - record.created_at > max_age


def touch(record: UserSession) -> None:
    """Note that the login is in use, at most once a minute (one small UPDATE, outside the ORM)."""
    now = utcnow()
    if now - record.last_seen_at < timedelta(seconds=current_app.config["SESSION_TOUCH_SECONDS"]) \
            or in_write_transaction():
        return
    with db.engine.begin() as connection:
        connection.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now))


def purge_expired() -> int:
    """Delete logins that can no longer be used; returns how many (``flask users purge``)."""
    now = utcnow()
    idle, max_age, remembered = _limits()
    plain = and_(UserSession.remember.is_(False),
                 or_(UserSession.last_seen_at < now - idle, UserSession.created_at < now - max_age))
    kept = and_(UserSession.remember.is_(True),
                or_(UserSession.last_seen_at < now - remembered, UserSession.created_at < now - remembered))
    with write_transaction() as session:
        return session.execute(delete(UserSession).where(or_(plain, kept))).rowcount


@login_manager.user_loader
def load_user(value: str) -> User | None:
    """The user a cookie names, if its login row exists, is current and belongs to them (one query)."""
    try:
        user_id, secret, token = value.split(":")
        user_id = int(user_id)
    except ValueError:
        return None
    row = db.session.execute(
        select(UserSession, User).join(User, UserSession.user_id == User.id)
        .where(UserSession.token_hash == hash_token(token), UserSession.user_id == user_id)
    ).first()
    if row is None:
        return None
    record, user = row
    if not hmac.compare_digest(user.auth_secret, secret) or not user.is_active or is_expired(record):
        return None
    record.token = token
    user.current_session = record
    touch(record)
    return user

"""Flask-Login wiring: who is logged in, and whether their session is still current."""
from __future__ import annotations

from flask import Flask
from flask_babel import lazy_gettext as _l

from ..extensions import db, login_manager
from .models import User


def configure(app: Flask) -> None:
    login_manager.init_app(app)
    login_manager.login_view = "accounts.login"
    login_manager.login_message = _l("Masuk dulu untuk membuka halaman itu.")
    login_manager.login_message_category = "info"


@login_manager.user_loader
def load_user(value: str) -> User | None:
    """``value`` is "id:session_version"; an old version means the session was ended elsewhere."""
    try:
        user_id, version = (int(part) for part in value.split(":"))
    except ValueError:
        return None
    user = db.session.get(User, user_id)
    if user is None or user.session_version != version or not user.is_active:
        return None
    return user

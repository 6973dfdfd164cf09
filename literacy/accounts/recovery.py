"""Recovery codes: a way back into an account with no email and no class.

Every account gets a code at sign-up, shown once to write down or print. With the username and
the code a student makes a new password; the code is then used up and a new one is shown. Only
a slow hash is stored, like a password's.
"""
from __future__ import annotations

from flask_babel import gettext as _

from ..database import write_transaction
from ..utils import utcnow
from . import passwords, sessions
from .models import User

GROUPS, GROUP_LENGTH = 4, 4  # 16 characters: about 79 bits


class RecoveryError(Exception):
    def __init__(self, message: str, field: str):
        super().__init__(message)
        self.field = field


def _normalise(code: str) -> str:
    return "".join(char for char in (code or "").lower() if char.isalnum())


def new_code(user: User) -> str:
    """Give ``user`` a new code (the old one stops working) and return it, to be shown once."""
    code = passwords.typeable_code(GROUPS, GROUP_LENGTH)
    with write_transaction():
        user.recovery_hash = passwords.hash_password(_normalise(code))
        user.recovery_created_at = utcnow()
    return code


def recover(user: User | None, code: str, new_password: str) -> str:
    """Set a new password with the recovery code; ends every login and returns the next code."""
    code = _normalise(code)
    if user is None or not user.recovery_hash or not user.is_active:
        passwords.verify_nothing(code)
        raise RecoveryError(_("Nama pengguna atau kode pemulihan salah."), "code")
    if not passwords.verify(user.recovery_hash, code):
        raise RecoveryError(_("Nama pengguna atau kode pemulihan salah."), "code")
    problem = passwords.problem_with(new_password, username=user.username)
    if problem:
        raise RecoveryError(problem, "new_password")
    with write_transaction():
        user.password_hash = passwords.hash_password(new_password)
        user.must_change_password = False
        sessions.end_all(user)
    return new_code(user)

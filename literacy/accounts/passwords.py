"""Password policy (OWASP ASVS level 2) and hashing.

At least 8 and at most 128 characters, no composition rules, refused when common. Hashed with
scrypt; a hash made with older parameters is upgraded at the next successful login.
"""
from __future__ import annotations

import re
import secrets
from functools import lru_cache
from pathlib import Path

from flask_babel import lazy_gettext as _l
from flask import current_app
from werkzeug.security import check_password_hash, generate_password_hash

MIN_LENGTH = 8
MAX_LENGTH = 128
COMMON_FILE = Path(__file__).with_name("common-passwords.txt")


@lru_cache(maxsize=1)
def common_passwords() -> frozenset[str]:
    lines = COMMON_FILE.read_text().splitlines()
    return frozenset(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def problem_with(password: str, *, username: str = "") -> str | None:
    """Why a new password is refused, in words a student understands; None when it is fine."""
    if len(password) < MIN_LENGTH:
        return str(_l("Kata sandi minimal %(min)s karakter. Coba gabungan beberapa kata yang mudah kamu ingat.", min=MIN_LENGTH))
    if len(password) > MAX_LENGTH:
        return str(_l("Kata sandi paling banyak %(max)s karakter.", max=MAX_LENGTH))
    lowered = password.lower()
    # "bismillah2024" and "sayangku123!" are as guessable as the word they start with, and
    # "123456789!" as the digits (stripping the digits too would leave nothing to compare).
    candidates = {lowered, re.sub(r"[\W_]+$", "", lowered), re.sub(r"[\d\W_]+$", "", lowered)}
    if candidates & common_passwords():
        return str(_l("Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya gabungan tiga kata acak."))
    if username and lowered == username.lower():
        return str(_l("Kata sandi tidak boleh sama dengan nama pengguna."))
    return None


def _method() -> str:
    return current_app.config["PASSWORD_HASH_METHOD"]


# Codes people copy by hand (one-time passwords, recovery codes): no 0/o, 1/l/i look-alikes.
CODE_ALPHABET = "abcdefghjkmnpqrstuvwxyz23456789"


def typeable_code(groups: int, size: int) -> str:
    """A random code in dash-separated groups, e.g. "abcd-efgh-jkmn" (about 5 bits a character)."""
    return "-".join("".join(secrets.choice(CODE_ALPHABET) for _ in range(size)) for _ in range(groups))


def hash_password(password: str) -> str:
    return generate_password_hash(password, method=_method())


def verify(password_hash: str, password: str) -> bool:
    return bool(password_hash) and check_password_hash(password_hash, password)


_dummy_hashes: dict[str, str] = {}


def verify_nothing(password: str) -> None:
    """Spend the time a real check takes, so a login for an unknown account is not faster."""
    method = _method()
    if method not in _dummy_hashes:
        _dummy_hashes[method] = generate_password_hash("not-a-password", method=method)
    check_password_hash(_dummy_hashes[method], password)


def needs_rehash(password_hash: str) -> bool:
    return not password_hash.startswith(_method() + "$")

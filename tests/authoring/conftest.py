"""Fixtures for partner authoring: partners of two organisations, a reviewer, zips of the example module."""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).resolve().parents[2] / "docs" / "contoh-modul" / "kenali-hoaks"


def example_files(slug_folder: str | None = None) -> dict[str, bytes]:
    return {p.relative_to(EXAMPLE).as_posix(): p.read_bytes() for p in sorted(EXAMPLE.rglob("*")) if p.is_file()}


def make_zip(files: dict[str, bytes], folder: str | None = "cek-fakta") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for path, data in files.items():
            archive.writestr(f"{folder}/{path}" if folder else path, data)
    return buffer.getvalue()


@pytest.fixture
def people(app, make_user):
    """Partners of two organisations, an admin, a reviewer (a facilitator) and a student."""
    from literacy.accounts.models import User
    from literacy.authoring import services
    from literacy.extensions import db

    ids = {
        "mitra": make_user("mitra", role="partner", partner_name="Mitra Uji"),
        "mitra_lain": make_user("mitra_lain", role="partner", partner_name="Organisasi Lain"),
        "admin": make_user("admin", role="admin"),
        "peninjau": make_user("peninjau", role="facilitator"),
        "siswa": make_user("siswa"),
    }
    with app.app_context():
        services.grant_reviewer(db.session.get(User, ids["admin"]), "peninjau")
        db.session.remove()
    return ids


@pytest.fixture
def user(app):
    """Load a user by username (inside an app context)."""
    from sqlalchemy import select

    from literacy.accounts.models import User
    from literacy.extensions import db

    def get(username):
        return db.session.scalar(select(User).where(User.username_key == username))

    return get

"""The certificate PDF: its text, its QR code read back by a real decoder, size, speed and determinism."""
from __future__ import annotations

import io
import subprocess
import time

import pytest
from pypdf import PdfReader
from sqlalchemy import select

from literacy.certificates import pdf
from literacy.certificates.models import Certificate
from literacy.extensions import db


@pytest.fixture
def certificate(app, course, make_user, pass_quiz):
    student = make_user("wayan", display_name="I Wayan Ṣūrya Nugraha", birth_year=2001)
    pass_quiz(student, "hoaks-cakap")
    with app.app_context():
        return db.session.scalar(select(Certificate).where(Certificate.user_id == student)).id


class Facts:
    def __init__(self, certificate):
        self.pretty_code, self.public_id = certificate.pretty_code, certificate.public_id


def _render(app, certificate_id, **changes) -> tuple[bytes, Facts]:
    """The PDF of a certificate, with ``changes`` made for this rendering only (never stored)."""
    with app.app_context():
        certificate = db.session.get(Certificate, certificate_id)
        for name, value in changes.items():
            setattr(certificate, name, value)
        body, facts = pdf.render(certificate), Facts(certificate)
        db.session.rollback()
        return body, facts


def test_the_pdf_holds_the_name_module_date_and_code(app, certificate):
    from datetime import datetime

    body, cert = _render(app, certificate, issued_at=datetime(2026, 12, 12, 3, 0))
    text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert "I Wayan Ṣūrya Nugraha" in text  # a Unicode font is embedded
    assert "Kenali Hoaks Cakap" in text and "versi 1" in text and "Tim Literasi" in text
    assert "12 Desember 2026" in text
    assert f"Kode verifikasi: {cert.pretty_code}" in text
    assert "SERTIFIKAT" in text and "https://literasi.test/sertifikat/verifikasi" in text
    fonts = PdfReader(io.BytesIO(body)).pages[0]["/Resources"]["/Font"]
    assert all("/FontFile2" in f.get_object()["/FontDescriptor"] for f in
               (font.get_object()["/DescendantFonts"][0].get_object() if "/DescendantFonts" in font.get_object()
                else font.get_object() for font in fonts.values()))


def test_an_english_speakers_pdf_is_in_english(app, certificate):
    from datetime import datetime

    body, _ = _render(app, certificate, language="en", issued_at=datetime(2026, 12, 12, 3, 0))
    text = PdfReader(io.BytesIO(body)).pages[0].extract_text()
    assert "CERTIFICATE" in text and "Spotting Hoaxes" in text and "December 12, 2026" in text
    assert "Verification code:" in text


def test_the_qr_code_opens_the_verification_page(app, certificate, tmp_path):
    body, cert = _render(app, certificate)
    (tmp_path / "c.pdf").write_bytes(body)
    subprocess.run(["pdftoppm", "-r", "150", "-png", str(tmp_path / "c.pdf"), str(tmp_path / "page")], check=True)
    [image] = list(tmp_path.glob("page*.png"))
    decoded = subprocess.run(["zbarimg", "--quiet", "--raw", str(image)], capture_output=True, text=True, check=True)
    assert decoded.stdout.strip() == f"https://literasi.test/sertifikat/{cert.public_id}"


def test_the_pdf_is_small_quick_and_the_same_every_time(app, certificate):
    first, _ = _render(app, certificate)
    started = time.perf_counter()
    second, _ = _render(app, certificate)
    elapsed = time.perf_counter() - started
    assert first == second
    assert len(first) <= 100 * 1024, len(first)
    assert elapsed < 0.5, elapsed  # the bar is 100 ms (bench/certificate_pdf.py); shared CI machines are slow

"""The certificate as an A4 landscape PDF: reportlab, DejaVu Sans embedded, a vector QR code.

The same certificate always gives the same bytes (``invariant=1`` fixes the creation date and
document id), so a PDF can be compared, cached or re-sent without surprises.
"""
from __future__ import annotations

import io
from datetime import timezone
from pathlib import Path

import segno
from babel.dates import format_date, get_timezone
from flask import current_app
from flask_babel import force_locale
from flask_babel import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from ..utils import public_url
from .models import CAPSTONE, Certificate

FONTS = Path(__file__).resolve().parent / "fonts"
REGULAR, BOLD = "Literasi-DejaVuSans", "Literasi-DejaVuSans-Bold"
INK, ACCENT, MUTED = HexColor("#1f2933"), HexColor("#0b6e4f"), HexColor("#52606d")


def _register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONTS / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONTS / "DejaVuSans-Bold.ttf")))


def verification_url(certificate: Certificate) -> str:
    return public_url("certificates.show", public_id=certificate.public_id)


def issue_day(certificate: Certificate, language: str) -> str:
    """"12 Desember 2026" / "December 12, 2026", in the app's time zone."""
    zone = get_timezone(current_app.config["DEFAULT_TIMEZONE"])
    local = certificate.issued_at.replace(tzinfo=timezone.utc).astimezone(zone)
    return format_date(local.date(), "long", locale=language)


def _fit(text: str, font: str, size: float, width: float, smallest: float = 12) -> float:
    while size > smallest and pdfmetrics.stringWidth(text, font, size) > width:
        size -= 1
    return size


def _centred(pdf, text: str, y: float, font: str, size: float, colour=INK, width: float | None = None) -> None:
    page_width = pdf._pagesize[0]
    if width is not None:
        size = _fit(text, font, size, width)
    pdf.setFont(font, size)
    pdf.setFillColor(colour)
    pdf.drawCentredString(page_width / 2, y, text)


def _draw_qr(pdf, data: str, x: float, y: float, size: float) -> None:
    """The QR as filled rectangles (one per run of dark modules in a row), quiet zone included."""
    qr = segno.make_qr(data, error="m")
    matrix = qr.matrix
    border = 4
    count = len(matrix) + 2 * border
    module = size / count
    pdf.setFillColor(HexColor("#ffffff"))
    pdf.rect(x, y, size, size, stroke=0, fill=1)
    pdf.setFillColor(HexColor("#000000"))
    path = pdf.beginPath()
    for row_index, row in enumerate(matrix):
        top = y + size - (row_index + border + 1) * module
        column = 0
        while column < len(row):
            if row[column]:
                start = column
                while column < len(row) and row[column]:
                    column += 1
                path.rect(x + (start + border) * module, top, (column - start) * module, module)
            else:
                column += 1
    pdf.drawPath(path, stroke=0, fill=1)


def render(certificate: Certificate) -> bytes:
    """The PDF in the certificate's language (Indonesian or English)."""
    _register_fonts()
    language = certificate.language if certificate.language in current_app.config["LANGUAGES"] else "id"
    url = verification_url(certificate)
    buffer = io.BytesIO()
    with force_locale(language):
        pdf = canvas.Canvas(buffer, pagesize=landscape(A4), invariant=1, pageCompression=1,
                            initialFontName=REGULAR, initialFontSize=12)  # no Helvetica: every font embedded
        pdf.setTitle(_("Sertifikat %(code)s", code=certificate.pretty_code))
        pdf.setAuthor("Literasi")
        pdf.setCreator("Literasi")
        width, height = landscape(A4)
        pdf.setStrokeColor(ACCENT)
        pdf.setLineWidth(6)
        pdf.rect(24, 24, width - 48, height - 48, stroke=1, fill=0)
        pdf.setLineWidth(1)
        pdf.rect(36, 36, width - 72, height - 72, stroke=1, fill=0)

        _centred(pdf, "LITERASI", height - 92, BOLD, 16, ACCENT)
        _centred(pdf, _("SERTIFIKAT"), height - 140, BOLD, 34)
        _centred(pdf, _("diberikan kepada"), height - 182, REGULAR, 14, MUTED)
        name = certificate.holder_name or _("(pemegang tidak lagi tercatat)")
        _centred(pdf, name, height - 226, BOLD, 30, width=width - 160)
        title = certificate.title(language)
        if certificate.kind == CAPSTONE:
            _centred(pdf, _("karena telah lulus modul dari keempat pilar literasi digital"), height - 266, REGULAR,
                     14, MUTED)
            _centred(pdf, title, height - 302, BOLD, 22, width=width - 160)
            detail = certificate.organisation
        else:
            _centred(pdf, _("karena telah lulus modul"), height - 266, REGULAR, 14, MUTED)
            _centred(pdf, title, height - 302, BOLD, 22, width=width - 160)
            parts = [_("versi %(version)s", version=certificate.module_version)]
            if certificate.score is not None:
                parts.append(_("nilai %(score)s", score=round(certificate.score)))
            parts.append(_("disusun oleh %(organisation)s", organisation=certificate.organisation))
            detail = " · ".join(parts)
        _centred(pdf, detail, height - 330, REGULAR, 12, MUTED, width=width - 200)
        _centred(pdf, issue_day(certificate, language), height - 366, REGULAR, 14)

        qr_size = 110
        _draw_qr(pdf, url, width - 60 - qr_size, 56, qr_size)
        pdf.setFillColor(INK)
        pdf.setFont(REGULAR, 11)
        pdf.drawString(64, 104, _("Kode verifikasi: %(code)s", code=certificate.pretty_code))
        pdf.setFillColor(MUTED)
        pdf.setFont(REGULAR, 9)
        pdf.drawString(64, 86, _("Periksa keaslian sertifikat ini dengan memindai kode QR atau di"))
        pdf.drawString(64, 72, public_url("certificates.verify"))
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()

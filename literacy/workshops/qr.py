"""The check-in QR code as inline SVG, drawn on the server (no JavaScript, sharp when printed)."""
from __future__ import annotations

import io

import segno
from markupsafe import Markup


def qr_svg(data: str) -> Markup:
    """A regular QR code (never a Micro QR, which phone cameras cannot read) as an <svg> element."""
    buffer = io.BytesIO()
    segno.make_qr(data, error="m").save(buffer, kind="svg", xmldecl=False, svgns=True, nl=False, scale=4,
                                        border=2, svgclass="qr", lineclass=None, omitsize=True,
                                        title=None, svgid=None)
    return Markup(buffer.getvalue().decode())

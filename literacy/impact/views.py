"""The public impact page ``/dampak`` and its CSV, read from the daily rollup (two queries), and the
same for a partner organisation's own modules at ``/dampak/mitra``."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, abort, current_app, render_template
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _
from flask_login import current_user

from ..permissions import require
from . import services
from .suppression import HIDDEN, SMALL, THRESHOLD

bp = Blueprint("impact", __name__, template_folder="templates")

CHART_MONTHS = 12


def shown(cell, csv_cell: bool = False) -> str:
    """A figure as published: the number, "< 10" for a small group, "×" for one hidden to protect another."""
    if cell.state == SMALL:
        return f"< {THRESHOLD}"
    if cell.state == HIDDEN:
        return "×"
    return str(cell.raw) if csv_cell else format_decimal(cell.raw)


def month_label(row, width: str = "MMMM y") -> str:
    return format_date(row.month, width)


def province_label(row) -> str:
    return row.province_name or _("Tidak disebutkan")


@bp.get("/dampak")
def page():
    """Impact in numbers: learners, lessons, passes, certificates and workshops, by province and month."""
    return _page(services.figures())


def _partner_module_ids() -> list[int]:
    """The signed-in partner's organisation's published modules (from the authoring area's hook)."""
    require("impact.partner")
    modules_of = current_app.extensions.get("literacy_partner_modules")
    return modules_of(current_user.partner_id) if modules_of else []


@bp.get("/dampak/mitra")
def partner_page():
    """The same figures, suppressed the same way, for the partner organisation's own modules only."""
    module_ids = _partner_module_ids()
    return _page(services.figures(module_ids) if module_ids else None, partner=True)


def _page(figures, partner: bool = False):
    return render_template("impact/page.html", figures=figures, shown=shown, month_label=month_label,
                           province_label=province_label,
                           chart_months=figures.months[-CHART_MONTHS:] if figures else [],
                           threshold=THRESHOLD, partner=partner)


@bp.get("/dampak.csv")
def download():
    """The same figures as CSV that Excel opens correctly (UTF-8 with BOM, CRLF), suppressed the same way."""
    return _csv(services.figures(), "dampak-literasi.csv")


@bp.get("/dampak/mitra.csv")
def partner_download():
    module_ids = _partner_module_ids()
    if not module_ids:
        abort(404)
    return _csv(services.figures(module_ids), "dampak-modul-mitra.csv")


def _csv(figures, filename: str):
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("Bagian"), _("Kode"), _("Nama"), *(str(label) for _metric, label, _people in figures.metrics)])
    if figures.computed_at is not None:
        writer.writerow([_("Indonesia"), "", _("Semua"), *(shown(figures.total[m], True) for m, _l, _p in figures.metrics)])
    for row in figures.provinces:
        writer.writerow([_("Provinsi"), row.key if row.province_name else "", province_label(row),
                         *(shown(row.cells[m], True) for m, _l, _p in figures.metrics)])
    for row in figures.months:
        writer.writerow([_("Bulan"), row.key, month_label(row),
                         *(shown(row.cells[m], True) for m, _l, _p in figures.metrics)])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})

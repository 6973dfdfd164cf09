"""The public impact page ``/dampak`` and its CSV, read from the daily rollup (two queries)."""
from __future__ import annotations

import csv
import io

from flask import Blueprint, Response, render_template
from flask_babel import format_date, format_decimal
from flask_babel import gettext as _

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
    figures = services.figures()
    return render_template("impact/page.html", figures=figures, shown=shown, month_label=month_label,
                           province_label=province_label, chart_months=figures.months[-CHART_MONTHS:],
                           threshold=THRESHOLD)


@bp.get("/dampak.csv")
def download():
    """The same figures as CSV that Excel opens correctly (UTF-8 with BOM, CRLF), suppressed the same way."""
    figures = services.figures()
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
                    headers={"Content-Disposition": 'attachment; filename="dampak-literasi.csv"'})

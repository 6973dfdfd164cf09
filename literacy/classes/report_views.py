"""The class report: a matrix of students × assigned modules, a page per student and per module, CSV."""
from __future__ import annotations

import csv
import io

from flask import Response, abort, render_template, request
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l

from ..accounts.models import User
from ..catalog import services as catalog
from ..extensions import db
from ..i18n import format_percent, local_today
from ..security import no_store
from . import reports, services
from .views import _class_or_404, bp

# Marked for translation here, translated once per request: a report of 300 × 14 cells would
# otherwise look up the same five messages 4,200 times.
STATE_LABELS = {
    reports.NOT_STARTED: _l("belum mulai"),
    reports.IN_PROGRESS: _l("%(done)s/%(total)s pelajaran"),
    reports.COMPLETED: _l("selesai"),
    reports.PASSED: _l("lulus, %(score)s"),
}
OVERDUE = _l("%(state)s, terlambat")


def cell_labeller():
    """A function giving a cell's words ("1/2 pelajaran, terlambat") in the visitor's language."""
    texts = {state: str(text) for state, text in STATE_LABELS.items()}  # no variables: the raw message
    overdue, decimal_comma = str(OVERDUE), str(get_locale()) == "id"

    def label(cell) -> str:
        text = texts[cell.state] % {"done": cell.lessons_done, "total": cell.lesson_count,
                                    "score": format_percent(cell.best_score, decimal_comma)}
        return overdue % {"state": text} if cell.overdue else text

    return label


@bp.get("/<int:class_id>/laporan")
@no_store
def report(class_id):
    """Who has done what, sortable by link (no JavaScript), with class averages and a chart."""
    classroom = _class_or_404(class_id)
    data = reports.build(classroom, local_today())
    by, descending = request.args.get("urut", "nama"), request.args.get("arah") == "turun"
    attended = reports.attendance([s.id for s in data.students])
    language = str(get_locale())
    chart = [(s.assignment.module.text(language).title, s.done_percent, format_percent(s.done_percent)) for s in data.summaries]
    label = cell_labeller()
    rows = [(student, [(cell.state, cell.overdue, label(cell)) for cell in (data.cell(student, a) for a in data.assignments)],
             data.done_count(student)) for student in data.sorted_students(by, descending)]
    return render_template("classes/report.html", classroom=classroom, report=data, by=by, descending=descending,
                           rows=rows, attended=attended, chart=chart)


@bp.get("/<int:class_id>/laporan.csv")
@no_store
def report_csv(class_id):
    """The matrix for Excel: UTF-8 with a byte-order mark, one row per student."""
    classroom = _class_or_404(class_id)
    data = reports.build(classroom, local_today())
    language, cell_label = str(get_locale()), cell_labeller()
    out = io.StringIO()
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([_("Nama pengguna"), _("Nama")] + [a.module.text(language).title for a in data.assignments]
                    + [_("Modul selesai")])
    for student in data.students:
        writer.writerow([student.username, student.display_name or ""]
                        + [cell_label(data.cell(student, a)) for a in data.assignments]
                        + [data.done_count(student)])
    writer.writerow([_("Rata-rata kelas"), ""] + [
        _("%(done)s selesai, nilai rata-rata %(score)s", done=format_percent(s.done_percent), score=format_percent(s.average_score))
        for s in data.summaries] + [""])
    filename = f"laporan-kelas-{classroom.code}.csv"
    return Response(out.getvalue(), mimetype="text/csv; charset=utf-8",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:class_id>/laporan/siswa/<int:student_id>")
@no_store
def student_report(class_id, student_id):
    """One student's assigned modules: lessons, pre-test, best score, gain, attempts; their workshops."""
    classroom = _class_or_404(class_id)
    student = db.session.get(User, student_id)
    if student is None or not services.is_member(classroom, student):
        abort(404)
    data = reports.build(classroom, local_today(), student=student)
    return render_template("classes/student_report.html", classroom=classroom, student=student, report=data,
                           cell_label=cell_labeller(), attended=reports.attendance([student.id]).get(student.id, []))


@bp.get("/<int:class_id>/laporan/modul/<slug>")
@no_store
def module_report(class_id, slug):
    """One assigned module: how the class did, the questions most often missed, the average gain."""
    classroom = _class_or_404(class_id)
    module = catalog.get_module(slug)
    assignment = next((a for a in classroom.assignments if module is not None and a.module_id == module.id), None)
    if assignment is None:
        abort(404)
    data = reports.build(classroom, local_today(), assignment=assignment)
    missed = reports.missed_questions([s.id for s in data.students], module)
    return render_template("classes/module_report.html", classroom=classroom, module=module,
                           summary=data.summaries[0], missed=missed, language=str(get_locale()))

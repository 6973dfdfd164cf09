"""Facilitators' classes (create, edit, archive, co-facilitators, join code, assigned modules, roster,
paper consent, password reset, removal) and leaving a class. Bulk accounts and reports have
modules of their own (``account_views.py``, ``report_views.py``)."""
from __future__ import annotations

from urllib.parse import quote

import segno
from flask import Blueprint, abort, flash, redirect, render_template, request, session, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts import consent as consent_text
from ..accounts import services as accounts
from ..accounts.forms import EmptyForm, PaperConsentForm
from ..accounts.models import User
from ..catalog import services as catalog
from ..extensions import db
from ..permissions import require
from ..security import seal, unseal
from ..utils import public_url
from . import services
from .models import KIND_LABELS
from .forms import AssignmentForm, ClassForm, CoFacilitatorForm

bp = Blueprint("classes", __name__, url_prefix="/kelas", template_folder="templates")


@bp.record_once
def register_personal_data(state):
    state.app.extensions.setdefault("literacy_exporters", {})["classes"] = services.export


def _class_or_404(class_id: int, action: str = "classes.view"):
    classroom = services.get_class(class_id)
    if classroom is None:
        abort(404)
    require(action, classroom, hide=True)
    return classroom


def _member_or_404(classroom, student_id: int, action: str) -> User:
    student = db.session.get(User, student_id)
    if student is None or not services.is_member(classroom, student):
        abort(404)
    require(action, student)
    return student


def _membership_or_404(class_id: int, student_id: int, action: str):
    membership = services.get_membership(class_id, student_id)
    if membership is None:
        abort(404)
    require(action, membership, hide=True)
    return membership


@bp.route("", methods=["GET", "POST"])
def index():
    """The facilitator's classes, and a form to start a new one."""
    require("classes.create")
    form = ClassForm()
    if form.validate_on_submit():
        classroom = services.create_class(current_user._get_current_object(), form.name.data, form.kind.data,
                                          form.ends_on.data)
        flash(_("Kelas dibuat. Bagikan kode %(code)s kepada siswamu.", code=classroom.code), "success")
        return redirect(url_for("classes.detail", class_id=classroom.id), code=303)
    return render_template("classes/index.html", classes=services.classes_of(current_user), form=form)


@bp.get("/<int:class_id>")
def detail(class_id):
    """A class's code (large, with a join link, a QR code and a WhatsApp share) and its roster."""
    classroom = _class_or_404(class_id)
    return _detail(classroom, PaperConsentForm())


@bp.route("/<int:class_id>/ubah", methods=["GET", "POST"])
def edit(class_id):
    """Name, kind and end date; who teaches it (the owner picks co-facilitators); archiving."""
    classroom = _class_or_404(class_id, "classes.manage")
    form = ClassForm(obj=classroom)
    if form.validate_on_submit():
        try:
            services.update_class(classroom, form.name.data, form.kind.data, form.ends_on.data)
        except services.ClassError as error:
            flash(str(error), "error")
        else:
            flash(_("Perubahan disimpan."), "success")
            return redirect(url_for("classes.detail", class_id=classroom.id), code=303)
    return _edit_page(classroom, form, CoFacilitatorForm(formdata=None))


def _edit_page(classroom, form, co_form, status=200):
    return render_template("classes/edit.html", classroom=classroom, form=form, co_form=co_form,
                           confirm=EmptyForm()), status


@bp.post("/<int:class_id>/fasilitator")
def add_co_facilitator(class_id):
    classroom = _class_or_404(class_id, "classes.own")
    co_form = CoFacilitatorForm()
    if co_form.validate():
        try:
            user = services.add_co_facilitator(classroom, co_form.username.data)
        except services.ClassError as error:
            co_form.username.errors.append(str(error))
        else:
            flash(_("%(name)s sekarang ikut mengajar %(kelas)s.", name=user.username, kelas=classroom.label), "success")
            return redirect(url_for("classes.edit", class_id=classroom.id), code=303)
    return _edit_page(classroom, ClassForm(formdata=None, obj=classroom), co_form, status=400)


@bp.post("/<int:class_id>/fasilitator/<int:user_id>/hapus")
def remove_co_facilitator(class_id, user_id):
    classroom = _class_or_404(class_id, "classes.own")
    if EmptyForm().validate_on_submit() and services.remove_co_facilitator(classroom, user_id):
        flash(_("Fasilitator pendamping dihapus dari kelas ini."), "success")
    return redirect(url_for("classes.edit", class_id=classroom.id), code=303)


@bp.post("/<int:class_id>/arsip")
def archive(class_id):
    """Archive (or bring back) a class: nobody joins it or changes it, its reports stay readable."""
    classroom = _class_or_404(class_id, "classes.own")
    archived = request.form.get("archived") == "1"
    if EmptyForm().validate_on_submit() and services.set_archived(classroom, archived):
        flash(_("%(kelas)s diarsipkan.", kelas=classroom.label) if archived
              else _("%(kelas)s aktif lagi.", kelas=classroom.label), "success")
    return redirect(url_for("classes.detail", class_id=classroom.id), code=303)


@bp.post("/<int:class_id>/kode-baru")
def new_code(class_id):
    """A new join code: the old code, link and QR code stop working (for a code that leaked)."""
    classroom = _class_or_404(class_id, "classes.manage")
    if EmptyForm().validate_on_submit():
        try:
            code = services.regenerate_code(classroom)
        except services.ClassError as error:
            flash(str(error), "error")
        else:
            flash(_("Kode kelas baru: %(code)s. Kode lama tidak berlaku lagi.", code=code), "success")
    return redirect(url_for("classes.detail", class_id=classroom.id), code=303)


@bp.route("/<int:class_id>/modul", methods=["GET", "POST"])
def assignments(class_id):
    """Modules assigned to the class, with due dates: students see them first on their dashboard."""
    classroom = _class_or_404(class_id)
    form = AssignmentForm()
    modules = catalog.all_modules()
    form.module.choices = [("", _("Pilih modul"))] + [(m.slug, m.text(str(get_locale())).title) for m in modules]
    if form.validate_on_submit():
        require("classes.manage", classroom, hide=True)
        module = next((m for m in modules if m.slug == form.module.data), None)
        try:
            services.assign(classroom, module, form.due_on.data)
        except services.ClassError as error:
            flash(str(error), "error")
        else:
            flash(_("Modul %(title)s ditugaskan.", title=module.text(str(get_locale())).title), "success")
            return redirect(url_for("classes.assignments", class_id=classroom.id), code=303)
    return render_template("classes/assignments.html", classroom=classroom, form=form, confirm=EmptyForm()), \
        400 if form.errors else 200


@bp.post("/<int:class_id>/modul/<int:assignment_id>/hapus")
def unassign(class_id, assignment_id):
    classroom = _class_or_404(class_id, "classes.manage")
    if EmptyForm().validate_on_submit():
        try:
            removed = services.unassign(classroom, assignment_id)
        except services.ClassError as error:
            flash(str(error), "error")
        else:
            if removed:
                flash(_("Tugas modul dihapus. Kemajuan siswa tetap tersimpan."), "success")
    return redirect(url_for("classes.assignments", class_id=classroom.id), code=303)


def _detail(classroom, consent_form, failed_id=None, status=200):
    join_url = public_url("classes.join_by_link", code=classroom.code)
    share = _("Gabung %(kelas)s di Literasi: %(link)s (kode kelas %(code)s)", kelas=classroom.label,
              link=join_url, code=classroom.code)
    students = services.roster(classroom)
    waiting = sum(1 for s in students if s.is_minor and s.active_consent is None)
    return render_template("classes/detail.html", classroom=classroom, students=students, kinds=KIND_LABELS,
                           waiting_consent=waiting,
                           consent_form=consent_form, failed_id=failed_id, join_url=join_url, reference=paper_reference,
                           join_qr=segno.make_qr(join_url, error="m").svg_inline(scale=4, title=_("Kode QR untuk bergabung")),
                           whatsapp_url="https://wa.me/?text=" + quote(share)), status


@bp.route("/gabung/<code>", methods=["GET", "POST"])
def join_by_link(code):
    """The class's join link (and QR code): log in or sign up first, then one tap to join."""
    classroom = services.find_by_code(code)
    if classroom is None:
        abort(404)
    if not current_user.is_authenticated:
        return render_template("classes/join.html", classroom=classroom, form=None)
    form = EmptyForm()
    member = services.get_membership(classroom.id, current_user.id) is not None
    refusal = None if member else services.join_refusal(current_user._get_current_object(), classroom)
    if form.validate_on_submit() and not refusal:
        if not member:  # a second tap changes nothing
            services.join(current_user._get_current_object(), classroom.code)
        flash(_("Kamu bergabung dengan %(kelas)s.", kelas=classroom.label), "success")
        return redirect(url_for("learning.dashboard"), code=303)
    status = 403 if refusal and request.method == "POST" else 200
    return render_template("classes/join.html", classroom=classroom, form=form, member=member,
                           refusal=refusal), status


def paper_reference(classroom, student) -> str:
    """The number printed on a student's paper consent form, typed back when it is recorded."""
    return f"LIT-{classroom.code}-{student.id}"


@bp.get("/<int:class_id>/siswa/<int:student_id>/formulir-persetujuan")
def consent_form(class_id, student_id):
    """A printable consent form for a guardian without email, with its reference number."""
    classroom = _class_or_404(class_id, "classes.manage")
    student = _member_or_404(classroom, student_id, "student.record_consent")
    return render_template("classes/consent_form.html", classroom=classroom, student=student,
                           reference=paper_reference(classroom, student), consent_text=consent_text)


@bp.post("/<int:class_id>/siswa/<int:student_id>/persetujuan")
def record_consent(class_id, student_id):
    """Record a guardian's consent collected on a paper form."""
    classroom = _class_or_404(class_id, "classes.manage")
    student = _member_or_404(classroom, student_id, "student.record_consent")
    form = PaperConsentForm()
    if not form.validate():
        return _detail(classroom, form, failed_id=student.id, status=400)
    try:
        accounts.record_paper_consent(current_user._get_current_object(), student, form.guardian_name.data,
                                      form.reference.data)
    except accounts.AccountError as error:
        flash(str(error), "error")
    else:
        flash(_("Persetujuan untuk %(username)s tercatat.", username=student.username), "success")
    return redirect(url_for("classes.detail", class_id=classroom.id), code=303)


ONE_TIME_KEY = "one_time_password"


@bp.route("/<int:class_id>/siswa/<int:student_id>/atur-ulang", methods=["GET", "POST"])
def reset_password(class_id, student_id):
    """Ask first, then give the student a one-time password they must change at login.

    Post/redirect/get: the password is shown once on the next page, so reloading it never makes
    another one behind the facilitator's back.
    """
    classroom = _class_or_404(class_id, "classes.manage")
    student = _member_or_404(classroom, student_id, "student.reset_password")
    form = EmptyForm()
    if form.validate_on_submit():
        session[ONE_TIME_KEY] = [student.id, seal(accounts.facilitator_reset(student))]
        return redirect(url_for("classes.one_time_password", class_id=classroom.id, student_id=student.id), code=303)
    return render_template("classes/reset_confirm.html", classroom=classroom, student=student, form=form)


@bp.get("/<int:class_id>/siswa/<int:student_id>/kata-sandi-sementara")
def one_time_password(class_id, student_id):
    """The one-time password, once; afterwards the page says it has been shown."""
    classroom = _class_or_404(class_id, "classes.manage")
    student = _member_or_404(classroom, student_id, "student.reset_password")
    shown = session.get(ONE_TIME_KEY)
    one_time = None
    if shown and shown[0] == student.id:
        one_time = unseal(session.pop(ONE_TIME_KEY)[1])
    return render_template("classes/one_time_password.html", classroom=classroom, student=student, one_time=one_time)


@bp.post("/<int:class_id>/siswa/<int:student_id>/keluarkan")
def remove_student(class_id, student_id):
    """Take a student off the roster; their learning progress stays theirs."""
    classroom = _class_or_404(class_id, "classes.manage")
    student = _membership_or_404(classroom.id, student_id, "classes.remove_member").student
    services.remove_member(classroom, student)
    flash(_("%(username)s sudah dikeluarkan dari kelas ini. Kemajuan belajarnya tetap tersimpan.",
            username=student.username), "success")
    return redirect(url_for("classes.detail", class_id=classroom.id), code=303)


@bp.post("/<int:class_id>/keluar")
@login_required
def leave(class_id):
    """The student leaves one of their classes; their learning progress stays theirs."""
    classroom = _membership_or_404(class_id, current_user.id, "classes.leave").classroom
    services.remove_member(classroom, current_user._get_current_object())
    flash(_("Kamu sudah keluar dari %(kelas)s. Kemajuan belajarmu tetap tersimpan.", kelas=classroom.label),
          "success")
    return redirect(url_for("accounts.settings"), code=303)
from . import account_views, report_views  # noqa: E402,F401  (their routes are on bp)

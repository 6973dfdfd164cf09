"""Facilitators' side, under /lokakarya/kelola: plan, publish, cancel, duplicate; on the day the
roster, check-in (tap, QR, code), walk-ins, the CSV export and the printable sign-in sheet."""
from __future__ import annotations

import csv
import io
import secrets

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user

from ..classes.services import classes_of
from ..database import write_transaction
from ..extensions import db
from ..permissions import require
from ..utils import page_number, public_url
from . import registrations, services
from .forms import CheckInCodeForm, WalkInForm, WorkshopForm
from .models import CANCELLED, DRAFT, FeedToken, Registration
from .timefmt import to_local

bp = Blueprint("planning", __name__, url_prefix="/lokakarya/kelola", template_folder="templates")

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def _workshop_or_404(workshop_id: int):
    workshop = services.get_workshop(workshop_id)
    if workshop is None:
        abort(404)
    require("workshops.manage", workshop, hide=True)
    return workshop


def _user():
    return current_user._get_current_object()


def _form(workshop=None) -> WorkshopForm:
    """The planning form: on GET filled from ``workshop`` (in its local time), on POST from the request."""
    classes = [(c.id, c.name) for c in classes_of(current_user)]
    if workshop is not None and workshop.class_id and workshop.class_id not in {i for i, _ in classes}:
        from ..classes.services import get_class

        current = get_class(workshop.class_id)
        classes.append((current.id, current.name))
    prefill = workshop is not None and request.method != "POST"
    kwargs = {"data": services.form_data(workshop)} if prefill else {}
    return WorkshopForm(module_choices=services.module_choices(str(get_locale())), class_choices=classes, **kwargs)


def _save(form: WorkshopForm, workshop=None):
    data = {name: field.data for name, field in form._fields.items() if name != "csrf_token"}
    try:
        return services.save_workshop(_user(), data, workshop)
    except services.WorkshopError as error:
        form.form_errors.append(str(error))
        return None


@bp.get("")
def index():
    """The workshops this facilitator runs, and their private calendar feed."""
    require("workshops.plan")
    feed = db.session.get(FeedToken, current_user.id)
    feed_url = public_url("workshops.private_calendar", token=feed.token) if feed else None
    pages = services.managed_page(current_user, page_number(request.args))
    return render_template("workshops/manage_index.html", pages=pages, feed_url=feed_url)


@bp.post("/kalender")
def new_feed():
    """Make (or replace, which stops the old link working) the private calendar feed's secret."""
    require("workshops.plan")
    with write_transaction() as session:
        feed = session.get(FeedToken, current_user.id)
        if feed is None:
            feed = FeedToken(user_id=current_user.id)
            session.add(feed)
        feed.token = secrets.token_urlsafe(24)
    flash(_("Tautan kalender baru sudah dibuat. Tautan lama tidak berlaku lagi."), "success")
    return redirect(url_for("planning.index"), code=303)


@bp.route("/baru", methods=["GET", "POST"])
def create():
    """Plan a new workshop; it stays a draft until published."""
    require("workshops.plan")
    form = _form()
    if form.validate_on_submit():
        workshop = _save(form)
        if workshop is not None:
            flash(_("Draf lokakarya disimpan. Terbitkan agar muncul di jadwal."), "success")
            return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("workshops/form.html", form=form, workshop=None), status


@bp.route("/<int:workshop_id>/ubah", methods=["GET", "POST"])
def edit(workshop_id):
    """Change a workshop; registered people are told when its time or place changes."""
    workshop = _workshop_or_404(workshop_id)
    if workshop.status == CANCELLED:
        abort(404)
    form = _form(workshop)
    if form.validate_on_submit():
        if _save(form, workshop) is not None:
            flash(_("Perubahan disimpan."), "success")
            return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)
    status = 400 if form.errors or form.form_errors else 200
    return render_template("workshops/form.html", form=form, workshop=workshop), status


@bp.post("/<int:workshop_id>/terbitkan")
def publish(workshop_id):
    """Put a draft on the public schedule."""
    workshop = _workshop_or_404(workshop_id)
    try:
        services.publish(workshop)
    except services.WorkshopError as error:
        flash(str(error), "error")
    else:
        flash(_("Lokakarya diterbitkan dan muncul di jadwal."), "success")
    return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)


@bp.post("/<int:workshop_id>/batalkan")
def cancel(workshop_id):
    """Cancel the workshop; everyone registered is told."""
    workshop = _workshop_or_404(workshop_id)
    try:
        services.cancel(workshop)
    except services.WorkshopError as error:
        flash(str(error), "error")
    else:
        flash(_("Lokakarya dibatalkan. Semua peserta yang terdaftar diberi tahu."), "success")
    return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)


@bp.post("/<int:workshop_id>/duplikat")
def duplicate(workshop_id):
    """A new draft with the same details, to give it a new date."""
    workshop = _workshop_or_404(workshop_id)
    copy = services.duplicate(_user(), workshop)
    flash(_("Salinan dibuat sebagai draf. Atur tanggalnya, lalu terbitkan."), "success")
    return redirect(url_for("planning.edit", workshop_id=copy.id), code=303)


@bp.get("/<int:workshop_id>")
def roster(workshop_id):
    """The workshop's page for its facilitators: status, actions, roster with check-in, feedback."""
    workshop = _workshop_or_404(workshop_id)
    return _roster_page(workshop)


def _roster_page(workshop, code_form=None, walk_in_form=None, status=200):
    return render_template("workshops/roster.html", workshop=workshop, people=services.roster(workshop),
                           code_form=code_form or CheckInCodeForm(), walk_in_form=walk_in_form or WalkInForm(),
                           feedback=services.feedback(workshop), DRAFT=DRAFT, CANCELLED=CANCELLED), status


def _registration_or_404(workshop, registration_id: int) -> Registration:
    registration = db.session.get(Registration, registration_id)
    if registration is None or registration.workshop_id != workshop.id:
        abort(404)
    return registration


def _record(registration):
    try:
        recorded = registrations.check_in(_user(), registration)
    except services.WorkshopError as error:
        flash(str(error), "error")
        return
    if recorded:
        flash(_("%(name)s tercatat hadir.", name=registration.display_name), "success")
    else:
        flash(_("%(name)s sudah tercatat hadir sebelumnya.", name=registration.display_name), "success")


@bp.post("/<int:workshop_id>/hadir/<int:registration_id>")
def check_in(workshop_id, registration_id):
    """Check a participant in by tapping their name on the roster."""
    workshop = _workshop_or_404(workshop_id)
    _record(_registration_or_404(workshop, registration_id))
    return redirect(url_for("planning.roster", workshop_id=workshop.id, _anchor="peserta"), code=303)


@bp.post("/<int:workshop_id>/hadir/kode")
def check_in_code(workshop_id):
    """Check a participant in by the short code under their QR."""
    workshop = _workshop_or_404(workshop_id)
    form = CheckInCodeForm()
    if form.validate():
        registration = registrations.by_code(workshop, form.code.data)
        if registration is None:
            form.code.errors.append(_("Kode itu tidak ada di lokakarya ini. Periksa lagi hurufnya."))
        else:
            _record(registration)
            return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)
    return _roster_page(workshop, code_form=form, status=400)


@bp.route("/presensi/<token>", methods=["GET", "POST"])
def check_in_token(token):
    """The URL in a student's QR: shows who it is (GET), records attendance on confirm (POST).
    Only a facilitator of that workshop can use it; a forged or altered token is not found."""
    require("workshops.plan")
    registration = registrations.registration_for_token(token)
    if registration is None:
        abort(404)
    workshop = _workshop_or_404(registration.workshop_id)
    if request.method == "POST":
        _record(registration)
        return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)
    return render_template("workshops/check_in.html", workshop=workshop, registration=registration)


@bp.post("/<int:workshop_id>/peserta-langsung")
def walk_in(workshop_id):
    """Add someone who came without registering: an account by username, or a name only."""
    workshop = _workshop_or_404(workshop_id)
    form = WalkInForm()
    if form.validate():
        try:
            registration = registrations.walk_in(_user(), workshop, username=form.username.data or "",
                                                 name=form.name.data or "")
        except services.WorkshopError as error:
            form.username.errors.append(str(error))
        else:
            flash(_("%(name)s ditambahkan dan tercatat hadir.", name=registration.display_name), "success")
            return redirect(url_for("planning.roster", workshop_id=workshop.id), code=303)
    return _roster_page(workshop, walk_in_form=form, status=400)


def _cell(value) -> str:
    """A CSV cell Excel will not run as a formula (CSV injection)."""
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


@bp.get("/<int:workshop_id>/peserta.csv")
def roster_csv(workshop_id):
    """The roster as CSV that Excel opens correctly: UTF-8 with BOM, CRLF, no formulas."""
    workshop = _workshop_or_404(workshop_id)
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([_("No"), _("Nama"), _("Nama pengguna"), _("Status"), _("Hadir"), _("Waktu presensi"),
                     _("Dicatat oleh"), _("Peserta langsung")])
    for number, person in enumerate(services.roster(workshop), start=1):
        when = to_local(person.checked_in_at, workshop.zone).strftime("%Y-%m-%d %H:%M") if person.checked_in_at else ""
        writer.writerow([_cell(v) for v in (
            number, person.display_name, person.user.username if person.user else "",
            _("terkonfirmasi") if person.status == "confirmed" else _("daftar tunggu"),
            _("ya") if person.checked_in_at else _("tidak"), when,
            person.checked_in_by.username if person.checked_in_by else "", _("ya") if person.walk_in else "")])
    return Response("\ufeff" + out.getvalue(), mimetype="text/csv",
                    headers={"Content-Disposition": f'attachment; filename="peserta-lokakarya-{workshop.id}.csv"'})


@bp.get("/<int:workshop_id>/daftar-hadir")
def sign_in_sheet(workshop_id):
    """A printable sign-in sheet: confirmed participants with a column to sign."""
    workshop = _workshop_or_404(workshop_id)
    people = [p for p in services.roster(workshop) if p.status == "confirmed"]
    return render_template("workshops/sign_in_sheet.html", workshop=workshop, people=people)

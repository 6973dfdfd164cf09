"""The public schedule, a page per workshop, registering, the student's QR, feedback and calendars."""
from __future__ import annotations

import re

from flask import Blueprint, Response, abort, flash, redirect, render_template, request, url_for
from flask_babel import get_locale
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..extensions import db
from ..permissions import can, require
from ..utils import public_url, utcnow
from . import provinces, registrations, services
from .calendar import build, workshop_ics
from .forms import FeedbackForm
from .models import AUDIENCES, CANCELLED, DRAFT, PUBLISHED, FeedToken, Workshop
from .qr import qr_svg
from .timefmt import format_span

bp = Blueprint("workshops", __name__, url_prefix="/lokakarya", template_folder="templates")

FEED_LIMIT = 200
FEED_TOKEN = re.compile(r"[A-Za-z0-9_-]{1,64}")


@bp.record_once
def register_personal_data(state):
    state.app.extensions.setdefault("literacy_exporters", {})["workshops"] = registrations.export
    state.app.extensions.setdefault("literacy_erasers", {})["workshops"] = registrations.erase
    state.app.extensions["literacy_attendance"] = registrations.attended_module  # read by certificates
    state.app.extensions["literacy_attendance_of"] = registrations.attendance_of  # read by class reports


@bp.app_context_processor
def clock():
    return {"now_utc": utcnow}


@bp.app_template_filter("month_name")
def month_name_filter(month: str) -> str:
    """"2026-12" -> "Desember 2026"."""
    from datetime import date

    from flask_babel import format_date

    year, number = (int(part) for part in month.split("-"))
    return format_date(date(year, number, 1), "LLLL y")


@bp.app_template_filter("span")
def span_filter(workshop) -> str:
    return format_span(workshop.starts_at, workshop.ends_at, workshop.zone)


def visible_workshop_or_404(workshop_id: int) -> Workshop:
    """A published or cancelled workshop for anyone; a draft only for its facilitators."""
    workshop = services.get_workshop(workshop_id)
    if workshop is None or (workshop.status == DRAFT and not can("workshops.manage", workshop)):
        abort(404)
    return workshop


@bp.get("")
def index():
    """Upcoming workshops, filterable by province, month, module and audience; then recent past ones."""
    filters = services.Filters.from_args(request.args)
    language = str(get_locale())
    return render_template("workshops/index.html", filters=filters, schedule=services.schedule(filters),
                           now=utcnow(), provinces=provinces.choices(), audiences=AUDIENCES,
                           months=services.month_choices(), modules=services.module_choices(language))


@bp.get("/<int:workshop_id>")
def detail(workshop_id):
    """Everything a participant needs: when, where, seats, and their own registration with its QR."""
    workshop = visible_workshop_or_404(workshop_id)
    registration = position = qr = None
    if current_user.is_authenticated:
        registration = registrations.find(workshop, current_user)
        if registration is not None:
            position = registrations.waiting_position(registration)
            if registration.status == "confirmed":
                qr = qr_svg(public_url("planning.check_in_token", token=registrations.check_in_token(registration)))
    now = utcnow()
    attended = services.attendance_counts([workshop.id]).get(workshop.id, 0) if workshop.is_past(now) else None
    return render_template("workshops/detail.html", workshop=workshop, registration=registration, attended=attended,
                           position=position, qr=qr, now=now, feedback_form=FeedbackForm(), audiences=AUDIENCES,
                           may_rate=registrations.may_rate(registration, workshop, now))


@bp.post("/<int:workshop_id>/daftar")
def register(workshop_id):
    """One tap: a seat if one is free, otherwise the waiting list."""
    workshop = visible_workshop_or_404(workshop_id)
    require("workshops.register", workshop)
    try:
        registration = registrations.register(current_user._get_current_object(), workshop)
    except services.WorkshopError as error:
        flash(str(error), "error")
    else:
        if registration.status == "confirmed":
            flash(_("Kamu terdaftar. Sampai jumpa di lokakarya!"), "success")
        else:
            flash(_("Kursi sudah penuh. Kamu masuk daftar tunggu, urutan ke-%(position)s.",
                    position=registrations.waiting_position(registration)), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop.id), code=303)


@bp.post("/<int:workshop_id>/batal-daftar")
def withdraw(workshop_id):
    """Give up a seat (the first person waiting gets it) or a place in the queue."""
    workshop = visible_workshop_or_404(workshop_id)
    require("workshops.register", workshop)
    try:
        registrations.withdraw(current_user._get_current_object(), workshop)
    except services.WorkshopError as error:
        flash(str(error), "error")
    else:
        flash(_("Pendaftaranmu dibatalkan."), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop.id), code=303)


@bp.post("/<int:workshop_id>/nilai")
def rate(workshop_id):
    """An attendee rates the workshop 1-5 with a short comment, once."""
    workshop = visible_workshop_or_404(workshop_id)
    require("workshops.register", workshop)
    form = FeedbackForm()
    if not form.validate():
        flash(" ".join(str(e) for errors in form.errors.values() for e in errors), "error")
    else:
        try:
            registrations.rate(current_user._get_current_object(), workshop, int(form.rating.data), form.comment.data)
        except services.WorkshopError as error:
            flash(str(error), "error")
        else:
            flash(_("Terima kasih atas penilaianmu."), "success")
    return redirect(url_for("workshops.detail", workshop_id=workshop.id), code=303)


def _ics_response(text: str, filename: str) -> Response:
    return Response(text, mimetype="text/calendar",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/<int:workshop_id>.ics")
def workshop_calendar(workshop_id):
    """One workshop as an .ics file to add to a phone's calendar."""
    workshop = visible_workshop_or_404(workshop_id)
    return _ics_response(workshop_ics(workshop), f"lokakarya-{workshop.id}.ics")


@bp.get("/provinsi/<province>.ics")
def province_calendar(province):
    """A feed of a province's published (and cancelled) workshops."""
    if province not in provinces.PROVINCES:
        abort(404)
    workshops = db.session.scalars(select(Workshop).where(Workshop.province == province,
                                                          Workshop.status.in_((PUBLISHED, CANCELLED)))
                                   .order_by(Workshop.starts_at.desc()).limit(FEED_LIMIT)).all()
    name = _("Lokakarya Literasi: %(province)s", province=provinces.name_of(province))
    return _ics_response(build(workshops, name), f"lokakarya-{province}.ics")


@bp.get("/kalender/<token>.ics")
def private_calendar(token):
    """A facilitator's own workshops, drafts included; the token in the URL is the key."""
    if not FEED_TOKEN.fullmatch(token):  # never send a stranger's bytes (a NUL, say) to the database
        abort(404)
    feed = db.session.scalar(select(FeedToken).where(FeedToken.token == token))
    if feed is None:
        abort(404)
    from ..accounts.models import User

    user = db.session.get(User, feed.user_id)
    if user is None or not user.is_active:
        abort(404)
    workshops = services.managed_by(user, limit=FEED_LIMIT)
    return _ics_response(build(workshops, _("Lokakarya saya")), "lokakarya-saya.ics")

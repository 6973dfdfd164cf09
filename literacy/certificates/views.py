"""Certificates: the student's list and PDF, public verification, revocation by admins."""
from __future__ import annotations

from flask import (Blueprint, Response, abort, current_app, flash, redirect, render_template, request,
                   url_for)
from flask_babel import gettext as _
from flask_login import current_user, login_required
from markupsafe import Markup

from ..extensions import limiter
from ..permissions import can, require
from ..utils import public_url
from . import pdf, services
from .forms import RevokeForm, VerifyForm

bp = Blueprint("certificates", __name__, template_folder="templates")


@bp.record_once
def register_hooks(state):
    app = state.app
    app.extensions.setdefault("literacy_exporters", {})["certificates"] = services.export
    app.extensions.setdefault("literacy_erasers", {})["certificates"] = services.erase
    app.extensions.setdefault("literacy_on_module_passed", {})["certificates"] = services.on_module_passed
    app.extensions.setdefault("literacy_on_consent_given", {})["certificates"] = services.on_consent_given
    app.extensions.setdefault("literacy_on_attendance", {})["certificates"] = services.issue_pending_for
    app.extensions.setdefault("literacy_on_consent_withdrawn", {})["certificates"] = services.on_consent_withdrawn
    app.extensions.setdefault("literacy_on_module_imported", {})["certificates"] = services.store_requirement
    app.jinja_env.globals["certificate_note"] = certificate_note
    app.jinja_env.globals["certificate_summary"] = certificate_summary


def _verify_limit():
    return current_app.config["RATE_LIMIT_VERIFY"]


def certificate_note(module) -> Markup:
    """On a module page: what is left before its certificate, for a signed-in student."""
    if not current_user.is_authenticated or not module.certificate:
        return Markup("")
    found = [s for s in services.standings(current_user, module_ids={module.id}) if s.module is not None]
    if not found:
        return Markup("")
    return Markup(render_template("certificates/_standing.html", standing=found[0], heading=False))


def certificate_summary() -> Markup:
    """On the dashboard: each certificate earned, waiting, or what is left to earn it."""
    if not current_user.is_authenticated:
        return Markup("")
    return Markup(render_template("certificates/_summary.html", standings=services.standings(current_user)))


@bp.get("/sertifikat")
@login_required
def mine():
    """"Sertifikat saya": every certificate with its PDF, share link and badges, and what is left."""
    return render_template("certificates/mine.html", standings=services.standings(current_user),
                           reasons=services.REVOCATION_REASONS, public_url=public_url)


def _own_or_404(public_id):
    certificate = services.by_public_id(public_id)
    if certificate is None:
        abort(404)
    require("certificates.download", certificate, hide=True)
    return certificate


@bp.get("/sertifikat/<public_id>/pdf")
@login_required
def download_pdf(public_id):
    """The certificate as a PDF (A4 landscape) with a QR code to its verification page."""
    certificate = _own_or_404(public_id)
    body = pdf.render(certificate)
    filename = f"sertifikat-{certificate.pretty_code}.pdf"
    return Response(body, mimetype="application/pdf",
                    headers={"Content-Disposition": f'attachment; filename="{filename}"'})


@bp.get("/sertifikat/verifikasi")
@limiter.limit(_verify_limit, exempt_when=lambda: "kode" not in request.args)
def verify():
    """Anyone types a certificate's code (any case, with or without dashes) and sees whether it holds."""
    form = VerifyForm(request.args, meta={"csrf": False})
    if "kode" not in request.args:
        return render_template("certificates/verify.html", form=form, certificate=None, verdict=None)
    if not form.validate():
        return render_template("certificates/verify.html", form=form, certificate=None, verdict=None), 400
    certificate = services.by_code(form.kode.data)
    verdict = services.verdict(certificate)
    status = 404 if certificate is None else 200
    return render_template("certificates/verify.html", form=form, certificate=certificate, verdict=verdict,
                           reasons=services.REVOCATION_REASONS), status


@bp.get("/sertifikat/<public_id>")
@limiter.limit(_verify_limit)
def show(public_id):
    """The QR code's target: whether this certificate is valid, revoked or no longer held."""
    certificate = services.by_public_id(public_id)
    verdict = services.verdict(certificate)
    return render_template("certificates/show.html", certificate=certificate, verdict=verdict,
                           reasons=services.REVOCATION_REASONS,
                           own=certificate is not None and can("certificates.download", certificate)), \
        404 if certificate is None else 200


@bp.route("/admin/sertifikat", methods=["GET"])
def admin_list():
    """Recent certificates, and finding one by code to revoke it."""
    require("certificates.revoke")
    typed = request.args.get("kode", "")[:40]
    found = services.by_code(typed) if typed else None
    listed = [found] if found else ([] if typed else services.recent())
    return render_template("certificates/admin.html", certificates=listed, typed=typed, form=RevokeForm(),
                           reasons=services.REVOCATION_REASONS)


@bp.post("/admin/sertifikat/<public_id>/cabut")
def revoke(public_id):
    """Revoke a certificate with a reason category; the student and verification see it."""
    require("certificates.revoke")
    certificate = services.by_public_id(public_id)
    if certificate is None:
        abort(404)
    form = RevokeForm()
    if not form.validate():
        flash(_("Pilih alasan pencabutan."), "error")
        return redirect(url_for("certificates.admin_list", kode=certificate.pretty_code), code=303)
    if services.revoke(certificate, current_user._get_current_object(), form.reason.data):
        flash(_("Sertifikat %(code)s dicabut.", code=certificate.pretty_code), "success")
    else:
        flash(_("Sertifikat %(code)s sudah dicabut sebelumnya.", code=certificate.pretty_code), "info")
    return redirect(url_for("certificates.admin_list", kode=certificate.pretty_code), code=303)

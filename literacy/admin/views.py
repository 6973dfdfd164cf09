"""Admin pages: users (search, a page per user, role and deactivation with a confirmation) and
partner organisations."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _

from ..accounts import services as accounts
from ..accounts.models import ROLE_LABELS, User
from ..extensions import db
from ..permissions import require
from ..utils import page_number
from . import services
from .forms import DisableForm, OrganisationForm, RoleForm

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


def _role_form(target: User, formdata=None) -> RoleForm:
    form = RoleForm(formdata=formdata, role=target.role, partner=target.partner_id)
    form.partner.choices = [("", _("Tidak ada"))] + [(o.id, o.name) for o, _count in services.organisations()]
    return form


@bp.get("/pengguna")
def users():
    """Every account, searchable by username, display name or email."""
    require("admin.users")
    query = request.args.get("q", "")[:100]
    return render_template("admin/users.html", pagination=accounts.search_users(query, page_number(request.args)),
                           query=query, roles=ROLE_LABELS)


@bp.get("/pengguna/<int:user_id>")
def user(user_id):
    """One account: its role (with its partner organisation) and whether it is active."""
    require("admin.users")
    target = _user_or_404(user_id)
    return render_template("admin/user.html", target=target, roles=ROLE_LABELS, role_form=_role_form(target),
                           disable_form=DisableForm())


@bp.post("/pengguna/<int:user_id>/peran")
def change_role(user_id):
    """Give an account another role (never one's own), after a confirmation."""
    target = _user_or_404(user_id)
    require("admin.change_role", target)
    form = _role_form(target, request.form)
    if not form.validate():
        abort(400)
    partner = services.get_organisation(form.partner.data)
    if not form.confirm.data:
        return render_template("admin/confirm_role.html", target=target, form=form, roles=ROLE_LABELS, partner=partner)
    try:
        accounts.set_role(target, form.role.data, partner)
    except accounts.AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.user", user_id=target.id), code=303)
    flash(_("Peran %(username)s sekarang %(role)s.", username=target.username, role=ROLE_LABELS[form.role.data]), "success")
    return redirect(url_for("admin.user", user_id=target.id), code=303)


@bp.post("/pengguna/<int:user_id>/nonaktif")
def toggle_disabled(user_id):
    """Disable an account (it is logged out everywhere) or enable it again, after a confirmation."""
    target = _user_or_404(user_id)
    require("admin.disable", target)
    form = DisableForm()
    if not form.validate():
        abort(400)
    if not form.confirm.data:
        return render_template("admin/confirm_disable.html", target=target, form=form)
    accounts.set_disabled(target, target.is_active)
    message = _("Akun %(username)s dinonaktifkan.") if not target.is_active else _("Akun %(username)s diaktifkan lagi.")
    flash(message % {"username": target.username}, "success")
    return redirect(url_for("admin.user", user_id=target.id), code=303)


@bp.route("/mitra", methods=["GET", "POST"])
def organisations():
    """Partner organisations: the list, and a form to add one."""
    require("admin.partners")
    form = OrganisationForm()
    if form.validate_on_submit():
        try:
            organisation = services.save_organisation(form.name.data)
        except accounts.AccountError as error:
            form.name.errors.append(str(error))
        else:
            flash(_("Organisasi %(name)s ditambahkan.", name=organisation.name), "success")
            return redirect(url_for("admin.organisations"), code=303)
    return render_template("admin/organisations.html", organisations=services.organisations(), form=form), \
        400 if form.errors else 200


@bp.route("/mitra/<int:organisation_id>", methods=["GET", "POST"])
def organisation(organisation_id):
    """Rename an organisation (its partners stay with it)."""
    require("admin.partners")
    organisation = services.get_organisation(organisation_id)
    if organisation is None:
        abort(404)
    form = OrganisationForm(obj=organisation)
    if form.validate_on_submit():
        try:
            services.save_organisation(form.name.data, organisation)
        except accounts.AccountError as error:
            form.name.errors.append(str(error))
        else:
            flash(_("Nama organisasi disimpan."), "success")
            return redirect(url_for("admin.organisations"), code=303)
    return render_template("admin/organisation.html", organisation=organisation, form=form), 400 if form.errors else 200

"""Admin pages: list and search users, change roles, disable accounts."""
from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from ..accounts import services
from ..accounts.models import ROLE_LABELS, User
from ..extensions import db
from ..permissions import require
from .forms import RoleForm

bp = Blueprint("admin", __name__, url_prefix="/admin", template_folder="templates")


def _user_or_404(user_id: int) -> User:
    user = db.session.get(User, user_id)
    if user is None:
        abort(404)
    return user


@bp.get("/pengguna")
def users():
    """Every account, searchable by username, display name or email."""
    require("admin.users")
    query = request.args.get("q", "")[:100]
    page = request.args.get("halaman", 1, type=int)
    return render_template("admin/users.html", pagination=services.search_users(query, max(page, 1)),
                           query=query, roles=ROLE_LABELS)


@bp.post("/pengguna/<int:user_id>/peran")
def change_role(user_id):
    """Give an account another role (never one's own)."""
    target = _user_or_404(user_id)
    require("admin.change_role", target)
    form = RoleForm()
    if not form.validate():
        abort(400)
    try:
        services.set_role(target, form.role.data, form.partner.data)
    except services.AccountError as error:
        flash(str(error), "error")
        return redirect(url_for("admin.users", q=request.args.get("q", "")), code=303)
    flash(_("Peran %(username)s sekarang %(role)s.", username=target.username, role=ROLE_LABELS[form.role.data]), "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")), code=303)


@bp.post("/pengguna/<int:user_id>/nonaktif")
def toggle_disabled(user_id):
    """Disable an account (it is logged out everywhere) or enable it again."""
    target = _user_or_404(user_id)
    require("admin.disable", target)
    services.set_disabled(target, target.is_active)
    message = _("Akun %(username)s dinonaktifkan.") if not target.is_active else _("Akun %(username)s diaktifkan lagi.")
    flash(message % {"username": target.username}, "success")
    return redirect(url_for("admin.users", q=request.args.get("q", "")), code=303)

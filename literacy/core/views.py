"""Home page, language switch and the load balancers' health check."""
from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, abort, current_app, redirect, render_template, request, url_for
from flask_babel import get_locale, lazy_gettext as _l
from flask_login import current_user
from sqlalchemy import text

from ..accounts.services import remember_language
from ..caching import shared_page
from ..catalog import services as catalog
from ..content.vocabulary import PILLAR_DESCRIPTIONS, PILLARS
from ..extensions import db, limiter
from ..i18n import LOCALE_COOKIE

bp = Blueprint("core", __name__, template_folder="templates")

# The header's links (the brand links home); an entry shows once its area is registered.
MAIN_NAVIGATION = (
    ("catalog.index", _l("Modul")),
    ("learning.dashboard", _l("Dasbor")),
    ("workshops.index", _l("Lokakarya")),
)


@bp.app_context_processor
def navigation():
    def main_navigation():
        signed_in = current_user.is_authenticated
        return [(e, label) for e, label in MAIN_NAVIGATION
                if e in current_app.view_functions and (signed_in or e != "learning.dashboard")]

    return {"main_navigation": main_navigation}


@bp.get("/lapor")
@shared_page(lambda: catalog.site_page_stamp("lapor"))
def report_map():
    """Where to report what: the shared, sourced reporting map (content/_halaman/lapor.md)."""
    page = catalog.site_page("lapor", str(get_locale()))
    if page is None:
        abort(404)
    return render_template("core/page.html", page=page)


@bp.get("/")
@shared_page(lambda: catalog.catalog_stamp())
def home():
    """What Literasi is: the four pillars of digital literacy."""
    first = catalog.suggested_module(current_app.config.get("FIRST_MODULE"))
    return render_template("core/home.html", pillars=PILLARS, descriptions=PILLAR_DESCRIPTIONS, first=first)


def safe_next(target: str | None, default: str | None = None) -> str:
    """A same-site path to return to, or ``default`` (the home page) for anything else."""
    default = default or url_for("core.home")
    if not target:
        return default
    if any(char.isspace() or ord(char) < 0x20 or ord(char) == 0x7f for char in target):
        return default  # a line break would split the Location header
    parts = urlsplit(target)
    if parts.scheme or parts.netloc or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return default
    return target


@bp.get("/bahasa/<lang>")
def set_language(lang):
    """Remember the visitor's language in a cookie, then go back to the page they were on.

    A plain link (``/bahasa/en?next=/modul``), so the layout carries no form and no CSRF token and
    anonymous pages stay the same for everyone. Choosing a language is harmless to forge: at worst
    a page shows in the other language. ``next`` must be a path on this site (no open redirect).
    """
    if lang not in current_app.config["LANGUAGES"]:
        abort(404)
    response = redirect(safe_next(request.args.get("next")), code=303)
    response.set_cookie(LOCALE_COOKIE, lang, max_age=365 * 24 * 3600, httponly=True, samesite="Lax")
    response.headers["Cache-Control"] = "no-store"
    if current_user.is_authenticated and current_user.locale != lang:
        remember_language(current_user._get_current_object(), lang)
    return response


@bp.get("/healthz")
@limiter.exempt
def healthz():
    """200 when the app can reach its database (one round trip)."""
    db.session.execute(text("SELECT 1"))
    db.session.rollback()
    return {"status": "ok"}

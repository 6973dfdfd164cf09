"""The phone on patchy data: the service worker, the web app manifest, the offline page and the
list of modules saved for offline reading.

What the worker may keep is decided here, on the server: pages marked ``no-store`` are never
kept; pages of a logged-in person carry a ``Literasi-Viewer`` header (an opaque hash of this
login), and the worker empties its cache of personal pages as soon as it sees another viewer,
or none, and when the logout form is sent.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

from flask import Blueprint, Response, current_app, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user

bp = Blueprint("offline", __name__, template_folder="templates")

WORKER = Path(__file__).with_name("sw.js")
THEME_COLOUR = "#0b5d7a"
# What the worker keeps at install: the offline page, the saved-modules page and the static files
# every page needs. Pages are fetched without cookies, so nothing personal is in this list.
SHELL_PAGES = ("offline.offline_page", "offline.saved")
SHELL_FILES = ("app.css", "js/app.js", "favicon.png", "icons/icon-192.png")
LOGOUTS = ("accounts.logout", "accounts.logout_everywhere")


def viewer_marker() -> str:
    """An opaque name for this login (user, secret and session), the same on every page of it."""
    secret = str(current_app.config["SECRET_KEY"]).encode()
    return hashlib.sha256(b"literasi-viewer\n" + secret + b"\n" + current_user.get_id().encode()).hexdigest()[:20]


@bp.after_app_request
def mark_viewer(response):
    if current_user.is_authenticated:
        response.headers["Literasi-Viewer"] = viewer_marker()
    return response


@bp.after_app_request
def clear_browser_cache_at_logout(response):
    """Logging out also drops this site's HTTP cache (and the back-button copies of its pages)."""
    from flask import request

    if request.endpoint in LOGOUTS and request.method == "POST":
        response.headers["Clear-Site-Data"] = '"cache"'
    return response


@bp.get("/sw.js")
def service_worker():
    """The service worker, at the site's root so that it may serve every page."""
    static_url = current_app.jinja_env.globals["static_url"]
    shell = [url_for(endpoint) for endpoint in SHELL_PAGES] + [static_url(name) for name in SHELL_FILES]
    source = WORKER.read_text()
    version = hashlib.sha256((json.dumps(shell) + source).encode()).hexdigest()[:12]
    body = f"var SHELL = {json.dumps(shell)}, VERSION = {json.dumps(version)};\n{source}"
    response = Response(body, mimetype="text/javascript")
    response.headers["Cache-Control"] = "no-cache"
    response.headers["Service-Worker-Allowed"] = "/"
    return response


@bp.get("/manifest.webmanifest")
def manifest():
    """The web app manifest: what Android shows when Literasi is added to the home screen."""
    static_url = current_app.jinja_env.globals["static_url"]
    data = {
        "id": "/",
        "name": _("Literasi: belajar literasi digital"),
        "short_name": _("Literasi"),
        "description": _("Belajar literasi digital: cakap, etis, berbudaya dan aman di internet."),
        "lang": "id",
        "start_url": url_for("core.home"),
        "scope": "/",
        "display": "standalone",
        "theme_color": THEME_COLOUR,
        "background_color": "#ffffff",
        "icons": [  # the letter sits inside the middle 80 %, so the 512 icon also serves as maskable
            {"src": static_url(f"icons/icon-{size}.png"), "sizes": f"{size}x{size}", "type": "image/png",
             "purpose": purpose}
            for size, purpose in ((192, "any"), (512, "any"), (512, "maskable"))
        ],
    }
    response = Response(json.dumps(data, ensure_ascii=False), mimetype="application/manifest+json")
    response.headers["Cache-Control"] = "no-cache"
    return response


@bp.get("/luring")
def offline_page():
    """What the worker shows for a page that was never kept, when there is no connection."""
    return render_template("offline/offline.html")


@bp.get("/tersimpan")
def saved():
    """Modules saved on this device for offline reading (listed by the page's script)."""
    return render_template("offline/saved.html")

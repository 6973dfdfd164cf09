"""HTTP security headers and cookie policy applied to every response."""
from __future__ import annotations

import base64
import hashlib
import re
from urllib.parse import urlsplit
from functools import wraps

from cryptography.fernet import Fernet, InvalidToken

from flask import Flask, Response, current_app, has_request_context, make_response, request
from flask_login import current_user
from flask.sessions import SecureCookieSessionInterface
from werkzeug.exceptions import BadRequest
from werkzeug.middleware.proxy_fix import ProxyFix

CONTENT_SECURITY_POLICY = "; ".join(
    [
        "default-src 'self'",
        "script-src 'self'",
        "style-src 'self'",
        "img-src 'self'",
        "font-src 'self'",
        "connect-src 'self'",
        "form-action 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ]
)

HEADERS = {
    "Content-Security-Policy": CONTENT_SECURITY_POLICY,
    "X-Content-Type-Options": "nosniff",
    "Referrer-Policy": "same-origin",
    "X-Frame-Options": "DENY",
    "Cross-Origin-Opener-Policy": "same-origin",
    "Permissions-Policy": "camera=(), microphone=(), geolocation=(), interest-cohort=()",
}


def cookies_secure(app: Flask) -> bool:
    """Whether cookies carry the Secure flag for the current request.

    ``SECURE_COOKIES = "auto"`` follows the request's scheme, so the same build works behind TLS
    and on a school's plain-HTTP LAN server.
    """
    setting = app.config["SECURE_COOKIES"]
    if isinstance(setting, str) and setting.lower() == "auto":
        return request.is_secure
    return setting in (True, 1) or str(setting).lower() in ("true", "1", "yes")


class SecureCookieResponse(Response):
    """Every cookie set on a response (session, remember-me, language) is Secure when cookies
    should be, whoever sets it and whenever: Flask-Login writes the remember-me cookie in an
    after-request hook of its own, which a hook of ours could run before."""

    def set_cookie(self, key, *args, **kwargs):
        if has_request_context() and not args[5:] and cookies_secure(current_app):
            kwargs["secure"] = True
        super().set_cookie(key, *args, **kwargs)


class SessionInterface(SecureCookieSessionInterface):
    """Flask's signed-cookie sessions, minus the work of building a signer when the browser sent
    no session cookie (every shared anonymous page view)."""

    def open_session(self, app, request):
        if self.get_cookie_name(app) not in request.cookies:
            return self.session_class()
        return super().open_session(app, request)


# NUL and the C0 controls (PostgreSQL refuses NUL in text; CR/LF in a redirect target would split
# headers). Typed text may hold tabs and line breaks; addresses and query strings may not.
CONTROL_IN_FORMS = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
CONTROL_IN_ADDRESSES = re.compile(r"[\x00-\x1f\x7f]")


class ControlCharacters(BadRequest):
    """Input with characters no person types; answered with its own clear message (errors area)."""


def reject_control_characters():
    """Before anything else reads the request (rate-limit keys, forms, the database)."""
    if CONTROL_IN_ADDRESSES.search(request.path):
        raise ControlCharacters()
    for values, pattern in ((request.args, CONTROL_IN_ADDRESSES), (request.form, CONTROL_IN_FORMS)):
        for key, value in values.items(multi=True):
            if pattern.search(key) or pattern.search(value):
                raise ControlCharacters()


def same_origin_request() -> bool:
    """Whether the browser says this request comes from one of our own pages: ``Sec-Fetch-Site``,
    else ``Origin``, else ``Referer`` (sent to our own pages under Referrer-Policy same-origin).

    It guards the one form anonymous visitors post without a CSRF token (a lesson marked done),
    so that their pages stay free of per-visitor tokens.
    """
    site = request.headers.get("Sec-Fetch-Site")
    if site is not None:
        return site == "same-origin"
    origin = request.headers.get("Origin")
    if origin is not None:
        return origin == request.host_url.rstrip("/")
    referer = urlsplit(request.headers.get("Referer", ""))
    return referer.scheme == request.scheme and referer.netloc == request.host


def _sealer() -> Fernet:
    secret = current_app.config["SECRET_KEY"]
    return Fernet(base64.urlsafe_b64encode(hashlib.sha256(b"literasi-seal\n" + str(secret).encode()).digest()))


def seal(value: str) -> str:
    """Encrypt a secret shown once on the next page (a recovery code, a one-time password) before
    it goes into the session cookie, which Flask signs but does not encrypt."""
    return _sealer().encrypt(value.encode()).decode()


def unseal(token: str | None, max_age: int = 600) -> str | None:
    """The sealed secret, or None when it is missing, forged or older than ``max_age`` seconds."""
    try:
        return _sealer().decrypt(token.encode(), ttl=max_age).decode() if token else None
    except (InvalidToken, ValueError, TypeError):
        return None


def no_store(view):
    """For pages opened from an emailed link (reset, consent, email confirmation): neither the
    browser nor a proxy keeps a copy that the next person at a shared computer could reopen."""
    @wraps(view)
    def wrapped(*args, **kwargs):
        response = make_response(view(*args, **kwargs))
        response.headers["Cache-Control"] = "no-store"
        return response

    return wrapped


def configure(app: Flask) -> None:
    app.response_class = SecureCookieResponse
    app.session_interface = SessionInterface()
    app.before_request_funcs.setdefault(None, []).insert(0, reject_control_characters)
    if app.config["PROXY_FIX"]:
        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)

    @app.after_request
    def no_store_personal_pages(response):
        """A shared school computer must not show someone's account from its cache after logout."""
        if current_user.is_authenticated and "Cache-Control" not in response.headers:
            response.headers["Cache-Control"] = "no-store"
        return response

    @app.after_request
    def set_security_headers(response):
        for name, value in HEADERS.items():
            response.headers.setdefault(name, value)
        if request.is_secure or cookies_secure(app):
            # Secure cookies mean the site is served over HTTPS: tell the browser never to try HTTP.
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

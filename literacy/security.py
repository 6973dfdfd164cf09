"""HTTP security headers and cookie policy applied to every response."""
from __future__ import annotations

from flask import Flask, request
from flask.sessions import SecureCookieSessionInterface
from flask_login import current_user
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


class SessionInterface(SecureCookieSessionInterface):
    def get_cookie_secure(self, app):
        return cookies_secure(app)


def configure(app: Flask) -> None:
    app.session_interface = SessionInterface()
    if app.config["PROXY_FIX"]:
        hops = int(app.config["PROXY_FIX"])
        app.wsgi_app = ProxyFix(app.wsgi_app, x_for=hops, x_proto=hops, x_host=0)

    @app.after_request
    def mark_cookies_secure(response):
        """Every cookie we set (session, remember-me, language) is Secure over HTTPS."""
        cookies = response.headers.getlist("Set-Cookie")
        if cookies and cookies_secure(app):
            del response.headers["Set-Cookie"]
            for cookie in cookies:
                response.headers.add("Set-Cookie", cookie if "; Secure" in cookie else cookie + "; Secure")
        return response

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
        if request.is_secure:
            response.headers.setdefault("Strict-Transport-Security", "max-age=31536000")
        return response

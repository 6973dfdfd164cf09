"""Settings. Defaults live here; deployments override them with ``LITERACY_*`` variables.

``LITERACY_DATABASE_URL=postgresql://...`` sets ``DATABASE_URL``, and so on: any setting below
can be given in the environment with the prefix (values are parsed as JSON when they can be,
so ``LITERACY_PROXY_FIX=1`` is the number 1).
"""
from __future__ import annotations

import secrets
from pathlib import Path

from . import ratelimits
from .database import normalise_url
from .utils import create_once


class Config:
    # None means: a SQLite file in the instance folder (see resolve).
    DATABASE_URL: str | None = None
    # None means: read from instance/secret_key, creating it once (local runs only).
    SECRET_KEY: str | None = None
    # "auto": cookies are Secure when the request came over HTTPS; true/false force it.
    SECURE_COOKIES = "auto"
    # Number of reverse proxies in front of the app whose X-Forwarded-For/-Proto are trusted.
    # (X-Forwarded-Host never is: links in emails come from PUBLIC_URL, not from the request.)
    PROXY_FIX = 0
    # The address people reach the site at; every link in an email is built from it, never from
    # the request's Host header (which a stranger can set, to poison a reset link).
    PUBLIC_URL = "http://127.0.0.1:5000"
    # Anonymous pages (catalog, modules, lessons) may be kept by a browser, proxy or CDN this many
    # seconds before they are revalidated with their ETag (literacy/caching.py).
    PUBLIC_MAX_AGE = 120
    # How many rendered anonymous pages (and outlines, lesson texts) each process keeps; 0: none.
    PAGE_CACHE_SIZE = 512
    # How often (seconds) each process re-reads the content's version before answering a kept
    # anonymous page: an import reaches every process within this time. 0: on every request.
    PUBLIC_PAGE_RECHECK = 1.0
    # The RSA private key (PEM) that signs Open Badges 3.0 credentials. None: a key generated once
    # into BADGE_SIGNING_KEY_PATH (default instance/badge_signing_key.pem, mode 0600). Never committed.
    BADGE_SIGNING_KEY: str | None = None
    BADGE_SIGNING_KEY_PATH: str | None = None
    # None means: a SQLite file in the instance folder that every worker on this machine shares
    # (see ratelimits.py). Several machines: redis://host:6379. If Redis goes away, each worker
    # counts in memory until it is back (limits stay, per worker), never an error page.
    RATELIMIT_STORAGE_URI: str | None = None
    RATELIMIT_IN_MEMORY_FALLBACK_ENABLED = True
    RATELIMIT_HEADERS_ENABLED = True
    # Per address limits are generous: a whole school may share one address behind NAT.
    RATE_LIMIT_LOGIN = "60 per minute;600 per hour"
    RATE_LIMIT_LOGIN_ACCOUNT = "5 per minute;20 per hour"  # failures, per account and address
    RATE_LIMIT_LOGIN_ACCOUNT_ANY_ADDRESS = "100 per hour"  # failures, per account, all addresses
    RATE_LIMIT_RESET = "20 per hour"
    RATE_LIMIT_RESET_ACCOUNT = "3 per hour"
    RATE_LIMIT_SIGNUP = "300 per hour"  # a whole school signing up in a workshop shares one address
    RATE_LIMIT_VERIFY = "30 per minute;300 per hour"  # certificate lookups, per address: against guessing codes
    RATE_LIMIT_CONSENT_EMAIL = "3 per day"  # per guardian address: no one is flooded with requests
    PASSWORD_HASH_METHOD = "scrypt:32768:8:1"  # werkzeug's default; raise it and old hashes upgrade at login
    REMEMBER_COOKIE_NAME = "literasi_ingat"
    REMEMBER_COOKIE_DURATION = 30 * 24 * 3600  # a remembered login ends after this long, idle or not
    SESSION_IDLE_MINUTES = 120  # a login without "ingat saya" ends after this long unused
    SESSION_MAX_HOURS = 12  # ... and after this long in all
    SESSION_TOUCH_SECONDS = 60  # how often a login's last use is written (at most once a minute)
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    MAIL_SERVER = None  # unset: mail is written to the log (development)
    MAIL_PORT = 25
    MAIL_STARTTLS = False
    MAIL_CA_FILE = None  # certificates to trust for STARTTLS (PEM); unset: the system's
    MAIL_FROM = "Literasi <noreply@literasi.invalid>"
    CONTACT_EMAIL = None  # named in emails to guardians, e.g. "privasi@literasi.example.id"
    DEFAULT_TIMEZONE = "Asia/Jakarta"
    FIRST_MODULE = "mengenal-dunia-digital"  # suggested to newcomers; unset or missing: the first beginner module
    LANGUAGES = ("id", "en")
    BABEL_DEFAULT_LOCALE = "id"
    BABEL_DEFAULT_TIMEZONE = "Asia/Jakarta"
    SESSION_COOKIE_NAME = "literasi_session"
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    WTF_CSRF_TIME_LIMIT = None  # tokens live as long as the session: slow phones fill forms slowly
    MAX_CONTENT_LENGTH = 2 * 1024 * 1024
    SQLALCHEMY_TRACK_MODIFICATIONS = False
    SQLALCHEMY_ENGINE_OPTIONS: dict = {}


class TestingConfig(Config):
    TESTING = True
    SECRET_KEY = "testing-only-not-secret"
    PUBLIC_URL = "https://literasi.test"
    PASSWORD_HASH_METHOD = "scrypt:1024:8:1"  # fast for tests; the production cost is tested separately
    PUBLIC_PAGE_RECHECK = 0  # an import shows at once; tests/test_shared_pages.py checks the delay
    RATELIMIT_STORAGE_URI = "memory://"  # fresh counters per test app; the shared stores are tested apart
    RATELIMIT_ENABLED = True


def resolve(app) -> None:
    """Fill in settings derived from others once the environment has been read."""
    url = app.config.get("DATABASE_URL") or (
        "sqlite:///" + str(Path(app.instance_path) / "literacy.sqlite3")
    )
    app.config["SQLALCHEMY_DATABASE_URI"] = normalise_url(url)
    if not url.startswith("sqlite"):
        # A server can drop idle connections; a file cannot. Ping only where it helps.
        app.config["SQLALCHEMY_ENGINE_OPTIONS"] = {"pool_pre_ping": True, **app.config["SQLALCHEMY_ENGINE_OPTIONS"]}
    if not app.config.get("RATELIMIT_STORAGE_URI"):
        app.config["RATELIMIT_STORAGE_URI"] = ratelimits.default_uri(Path(app.instance_path))
    if not app.config.get("SECRET_KEY"):
        app.config["SECRET_KEY"] = _instance_secret_key(Path(app.instance_path))


def _instance_secret_key(instance: Path) -> str:
    """A key generated once into ``instance/secret_key`` so local sessions survive restarts, and
    the same in every worker however many start at once (one machine; several: LITERACY_SECRET_KEY)."""
    return create_once(instance / "secret_key", lambda: secrets.token_urlsafe(48).encode()).decode().strip()

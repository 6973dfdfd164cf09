"""Pages that are the same for every anonymous visitor: shareable, cacheable, rendered once.

An anonymous GET without a session or remember-me cookie cannot be personal (no login, no
progress kept in this browser, no flashed message), so its page depends only on the address, the
language and the content it shows. Such a page is answered with ``Cache-Control: public``, a
``Vary`` on what changes it and an ETag (a 304 for ``If-None-Match``).

Each process keeps these pages, as sent (status, headers, body), in :class:`KeptPages`, a WSGI
layer in front of Flask that answers a kept page without entering Flask at all. A kept page is
keyed by the site's content stamp (:func:`literacy.catalog.services.site_stamp`: any import,
retirement or shared page changes it), which each process reads from the database itself, at most
once every ``PUBLIC_PAGE_RECHECK`` seconds (1 s; 0: on every request). So a new import reaches
every process within that second without any process telling another anything, and a proxy or
CDN may keep the same page ``PUBLIC_MAX_AGE`` (120 s) anyway.

Everyone else (logged in, or a visitor whose browser holds a session) gets the page rendered for
them, ``private, no-cache`` as before, never shared, and never through the kept pages.
"""
from __future__ import annotations

import hashlib
import logging
import threading
import time
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable
from dataclasses import dataclass
from functools import wraps

from flask import Flask, Response, current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user
from sqlalchemy.exc import SQLAlchemyError
from werkzeug.datastructures import LanguageAccept
from werkzeug.exceptions import HTTPException
from werkzeug.http import parse_accept_header, parse_cookie, parse_etags, unquote_etag
from werkzeug.wsgi import ClosingIterator

from .i18n import LOCALE_COOKIE, choose_language

log = logging.getLogger(__name__)

VARY = ("Cookie", "Accept-Language")


class BoundedCache:
    """A small thread-safe LRU (gunicorn's gthread workers share one per process)."""

    def __init__(self, size: int):
        self.size = size
        self._items: OrderedDict = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key):
        with self._lock:
            value = self._items.get(key)
            if value is not None:
                self._items.move_to_end(key)
            return value

    def put(self, key, value) -> None:
        if self.size <= 0:
            return
        with self._lock:
            self._items[key] = value
            self._items.move_to_end(key)
            while len(self._items) > self.size:
                self._items.popitem(last=False)

    def get_or_make(self, key, make: Callable):
        value = self.get(key)
        if value is None:
            value = make()
            self.put(key, value)
        return value

    def __len__(self) -> int:
        return len(self._items)


def cache(name: str) -> BoundedCache:
    """This app's cache called ``name`` (one per app, so every test app starts empty)."""
    caches = current_app.extensions.setdefault("literacy_caches", {})
    if name not in caches:
        caches[name] = BoundedCache(current_app.config["PAGE_CACHE_SIZE"])
    return caches[name]


def is_public_request() -> bool:
    """A GET or HEAD from a browser that holds neither a session nor a remembered login."""
    config = current_app.config
    return request.method in ("GET", "HEAD") and config["SESSION_COOKIE_NAME"] not in request.cookies \
        and config["REMEMBER_COOKIE_NAME"] not in request.cookies


def has_session_cookie() -> bool:
    """Whether this browser holds a session (anything kept for an anonymous visitor lives there)."""
    return current_app.config["SESSION_COOKIE_NAME"] in request.cookies


SHAREABLE = "literacy.shareable"  # set in the WSGI environ by a page KeptPages may keep


def shared_page(stamp: Callable[..., Hashable | None], offline: bool = False, query: tuple[str, ...] = ()):
    """A page that is the same for every anonymous visitor (see the module's docstring).

    ``query``: the query arguments the page reads. An address with any other argument (``?x=1``,
    made up to fill the kept pages with copies) is answered as public but not kept.

    ``stamp(**view_args)`` names the version of what the page shows (one small query), or None
    when there is nothing to show (the view then answers, a 404 as a rule). It goes into the ETag.

    ``offline``: a page the service worker may keep for reading offline (a lesson, a module, the
    catalog). A logged-in person's copy is then ``private, no-cache`` rather than ``no-store``: no
    shared cache keeps it, the browser asks the server again whenever it is online, and the worker
    keeps it only in its cache of personal pages, which it empties at logout (``literacy/offline``).
    Logging out also sends ``Clear-Site-Data: "cache"``, so the browser's own copy goes too.
    Other pages stay ``no-store`` for a logged-in person (``security.no_store_personal_pages``).
    """
    def decorator(view):
        @wraps(view)
        def wrapped(*args, **kwargs):
            if not is_public_request():
                response = make_response(view(*args, **kwargs))
                response.vary.update(VARY)
                if offline and current_user.is_authenticated and "Cache-Control" not in response.headers:
                    response.headers["Cache-Control"] = "private, no-cache"
                return response
            version = stamp(**kwargs)
            if version is None:
                return view(*args, **kwargs)
            rendered = make_response(view(*args, **kwargs))
            if rendered.status_code != 200 or session.modified or "Set-Cookie" in rendered.headers:
                return rendered  # never share an error, or a page that started a session
            body = rendered.get_data()
            language = str(get_locale())
            etag = hashlib.sha256(repr((version, language)).encode() + b"\n" + body).hexdigest()[:32]
            if set(request.args) <= set(query):
                request.environ[SHAREABLE] = True
            return public_response(body, rendered.status_code, rendered.mimetype, etag)

        wrapped.shared_page = True  # KeptPages reads the content stamp only for these views
        return wrapped

    return decorator


def public_response(body: bytes, status: int, mimetype: str, etag: str) -> Response:
    response = current_app.response_class(body, status=status, mimetype=mimetype)
    make_public(response, etag)
    return response.make_conditional(request)


def make_public(response: Response, etag: str | None = None) -> None:
    """Cacheable by a browser, proxy or CDN for PUBLIC_MAX_AGE seconds, then revalidated by ETag."""
    response.headers["Cache-Control"] = f"public, max-age={current_app.config['PUBLIC_MAX_AGE']}"
    response.vary.update(VARY)
    if etag:
        response.set_etag(etag)
    else:
        response.add_etag()


@dataclass(frozen=True)
class _Kept:
    status: str
    headers: tuple[tuple[str, str], ...]
    body: bytes
    etag: str
    stamp: Hashable


_NOT_MODIFIED_DROPS = {"content-length", "content-type"}
# Not kept: the server writes the current Date itself (a kept one would be as old as the page).
_NEVER_KEPT = {"date"}
# Left to Flask: conditions and ranges other than If-None-Match are rare, and Flask answers them right.
_TO_FLASK = ("HTTP_IF_MATCH", "HTTP_IF_RANGE", "HTTP_RANGE", "HTTP_IF_UNMODIFIED_SINCE")


class KeptPages:
    """The WSGI layer in front of Flask that keeps and answers shareable anonymous pages.

    A GET or HEAD with no session or remember-me cookie is looked up by address, host, scheme and
    negotiated language. A kept page whose stamp is still the site's is answered as it was sent
    (a 304 when ``If-None-Match`` holds its ETag) without entering Flask. Otherwise Flask answers,
    and its answer is kept only when :func:`shared_page` marked it shareable, it is a 200 and it
    sets no cookie. The stamp is read *before* Flask renders, so a page rendered across an import
    is kept under the old stamp and never answered again.
    """

    def __init__(self, app: Flask, wsgi_app, stamp: Callable[[], Hashable], clock: Callable[[], float] = time.monotonic):
        self.app, self.wsgi_app, self.read_stamp, self.clock = app, wsgi_app, stamp, clock
        self.pages = BoundedCache(app.config["PAGE_CACHE_SIZE"])
        self.recheck = float(app.config["PUBLIC_PAGE_RECHECK"])
        self.languages = tuple(app.config["LANGUAGES"])
        self.personal_cookies = (app.config["SESSION_COOKIE_NAME"], app.config["REMEMBER_COOKIE_NAME"])
        self._last: tuple[float, Hashable] | None = None  # (read at, stamp); replaced whole, never mutated
        self._failing_until = float("-inf")  # after a failed read: Flask answers, and the log has one line

    def __call__(self, environ: dict, start_response) -> Iterable[bytes]:
        method = environ.get("REQUEST_METHOD")
        if method not in ("GET", "HEAD") or self.pages.size <= 0 or any(name in environ for name in _TO_FLASK):
            return self.wsgi_app(environ, start_response)
        cookies = parse_cookie(environ) if environ.get("HTTP_COOKIE") else {}
        if any(name in cookies for name in self.personal_cookies):
            return self.wsgi_app(environ, start_response)
        accept = parse_accept_header(environ.get("HTTP_ACCEPT_LANGUAGE"), LanguageAccept)
        key = (environ.get("wsgi.url_scheme"), environ.get("HTTP_HOST"), environ.get("SCRIPT_NAME", ""),
               environ.get("PATH_INFO", ""), environ.get("QUERY_STRING", ""),
               choose_language(cookies.get(LOCALE_COOKIE), accept, self.languages))
        kept = self.pages.get(key)
        if kept is None and not self.is_shared_view(environ):
            return self.wsgi_app(environ, start_response)  # a page nobody shares: no stamp to read
        stamp = self.site_stamp()
        if stamp is None:
            return self.wsgi_app(environ, start_response)
        if kept is not None and kept.stamp == stamp:
            return self.answer(kept, environ, start_response)
        if method != "GET":
            return self.wsgi_app(environ, start_response)
        return self.render_and_keep(key, stamp, environ, start_response)

    def is_shared_view(self, environ: dict) -> bool:
        """Whether the address goes to a view decorated with :func:`shared_page` (Flask's own routing)."""
        try:
            endpoint, _args = self.app.url_map.bind_to_environ(environ).match()
        except HTTPException:  # not found, wrong method, a redirect to the canonical address
            return False
        return getattr(self.app.view_functions.get(endpoint), "shared_page", False)

    def site_stamp(self) -> Hashable | None:
        """The site's stamp, read again once ``recheck`` seconds have passed; None while the database
        cannot answer (Flask then answers, and says so in its own way; this logs one line a while)."""
        now = self.clock()
        last = self._last
        if last is not None and now - last[0] < self.recheck:
            return last[1]
        if now < self._failing_until:
            return None
        try:
            with self.app.app_context():
                stamp = self.read_stamp()
        except SQLAlchemyError as error:
            self._failing_until = now + max(self.recheck, 1.0)
            log.warning("kept pages: could not read the content stamp (%s); Flask answers for now",
                        str(error).splitlines()[0])
            return None
        current = self._last
        if current is None or now >= current[0]:  # a slower, older read never replaces a newer one
            self._last = (now, stamp)
        return stamp

    def answer(self, kept: _Kept, environ: dict, start_response) -> Iterable[bytes]:
        if_none_match = environ.get("HTTP_IF_NONE_MATCH")
        if if_none_match and parse_etags(if_none_match).contains_weak(kept.etag):
            start_response("304 NOT MODIFIED", [(name, value) for name, value in kept.headers
                                                if name.lower() not in _NOT_MODIFIED_DROPS])
            return []
        start_response(kept.status, list(kept.headers))
        return [] if environ["REQUEST_METHOD"] == "HEAD" else [kept.body]

    def render_and_keep(self, key: tuple, stamp: Hashable, environ: dict, start_response) -> Iterable[bytes]:
        sent: list = []

        def remember(status, headers, exc_info=None):
            sent[:] = [status, headers]
            return start_response(status, headers, exc_info)

        answer = self.wsgi_app(environ, remember)
        if not environ.get(SHAREABLE):
            return answer
        close = getattr(answer, "close", None)
        try:
            body = b"".join(answer)
        except BaseException:
            if close is not None:
                close()
            raise
        status, headers = sent
        names = {name.lower() for name, _ in headers}
        if status.startswith("200 ") and "set-cookie" not in names and "etag" in names:
            etag = unquote_etag(next(value for name, value in headers if name.lower() == "etag"))[0]
            kept = tuple((name, value) for name, value in headers if name.lower() not in _NEVER_KEPT)
            self.pages.put(key, _Kept(status, kept, body, etag, stamp))
        return ClosingIterator([body], close) if close is not None else [body]


def configure(app: Flask, stamp: Callable[[], Hashable]) -> None:
    """Put :class:`KeptPages` in front of the app (inside any proxy fix, which is added later)."""
    app.wsgi_app = app.extensions["literacy_kept_pages"] = KeptPages(app, app.wsgi_app, stamp)

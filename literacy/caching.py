"""Pages that are the same for every anonymous visitor: shareable, cacheable, rendered once.

An anonymous GET without a session or remember-me cookie cannot be personal (no login, no
progress kept in this browser, no flashed message), so its page depends only on the address, the
language and the content it shows. Such a page is answered with ``Cache-Control: public``, a
``Vary`` on what changes it and an ETag (a 304 for ``If-None-Match``), and this process keeps the
rendered bytes in a bounded LRU keyed by a *stamp* read from the database on every request (a
module's version and content hash, or the catalog's). A new import changes the stamp, so no process
ever serves an old page and no process has to tell another anything: each keeps its own cache.

Everyone else (logged in, or a visitor whose browser holds a session) gets the page rendered for
them, ``private, no-cache`` as before, never shared.
"""
from __future__ import annotations

import hashlib
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from functools import wraps

from flask import Response, current_app, make_response, request, session
from flask_babel import get_locale
from flask_login import current_user

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


class _Page:
    __slots__ = ("body", "status", "mimetype", "etag")

    def __init__(self, body: bytes, status: int, mimetype: str, etag: str):
        self.body, self.status, self.mimetype, self.etag = body, status, mimetype, etag


def shared_page(stamp: Callable[..., Hashable | None], offline: bool = False):
    """A page that is the same for every anonymous visitor (see the module's docstring).

    ``stamp(**view_args)`` names the version of what the page shows (one small query), or None
    when there is nothing to show (the view then answers, a 404 as a rule).

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
            language = str(get_locale())
            key = (request.endpoint, request.full_path, language, version)
            pages = cache("pages")
            page = pages.get(key)
            if page is None:
                rendered = make_response(view(*args, **kwargs))
                if rendered.status_code != 200 or session.modified or "Set-Cookie" in rendered.headers:
                    return rendered  # never share an error, or a page that started a session
                body = rendered.get_data()
                etag = hashlib.sha256(repr((version, language)).encode() + b"\n" + body).hexdigest()[:32]
                page = _Page(body, rendered.status_code, rendered.mimetype, etag)
                pages.put(key, page)
            return public_response(page.body, page.status, page.mimetype, page.etag)

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

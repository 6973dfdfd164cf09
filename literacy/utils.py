"""Small helpers shared by feature areas."""
import os
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path

from flask import current_app, has_request_context, url_for


def public_url(endpoint: str, **values) -> str:
    """An absolute link for emails and exports, on the configured PUBLIC_URL, never on the
    request's host; also from the command line (cron jobs send mail with links)."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return base + url_for(endpoint, **values)


LAST_PAGE = 100_000  # beyond any list here; a larger number would overflow the database's OFFSET


def page_number(args, name: str = "halaman") -> int:
    """The page of a list asked for in the query string, from 1 to LAST_PAGE; anything else is page 1
    or the last allowed (a page past the end of a list is simply empty)."""
    return min(max(args.get(name, 1, type=int), 1), LAST_PAGE)


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: how every timestamp is stored (SQLite has no time zones)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)


def create_once(path: Path, make: Callable[[], bytes]) -> bytes:
    """The contents of ``path``, made by ``make()`` and written (mode 0600) if the file is missing.

    gunicorn's workers each build the app, so on a fresh machine several may get here at once: each
    writes a private temporary file complete, then links it into place, which succeeds for exactly
    one; the others drop theirs and read the winner's. No worker ever reads a half-written file or
    keeps a secret the others do not share.
    """
    try:
        return path.read_bytes()
    except FileNotFoundError:
        pass
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{os.getpid()}.{uuid.uuid4().hex}")
    descriptor = os.open(temporary, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "wb") as handle:
        handle.write(make())
    try:
        os.link(temporary, path)  # fails if another worker got there first: then use theirs
    except FileExistsError:
        pass
    finally:
        temporary.unlink()
    return path.read_bytes()

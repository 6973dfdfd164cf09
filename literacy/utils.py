"""Small helpers shared by feature areas."""
from datetime import datetime, timezone

from flask import current_app, has_request_context, url_for


def public_url(endpoint: str, **values) -> str:
    """An absolute link for emails and exports, on the configured PUBLIC_URL, never on the
    request's host; also from the command line (cron jobs send mail with links)."""
    base = current_app.config["PUBLIC_URL"].rstrip("/")
    if has_request_context():
        return base + url_for(endpoint, **values)
    with current_app.test_request_context("/"):
        return base + url_for(endpoint, **values)


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: how every timestamp is stored (SQLite has no time zones)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)

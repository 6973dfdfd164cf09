"""Small helpers shared by feature areas."""
from datetime import datetime, timezone


def utcnow() -> datetime:
    """Now, in UTC, without tzinfo: how every timestamp is stored (SQLite has no time zones)."""
    return datetime.now(timezone.utc).replace(tzinfo=None)

"""Local wall-clock times in a venue's zone, to and from the naive UTC the database stores."""
from __future__ import annotations

from datetime import datetime, timezone
from zoneinfo import ZoneInfo

from babel.dates import format_date, format_datetime
from flask_babel import get_locale

from ..i18n import TIME_PATTERNS, ZONE_ABBREVIATIONS


def to_utc(local: datetime, zone: str) -> datetime:
    """A wall-clock time typed for the venue -> naive UTC (Indonesia has no daylight saving)."""
    return local.replace(tzinfo=ZoneInfo(zone)).astimezone(timezone.utc).replace(tzinfo=None)


def to_local(value: datetime, zone: str) -> datetime:
    """Naive UTC -> aware local time in the venue's zone."""
    return value.replace(tzinfo=timezone.utc).astimezone(ZoneInfo(zone))


def format_span(start: datetime, end: datetime, zone: str) -> str:
    """"Sabtu, 12 Desember 2026, 09.00–12.00 WITA"; both days when it ends on another day."""
    locale = str(get_locale())
    pattern = TIME_PATTERNS.get(locale, "HH:mm")
    first, last = to_local(start, zone), to_local(end, zone)
    abbreviation = ZONE_ABBREVIATIONS[zone]

    def day(value):
        return format_date(value, "full", locale=locale)

    def time(value):
        return format_datetime(value, pattern, tzinfo=value.tzinfo, locale=locale)

    if first.date() == last.date():
        return f"{day(first)}, {time(first)}–{time(last)} {abbreviation}"
    return f"{day(first)}, {time(first)} – {day(last)}, {time(last)} {abbreviation}"


def link(endpoint: str, **values) -> str:
    """An absolute link on PUBLIC_URL that also works outside a request (cron sends reminders)."""
    from flask import current_app

    path = current_app.url_map.bind("localhost").build(endpoint, values)
    return current_app.config["PUBLIC_URL"].rstrip("/") + path

"""Workshops as iCalendar (RFC 5545): one event per workshop, in its venue's zone.

UIDs are stable (``workshop-<id>@<host>``), SEQUENCE is the workshop's change counter, and a
cancelled workshop stays in feeds with STATUS:CANCELLED so calendars remove it.
``add_missing_timezones()`` writes the VTIMEZONE blocks for WIB, WITA and WIT.
"""
from __future__ import annotations

from datetime import timezone
from urllib.parse import urlsplit

from flask import current_app
from icalendar import Calendar, Event

from .timefmt import link as public_url
from .models import CANCELLED
from .timefmt import to_local


def _uid(workshop) -> str:
    host = urlsplit(current_app.config["PUBLIC_URL"]).hostname or "literasi"
    return f"workshop-{workshop.id}@{host}"


def build(workshops, name: str) -> str:
    calendar = Calendar()
    calendar.add("prodid", "-//Literasi//Lokakarya//ID")
    calendar.add("version", "2.0")
    calendar.add("method", "PUBLISH")
    calendar.add("x-wr-calname", name)
    for workshop in workshops:
        event = Event()
        event.add("uid", _uid(workshop))
        event.add("sequence", workshop.sequence)
        event.add("dtstamp", workshop.updated_at.replace(tzinfo=timezone.utc))
        event.add("dtstart", to_local(workshop.starts_at, workshop.zone))
        event.add("dtend", to_local(workshop.ends_at, workshop.zone))
        event.add("summary", workshop.title)
        event.add("description", workshop.description or "")
        event.add("location", f"{workshop.venue_name}, {workshop.venue_address}, {workshop.city}, "
                              f"{workshop.province_name}")
        event.add("url", public_url("workshops.detail", workshop_id=workshop.id))
        event.add("status", "CANCELLED" if workshop.status == CANCELLED else "CONFIRMED")
        calendar.add_component(event)
    calendar.add_missing_timezones()
    return calendar.to_ical().decode()


def workshop_ics(workshop) -> str:
    return build([workshop], workshop.title)

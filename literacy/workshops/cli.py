"""``flask workshops send-reminders``: day-before reminders (for cron or a systemd timer)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from ..outbox import services as outbox
from ..utils import utcnow
from . import notices

workshops_cli = AppGroup("workshops", help="Workshop reminders.")


@workshops_cli.command("send-reminders")
def send_reminders_command():
    """Queue a reminder (with the .ics) for every seat of a workshop starting within a day, then
    deliver the outbox. Safe to run often and from several machines: each reminder is queued once."""
    queued = notices.queue_reminders(utcnow())
    total_sent = total_failed = 0
    while True:
        sent, failed = outbox.deliver_due()
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if sent + failed < outbox.BATCH:
            break
    click.echo(f"queued {queued}, sent {total_sent}, failed {total_failed}")
    if total_failed:
        raise SystemExit(1)

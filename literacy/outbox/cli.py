"""``flask mail send``: deliver the outbox (for cron or a systemd timer, every minute)."""
from __future__ import annotations

import click
from flask.cli import AppGroup

from . import services

mail_cli = AppGroup("mail", help="Deliver queued email.")


@mail_cli.command("send")
def send_command():
    """Send every message that is due, then delete rows sent more than 30 days ago."""
    total_sent = total_failed = 0
    while True:
        sent, failed = services.deliver_due()
        total_sent, total_failed = total_sent + sent, total_failed + failed
        if sent + failed < services.BATCH:
            break
    purged = services.purge_old()
    click.echo(f"sent {total_sent}, failed {total_failed}, waiting {services.pending_count()}, purged {purged}")
    if total_failed:
        raise SystemExit(1)

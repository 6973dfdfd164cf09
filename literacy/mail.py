"""Sending email: one small module, SMTP settings from the environment, the log in development.

Settings: ``MAIL_SERVER`` (unset: messages are written to the log instead), ``MAIL_PORT``,
``MAIL_USERNAME``, ``MAIL_PASSWORD``, ``MAIL_STARTTLS``, ``MAIL_FROM``.
"""
from __future__ import annotations

import smtplib
from email.message import EmailMessage

from flask import current_app


def send(to: str, subject: str, body: str) -> bool:
    """Send one message; False (and a log line) when the mail server could not take it."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM", "Literasi <noreply@literasi.invalid>")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    server = config.get("MAIL_SERVER")
    if not server:
        current_app.logger.warning("Mail not sent (no MAIL_SERVER set), shown here instead:\n%s", message)
        return True
    try:
        with smtplib.SMTP(server, int(config.get("MAIL_PORT", 25)), timeout=10) as smtp:
            if config.get("MAIL_STARTTLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError):
        current_app.logger.exception("Mail to the server %s failed", server)
        return False
    return True

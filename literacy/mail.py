"""Handing one message to the mail server (the outbox in ``literacy/outbox`` decides when).

Settings: ``MAIL_SERVER`` (unset: messages are written to the log instead), ``MAIL_PORT``,
``MAIL_USERNAME``, ``MAIL_PASSWORD``, ``MAIL_STARTTLS``, ``MAIL_FROM``, and ``MAIL_CA_FILE`` (a PEM
file of certificates to trust for STARTTLS instead of the system's; the server's certificate and
name are always checked, so the password never goes to a server in the middle).
"""
from __future__ import annotations

import smtplib
import ssl
from email.message import EmailMessage

from flask import current_app


def build(to: str, subject: str, body: str, attachments=()) -> EmailMessage:
    """The message as it goes out; each attachment is ``{"filename", "content_type", "text"}``."""
    config = current_app.config
    message = EmailMessage()
    message["From"] = config.get("MAIL_FROM", "Literasi <noreply@literasi.invalid>")
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    for attachment in attachments:
        maintype, subtype = attachment["content_type"].split("/", 1)
        params = {"method": "PUBLISH"} if subtype == "calendar" else {}
        message.add_attachment(attachment["text"], subtype=subtype, filename=attachment["filename"], params=params)
    return message


def deliver(to: str, subject: str, body: str, attachments=()) -> str | None:
    """Send one message now; None when the server took it, else what went wrong (also logged)."""
    config = current_app.config
    message = build(to, subject, body, attachments)
    server = config.get("MAIL_SERVER")
    if not server:
        current_app.logger.warning("Mail not sent (no MAIL_SERVER set), shown here instead:\n%s", message)
        return None
    try:
        with smtplib.SMTP(server, int(config.get("MAIL_PORT", 25)), timeout=10) as smtp:
            if config.get("MAIL_STARTTLS"):
                smtp.starttls(context=ssl.create_default_context(cafile=config.get("MAIL_CA_FILE") or None))
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD", ""))
            smtp.send_message(message)
    except (smtplib.SMTPException, OSError) as error:
        current_app.logger.exception("Mail to the server %s failed", server)
        return f"{type(error).__name__}: {error}"
    return None

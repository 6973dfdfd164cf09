"""The outbox: every email is a row first, delivered after the response or by ``flask mail send``."""

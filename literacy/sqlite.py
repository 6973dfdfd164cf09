"""Switching a SQLite file to write-ahead logging safely when several processes open it at once.

WAL is a property of the file, kept once set. Setting it needs an exclusive lock, and SQLite
answers "database is locked" at once, without waiting for the busy timeout, when two fresh
connections both hold a shared lock and both ask for it (waiting could deadlock). Two gunicorn
workers booting on a new file did exactly that, and a worker that fails to boot stops gunicorn.
So: read the mode first, and set it with a short retry until the deadline.
"""
from __future__ import annotations

import sqlite3
import time


def use_wal(connection: sqlite3.Connection, timeout: float = 5.0) -> None:
    deadline = time.monotonic() + timeout
    while True:
        try:
            if connection.execute("PRAGMA journal_mode").fetchone()[0].lower() == "wal":
                return
            # SQLite answers with the mode it kept: "memory" for an in-memory database, which
            # cannot use WAL. Only "locked" is worth another try.
            connection.execute("PRAGMA journal_mode=WAL").fetchone()
            return
        except sqlite3.OperationalError as error:
            if "locked" not in str(error) or time.monotonic() >= deadline:
                raise
            time.sleep(0.02)

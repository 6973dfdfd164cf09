"""Rate-limit counters shared by every worker on one machine, in a SQLite file: no extra server.

gunicorn runs several worker processes; ``memory://`` counters are per process, so with two
workers a "5 per minute" login limit really allowed 10 (and a student's username and email were
counted apart, another 2x). The ``limits`` library (behind Flask-Limiter) ships stores for Redis,
Memcached, MongoDB and etcd, which all need a server; this is a store of its own for the
embedded default, registered for ``sqlite:///path`` URIs. Each count is one atomic upsert in a
file of its own (never the app's database), and only the few limited POST routes use it.
Several machines need a shared server: ``LITERACY_RATELIMIT_STORAGE_URI=redis://...``.
"""
from __future__ import annotations

import os
import sqlite3
import threading
import time
from pathlib import Path

from limits.storage import Storage

from .sqlite import use_wal

SCHEMA = "CREATE TABLE IF NOT EXISTS counters (key TEXT PRIMARY KEY, count INTEGER NOT NULL, expires REAL NOT NULL)"


def default_uri(instance: Path) -> str:
    return "sqlite:///" + str(instance / "ratelimits.sqlite3")


class SQLiteStorage(Storage):
    """Fixed-window counters: ``limits``' storage interface on one SQLite table."""

    STORAGE_SCHEME = ["sqlite"]

    def __init__(self, uri: str | None = None, wrap_exceptions: bool = False, **options):
        self.path = Path(uri[len("sqlite:///"):])
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self._calls = 0
        super().__init__(uri, wrap_exceptions=wrap_exceptions, **options)
        self._connection().execute(SCHEMA)

    @property
    def base_exceptions(self):
        return sqlite3.Error

    def _connection(self) -> sqlite3.Connection:
        connection = getattr(self._local, "connection", None)
        if connection is None or self._local.pid != os.getpid():  # never share one across a fork
            connection = sqlite3.connect(self.path, timeout=5, isolation_level=None, check_same_thread=True)
            use_wal(connection)
            connection.execute("PRAGMA synchronous=NORMAL")
            self._local.connection, self._local.pid = connection, os.getpid()
        return connection

    def incr(self, key: str, expiry: float, amount: int = 1) -> int:
        now = time.time()
        self._calls += 1
        if self._calls % 1000 == 0:
            self._connection().execute("DELETE FROM counters WHERE expires <= ?", (now,))
        # One statement, so one atomic step for every process: a window that has ended starts again.
        row = self._connection().execute(
            "INSERT INTO counters (key, count, expires) VALUES (?, ?, ?) "
            "ON CONFLICT(key) DO UPDATE SET "
            "count = CASE WHEN expires <= ? THEN excluded.count ELSE count + excluded.count END, "
            "expires = CASE WHEN expires <= ? THEN excluded.expires ELSE expires END "
            "RETURNING count", (key, amount, now + expiry, now, now)).fetchone()
        return row[0]

    def get(self, key: str) -> int:
        row = self._connection().execute("SELECT count FROM counters WHERE key = ? AND expires > ?",
                                         (key, time.time())).fetchone()
        return row[0] if row else 0

    def get_expiry(self, key: str) -> float:
        row = self._connection().execute("SELECT expires FROM counters WHERE key = ? AND expires > ?",
                                         (key, time.time())).fetchone()
        return row[0] if row else time.time()

    def check(self) -> bool:
        return self._connection().execute("SELECT 1").fetchone() == (1,)

    def reset(self) -> int | None:
        return self._connection().execute("DELETE FROM counters").rowcount

    def clear(self, key: str) -> None:
        self._connection().execute("DELETE FROM counters WHERE key = ?", (key,))

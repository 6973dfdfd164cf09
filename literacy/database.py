"""How Literasi talks to its database: SQLite tuned for a web app, or PostgreSQL.

SQLite runs in WAL mode, so readers never wait for the writer. A read transaction that later
writes can still fail with SQLITE_BUSY when another connection wrote in between, because a
deferred transaction cannot upgrade its snapshot. Code that writes therefore runs inside
:func:`write_transaction`, which begins with ``BEGIN IMMEDIATE`` and so waits (up to the busy
timeout) for the write lock before it reads anything. Everything else begins with a plain
``BEGIN`` and stays concurrent. This is the pysqlite recipe from the SQLAlchemy documentation:
the driver's own transaction handling is switched off and SQLAlchemy emits BEGIN itself.
"""
from __future__ import annotations

import contextvars
from contextlib import contextmanager
from pathlib import Path

from sqlalchemy import event
from sqlalchemy.engine import Engine

from .extensions import db
from .sqlite import use_wal

SQLITE_BUSY_TIMEOUT_MS = 5000

_immediate = contextvars.ContextVar("literacy_begin_immediate", default=False)


def normalise_url(url: str) -> str:
    """Use psycopg 3 for PostgreSQL URLs that name no driver."""
    for prefix in ("postgres://", "postgresql://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix):]
    return url


def sqlite_file(url: str) -> Path | None:
    """The file behind a SQLite URL, or None for other databases and in-memory SQLite."""
    if not url.startswith("sqlite:///") or url in ("sqlite://", "sqlite:///:memory:"):
        return None
    return Path(url[len("sqlite:///"):])


@event.listens_for(Engine, "connect")
def _configure_sqlite(dbapi_connection, connection_record):
    if type(dbapi_connection).__module__ != "sqlite3":
        return
    dbapi_connection.isolation_level = None  # SQLAlchemy emits BEGIN itself (see _begin)
    use_wal(dbapi_connection, SQLITE_BUSY_TIMEOUT_MS / 1000)
    cursor = dbapi_connection.cursor()
    cursor.execute("PRAGMA synchronous=NORMAL")
    cursor.execute("PRAGMA foreign_keys=ON")
    cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
    # Deleted rows are overwritten with zeros, not left in free pages (erasure means erasure).
    cursor.execute("PRAGMA secure_delete=ON")
    cursor.close()


@event.listens_for(Engine, "begin")
def _begin(conn):
    if conn.dialect.name == "sqlite":
        conn.exec_driver_sql("BEGIN IMMEDIATE" if _immediate.get() else "BEGIN")


def flush_erased() -> None:
    """After erasing personal data: move the write-ahead log into the database file and empty it,
    so copies of the erased rows do not linger in the ``-wal`` file (SQLite; nothing to do elsewhere)."""
    if db.engine.dialect.name != "sqlite":
        return
    with db.engine.connect() as connection:
        connection.connection.driver_connection.execute("PRAGMA wal_checkpoint(TRUNCATE)")


def in_write_transaction() -> bool:
    """Whether the code runs inside :func:`write_transaction` (a savepoint is then enough)."""
    return _immediate.get()


@contextmanager
def write_transaction():
    """Run the block as one transaction that holds the write lock from its first statement.

    Commits when the block ends, rolls back if it raises. A read transaction already open in
    the session (for example the one that loaded the current user) is ended first, since a
    transaction cannot be promoted once begun.
    """
    session = db.session()
    if session.in_transaction():
        session.commit()
    token = _immediate.set(True)
    try:
        with session.begin():
            yield session
    finally:
        _immediate.reset(token)

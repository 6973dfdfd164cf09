"""SQLite is set up for a web app; writers take the lock up front; readers stay concurrent."""
from __future__ import annotations

import sqlite3
import threading

import pytest
from sqlalchemy import text

from literacy.database import sqlite_file, write_transaction


@pytest.fixture
def sqlite_only(is_postgres):
    if is_postgres:
        pytest.skip("SQLite pragmas and locking do not apply to PostgreSQL")


def test_sqlite_pragmas(db, sqlite_only):
    pragma = lambda name: db.session.execute(text(f"PRAGMA {name}")).scalar()
    assert pragma("journal_mode") == "wal"
    assert pragma("foreign_keys") == 1
    assert pragma("busy_timeout") == 5000


def _other_connection(db, timeout_ms=0):
    conn = sqlite3.connect(sqlite_file(str(db.engine.url)), isolation_level=None)
    conn.execute(f"PRAGMA busy_timeout={timeout_ms}")
    return conn


def test_write_transaction_holds_the_write_lock_from_the_start(db, sqlite_only):
    other = _other_connection(db)
    with write_transaction() as session:
        session.execute(text("SELECT 1"))  # only a read so far, yet the lock is already ours
        with pytest.raises(sqlite3.OperationalError, match="locked"):
            other.execute("BEGIN IMMEDIATE")
        # readers are not blocked by the writer
        assert other.execute("SELECT 1").fetchone() == (1,)
    other.execute("BEGIN IMMEDIATE")  # released at commit
    other.execute("ROLLBACK")
    other.close()


def test_plain_reads_do_not_take_the_write_lock(db, sqlite_only):
    other = _other_connection(db)
    db.session.execute(text("SELECT 1"))
    assert db.session().in_transaction()
    other.execute("BEGIN IMMEDIATE")
    other.execute("ROLLBACK")
    other.close()
    db.session.rollback()


def test_write_transaction_ends_an_open_read_first_and_rolls_back_on_error(db):
    db.session.execute(text("SELECT 1"))
    with pytest.raises(RuntimeError):
        with write_transaction() as session:
            session.execute(text("SELECT 1"))
            raise RuntimeError("boom")
    assert not db.session().in_transaction()


def test_concurrent_read_then_write_never_fails_busy(app, sqlite_only):
    """Eight threads each read a counter then write it back: no SQLITE_BUSY, no lost update."""
    from literacy.extensions import db

    with app.app_context():
        with db.engine.begin() as conn:
            conn.execute(text("CREATE TABLE IF NOT EXISTS _counter (n INTEGER NOT NULL)"))
            conn.execute(text("DELETE FROM _counter"))
            conn.execute(text("INSERT INTO _counter VALUES (0)"))
    errors = []

    def bump():
        try:
            with app.app_context():
                for _ in range(10):
                    with write_transaction() as session:
                        n = session.execute(text("SELECT n FROM _counter")).scalar()
                        session.execute(text("UPDATE _counter SET n = :n"), {"n": n + 1})
                db.session.remove()
        except Exception as exc:  # collected and asserted below
            errors.append(exc)

    threads = [threading.Thread(target=bump) for _ in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with app.app_context():
        total = db.session.execute(text("SELECT n FROM _counter")).scalar()
        db.session.execute(text("DROP TABLE _counter"))
        db.session.commit()
    assert errors == []
    assert total == 80


def test_an_in_memory_database_keeps_its_journal_and_wal_is_not_retried():
    """SQLite cannot use WAL in memory and answers with the mode it kept; that is not an error to
    retry (it once looped for ever here). In a thread, so a regression fails instead of hanging."""
    from literacy.sqlite import use_wal

    connection = sqlite3.connect(":memory:", check_same_thread=False)
    worker = threading.Thread(target=use_wal, args=(connection, 0.5), daemon=True)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert connection.execute("PRAGMA journal_mode").fetchone() == ("memory",)

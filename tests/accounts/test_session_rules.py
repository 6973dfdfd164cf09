"""Login rows called directly at their edges: when a login expires (a second either side of each
limit), what a cookie value must look like, when last use is written, what purge deletes."""
from __future__ import annotations

import hashlib
from datetime import timedelta
from types import SimpleNamespace

import pytest
from sqlalchemy import func, select, update

from literacy.accounts import sessions
from literacy.accounts.models import User, UserSession
from literacy.database import write_transaction
from literacy.extensions import login_manager
from literacy.utils import utcnow

SECOND = timedelta(seconds=1)


def _record(remember, seen_ago, made_ago, now):
    return SimpleNamespace(remember=remember, last_seen_at=now - seen_ago, created_at=now - made_ago)


@pytest.mark.parametrize("remember, seen_ago, made_ago, expired", [
    (False, timedelta(minutes=120) - SECOND, timedelta(minutes=120) - SECOND, False),
    (False, timedelta(minutes=120) + SECOND, timedelta(minutes=120) + SECOND, True),
    (False, timedelta(0), timedelta(hours=12) - SECOND, False),
    (False, timedelta(0), timedelta(hours=12) + SECOND, True),
    (False, timedelta(minutes=121), timedelta(minutes=121), True),
    (True, timedelta(days=30) - SECOND, timedelta(days=30) - SECOND, False),
    (True, timedelta(minutes=121), timedelta(hours=13), False),  # remembered: the plain limits do not apply
    (True, timedelta(days=30) + SECOND, timedelta(days=30) + SECOND, True),
    (True, timedelta(0), timedelta(days=30) + SECOND, True),
])
def test_a_login_expires_a_second_after_its_limits(app, remember, seen_ago, made_ago, expired):
    now = utcnow()
    with app.app_context():
        assert sessions.is_expired(_record(remember, seen_ago, made_ago, now), now) is expired
        assert sessions.is_expired(_record(remember, seen_ago, made_ago, now)) is expired  # now by default


def test_tokens_are_stored_as_their_sha256():
    assert sessions.hash_token("abc") == hashlib.sha256(b"abc").hexdigest()


def test_logging_in_is_the_accounts_login_page(app):
    assert login_manager.login_view == "accounts.login"
    assert login_manager.login_message_category == "info"


@pytest.fixture
def logged_in(app, db, make_user):
    user = db.session.get(User, make_user("rani"))
    record = sessions.open_session(user, remember=False)
    return user, record


@pytest.mark.parametrize("value", ["", "abc", "1:2", "x:y:z", "1:a:b:c", "::", "1.5:a:b"])
def test_a_malformed_cookie_value_names_nobody(logged_in, value):
    assert sessions.load_user(value) is None


def test_a_cookie_names_its_user_only_with_the_right_id_secret_and_token(logged_in, db, make_user):
    user, record = logged_in
    value = user.get_id()
    loaded = sessions.load_user(value)
    assert loaded.id == user.id and loaded.current_session.token == record.token
    other = make_user("sari")
    assert sessions.load_user(f"{other}:{user.auth_secret}:{record.token}") is None
    assert sessions.load_user(f"{user.id}:{'0' * len(user.auth_secret)}:{record.token}") is None
    assert sessions.load_user(f"{user.id}:{user.auth_secret}:{record.token}x") is None


def test_a_disabled_or_expired_login_names_nobody(logged_in, db):
    user, record = logged_in
    value = user.get_id()
    with write_transaction() as session:
        session.execute(update(UserSession).where(UserSession.id == record.id)
                        .values(last_seen_at=utcnow() - timedelta(minutes=121)))
    db.session.expire_all()
    assert sessions.load_user(value) is None
    with write_transaction() as session:
        session.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=utcnow()))
        session.execute(update(User).where(User.id == user.id).values(disabled_at=utcnow()))
    db.session.expire_all()
    assert sessions.load_user(value) is None


def test_last_use_is_written_at_most_once_a_minute(app, logged_in, db):
    user, record = logged_in
    row = db.session.get(UserSession, record.id)

    def seen(ago):
        with write_transaction() as session:
            session.execute(update(UserSession).where(UserSession.id == record.id)
                            .values(last_seen_at=utcnow() - ago))
        db.session.expire_all()
        sessions.touch(db.session.get(UserSession, record.id))
        db.session.rollback()  # end this session's read, to see the write made on another connection
        return utcnow() - db.session.get(UserSession, record.id).last_seen_at

    assert seen(timedelta(seconds=50)) >= timedelta(seconds=50)  # not written
    assert seen(timedelta(seconds=70)) < timedelta(seconds=10)  # written
    assert row is not None


def test_logout_and_logout_everywhere(logged_in, db):
    user, record = logged_in
    second = sessions.open_session(user, remember=True)
    sessions.close_session(None)
    sessions.close_session(record)
    assert db.session.scalars(select(UserSession.id).where(UserSession.user_id == user.id)).all() == [second.id]
    secret = user.auth_secret
    with write_transaction():
        sessions.end_all(db.session.get(User, user.id))
    assert db.session.scalar(select(func.count()).select_from(UserSession)
                             .where(UserSession.user_id == user.id)) == 0
    assert db.session.get(User, user.id).auth_secret != secret


def test_purge_deletes_exactly_the_logins_that_can_no_longer_be_used(app, db, make_user):
    user = db.session.get(User, make_user("purwa"))
    now = utcnow()
    cases = {  # name: (remember, seen ago, made ago, kept)
        "fresh": (False, timedelta(minutes=1), timedelta(minutes=1), True),
        "idle": (False, timedelta(minutes=121), timedelta(minutes=121), False),
        "old": (False, timedelta(minutes=1), timedelta(hours=13), False),
        "remembered": (True, timedelta(days=2), timedelta(days=20), True),
        "remembered-idle": (True, timedelta(days=31), timedelta(days=31), False),
        "remembered-old": (True, timedelta(minutes=1), timedelta(days=31), False),
    }
    ids = {}
    for name, (remember, seen_ago, made_ago, _kept) in cases.items():
        record = sessions.open_session(user, remember=remember)
        with write_transaction() as session:
            session.execute(update(UserSession).where(UserSession.id == record.id)
                            .values(last_seen_at=now - seen_ago, created_at=now - made_ago))
        ids[record.id] = name
    assert sessions.purge_expired() == 4
    left = db.session.scalars(select(UserSession.id).where(UserSession.user_id == user.id)).all()
    assert sorted(ids[i] for i in left) == ["fresh", "remembered"]


def test_a_forwarded_https_header_counts_only_behind_a_configured_proxy(app_factory, make_user):
    app = app_factory()  # PROXY_FIX unset: anyone can send the header
    client = app.test_client()
    response = client.get("/masuk", headers={"X-Forwarded-Proto": "https"})
    assert response.status_code == 200
    assert "Strict-Transport-Security" not in response.headers
    assert all("; Secure" not in c for c in response.headers.getlist("Set-Cookie"))


@pytest.mark.parametrize("remember, seen_ago, made_ago", [
    (False, timedelta(minutes=120), timedelta(minutes=1)),  # idle exactly the limit
    (False, timedelta(0), timedelta(hours=12)),  # exactly the longest a plain login lives
    (True, timedelta(days=30), timedelta(days=1)),
    (True, timedelta(0), timedelta(days=30)),
])
def test_a_login_still_holds_at_exactly_its_limit(app, remember, seen_ago, made_ago):
    now = utcnow()
    with app.app_context():
        assert sessions.is_expired(_record(remember, seen_ago, made_ago, now), now) is False


def test_last_use_is_written_once_exactly_the_interval_has_passed(app, logged_in, db, monkeypatch):
    user, record = logged_in
    now = utcnow()
    interval = timedelta(seconds=app.config["SESSION_TOUCH_SECONDS"])
    monkeypatch.setattr(sessions, "utcnow", lambda: now)
    for ago, written in ((interval - timedelta(microseconds=1), False), (interval, True)):
        with write_transaction() as session:
            session.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=now - ago))
        db.session.expire_all()
        sessions.touch(db.session.get(UserSession, record.id))
        db.session.rollback()
        assert db.session.get(UserSession, record.id).last_seen_at == (now if written else now - ago)


def test_purge_keeps_the_logins_at_exactly_their_limits(app, db, make_user, monkeypatch):
    user = db.session.get(User, make_user("purwa"))
    now = utcnow()
    monkeypatch.setattr(sessions, "utcnow", lambda: now)
    cases = [(False, timedelta(minutes=120), timedelta(minutes=120)), (False, timedelta(0), timedelta(hours=12)),
             (True, timedelta(days=30), timedelta(days=30)), (True, timedelta(0), timedelta(days=30))]
    records = [sessions.open_session(user, remember=remember) for remember, _seen, _made in cases]

    def age(extra):
        for record, (_remember, seen_ago, made_ago) in zip(records, cases):
            with write_transaction() as session:
                session.execute(update(UserSession).where(UserSession.id == record.id)
                                .values(last_seen_at=now - seen_ago - extra, created_at=now - made_ago - extra))

    age(timedelta(0))
    assert sessions.purge_expired() == 0
    age(SECOND)
    assert sessions.purge_expired() == 4


def test_a_login_token_carries_32_random_bytes_and_only_its_hash_is_stored(logged_in, db):
    import base64

    user, record = logged_in
    assert len(base64.urlsafe_b64decode(record.token + "=")) == 32
    stored = db.session.get(UserSession, record.id)
    assert stored.token_hash == hashlib.sha256(record.token.encode()).hexdigest()
    assert user.current_session is record and stored.user_id == user.id and stored.remember is False


def test_purge_applies_each_kind_of_login_only_its_own_limits(app_factory, make_user, monkeypatch):
    """With remembered logins set shorter than a plain login may last (one hour against twelve),
    a plain login two hours old and in use is kept, and a remembered one that old is deleted."""
    app = app_factory(REMEMBER_COOKIE_DURATION=3600)
    with app.app_context():
        from literacy.extensions import db

        user = db.session.get(User, make_user("purwanti"))
        now = utcnow()
        monkeypatch.setattr(sessions, "utcnow", lambda: now)
        plain, remembered = (sessions.open_session(user, remember=r) for r in (False, True))
        with write_transaction() as session:
            session.execute(update(UserSession).where(UserSession.id.in_([plain.id, remembered.id]))
                            .values(last_seen_at=now - timedelta(minutes=1), created_at=now - timedelta(hours=2)))
        assert sessions.purge_expired() == 1
        assert db.session.scalars(select(UserSession.remember).where(UserSession.user_id == user.id)).all() == [False]


def test_last_use_is_not_written_from_inside_a_write_transaction(logged_in, db):
    """A request that already holds the write lock (SQLite) would wait on its own lock if touch()
    opened a second connection to write: it leaves last use for the next request."""
    user, record = logged_in
    ago = utcnow() - timedelta(minutes=10)
    with write_transaction() as session:
        session.execute(update(UserSession).where(UserSession.id == record.id).values(last_seen_at=ago))
    db.session.expire_all()
    with write_transaction() as session:
        sessions.touch(session.get(UserSession, record.id))
    db.session.expire_all()
    assert db.session.get(UserSession, record.id).last_seen_at == ago

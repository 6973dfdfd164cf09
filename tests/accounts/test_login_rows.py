"""Logins that really end: ids never reused, logout that ends a remembered login, sessions as
rows with an idle timeout, secure cookies (issue 9, items 1 to 5 and 11)."""
from __future__ import annotations

import re
from datetime import timedelta

from sqlalchemy import select, update

from literacy.accounts import sessions
from literacy.accounts.models import User, UserSession
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import CSRF_INPUT, PASSWORD

NEW = "teh manis hangat sore hari"
COOKIES = ("literasi_session", "literasi_ingat")


def who(client) -> str | None:
    """The username the settings page shows, or None when the client is not logged in."""
    response = client.get("/akun")
    if response.status_code != 200:
        return None
    return re.search(r"Nama pengguna: ([^<·]+)", response.get_data(as_text=True)).group(1).strip()


def saved_cookies(client) -> dict:
    return {name: client.get_cookie(name).value for name in COOKIES if client.get_cookie(name)}


def replay(app, cookies: dict):
    thief = app.test_client()
    for name, value in cookies.items():
        thief.set_cookie(name, value)
    return thief


def reset_link(mailbox, address) -> str:
    return re.search(r"https://literasi\.test(/\S+)", mailbox.last_to(address).get_content()).group(1)


def test_a_deleted_accounts_cookies_and_reset_link_never_open_the_next_account(app, client, login, mailbox):
    client.submit("/daftar?tahun=1990", {"username": "lama", "password": PASSWORD, "email": "lama@contoh.id"})
    client.submit(reset_link(mailbox, "lama@contoh.id"))  # confirms the address
    client.submit("/keluar")
    login(client, "lama", remember=True)
    assert who(client) == "lama"
    stolen = saved_cookies(client)
    assert set(stolen) == set(COOKIES)
    app.test_client().submit("/lupa-kata-sandi", {"login": "lama"})
    old_link = reset_link(mailbox, "lama@contoh.id")
    with app.app_context():
        old_id = db.session.scalar(select(User.id).where(User.username_key == "lama"))
    assert client.submit("/akun/hapus", {"password": PASSWORD}).status_code == 303

    newcomer = app.test_client()
    newcomer.submit("/daftar?tahun=2012", {"username": "anak_baru", "password": PASSWORD})
    with app.app_context():
        new_id = db.session.scalar(select(User.id).where(User.username_key == "anak_baru"))
    assert new_id > old_id  # never the deleted account's id
    assert who(replay(app, stolen)) is None
    assert who(replay(app, {"literasi_ingat": stolen["literasi_ingat"]})) is None
    assert app.test_client().get(old_link).status_code == 410


def test_logout_ends_a_remembered_login_and_its_copied_cookies(app, client, make_user, login):
    make_user("nadia")
    login(client, "nadia", remember=True)
    stolen = saved_cookies(client)
    response = client.submit("/keluar")
    assert response.status_code == 303
    assert any(c.startswith("literasi_ingat=;") for c in response.headers.getlist("Set-Cookie"))
    assert who(client) is None
    assert who(replay(app, stolen)) is None  # the rows are gone, not only the cookies
    assert who(replay(app, {"literasi_ingat": stolen["literasi_ingat"]})) is None
    with app.app_context():
        assert db.session.scalars(select(UserSession)).all() == []


def test_logout_ends_only_this_login(app, make_user, login):
    make_user("nadia")
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "nadia")
    login(laptop, "nadia")
    phone.submit("/keluar")
    assert who(phone) is None and who(laptop) == "nadia"


def test_deleting_the_account_ends_a_remembered_login(app, client, make_user, login):
    make_user("nadia")
    login(client, "nadia", remember=True)
    response = client.submit("/akun/hapus", {"password": PASSWORD})
    assert any(c.startswith("literasi_ingat=;") for c in response.headers.getlist("Set-Cookie"))
    assert who(client) is None


def test_a_login_ends_when_idle_or_too_old(app, make_user, login):
    make_user("nadia")
    plain, remembered = app.test_client(), app.test_client()
    login(plain, "nadia")
    login(remembered, "nadia", remember=True)

    def age(remember: bool, **delta):
        with app.app_context():
            db.session.execute(update(UserSession).where(UserSession.remember.is_(remember))
                               .values(last_seen_at=utcnow() - timedelta(**delta)))
            db.session.commit()

    age(False, minutes=119)
    assert who(plain) == "nadia"  # and that use counted as activity
    with app.app_context():
        seen = db.session.scalar(select(UserSession.last_seen_at).where(UserSession.remember.is_(False)))
        assert utcnow() - seen < timedelta(seconds=5)
    age(False, minutes=121)
    assert who(plain) is None
    age(True, days=29)
    assert who(remembered) == "nadia"
    with app.app_context():
        db.session.execute(update(UserSession).values(created_at=utcnow() - timedelta(days=31)))
        db.session.commit()
    assert who(remembered) is None


def test_expired_logins_are_purged(app, db, make_user):
    user = db.session.get(User, make_user("nadia"))
    fresh = sessions.open_session(user, remember=False)
    stale = sessions.open_session(user, remember=False)
    kept = sessions.open_session(user, remember=True)
    db.session.execute(update(UserSession).where(UserSession.id.in_([stale.id, kept.id]))
                       .values(last_seen_at=utcnow() - timedelta(hours=3)))
    db.session.commit()
    assert sessions.purge_expired() == 1
    assert sorted(db.session.scalars(select(UserSession.id))) == sorted([fresh.id, kept.id])


def test_the_one_time_password_page_cannot_change_a_normal_password(app, client, make_user, login):
    make_user("nadia")
    login(client, "nadia")
    laptop = app.test_client()
    login(laptop, "nadia")
    response = client.submit("/akun/kata-sandi-baru", {"new_password": NEW})
    assert response.status_code == 303 and response.headers["Location"] == "/akun#kata-sandi"
    assert client.get("/akun/kata-sandi-baru").status_code == 303
    assert who(laptop) == "nadia"  # nobody was logged out
    assert app.test_client().submit("/masuk", {"login": "nadia", "password": PASSWORD}).status_code == 303


def test_the_remember_cookie_is_secure_when_cookies_must_be(app_factory, make_user):
    app = app_factory(SECURE_COOKIES=True)
    make_user("nadia")
    client = app.test_client()
    response = client.submit("/masuk", {"login": "nadia", "password": PASSWORD, "remember": "y"})
    cookies = {c.split("=", 1)[0]: c for c in response.headers.getlist("Set-Cookie")}
    assert "; Secure" in cookies["literasi_ingat"] and "; Secure" in cookies["literasi_session"]
    assert response.headers["Strict-Transport-Security"] == "max-age=31536000"


def test_https_behind_a_proxy_makes_cookies_secure(app_factory, make_user):
    app = app_factory(PROXY_FIX=1)  # SECURE_COOKIES stays "auto"
    make_user("nadia")
    client = app.test_client()
    https = {"X-Forwarded-Proto": "https", "Referer": "https://localhost/masuk"}
    page = client.get("/masuk", headers=https)
    token = CSRF_INPUT.search(page.get_data(as_text=True)).group(1)  # the login form's
    response = client.post("/masuk", headers=https, data={"login": "nadia", "password": PASSWORD,
                                                          "remember": "y", "csrf_token": token})
    assert response.status_code == 303
    assert all("; Secure" in c for c in response.headers.getlist("Set-Cookie"))
    assert "Strict-Transport-Security" in response.headers
    plain = app.test_client().get("/")
    assert "Strict-Transport-Security" not in plain.headers
    assert all("; Secure" not in c for c in plain.headers.getlist("Set-Cookie"))


def test_a_reset_link_sent_to_an_old_address_stops_working_when_the_email_changes(app, client, make_user,
                                                                                   login, mailbox):
    make_user("nadia", email="lama@contoh.id")
    app.test_client().submit("/lupa-kata-sandi", {"login": "nadia"})
    link = reset_link(mailbox, "lama@contoh.id")
    login(client, "nadia")
    client.submit("/akun/profil", {"display_name": "", "email": "baru@contoh.id", "locale": "id",
                                   "current_password": PASSWORD})
    assert app.test_client().get(link).status_code == 200  # the new address is not confirmed yet
    confirm = reset_link(mailbox, "baru@contoh.id")
    assert client.submit(confirm).status_code == 303
    assert app.test_client().get(link).status_code == 410


def test_a_used_reset_link_ends_every_login(app, client, make_user, login, mailbox):
    make_user("nadia", email="nadia@contoh.id")
    login(client, "nadia", remember=True)
    visitor = app.test_client()
    visitor.submit("/lupa-kata-sandi", {"login": "nadia"})
    link = reset_link(mailbox, "nadia@contoh.id")
    assert visitor.submit(link, {"new_password": NEW}).status_code == 303
    assert who(client) is None

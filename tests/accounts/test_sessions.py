"""Passwords, resets, sessions ending, rate limits."""
from __future__ import annotations

import re

from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db

from ..conftest import PASSWORD

NEW = "teh manis hangat sore hari"


def logged_in(client) -> bool:
    return client.get("/akun").status_code == 200


def test_password_change_ends_every_other_session(app, make_user, login):
    make_user("nadia")
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "nadia")
    login(laptop, "nadia", remember=True)
    response = phone.submit("/akun/kata-sandi", {"current_password": PASSWORD, "new_password": NEW})
    assert response.status_code == 303
    assert logged_in(phone)
    assert not logged_in(laptop)  # its session and its remember-me cookie both stopped working
    laptop.delete_cookie("literasi_session")
    assert not logged_in(laptop)


def test_password_change_needs_the_current_password_and_a_good_new_one(client, make_user, login):
    make_user("nadia")
    login(client, "nadia")
    wrong = client.submit("/akun/kata-sandi", {"current_password": "salah salah salah", "new_password": NEW})
    assert wrong.status_code == 400 and "Kata sandi saat ini salah." in wrong.get_data(as_text=True)
    weak = client.submit("/akun/kata-sandi", {"current_password": PASSWORD, "new_password": "password123"})
    assert weak.status_code == 400 and "terlalu umum" in weak.get_data(as_text=True)


def test_logout_everywhere_ends_this_session_too(app, make_user, login):
    make_user("nadia")
    phone, laptop = app.test_client(), app.test_client()
    login(phone, "nadia")
    login(laptop, "nadia")
    phone.submit("/akun/keluar-semua")
    assert not logged_in(phone) and not logged_in(laptop)


def test_logout(client, make_user, login):
    make_user("nadia")
    login(client, "nadia")
    client.submit("/keluar")
    assert not logged_in(client)


def test_reset_by_email_link_is_single_use(app, client, make_user, mailbox):
    make_user("nadia", email="nadia@contoh.id")
    response = client.submit("/lupa-kata-sandi", {"login": "nadia"})
    assert response.status_code == 303
    link = re.search(r"https://literasi\.test(/\S+)", mailbox.last_to("nadia@contoh.id").get_content()).group(1)
    assert client.submit(link, {"new_password": "pendek"}).status_code == 200
    assert client.submit(link, {"new_password": NEW}).status_code == 303
    assert client.get(link).status_code == 410  # used
    client.submit("/masuk", {"login": "nadia", "password": NEW})
    assert logged_in(client)


def test_reset_request_reveals_nothing_about_accounts(client, make_user, mailbox):
    make_user("tanpa_email")
    for login_name in ("tanpa_email", "tidak_ada_sama_sekali"):
        response = client.submit("/lupa-kata-sandi", {"login": login_name}, follow_redirects=True)
        assert "Jika akun itu punya email" in response.get_data(as_text=True)
    assert mailbox.messages == []


def test_facilitator_reset_gives_a_one_time_password_that_must_be_changed(app, client, make_user, login):
    from literacy.classes import services as classes

    make_user("bu_maria", role="facilitator")
    student_id = make_user("ketut", birth_year=2011)
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_maria"))
        classroom = classes.create_class(facilitator, "8B")
        classes.join(db.session.get(User, student_id), classroom.code)
        class_id = classroom.id
    student = app.test_client()
    login(student, "ketut")
    login(client, "bu_maria")
    page = client.submit(f"/kelas/{class_id}/siswa/{student_id}/atur-ulang", follow_redirects=True).get_data(as_text=True)
    one_time = re.search(r'<p class="code big">([a-z0-9-]+)</p>', page).group(1)
    assert not logged_in(student)  # old sessions ended
    student.submit("/masuk", {"login": "ketut", "password": one_time})
    assert student.get("/modul").headers["Location"] == "/akun/kata-sandi-baru"
    student.submit("/akun/kata-sandi-baru", {"new_password": NEW})
    assert student.get("/modul").status_code == 200
    fresh = app.test_client()
    assert fresh.submit("/masuk", {"login": "ketut", "password": one_time}).status_code == 200  # no longer valid


def test_login_is_rate_limited_per_account(app_factory, make_user):
    app = app_factory(RATE_LIMIT_LOGIN_ACCOUNT="3 per minute", RATE_LIMIT_LOGIN="100 per minute")
    with app.app_context():
        from literacy.accounts import services

        services.create_user("nadia", PASSWORD, birth_year=1990)
    attacker = app.test_client()
    codes = [attacker.submit("/masuk", {"login": "NADIA", "password": f"tebakan {i}"}).status_code for i in range(4)]
    assert codes == [200, 200, 200, 429]
    blocked = attacker.submit("/masuk", {"login": "nadia", "password": PASSWORD})
    assert blocked.status_code == 429 and "Terlalu banyak percobaan" in blocked.get_data(as_text=True)
    # another account from the same address is not blocked by nadia's limit
    assert attacker.submit("/masuk", {"login": "orang_lain", "password": "x" * 10}).status_code == 200


def test_login_is_rate_limited_per_address(app_factory):
    app = app_factory(RATE_LIMIT_LOGIN="3 per minute")
    client = app.test_client()
    codes = [client.submit("/masuk", {"login": f"akun{i}", "password": "x" * 10}).status_code for i in range(4)]
    assert codes[-1] == 429


def test_reset_is_rate_limited(app_factory):
    app = app_factory(RATE_LIMIT_RESET_ACCOUNT="2 per hour")
    client = app.test_client()
    codes = [client.submit("/lupa-kata-sandi", {"login": "nadia"}).status_code for _ in range(3)]
    assert codes == [303, 303, 429]


def test_emailed_links_ignore_the_requests_host(app_factory, make_user, mailbox):
    """A stranger cannot make a real reset email point at their own site (Host or X-Forwarded-Host)."""
    app = app_factory(PROXY_FIX=1)
    with app.app_context():
        from literacy.accounts import services

        services.create_user("korban", PASSWORD, birth_year=1990, email="korban@contoh.id")
    from ..conftest import CSRF_INPUT

    for headers in ({"Host": "literasi.evil.example"}, {"X-Forwarded-Host": "evil.example"}):
        client = app.test_client()
        token = CSRF_INPUT.search(client.get("/lupa-kata-sandi", headers=headers).get_data(as_text=True)).group(1)
        response = client.post("/lupa-kata-sandi", data={"login": "korban", "csrf_token": token}, headers=headers)
        assert response.status_code == 303
    bodies = [m.get_content() for m in mailbox.messages]
    assert len(bodies) == 2
    assert all("https://literasi.test/atur-ulang/" in body and "evil" not in body for body in bodies)


def test_a_stranger_cannot_lock_a_student_out(app_factory):
    app = app_factory(RATE_LIMIT_LOGIN_ACCOUNT="3 per minute")
    with app.app_context():
        from literacy.accounts import services

        services.create_user("korban", PASSWORD, birth_year=2010)
    attacker = app.test_client()
    attacker.environ_base["REMOTE_ADDR"] = "10.0.0.66"
    for _ in range(4):
        attacker.submit("/masuk", {"login": "KORBAN ", "password": "tebak tebak tebak"})
    assert attacker.submit("/masuk", {"login": "korban", "password": "tebak lagi ya"}).status_code == 429
    student = app.test_client()
    student.environ_base["REMOTE_ADDR"] = "10.0.0.7"
    assert student.submit("/masuk", {"login": "korban", "password": PASSWORD}).status_code == 303


def test_successful_logins_do_not_count_against_the_limit(app_factory):
    app = app_factory(RATE_LIMIT_LOGIN_ACCOUNT="2 per minute")
    with app.app_context():
        from literacy.accounts import services

        services.create_user("rajin", PASSWORD, birth_year=2010)
    client = app.test_client()
    for _ in range(4):
        assert client.submit("/masuk", {"login": "rajin", "password": PASSWORD}).status_code == 303
        client.submit("/keluar")


def test_unknown_accounts_cost_one_password_check_like_known_ones(app, monkeypatch):
    from literacy.accounts import passwords, services

    calls = []
    monkeypatch.setattr(passwords, "generate_password_hash",
                        lambda *a, **k: calls.append("hash") or "scrypt:1024:8:1$x$y")
    with app.app_context():
        passwords._dummy_hashes.clear()
        services.authenticate("tidak_ada", "apa saja")
        services.authenticate("tidak_ada", "apa saja")
    assert calls == ["hash"]  # the dummy hash is made once; each login then costs one check


def test_signup_and_consent_emails_are_rate_limited(app_factory, mailbox):
    app = app_factory(RATE_LIMIT_CONSENT_EMAIL="2 per day", RATE_LIMIT_SIGNUP="3 per hour")
    codes = []
    for n in range(3):
        client = app.test_client()
        codes.append(client.submit("/daftar?tahun=2012", {"username": f"anak{n}", "password": PASSWORD,
                                                        "guardian_email": "korban@contoh.id"}).status_code)
    assert codes == [303, 303, 429]
    assert len(mailbox.messages) == 2
    extra = app.test_client()
    assert extra.submit("/daftar?tahun=2012", {"username": "anak9", "password": PASSWORD}).status_code == 429


def test_pages_of_a_logged_in_person_are_not_cached(client, make_user, login):
    make_user("nadia")
    assert "no-store" not in client.get("/").headers.get("Cache-Control", "")
    login(client, "nadia")
    for url in ("/akun", "/dasbor", "/"):
        assert client.get(url).headers["Cache-Control"] == "no-store"

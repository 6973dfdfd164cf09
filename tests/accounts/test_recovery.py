"""Recovery codes: a student with no email and no class can still get back in (issue 18)."""
from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.accounts import recovery
from literacy.accounts.models import User
from literacy.extensions import db

from ..conftest import PASSWORD

NEW = "teh manis hangat sore hari"
CODE = re.compile(r'<p class="code big">([a-z0-9-]+)</p>')


def sign_up(client, username="ketut"):
    response = client.submit("/daftar?tahun=2011", {"username": username, "password": PASSWORD})
    assert response.headers["Location"] == "/akun/kode-pemulihan"
    page = client.get("/akun/kode-pemulihan").get_data(as_text=True)
    return CODE.search(page).group(1)


def logged_in_as(client) -> str | None:
    response = client.get("/akun")
    if response.status_code != 200:
        return None
    return re.search(r"Nama pengguna: ([^<·]+)", response.get_data(as_text=True)).group(1).strip()


def test_sign_up_shows_a_recovery_code_once(app, client):
    code = sign_up(client)
    assert re.fullmatch(r"([a-hjkmnp-z2-9]{4}-){3}[a-hjkmnp-z2-9]{4}", code)
    again = client.get("/akun/kode-pemulihan").get_data(as_text=True)
    assert CODE.search(again) is None and "tidak bisa ditampilkan lagi" in again
    with app.app_context():
        stored = db.session.scalar(select(User.recovery_hash).where(User.username_key == "ketut"))
        assert stored and code.replace("-", "") not in stored  # only a hash is kept


def test_the_code_makes_a_new_password_once_and_gives_the_next_code(app, client):
    code = sign_up(client)
    client.submit("/keluar")
    typed = " " + code.replace("-", "").upper() + " "  # any case, with or without dashes
    response = client.submit("/pulihkan", {"login": "KETUT", "code": typed, "new_password": NEW})
    assert response.status_code == 303 and response.headers["Location"] == "/akun/kode-pemulihan"
    assert logged_in_as(client) == "ketut"
    next_code = CODE.search(client.get("/akun/kode-pemulihan").get_data(as_text=True)).group(1)
    assert next_code != code
    fresh = app.test_client()
    assert fresh.submit("/masuk", {"login": "ketut", "password": PASSWORD}).status_code == 200  # old password gone
    assert fresh.submit("/masuk", {"login": "ketut", "password": NEW}).status_code == 303
    used = app.test_client().submit("/pulihkan", {"login": "ketut", "code": code, "new_password": "kata sandi lain lagi"})
    assert used.status_code == 200 and "kode pemulihan salah" in used.get_data(as_text=True)


def test_recovery_ends_every_other_login(app, client, login):
    code = sign_up(client)
    other = app.test_client()
    login(other, "ketut")
    app.test_client().submit("/pulihkan", {"login": "ketut", "code": code, "new_password": NEW})
    assert logged_in_as(other) is None and logged_in_as(client) is None


@pytest.mark.parametrize("login_name, code", [("ketut", "aaaa-bbbb-cccc-dddd"), ("tidak_ada", "aaaa-bbbb-cccc-dddd")])
def test_a_wrong_code_or_unknown_name_gives_the_same_answer_and_changes_nothing(app, client, login_name, code):
    sign_up(client)
    response = app.test_client().submit("/pulihkan", {"login": login_name, "code": code, "new_password": NEW})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and "Nama pengguna atau kode pemulihan salah." in page
    assert f'value="{login_name}"' in page  # what was typed stays
    assert app.test_client().submit("/masuk", {"login": "ketut", "password": PASSWORD}).status_code == 303


def test_a_weak_new_password_is_refused_and_the_code_stays_valid(app, client):
    code = sign_up(client)
    weak = app.test_client().submit("/pulihkan", {"login": "ketut", "code": code, "new_password": "password123"})
    assert weak.status_code == 200 and "terlalu umum" in weak.get_data(as_text=True)
    ok = app.test_client().submit("/pulihkan", {"login": "ketut", "code": code, "new_password": NEW})
    assert ok.status_code == 303


def test_guessing_codes_is_rate_limited(app_factory):
    app = app_factory(RATE_LIMIT_LOGIN_ACCOUNT="3 per minute")
    client = app.test_client()
    sign_up(client)
    guesser = app.test_client()
    codes = [guesser.submit("/pulihkan", {"login": "ketut", "code": f"aaaa-bbbb-cccc-ddd{n}",
                                          "new_password": NEW}).status_code for n in range(2, 6)]
    assert codes == [200, 200, 200, 429]


def test_a_new_code_needs_the_password_and_voids_the_old_one(app, client):
    old = sign_up(client)
    wrong = client.submit("/akun/kode-pemulihan", {"password": "bukan kata sandinya"})
    assert wrong.status_code == 400 and "Kata sandi salah." in wrong.get_data(as_text=True)
    made = client.submit("/akun/kode-pemulihan", {"password": PASSWORD})
    assert made.status_code == 303
    new = CODE.search(client.get("/akun/kode-pemulihan").get_data(as_text=True)).group(1)
    assert new != old
    assert app.test_client().submit("/pulihkan", {"login": "ketut", "code": old, "new_password": NEW}).status_code == 200
    assert app.test_client().submit("/pulihkan", {"login": "ketut", "code": new, "new_password": NEW}).status_code == 303


def test_accounts_made_before_codes_existed_can_make_one(app, client, make_user, login):
    make_user("lama")
    login(client, "lama")
    page = client.get("/akun/kode-pemulihan").get_data(as_text=True)
    assert "belum punya kode pemulihan" in page
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == "lama"))
        assert recovery.new_code(user)


def test_the_forgot_password_page_offers_the_code(client):
    page = client.get("/lupa-kata-sandi").get_data(as_text=True)
    assert 'href="/pulihkan"' in page and "Pakai kode pemulihan" in page


@pytest.mark.browser
def test_a_student_writes_down_the_code_and_gets_back_in_without_email(page, live_server):
    page.goto(live_server.url + "/daftar?tahun=2011")
    page.get_by_label("Nama pengguna").fill("ayu_makassar")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Daftar").click()
    expect(page.get_by_role("heading", name="Kode pemulihan untuk ayu_makassar")).to_be_visible()
    code = page.locator("p.code.big").inner_text()
    page.get_by_role("link", name="Sudah kusimpan, lanjut belajar").click()
    page.get_by_role("button", name="Keluar").click()
    page.goto(live_server.url + "/masuk")
    page.get_by_role("link", name="Lupa kata sandi?").click()
    page.get_by_role("link", name="Pakai kode pemulihan").click()
    page.get_by_label("Nama pengguna atau email").fill("ayu_makassar")
    page.get_by_label("Kode pemulihan").fill(code)
    page.get_by_label("Kata sandi baru").fill(NEW)
    page.get_by_role("button", name="Simpan kata sandi baru").click()
    expect(page.get_by_text("Kata sandi baru tersimpan.")).to_be_visible()
    expect(page.locator("p.code.big")).to_be_visible()
    assert page.locator("p.code.big").inner_text() != code


def test_the_code_never_travels_readable_in_the_session_cookie(app, client):
    response = client.submit("/daftar?tahun=2011", {"username": "ketut", "password": PASSWORD})
    cookie = client.get_cookie("literasi_session").value
    stored = app.session_interface.get_signing_serializer(app).loads(cookie)
    sealed = stored["recovery_code_once"]
    code = CODE.search(client.get(response.headers["Location"]).get_data(as_text=True)).group(1)
    assert code not in str(stored) and code.replace("-", "") not in sealed

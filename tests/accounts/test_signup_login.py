"""Sign-up and login: every rule and every bad input, through the real forms."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db

from ..conftest import PASSWORD, years_ago
from .test_login_rows import who



def signup(client, year, **fields):
    data = {"username": "ketut_singaraja", "password": PASSWORD, **fields}
    return client.submit(f"/daftar?tahun={year}", data)


def stored(app, username):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == username.lower()))
        db.session.expunge_all()
        return user


def test_signup_asks_the_birth_year_first(client):
    page = client.get("/daftar").get_data(as_text=True)
    assert 'name="tahun"' in page and 'name="username"' not in page


@pytest.mark.parametrize("year", ["abc", "", lambda: str(years_ago(0)), lambda: str(years_ago(5)), "1900", "99999999999"])
def test_birth_year_out_of_range_is_refused_in_indonesian(client, year):
    year = year() if callable(year) else year
    page = client.get(f"/daftar?tahun={year}").get_data(as_text=True)
    assert 'name="username"' not in page
    assert "Tulis tahun lahir dengan 4 angka" in page


def test_a_minor_signs_up_with_minimum_data_and_can_learn_at_once(app, client):
    page = client.get(f"/daftar?tahun={years_ago(15)}").get_data(as_text=True)
    assert 'name="display_name"' not in page and 'name="guardian_email"' in page
    response = signup(client, years_ago(15), display_name="Ketut Ayu", email="ketut@contoh.id")
    assert response.status_code == 303
    user = stored(app, "ketut_singaraja")
    assert (user.display_name, user.email, user.birth_year) == (None, None, years_ago(15))
    assert client.get("/akun").status_code == 200  # logged in straight away


def test_an_adult_keeps_display_name_and_email_once_confirmed(app, client, mailbox):
    signup(client, 1990, display_name="Ibu Maria", email="Maria@Contoh.ID")
    user = stored(app, "ketut_singaraja")
    assert (user.display_name, user.email, user.pending_email) == ("Ibu Maria", None, "maria@contoh.id")
    link = re.search(r"https://literasi\.test(/\S+)", mailbox.last_to("maria@contoh.id").get_content()).group(1)
    client.submit(link)
    assert stored(app, "ketut_singaraja").email == "maria@contoh.id"


def test_display_names_lose_invisible_and_direction_changing_characters(app, client):
    signup(client, 1990, display_name="\u202eIbu\u200b  Maria\u2066\u200f ")
    assert stored(app, "ketut_singaraja").display_name == "Ibu Maria"


@pytest.mark.parametrize("taken", ["ketut_singaraja", "KETUT_Singaraja", "Ketut_singaraja"])
def test_duplicate_username_in_any_letter_case(app, client, make_user, taken):
    make_user("ketut_singaraja")
    response = signup(client, 1990, username=taken)
    assert response.status_code == 200
    assert "Nama pengguna itu sudah dipakai" in response.get_data(as_text=True)


@pytest.mark.parametrize("password, message", [
    ("pendek", "minimal 8 karakter"),
    ("x" * 129, "paling banyak 128 karakter"),
    ("bismillah", "terlalu umum"),
    ("Sayangku123", "terlalu umum"),
    ("12345678", "terlalu umum"),
    ("ketut_singaraja", "tidak boleh sama dengan nama pengguna"),
])
def test_weak_and_common_passwords_are_refused(client, password, message):
    response = signup(client, 1990, password=password)
    assert response.status_code == 200 and message in response.get_data(as_text=True)


def test_long_passphrase_without_composition_rules_is_accepted(app, client):
    assert signup(client, 1990, password="kucing oren suka tidur di atas genteng " * 3).status_code == 303


@pytest.mark.parametrize("fields, message", [
    ({"username": "ab"}, "3 sampai 32 karakter"),
    ({"username": "a" * 33}, "3 sampai 32 karakter"),
    ({"username": "nama dengan spasi"}, "tanpa spasi"),
    ({"username": "<script>"}, "tanpa spasi"),
    ({"display_name": "N" * 81}, "paling banyak 80 karakter"),
    ({"email": "bukan-email"}, "alamat email yang lengkap"),
    ({"class_code": "ZZZZZZ"}, "Kode kelas tidak ditemukan"),
])
def test_bad_inputs_get_a_clear_message_and_keep_what_was_typed(client, fields, message):
    response = signup(client, 1990, **{"display_name": "Yohanes", **fields})
    page = response.get_data(as_text=True)
    assert response.status_code == 200 and message in page
    assert 'value="Yohanes"' in page or "display_name" in fields


def test_unicode_display_names(app, client):
    signup(client, 1985, display_name="Ni Luh Putu Ayu Dé’Astiti 🌺")
    assert stored(app, "ketut_singaraja").display_name == "Ni Luh Putu Ayu Dé’Astiti 🌺"


def test_login_by_username_or_email_in_any_case(client, make_user, login):
    make_user("Nadia", email="nadia@contoh.id")
    login(client, "nadia")
    assert who(client) == "Nadia"
    client.submit("/keluar")
    assert who(client) is None
    login(client, "NADIA@contoh.id")
    assert who(client) == "Nadia"


def test_wrong_password_says_so_without_saying_which_part(client, make_user):
    make_user("nadia")
    for login_name in ("nadia", "tidak_ada"):
        response = client.submit("/masuk", {"login": login_name, "password": "salah sekali kata sandinya"})
        assert response.status_code == 200
        assert "Nama pengguna, email atau kata sandi salah." in response.get_data(as_text=True)


def test_login_starts_a_new_session(client, make_user):
    make_user("nadia")
    client.get("/")
    with client.session_transaction() as before:
        before["planted"] = "by-an-attacker"
    client.submit("/masuk", {"login": "nadia", "password": PASSWORD})
    with client.session_transaction() as after:
        assert "planted" not in after


def test_remember_me_is_an_explicit_choice(client, make_user, login):
    make_user("nadia")
    login(client, "nadia")
    assert client.get_cookie("literasi_ingat") is None
    client.submit("/keluar")
    login(client, "nadia", remember=True)
    cookie = client.get_cookie("literasi_ingat")
    assert cookie is not None and cookie.http_only


def test_disabled_accounts_cannot_log_in(app, client, make_user):
    from literacy.accounts import services

    user_id = make_user("nadia")
    with app.app_context():
        services.set_disabled(db.session.get(User, user_id), True)
    response = client.submit("/masuk", {"login": "nadia", "password": PASSWORD})
    assert response.status_code == 200


def test_old_password_hashes_are_upgraded_at_login(app_factory, make_user):
    weak_app = app_factory(PASSWORD_HASH_METHOD="scrypt:1024:8:1")
    with weak_app.app_context():
        from literacy.accounts import services

        user = services.create_user("lama", PASSWORD, birth_year=1990)
        assert user.password_hash.startswith("scrypt:1024:8:1$")
    strong_app = app_factory(PASSWORD_HASH_METHOD="scrypt:2048:8:1")
    client = strong_app.test_client()
    client.submit("/masuk", {"login": "lama", "password": PASSWORD})
    with strong_app.app_context():
        assert db.session.scalar(select(User.password_hash).where(User.username_key == "lama")).startswith("scrypt:2048:8:1$")


def test_production_hash_is_scrypt_with_strong_parameters():
    from literacy.config import Config

    method, n, r, p = Config.PASSWORD_HASH_METHOD.split(":")
    assert method == "scrypt" and int(n) >= 32768 and int(r) >= 8


def test_cli_creates_the_first_admin_reading_the_password_from_stdin(app, runner):
    result = runner.invoke(args=["users", "create", "--username", "admin", "--role", "admin", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert result.exit_code == 0, result.output
    user = stored(app, "admin")
    assert user.role == "admin" and "kopi" not in user.password_hash
    weak = runner.invoke(args=["users", "create", "--username", "admin2", "--role", "admin"], input="12345678\n")
    assert weak.exit_code != 0 and "terlalu umum" in weak.output

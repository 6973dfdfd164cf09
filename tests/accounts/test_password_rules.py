"""The password rules at their edges, called directly (OWASP ASVS level 2: 8 to 128 characters, no
composition rules, common passwords refused, also with digits or symbols added at the end)."""
from __future__ import annotations

import re

import pytest

from literacy.accounts import passwords, services
from literacy.accounts.passwords import problem_with

TOO_SHORT = "Kata sandi minimal 8 karakter. Coba gabungan beberapa kata yang mudah kamu ingat."
TOO_LONG = "Kata sandi paling banyak 128 karakter."
COMMON = "Kata sandi ini terlalu umum dan mudah ditebak. Pilih yang lain, misalnya gabungan tiga kata acak."
USERNAME = "Kata sandi tidak boleh sama dengan nama pengguna."


@pytest.fixture
def ctx(app):
    with app.test_request_context("/"):
        yield


def test_length_limits_are_8_and_128(ctx):
    assert problem_with("k" * 3 + "opi" + "z") == TOO_SHORT  # 7
    assert problem_with("kopizuz") == TOO_SHORT
    assert problem_with("kopizuzu") is None  # 8
    assert problem_with("") == TOO_SHORT
    assert problem_with("kata " * 25 + "abc") is None  # 128
    assert len("kata " * 25 + "abc") == 128
    assert problem_with("kata " * 25 + "abcd") == TOO_LONG  # 129
    assert problem_with("x" * 1000) == TOO_LONG


@pytest.mark.parametrize("password", [
    "password", "PASSWORD", "Password1", "password!", "password123!!", "bismillah", "Bismillah2024",
    "bismillah_", "sayangku123!", "sayangku...", "rahasia!!", "rahasia2024", "12345678", "123456789!",
    "qwertyuiop", "Qwertyuiop?",
])
def test_common_passwords_and_their_suffixed_forms_are_refused(ctx, password):
    assert problem_with(password) == COMMON


@pytest.mark.parametrize("password", ["1password", "pass word 2024", "bismillah kopi", "kopi susu gula aren",
                                      "sayang-kucing-oren"])
def test_a_common_word_inside_a_longer_password_is_fine(ctx, password):
    assert problem_with(password) is None


def test_the_username_in_any_case_is_refused(ctx):
    assert problem_with("BudiSantoso", username="budisantoso") == USERNAME
    assert problem_with("budisantoso", username="BudiSantoso") == USERNAME
    assert problem_with("budisantoso1", username="budisantoso") is None
    assert problem_with("budisantoso", username="") is None


def test_the_list_skips_comments_and_blank_lines():
    common = passwords.common_passwords()
    assert "password" in common and "bismillah" in common
    assert not any(word.startswith("#") or word != word.strip() or not word for word in common)
    assert len(common) > 150


def test_a_list_saved_with_stray_spaces_and_windows_line_ends_still_works(ctx, tmp_path, monkeypatch):
    edited = tmp_path / "common-passwords.txt"
    edited.write_bytes(b"# edited by hand\r\n  sayangku99  \r\n\t\r\nrahasiaku123\t\r\n")
    monkeypatch.setattr(passwords, "COMMON_FILE", edited)
    passwords.common_passwords.cache_clear()
    try:
        assert passwords.common_passwords() == {"sayangku99", "rahasiaku123"}
        assert problem_with("sayangku99") is not None and problem_with("Rahasiaku123!") is not None
    finally:
        passwords.common_passwords.cache_clear()


def test_passwords_are_case_sensitive(app, db, make_user):
    make_user("wulan", password="Kopi Susu Gula Aren")
    assert services.authenticate("wulan", "Kopi Susu Gula Aren") is not None
    assert services.authenticate("wulan", "kopi susu gula aren") is None
    assert services.authenticate("wulan", "KOPI SUSU GULA AREN") is None
    stored = services.authenticate("wulan", "Kopi Susu Gula Aren").password_hash
    assert passwords.verify(stored, "Kopi Susu Gula Aren") is True
    assert passwords.verify(stored, "kopi Susu Gula Aren") is False
    assert passwords.verify("", "Kopi Susu Gula Aren") is False


def test_hashes_use_the_configured_method_and_old_ones_need_rehashing(app):
    with app.app_context():
        method = app.config["PASSWORD_HASH_METHOD"]
        made = passwords.hash_password("kopi susu gula aren")
        assert made.startswith(method + "$")
        assert passwords.needs_rehash(made) is False
        assert passwords.needs_rehash("scrypt:32768:8:1$abc$def") is (method != "scrypt:32768:8:1")
        assert passwords.needs_rehash(method + "0$abc$def") is True  # a different cost that starts alike
        assert passwords.needs_rehash("pbkdf2:sha256:600000$abc$def") is True


def test_an_unknown_account_costs_a_real_check(app, monkeypatch):
    checked = []
    real = passwords.check_password_hash
    monkeypatch.setattr(passwords, "check_password_hash", lambda h, p: checked.append(h) or real(h, p))
    monkeypatch.setattr(passwords, "_dummy_hashes", {})
    with app.app_context():
        assert passwords.verify_nothing("apa saja") is None
        assert passwords.verify_nothing("lagi") is None
        method = app.config["PASSWORD_HASH_METHOD"]
    assert len(checked) == 2 and all(h.startswith(method + "$") for h in checked)
    assert set(passwords._dummy_hashes) == {method}


def test_typeable_codes_have_their_groups_and_no_look_alikes():
    for _ in range(50):
        code = passwords.typeable_code(4, 4)
        assert re.fullmatch(r"([a-hjkmnp-z2-9]{4}-){3}[a-hjkmnp-z2-9]{4}", code), code
    assert re.fullmatch(r"[a-hjkmnp-z2-9]{6}", passwords.typeable_code(1, 6))
    assert len({passwords.typeable_code(3, 4) for _ in range(50)}) == 50
    assert set(passwords.CODE_ALPHABET) == set("abcdefghjkmnpqrstuvwxyz23456789")


@pytest.mark.parametrize("stored", [None, ""])
def test_an_account_without_a_password_hash_matches_no_password(stored):
    assert passwords.verify(stored, "") is False
    assert passwords.verify(stored, "apa saja panjang") is False

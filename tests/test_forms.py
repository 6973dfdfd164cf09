"""Form messages in the visitor's language, WTForms' own included; passwords are never sent back."""
from __future__ import annotations

import re
from pathlib import Path

import flask_wtf
import pytest
import wtforms
from playwright.sync_api import expect

from literacy.forms import WTFORMS_MESSAGES, FlaskForm

from .conftest import PASSWORD


def _all_subclasses(cls):
    for sub in cls.__subclasses__():
        yield sub
        yield from _all_subclasses(sub)


def test_every_form_of_the_app_uses_the_translated_base(app):
    forms = [f for f in _all_subclasses(flask_wtf.FlaskForm) if f.__module__.startswith("literacy.")]
    assert len(forms) >= 10
    assert [f.__qualname__ for f in forms if not issubclass(f, FlaskForm)] == []


def test_every_message_wtforms_can_give_has_an_indonesian_text():
    source = Path(wtforms.__file__).parent
    english = set()
    for path in source.rglob("*.py"):
        code = path.read_text()
        english |= set(re.findall(r'gettext\(\s*"([^"]+)"', code))  # gettext and ngettext's singular
        english |= set(re.findall(r'ngettext\(\s*"[^"]+",\s*"([^"]+)"', code))  # ngettext's plural
    english -= {"Invalid field name '%s'."}  # a programming error, never shown to a person
    assert len(english) > 30
    assert sorted(english - set(WTFORMS_MESSAGES)) == []


def test_an_empty_birth_year_is_explained_in_indonesian(client):
    page = client.get("/daftar?tahun=").get_data(as_text=True)
    assert "Tulis tahun lahir dengan 4 angka" in page
    assert "Not a valid" not in page and "Tulis dengan angka saja" not in page  # one clear message


def test_an_empty_birth_year_is_explained_in_english(client):
    client.set_cookie("lang", "en")
    page = client.get("/daftar?tahun=abc").get_data(as_text=True)
    assert "Write your birth year as 4 digits" in page
    assert "Not a valid integer value" not in page


def test_wtforms_default_length_message_is_translated(app, client, login, make_user):
    make_user("guru", role="facilitator")
    login(client, "guru")
    response = client.submit("/kelas", {"name": "x" * 121})
    assert response.status_code == 200  # the form again, with the message
    page = response.get_data(as_text=True)
    assert "Paling banyak 120 karakter." in page and "Field cannot be longer" not in page
    client.set_cookie("lang", "en")
    page = client.submit("/kelas", {"name": "x" * 121}).get_data(as_text=True)
    assert "At most 120 characters." in page


def test_a_refused_signup_keeps_the_other_fields_and_says_the_password_must_be_typed_again(client):
    response = client.submit("/daftar?tahun=1995", {"username": "nama saya", "password": PASSWORD,
                                                     "display_name": "Nama Saya", "birth_year": "1995"})
    page = response.get_data(as_text=True)
    assert "Gunakan huruf, angka, titik atau garis bawah saja" in page
    assert 'value="nama saya"' in page and 'value="Nama Saya"' in page
    assert PASSWORD not in page
    assert "Demi keamanan, kata sandi dikosongkan lagi. Ketik ulang." in page
    # the show/hide control is hidden until its script runs: a plain password box without JS
    assert re.search(r'<button [^>]*data-toggles="password"[^>]*hidden>', page)


@pytest.mark.browser
def test_show_and_hide_the_password_while_typing(page, live_server):
    page.goto(live_server.url + "/masuk")
    password = page.get_by_label("Kata sandi", exact=True)
    password.fill(PASSWORD)
    expect(password).to_have_attribute("type", "password")
    toggle = page.get_by_role("button", name="Tampilkan kata sandi")
    toggle.click()
    expect(password).to_have_attribute("type", "text")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    toggle.click()
    expect(password).to_have_attribute("type", "password")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    page.get_by_label("Nama pengguna atau email").fill("tidak_ada")
    toggle.click()
    page.get_by_role("button", name="Masuk", exact=True).click()
    expect(page.get_by_text("Nama pengguna, email atau kata sandi salah.")).to_be_visible()
    expect(page.get_by_label("Nama pengguna atau email")).to_have_value("tidak_ada")
    expect(page.get_by_label("Kata sandi", exact=True)).to_have_value("")
    expect(page.get_by_label("Kata sandi", exact=True)).to_have_attribute("type", "password")

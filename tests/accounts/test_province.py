"""A student may name their province (optional) at sign-up and in settings; it is exported and erased."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from literacy.accounts import services
from literacy.accounts.models import User
from literacy.extensions import db

from ..conftest import PASSWORD, years_ago



def province_of(app, username):
    with app.app_context():
        province = db.session.scalar(select(User.province).where(User.username_key == username))
        db.session.remove()
    return province


@pytest.mark.parametrize("year", [lambda: years_ago(14), lambda: 1990])
def test_a_minor_or_an_adult_may_name_a_province_at_sign_up(app, client, year):
    year = year()
    page = client.get(f"/daftar?tahun={year}").get_data(as_text=True)
    assert 'name="province"' in page and ">Nusa Tenggara Timur</option>" in page
    response = client.submit(f"/daftar?tahun={year}", {"username": "ina", "password": PASSWORD,
                                                       "province": "nusa-tenggara-timur"})
    assert response.status_code == 303
    assert province_of(app, "ina") == "nusa-tenggara-timur"


def test_the_province_is_optional(app, client):
    response = client.submit("/daftar?tahun=2011", {"username": "tanpa", "password": PASSWORD, "province": ""})
    assert response.status_code == 303
    assert province_of(app, "tanpa") is None


@pytest.mark.parametrize("bad, status", [("atlantis", 200), ("Bali", 200), ("x" * 500, 200),
                                         ("bali\x00", 400)])  # NUL: refused before any form (test_input)
def test_a_province_not_in_the_list_is_refused_at_sign_up(app, client, bad, status):
    response = client.submit("/daftar?tahun=2011", {"username": "nakal", "password": PASSWORD, "province": bad})
    assert response.status_code == status  # 200: the form again, with the error
    if status == 200:
        assert "Pilih provinsi dari daftar." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalar(select(User.id).where(User.username_key == "nakal")) is None


def test_a_student_sets_changes_and_clears_the_province_in_settings(app, client, make_user, login):
    make_user("siti", birth_year=years_ago(15))
    login(client, "siti")
    assert 'name="province"' in client.get("/akun").get_data(as_text=True)
    form = {"locale": "id", "timezone": "Asia/Makassar"}
    assert client.submit("/akun/profil", {**form, "province": "bali"}).status_code == 303
    assert province_of(app, "siti") == "bali"
    assert '<option selected value="bali">Bali</option>' in client.get("/akun").get_data(as_text=True)
    assert client.submit("/akun/profil", {**form, "province": "papua-pegunungan"}).status_code == 303
    assert province_of(app, "siti") == "papua-pegunungan"
    assert client.submit("/akun/profil", {**form, "province": ""}).status_code == 303
    assert province_of(app, "siti") is None


def test_a_bad_province_in_settings_is_a_clear_400_and_changes_nothing(app, client, make_user, login):
    make_user("siti", birth_year=years_ago(15))
    login(client, "siti")
    client.submit("/akun/profil", {"locale": "id", "province": "aceh"})
    response = client.submit("/akun/profil", {"locale": "id", "province": "bukan-provinsi"})
    assert response.status_code == 400 and "Pilih provinsi dari daftar." in response.get_data(as_text=True)
    assert province_of(app, "siti") == "aceh"


def test_only_students_are_asked(app, client, make_user, login):
    make_user("bu_guru", role="facilitator")
    login(client, "bu_guru")
    assert 'name="province"' not in client.get("/akun").get_data(as_text=True)
    assert client.submit("/akun/profil", {"locale": "id", "province": "bali"}).status_code == 303
    assert province_of(app, "bu_guru") is None


def test_the_service_refuses_what_the_form_would(db):
    with pytest.raises(services.AccountError) as refused:
        services.create_user("budi", PASSWORD, birth_year=2011, province="jawa")
    assert refused.value.field == "province"
    user = services.create_user("budi", PASSWORD, birth_year=2011, province="jawa-barat")
    with pytest.raises(services.AccountError):
        services.update_profile(user, display_name=None, email=None, locale="id", province="jawa")
    services.update_profile(user, display_name=None, email=None, locale="id")  # not given: kept
    assert db.session.get(User, user.id).province == "jawa-barat"


def test_the_province_is_in_my_data_and_goes_with_the_account(app, client, make_user, login):
    make_user("siti", birth_year=years_ago(15))
    login(client, "siti")
    client.submit("/akun/profil", {"locale": "id", "province": "maluku-utara"})
    assert client.get("/akun/data-saya.json").json["profile"]["province"] == "maluku-utara"
    assert client.submit("/akun/hapus", {"password": PASSWORD}).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(User.id).where(User.province == "maluku-utara")) is None

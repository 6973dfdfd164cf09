"""Times in the zone a person chose in their settings (WIB, WITA or WIT), WIB by default."""
from __future__ import annotations

import re
from datetime import datetime

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.i18n import format_when

from .conftest import PASSWORD


def _quiz_home_after_one_attempt(client):
    token = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"}).headers["Location"].rsplit("/", 1)[1]
    client.submit(f"/kuis/{token}", {"aksi": "kirim-saja"})
    return client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)


def test_times_are_in_wib_until_another_zone_is_chosen(app, client, example_course, make_user, login):
    make_user("siti")
    login(client, "siti")
    page = _quiz_home_after_one_attempt(client)
    wib = re.search(r"(\d\d)\.(\d\d) WIB", page)
    assert wib and "WITA" not in page
    response = client.submit("/akun/profil", {"locale": "id", "timezone": "Asia/Makassar"})
    assert response.status_code == 303
    page = client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True)
    wita = re.search(r"(\d\d)\.(\d\d) WITA", page)
    assert wita and (int(wita.group(1)) - int(wib.group(1))) % 24 == 1 and wita.group(2) == wib.group(2)
    client.submit("/akun/profil", {"locale": "id", "timezone": "Asia/Jayapura"})
    assert re.search(r"\d\d\.\d\d WIT\b", client.get("/modul/kenali-hoaks/kuis").get_data(as_text=True))
    with app.app_context():
        assert db.session.scalar(select(User.timezone).where(User.username == "siti")) == "Asia/Jayapura"
    assert client.get("/akun/data-saya.json").get_json()["profile"]["time_zone"] == "Asia/Jayapura"  # their data


def test_settings_offer_the_three_zones_and_refuse_others(app, client, make_user, login):
    make_user("siti")
    login(client, "siti")
    page = client.get("/akun").get_data(as_text=True)
    assert re.search(r'<select [^>]*name="timezone"', page)
    assert all(f'value="{zone}"' in page for zone in ("Asia/Jakarta", "Asia/Makassar", "Asia/Jayapura"))
    response = client.submit("/akun/profil", {"locale": "id", "timezone": "Europe/London"})
    assert response.status_code == 400 and "Pilih WIB, WITA atau WIT." in response.get_data(as_text=True)
    # a form without the field (an older page) keeps the zone as it was
    assert client.submit("/akun/profil", {"locale": "id"}).status_code == 303
    with app.app_context():
        assert db.session.scalar(select(User.timezone).where(User.username == "siti")) is None


def test_outside_a_request_the_default_zone(app):
    with app.app_context():
        assert format_when(datetime(2018, 7, 11, 11, 31)) == "Rabu, 11 Juli 2018, 18.31 WIB"


@pytest.mark.browser
def test_a_student_in_makassar_chooses_wita_on_a_phone(page, live_server, example_course, make_user):
    make_user("andi_makassar", birth_year=2011)
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("andi_makassar")
    page.get_by_label("Kata sandi", exact=True).fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    page.get_by_role("button", name="Mulai kuis").click()
    page.get_by_role("button", name="Kirim jawaban").click()
    page.get_by_role("button", name="Kirim saja").click()
    page.goto(live_server.url + "/akun")
    page.get_by_label("Zona waktu").select_option("Asia/Makassar")
    page.get_by_role("button", name="Simpan").first.click()
    expect(page.get_by_text("Pengaturan tersimpan.")).to_be_visible()
    expect(page.get_by_label("Zona waktu")).to_have_value("Asia/Makassar")
    page.goto(live_server.url + "/modul/kenali-hoaks/kuis")
    expect(page.get_by_role("link", name=re.compile(r"\d\d\.\d\d WITA$"))).to_have_count(1)

"""What a facilitator sees: the join code large with a link, QR and share; reset with a
confirmation and post/redirect/get; landing on their classes (issue 18)."""
from __future__ import annotations

import re
from urllib.parse import unquote

import pytest
from playwright.sync_api import expect
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.classes import services
from literacy.classes.models import Classroom
from literacy.extensions import db

from ..conftest import PASSWORD


@pytest.fixture
def classroom(app, make_user):
    make_user("bu_maria", role="facilitator")
    student_id = make_user("ketut", birth_year=2011)
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_maria"))
        room = services.create_class(facilitator, "8B")
        services.join(db.session.get(User, student_id), room.code)
        return {"id": room.id, "code": room.code, "student": student_id}


def test_a_class_name_is_never_doubled_in_a_sentence(app):
    with app.test_request_context():
        assert Classroom(name="Kelas 8B").label == "Kelas 8B"
        assert Classroom(name="kelas malam").label == "kelas malam"
        assert Classroom(name="8B").label == "kelas 8B"


def test_a_typed_code_ignores_case_spaces_and_dashes(db, classroom):
    code = classroom["code"]
    for typed in (code.lower(), f" {code[:3]} {code[3:]} ", f"{code[:3]}-{code[3:]}"):
        assert services.find_by_code(typed).id == classroom["id"], typed
    assert services.find_by_code("") is None


def test_the_roster_shows_the_code_large_with_a_join_link_a_qr_code_and_a_whatsapp_share(client, login, classroom):
    login(client, "bu_maria")
    page = client.get(f"/kelas/{classroom['id']}").get_data(as_text=True)
    link = f"https://literasi.test/kelas/gabung/{classroom['code']}"
    assert f'<p class="code big">{classroom["code"]}</p>' in page
    assert f'<a href="{link}">' in page
    assert re.search(r'<div class="qr"><svg [^>]*>.*<path', page, re.S)
    share = unquote(re.search(r'href="https://wa\.me/\?text=([^"]+)"', page).group(1))
    assert share == f"Gabung kelas 8B di Literasi: {link} (kode kelas {classroom['code']})"


def test_a_student_joins_with_one_tap_from_the_link(app, client, make_user, login, classroom):
    make_user("ayu", birth_year=2010)
    login(client, "ayu")
    url = f"/kelas/gabung/{classroom['code'].lower()}"
    assert client.get(url).status_code == 200
    response = client.submit(url)
    assert response.status_code == 303
    with app.app_context():
        ayu = db.session.scalar(select(User).where(User.username_key == "ayu"))
        assert services.get_membership(classroom["id"], ayu.id) is not None
    assert "Kamu sudah bergabung dengan kelas ini." in client.get(url).get_data(as_text=True)


def test_a_visitor_from_the_link_signs_up_into_the_class(app, classroom):
    visitor = app.test_client()
    page = visitor.get(f"/kelas/gabung/{classroom['code']}").get_data(as_text=True)
    signup = re.search(r'href="(/daftar\?kode=[A-Z0-9]+)"', page).group(1)
    year_page = visitor.get(signup).get_data(as_text=True)
    assert f'name="kode" value="{classroom["code"]}"' in year_page
    form = visitor.get(f"/daftar?tahun=2011&kode={classroom['code']}").get_data(as_text=True)
    assert f'value="{classroom["code"]}"' in form
    visitor.submit("/daftar?tahun=2011", {"username": "baru", "password": PASSWORD, "class_code": classroom["code"]})
    with app.app_context():
        baru = db.session.scalar(select(User).where(User.username_key == "baru"))
        assert services.get_membership(classroom["id"], baru.id) is not None


def test_a_reset_asks_first_and_a_reload_makes_no_second_password(app, client, login, classroom):
    login(client, "bu_maria")
    url = f"/kelas/{classroom['id']}/siswa/{classroom['student']}/atur-ulang"

    def password_hash():
        with app.app_context():
            return db.session.get(User, classroom["student"]).password_hash

    before = password_hash()
    asked = client.get(url).get_data(as_text=True)
    assert "Atur ulang kata sandi ketut?" in asked and password_hash() == before
    response = client.submit(url)
    assert response.status_code == 303
    shown = client.get(response.headers["Location"]).get_data(as_text=True)
    one_time = re.search(r'<p class="code big">([a-z0-9-]+)</p>', shown).group(1)
    after = password_hash()
    assert after != before
    reloaded = client.get(response.headers["Location"]).get_data(as_text=True)
    assert one_time not in reloaded and "sudah ditampilkan" in reloaded
    assert password_hash() == after
    assert app.test_client().submit("/masuk", {"login": "ketut", "password": one_time}).status_code == 303


def test_a_facilitator_lands_on_their_classes_and_a_student_on_the_dashboard(client, login, classroom):
    assert login(client, "bu_maria").headers["Location"] == "/kelas"
    client.submit("/keluar")
    assert login(client, "ketut").headers["Location"] == "/dasbor"


@pytest.mark.browser
@pytest.mark.parametrize("width", [360, 1366])
def test_the_join_code_and_qr_fit_the_screen(page, live_server, classroom, width):
    page.set_viewport_size({"width": width, "height": 800})
    page.goto(live_server.url + "/masuk")
    page.get_by_label("Nama pengguna atau email").fill("bu_maria")
    page.get_by_label("Kata sandi").fill(PASSWORD)
    page.get_by_role("button", name="Masuk").click()
    expect(page.get_by_role("heading", name="Kelas saya")).to_be_visible()
    page.get_by_role("link", name="8B").click()
    expect(page.locator("p.code.big")).to_have_text(classroom["code"])
    qr = page.locator(".qr svg").bounding_box()
    assert qr["width"] >= 120 and qr["x"] + qr["width"] <= width
    assert page.evaluate("document.documentElement.scrollWidth") <= width
    page.get_by_role("link", name="Atur ulang kata sandi").click()
    page.get_by_role("button", name="Ya, buat kata sandi sementara").click()
    expect(page.locator("p.code.big")).to_be_visible()
    page.reload()
    expect(page.get_by_text("sudah ditampilkan")).to_be_visible()

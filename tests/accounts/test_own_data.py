"""The learner's own data: settings, download, and deletion that leaves nothing behind."""
from __future__ import annotations

import re

from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD


def test_settings_change_name_email_and_language(app, client, make_user, login):
    make_user("nadia", display_name="Nadia", email="nadia@contoh.id")
    login(client, "nadia")
    response = client.submit("/akun/profil", {"display_name": "Nadia Putri", "email": "NADIA.P@contoh.id", "locale": "en", "current_password": PASSWORD})
    assert response.status_code == 303
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == "nadia"))
        assert (user.display_name, user.email, user.locale) == ("Nadia Putri", "nadia.p@contoh.id", "en")
    assert '<html lang="en">' in client.get("/akun").get_data(as_text=True)


def test_email_already_used_by_someone_else(client, make_user, login):
    make_user("nadia")
    make_user("dimas", email="dimas@contoh.id")
    login(client, "nadia")
    response = client.submit("/akun/profil", {"display_name": "", "email": "DIMAS@contoh.id", "locale": "id", "current_password": PASSWORD})
    assert response.status_code == 400 and "Email itu sudah dipakai akun lain." in response.get_data(as_text=True)


def test_chosen_language_follows_the_user_to_a_new_device(app, make_user, login):
    make_user("nadia")
    phone = app.test_client()
    login(phone, "nadia")
    phone.submit("/bahasa", {"lang": "en"})
    laptop = app.test_client()
    login(laptop, "nadia")
    assert '<html lang="en">' in laptop.get("/").get_data(as_text=True)


def test_download_my_data(app, client, mailbox):
    from literacy.classes import services as classes

    year = utcnow().year - 14
    client.submit(f"/daftar?tahun={year}", {"username": "made", "password": PASSWORD, "guardian_email": "wali@contoh.id"})
    with app.app_context():
        facilitator = db.session.get(User, db.session.scalar(select(User.id)))
        code = classes.create_class(facilitator, "Kelas 9A").code
    client.submit("/akun/kelas", {"class_code": code.lower()})
    response = client.get("/akun/data-saya.json")
    assert response.headers["Content-Disposition"] == 'attachment; filename="data-saya-literasi.json"'
    assert response.headers["Cache-Control"] == "no-store"
    data = response.json
    assert data["profile"]["username"] == "made" and data["profile"]["birth_year"] == year
    assert data["profile"]["display_name"] is None
    (consent,) = data["guardian_consents"]
    assert consent["status"] == "pending" and consent["guardian_email"] == "wali@contoh.id"
    assert data["classes"][0]["name"] == "Kelas 9A"


def _rows_mentioning(user_id: int, needles: list[str]) -> list[str]:
    """Every row in every table that points at the user or contains one of their personal values."""
    found = []
    for table in db.metadata.sorted_tables:
        for row in db.session.execute(select(table)).mappings():
            for column in table.columns:
                value = row[column.name]
                refers_to_user = any(fk.column.table.name == "users" for fk in column.foreign_keys)
                if refers_to_user and value == user_id:
                    found.append(f"{table.name}.{column.name}")
                if isinstance(value, str) and any(n in value.lower() for n in needles):
                    found.append(f"{table.name}.{column.name}={value!r}")
    return found


def test_delete_account_leaves_nothing_personal_behind(app, client, mailbox, make_user):
    from literacy.classes import services as classes

    make_user("bu_guru", role="facilitator")
    with app.app_context():
        code = classes.create_class(db.session.scalar(select(User)), "Kelas 7C").code
    year = utcnow().year - 16
    client.submit(f"/daftar?tahun={year}", {"username": "Putu_Bali", "password": PASSWORD,
                                            "guardian_email": "ortu.putu@contoh.id", "class_code": code})
    link = re.search(r"https://literasi\.test(/\S+)", mailbox.last_to("ortu.putu@contoh.id").get_content()).group(1)
    app.test_client().submit(link, {"guardian_name": "Ketut Sudarma", "agree": "y"})
    client.submit("/akun/profil", {"display_name": "Putu Ayu Lestari", "email": "putu.ayu@contoh.id", "locale": "id", "current_password": PASSWORD})
    with app.app_context():
        user_id = db.session.scalar(select(User.id).where(User.username_key == "putu_bali"))

    wrong = client.submit("/akun/hapus", {"password": "bukan kata sandinya"})
    assert wrong.status_code == 400 and "Akun tidak dihapus" in wrong.get_data(as_text=True)
    response = client.submit("/akun/hapus", {"password": PASSWORD})
    assert response.status_code == 303
    assert client.get("/akun").status_code == 302
    with app.app_context():
        leftovers = _rows_mentioning(user_id, ["putu_bali", "putu ayu", "putu.ayu@", "ortu.putu@", "ketut sudarma"])
        assert leftovers == []
        assert db.session.scalar(select(User.id).where(User.username_key == "bu_guru"))  # others untouched


def test_changing_the_email_needs_the_password_and_tells_the_old_address(app, client, make_user, login, mailbox):
    make_user("nadia", email="nadia@contoh.id")
    login(client, "nadia")
    refused = client.submit("/akun/profil", {"display_name": "", "email": "orang.lain@contoh.id", "locale": "id"})
    assert refused.status_code == 400 and "isi kata sandimu saat ini" in refused.get_data(as_text=True)
    assert 'value="orang.lain@contoh.id"' in refused.get_data(as_text=True)  # nothing typed is lost
    ok = client.submit("/akun/profil", {"display_name": "", "email": "nadia.baru@contoh.id", "locale": "id",
                                        "current_password": PASSWORD})
    assert ok.status_code == 303
    assert "baru saja diganti" in mailbox.last_to("nadia@contoh.id").get_content()

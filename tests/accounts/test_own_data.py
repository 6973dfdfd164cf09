"""The learner's own data: settings, download, and deletion that leaves nothing behind."""
from __future__ import annotations

import re

from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD


def link_in(message) -> str:
    return re.search(r"https://literasi\.test(/\S+)", message.get_content()).group(1)


def emails_of(app, username):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == username))
        return user.email, user.pending_email


def test_settings_change_name_email_and_language(app, client, make_user, login, mailbox):
    make_user("nadia", display_name="Nadia", email="nadia@contoh.id")
    login(client, "nadia")
    response = client.submit("/akun/profil", {"display_name": "Nadia Putri", "email": "NADIA.P@contoh.id", "locale": "en", "current_password": PASSWORD})
    assert response.status_code == 303
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == "nadia"))
        assert (user.display_name, user.locale) == ("Nadia Putri", "en")
    assert emails_of(app, "nadia") == ("nadia@contoh.id", "nadia.p@contoh.id")  # not until confirmed
    settings = client.get("/akun").get_data(as_text=True)
    assert '<html lang="en">' in settings and "nadia.p@contoh.id" in settings
    link = link_in(mailbox.last_to("nadia.p@contoh.id"))
    page = app.test_client().get(link)
    assert page.status_code == 200 and page.headers["Cache-Control"] == "no-store"
    assert emails_of(app, "nadia") == ("nadia@contoh.id", "nadia.p@contoh.id")  # opening the link changes nothing
    assert app.test_client().submit(link).status_code == 303
    assert emails_of(app, "nadia") == ("nadia.p@contoh.id", None)
    assert app.test_client().get(link).status_code == 410  # single use


def test_an_address_someone_else_has_reveals_nothing_and_its_owner_is_told(app, client, make_user, login, mailbox):
    make_user("nadia")
    make_user("dimas", email="dimas@contoh.id")
    login(client, "nadia")
    taken = client.submit("/akun/profil", {"display_name": "", "email": "DIMAS@contoh.id", "locale": "id",
                                           "current_password": PASSWORD}, follow_redirects=True)
    free = client.submit("/akun/profil", {"display_name": "", "email": "bebas@contoh.id", "locale": "id",
                                          "current_password": PASSWORD}, follow_redirects=True)
    strip = lambda page: page.get_data(as_text=True).replace("dimas@contoh.id", "X").replace("bebas@contoh.id", "X")  # noqa: E731
    assert taken.status_code == free.status_code == 200
    assert strip(taken).split('name="csrf_token"')[0] == strip(free).split('name="csrf_token"')[0]
    note = mailbox.last_to("dimas@contoh.id").get_content()
    assert '"dimas"' in note and "/atur-ulang/" not in note and "/akun/email/" not in note
    assert emails_of(app, "dimas") == ("dimas@contoh.id", None)


def test_signing_up_with_a_taken_email_looks_the_same_and_tells_the_owner(app, make_user, mailbox):
    make_user("dimas", email="dimas@contoh.id")
    pages = []
    for username, email in (("baru_satu", "dimas@contoh.id"), ("baru_dua", "bebas@contoh.id")):
        response = app.test_client().submit("/daftar?tahun=1990", {"username": username, "password": PASSWORD,
                                                                   "email": email}, follow_redirects=True)
        pages.append(response.get_data(as_text=True))
    assert all("Buka email yang kami kirim untuk mengonfirmasi" in page for page in pages)
    assert "sudah dipakai" not in pages[0]
    assert '"dimas"' in mailbox.last_to("dimas@contoh.id").get_content()
    assert "/akun/email/" in mailbox.last_to("bebas@contoh.id").get_content()
    assert emails_of(app, "baru_satu") == (None, "dimas@contoh.id")


def test_a_confirmation_link_for_an_address_taken_meanwhile_says_so(app, client, make_user, login, mailbox):
    make_user("nadia")
    login(client, "nadia")
    client.submit("/akun/profil", {"display_name": "", "email": "rebutan@contoh.id", "locale": "id",
                                   "current_password": PASSWORD})
    link = link_in(mailbox.last_to("rebutan@contoh.id"))
    make_user("cepat", email="rebutan@contoh.id")
    response = app.test_client().submit(link, follow_redirects=True)
    assert response.status_code == 409 and "Email itu sudah dipakai akun lain." in response.get_data(as_text=True)
    assert emails_of(app, "nadia") == (None, "rebutan@contoh.id")


def test_chosen_language_follows_the_user_to_a_new_device(app, make_user, login):
    make_user("nadia")
    phone = app.test_client()
    login(phone, "nadia")
    phone.get("/bahasa/en?next=/akun")
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
    client.submit(link_in(mailbox.last_to("nadia.baru@contoh.id")))
    assert "baru saja diganti" in mailbox.last_to("nadia@contoh.id").get_content()


def test_erased_rows_do_not_linger_in_the_database_files(app, client, database_url, make_user, login):
    """SQLite keeps old page images in the -wal file and deleted cells in free pages unless told."""
    from pathlib import Path

    import pytest

    if not database_url.startswith("sqlite"):
        pytest.skip("PostgreSQL's own storage; this is about the embedded SQLite file")
    make_user("zyxwvu_rahasia", display_name="Qwertz Rahasia Sekali", email="qwertz@contoh.id")
    login(client, "zyxwvu_rahasia")
    assert client.submit("/akun/hapus", {"password": PASSWORD}).status_code == 303
    path = Path(database_url[len("sqlite:///"):])
    files = [path, Path(str(path) + "-wal")]
    stored = b"".join(f.read_bytes() for f in files if f.exists())
    for secret in (b"Qwertz Rahasia", b"zyxwvu_rahasia", b"qwertz@contoh.id"):
        assert secret not in stored, secret


def test_purge_erases_unanswered_consent_requests_and_expired_logins(app, db, runner, make_user):
    from datetime import timedelta

    from sqlalchemy import update

    from literacy.accounts import services, sessions
    from literacy.accounts.models import GuardianConsent, UserSession

    year = utcnow().year - 14
    ids = [make_user(name, birth_year=year) for name in ("lama", "baru")]
    old, fresh = (db.session.get(User, user_id) for user_id in ids)
    services.request_consent(old, "wali.lama@contoh.id")
    services.request_consent(fresh, "wali.baru@contoh.id")
    db.session.execute(update(GuardianConsent).where(GuardianConsent.student_id == old.id)
                       .values(token_expires_at=utcnow() - timedelta(minutes=1)))
    sessions.open_session(old, remember=False)
    db.session.execute(update(UserSession).values(last_seen_at=utcnow() - timedelta(days=1)))
    db.session.commit()
    db.session.remove()
    result = runner.invoke(args=["users", "purge"])
    assert result.exit_code == 0 and result.output.startswith("1 login kedaluwarsa dihapus; 1 permintaan")
    rows = {c.student_id: (c.status, c.guardian_email) for c in db.session.scalars(select(GuardianConsent))}
    assert rows == {ids[0]: ("expired", None), ids[1]: ("pending", "wali.baru@contoh.id")}
    assert db.session.scalars(select(UserSession)).all() == []

"""Guardian consent: by email link (real SMTP) and by a facilitator's paper form; withdrawal."""
from __future__ import annotations

import re

import pytest

from sqlalchemy import select, update

from literacy.accounts.models import GuardianConsent, User
from literacy.extensions import db
from literacy.utils import utcnow

from ..conftest import PASSWORD, years_ago



def link_in(message) -> str:
    return re.search(r"https://literasi\.test(/\S+)", message.get_content()).group(1)


def student(app, username="ketut"):
    with app.app_context():
        user = db.session.scalar(select(User).where(User.username_key == username))
        consents = [(c.status, c.method, c.guardian_name, c.text_version) for c in user.consents]
        result = (user.display_name, user.email, consents)
        db.session.remove()
        return result


def test_consent_by_email_link(app, client, mailbox):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "ibu.ketut@contoh.id"})
    message = mailbox.last_to("ibu.ketut@contoh.id")
    assert "ketut" in message.get_content() and "berlaku 7 hari" in message.get_content()
    link = link_in(message)

    guardian = app.test_client()
    page = guardian.get(link).get_data(as_text=True)
    assert "Pelindungan Data Pribadi" in page and "Versi teks: 2026-11-v1" in page
    refused = guardian.submit(link, {"guardian_name": "Ni Made Sari"})
    assert refused.status_code == 200 and "Centang kotak ini" in refused.get_data(as_text=True)
    done = guardian.submit(link, {"guardian_name": "Ni Made Sari", "agree": "y"})
    assert "sudah tercatat" in done.get_data(as_text=True)
    assert student(app)[2][-1] == ("given", "email", "Ni Made Sari", "2026-11-v1")
    assert "menarik persetujuan" in mailbox.last_to("ibu.ketut@contoh.id").get_content()

    # single use
    assert guardian.get(link).status_code == 410
    # the student sees it and may now keep a display name for certificates
    settings = client.get("/akun").get_data(as_text=True)
    assert "Diberikan oleh Ni Made Sari" in settings
    client.submit("/akun/profil", {"display_name": "Ketut Ayu", "email": "", "locale": "id"})
    assert student(app)[0] == "Ketut Ayu"


def test_expired_or_forged_links_do_not_work(app, client, mailbox):

    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    link = link_in(mailbox.last_to("wali@contoh.id"))
    assert app.test_client().get("/persetujuan/palsu").status_code == 410
    with app.app_context():
        db.session.execute(update(GuardianConsent).values(token_expires_at=utcnow().replace(year=2000)))
        db.session.commit()
    assert app.test_client().get(link).status_code == 410


def test_a_new_request_cancels_the_old_link(app, client, mailbox):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    first = link_in(mailbox.last_to("wali@contoh.id"))
    client.submit("/akun/persetujuan", {"guardian_email": "ayah@contoh.id"})
    second = link_in(mailbox.last_to("ayah@contoh.id"))
    assert app.test_client().get(first).status_code == 410
    assert app.test_client().get(second).status_code == 200


def test_minor_cannot_store_name_or_email_before_consent(app, client):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD})
    response = client.submit("/akun/profil", {"display_name": "Ketut", "email": "k@contoh.id", "locale": "id", "current_password": PASSWORD})
    assert response.status_code == 400
    assert "setelah orang tua/walimu memberi persetujuan" in response.get_data(as_text=True)
    assert student(app)[:2] == (None, None)


def test_withdrawal_by_guardian_erases_name_and_email(app, client, mailbox):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    guardian = app.test_client()
    guardian.submit(link_in(mailbox.last_to("wali@contoh.id")), {"guardian_name": "Wali", "agree": "y"})
    client.submit("/akun/profil", {"display_name": "Ketut Ayu", "email": "ketut@contoh.id", "locale": "id", "current_password": PASSWORD})
    withdraw = link_in(mailbox.last_to("wali@contoh.id"))
    assert "/persetujuan/tarik/" in withdraw
    guardian.submit(withdraw, {})
    name, email, consents = student(app)
    assert (name, email) == (None, None) and consents[-1][0] == "withdrawn"


def test_student_can_withdraw_too(app, client, mailbox):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    app.test_client().submit(link_in(mailbox.last_to("wali@contoh.id")), {"guardian_name": "Wali", "agree": "y"})
    client.submit("/akun/persetujuan/tarik")
    assert student(app)[2][-1][0] == "withdrawn"


def test_facilitator_records_paper_consent_for_a_student_in_their_class(app, client, make_user, login):
    from literacy.classes import services as classes

    facilitator_id = make_user("bu_maria", role="facilitator")
    with app.app_context():
        code = classes.create_class(db.session.get(User, facilitator_id), "Kelas 8B Kupang").code
        class_id = classes.find_by_code(code).id
    student_client = app.test_client()
    student_client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD, "class_code": code})
    with app.app_context():
        student_id = db.session.scalar(select(User.id).where(User.username_key == "ketut"))

    login(client, "bu_maria")
    roster = client.get(f"/kelas/{class_id}").get_data(as_text=True)
    assert "ketut" in roster and "Persetujuan orang tua/wali: belum ada." in roster
    bad = client.submit(f"/kelas/{class_id}/siswa/{student_id}/persetujuan", {"guardian_name": "", "reference": ""})
    assert bad.status_code == 400 and "Isi nama orang tua/wali." in bad.get_data(as_text=True)
    assert student(app)[2] == []
    client.submit(f"/kelas/{class_id}/siswa/{student_id}/persetujuan",
                  {"guardian_name": "Bapak Yohanes", "reference": "FORM-2026-017"})
    assert student(app)[2][-1] == ("given", "paper", "Bapak Yohanes", "2026-11-v1")
    assert "formulir kertas, nomor FORM-2026-017" in student_client.get("/akun").get_data(as_text=True)


def test_facilitator_cannot_touch_students_outside_their_classes(app, client, make_user, login):
    from literacy.classes import services as classes

    mine = make_user("bu_maria", role="facilitator")
    other = make_user("pak_dimas", role="facilitator")
    student_id = make_user("ketut", birth_year=years_ago(15))
    with app.app_context():
        theirs = classes.create_class(db.session.get(User, other), "Kelas lain")
        classes.join(db.session.get(User, student_id), theirs.code)
        own = classes.create_class(db.session.get(User, mine), "Kelas saya")
        theirs_id, own_id = theirs.id, own.id
    login(client, "bu_maria")
    assert client.get(f"/kelas/{theirs_id}").status_code == 404
    assert client.submit(f"/kelas/{theirs_id}/siswa/{student_id}/persetujuan",
                         {"guardian_name": "X", "reference": "Y"}).status_code == 404
    # the student is not in bu_maria's own class either
    assert client.submit(f"/kelas/{own_id}/siswa/{student_id}/persetujuan",
                         {"guardian_name": "X", "reference": "Y"}).status_code == 404
    assert client.submit(f"/kelas/{own_id}/siswa/{student_id}/atur-ulang").status_code == 404
    assert student(app)[2] == []


def test_only_one_active_consent_and_withdrawal_really_erases(app, client, mailbox, make_user, login):
    from literacy.accounts import services
    from literacy.classes import services as classes

    make_user("bu_guru", role="facilitator")
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    app.test_client().submit(link_in(mailbox.last_to("wali@contoh.id")), {"guardian_name": "Wali", "agree": "y"})
    client.submit("/akun/profil", {"display_name": "Dewi Lestari", "email": "dewi@contoh.id", "locale": "id", "current_password": PASSWORD})
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_guru"))
        student_row = db.session.scalar(select(User).where(User.username_key == "ketut"))
        code = classes.create_class(facilitator, "8A").code
        classes.join(student_row, code)
        with pytest.raises(services.AccountError):
            services.record_paper_consent(facilitator, student_row, "Orang lain", "F-1")
        with pytest.raises(services.AccountError):
            services.request_consent(student_row, "lagi@contoh.id")
    again = client.submit("/akun/persetujuan", {"guardian_email": "lagi@contoh.id"}, follow_redirects=True)
    assert "Persetujuan orang tua/wali sudah ada" in again.get_data(as_text=True)
    response = client.submit("/akun/persetujuan/tarik", follow_redirects=True)
    assert "Nama tampilan dan emailmu sudah dihapus" in response.get_data(as_text=True)
    name, email, consents = student(app)
    assert (name, email) == (None, None) and [c[0] for c in consents] == ["withdrawn"]


def test_a_double_tap_by_the_guardian_records_one_consent(app, client, mailbox):
    client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                  "guardian_email": "wali@contoh.id"})
    link = link_in(mailbox.last_to("wali@contoh.id"))
    guardian = app.test_client()
    first = guardian.submit(link, {"guardian_name": "Wali", "agree": "y"})
    second = guardian.submit(link, {"guardian_name": "Wali", "agree": "y"})
    assert first.status_code == 200 and second.status_code == 410
    confirmations = [m for m in mailbox.messages if "menarik persetujuan" in m.get_content()]
    assert len(confirmations) == 1


def test_a_mail_server_failure_loses_no_request_and_the_outbox_sends_it_later(app_factory, _smtp, mailbox):
    from literacy.outbox.models import OutboxMessage

    app = app_factory(MAIL_SERVER="127.0.0.1", MAIL_PORT=1)  # nothing listens there
    client = app.test_client()
    response = client.submit(f"/daftar?tahun={years_ago(15)}", {"username": "ketut", "password": PASSWORD,
                                                             "guardian_email": "wali@contoh.id"},
                             follow_redirects=True)
    assert response.status_code == 200
    assert "Kami mengirim email ke orang tua/walimu" in response.get_data(as_text=True)
    with app.app_context():
        waiting = db.session.scalars(select(OutboxMessage)).one()
        assert (waiting.recipient, waiting.sent_at, waiting.attempts) == ("wali@contoh.id", None, 1)
        assert "ConnectionRefusedError" in waiting.last_error
        db.session.execute(update(OutboxMessage).values(send_after=utcnow()))  # past the back-off
        db.session.commit()
    app.config["MAIL_PORT"] = _smtp[0].port  # the server is back
    result = app.test_cli_runner().invoke(args=["mail", "send"])
    assert result.output.startswith("sent 1, failed 0, waiting 0"), result.output
    assert "Persetujuan orang tua/wali" in mailbox.last_to("wali@contoh.id")["Subject"]

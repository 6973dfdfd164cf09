"""The workshop pages through HTTP: planning forms, the schedule, registering, the roster and check-in."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from literacy.extensions import db
from literacy.outbox.models import OutboxMessage
from literacy.workshops.models import Registration, Workshop

from .conftest import local_days_ahead


def typed(days: int, hour: int):
    """A date and time typed into the form, worked out when the test runs rather than when pytest
    collects it: a run that crosses midnight would otherwise compare two different days."""
    return lambda: local_days_ahead(days, hour).strftime("%Y-%m-%dT%H:%M")


def form(**overrides) -> dict:
    data = {"title": "Aman di Media Sosial", "description": "Bawa ponsel.", "audiences": ["smp", "guru"],
            "venue_name": "Aula Pesantren Al-Hikmah", "venue_address": "Jl. Mawar 2", "city": "Kota Makassar",
            "province": "sulawesi-selatan", "starts_at": local_days_ahead(7, 9).strftime("%Y-%m-%dT%H:%M"),
            "ends_at": local_days_ahead(7, 12).strftime("%Y-%m-%dT%H:%M"), "capacity": "40",
            "registration_opens_at": "", "registration_closes_at": "", "co_facilitators": ""}
    data.update(overrides)
    return data


@pytest.fixture
def facilitator_client(app, facilitator, login):
    client = app.test_client()
    login(client, "bu_fasil")
    return client


def test_plan_publish_and_find_it_on_the_schedule(app, facilitator_client, client):
    response = facilitator_client.submit("/lokakarya/kelola/baru", form())
    assert response.status_code == 303, response.get_data(as_text=True)[:3000]
    with app.app_context():
        workshop = db.session.scalars(select(Workshop)).one()
        assert workshop.status == "draft" and workshop.province == "sulawesi-selatan"
        assert workshop.starts_at.hour == 1  # 09.00 WITA
        workshop_id = workshop.id
    assert client.get(f"/lokakarya/{workshop_id}").status_code == 404  # a draft is private
    assert "Aman di Media Sosial" not in client.get("/lokakarya").get_data(as_text=True)
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/terbitkan")
    page = client.get("/lokakarya?provinsi=sulawesi-selatan").get_data(as_text=True)
    assert "Aman di Media Sosial" in page and "09.00–12.00 WITA" in page and "Sisa 40 kursi" in page
    assert "Aman di Media Sosial" not in client.get("/lokakarya?provinsi=bali").get_data(as_text=True)
    assert "Aman di Media Sosial" in client.get("/lokakarya?peserta=guru").get_data(as_text=True)
    assert "Aman di Media Sosial" not in client.get("/lokakarya?peserta=mahasiswa").get_data(as_text=True)
    detail = client.get(f"/lokakarya/{workshop_id}").get_data(as_text=True)
    assert "Aula Pesantren Al-Hikmah" in detail and "Masuk untuk mendaftar" in detail


@pytest.mark.parametrize("changes, message", [
    ({"ends_at": typed(7, 8)}, "Waktu selesai harus sesudah waktu mulai."),
    ({"capacity": "0"}, "Kapasitas harus antara 1 dan 1000 orang."),
    ({"capacity": "100000"}, "Kapasitas harus antara 1 dan 1000 orang."),
    ({"province": "atlantis"}, "Pilih provinsi dari daftar."),
    ({"registration_closes_at": typed(7, 10)},
     "Pendaftaran harus ditutup paling lambat saat lokakarya mulai."),
    ({"starts_at": typed(-2, 9),
      "ends_at": typed(-2, 12)}, "Waktu mulai sudah lewat."),
    ({"co_facilitators": "hantu"}, "Bukan akun fasilitator: hantu."),
    ({"audiences": []}, "Pilih paling sedikit satu kelompok peserta."),
    ({"capacity": "tiga puluh"}, "Tulis angka bulat, misalnya 30."),
    ({"starts_at": "besok pagi"}, "Tulis tanggal dan jam dengan lengkap"),
    ({"title": "x" * 201}, "Paling banyak 200 karakter."),
])
def test_bad_input_is_answered_in_the_form_and_nothing_is_lost(app, facilitator_client, changes, message):
    changes = {name: value() if callable(value) else value for name, value in changes.items()}
    response = facilitator_client.submit("/lokakarya/kelola/baru", form(**changes))
    page = response.get_data(as_text=True)
    assert response.status_code == 400 and message in page
    assert 'value="Aula Pesantren Al-Hikmah"' in page and "Bawa ponsel." in page
    with app.app_context():
        assert db.session.scalars(select(Workshop)).all() == []


def test_register_wait_withdraw_and_promotion_through_the_pages(app, make_workshop, make_user, login, mailbox):
    workshop_id = make_workshop(capacity=1)
    make_user("ani", email="ani@contoh.id")
    make_user("budi", email="budi@contoh.id")
    ani, budi = app.test_client(), app.test_client()
    login(ani, "ani")
    login(budi, "budi")
    page = ani.submit(f"/lokakarya/{workshop_id}/daftar", follow_redirects=True).get_data(as_text=True)
    assert "Kamu terdaftar." in page and "<svg" in page and 'class="code big"' in page
    page = budi.submit(f"/lokakarya/{workshop_id}/daftar", follow_redirects=True).get_data(as_text=True)
    assert "urutan ke-1" in page
    ani.submit(f"/lokakarya/{workshop_id}/batal-daftar")
    assert mailbox.last_to("budi@contoh.id")["Subject"] == "Kamu dapat kursi: Kenali Hoaks di Grup WhatsApp"
    dashboard = budi.get("/dasbor").get_data(as_text=True)
    assert "kamu mendapat kursi dari daftar tunggu" in dashboard
    assert "Kamu mendapat kursi dari daftar tunggu." in budi.get(f"/lokakarya/{workshop_id}").get_data(as_text=True)


def test_the_roster_is_only_for_the_workshops_facilitators(app, make_workshop, make_user, login):
    workshop_id = make_workshop()
    make_user("pak_lain", role="facilitator")
    make_user("pak_andi", role="facilitator")
    make_user("siswa")
    co_id = make_workshop(co_facilitators="pak_andi")
    for username, own, co in (("pak_lain", 404, 404), ("pak_andi", 404, 200), ("siswa", 404, 404)):
        client = app.test_client()
        login(client, username)
        assert client.get(f"/lokakarya/kelola/{workshop_id}").status_code == own, username
        assert client.get(f"/lokakarya/kelola/{co_id}").status_code == co, username
        assert client.get(f"/lokakarya/kelola/{workshop_id}/peserta.csv").status_code == own
        assert client.submit(f"/lokakarya/kelola/{workshop_id}/batalkan").status_code == own
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).status == "published"


def _registered(app, make_user, login, workshop_id, username, **kwargs):
    make_user(username, **kwargs)
    client = app.test_client()
    login(client, username)
    page = client.submit(f"/lokakarya/{workshop_id}/daftar", follow_redirects=True).get_data(as_text=True)
    return client, page


def test_check_in_by_qr_url_by_code_and_by_tap(app, make_workshop, make_user, login, facilitator_client):
    workshop_id = make_workshop()
    _, page = _registered(app, make_user, login, workshop_id, "ani")
    with app.app_context():
        registration = db.session.scalars(select(Registration)).one()
        code = registration.code
    from literacy.workshops import registrations

    with app.test_request_context():
        token = registrations.check_in_token(db.session.get(Registration, registration.id))
    url = f"/lokakarya/kelola/presensi/{token}"
    confirm = facilitator_client.get(url)
    assert confirm.status_code == 200 and "ani" in confirm.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Registration, registration.id).checked_in_at is None  # GET records nothing
    facilitator_client.submit(url)
    with app.app_context():
        row = db.session.get(Registration, registration.id)
        assert row.checked_in_at is not None and row.checked_in_by.username == "bu_fasil"

    _registered(app, make_user, login, workshop_id, "budi")
    with app.app_context():
        budi = db.session.scalar(select(Registration).where(Registration.checked_in_at.is_(None)))
        budi_code, budi_id = budi.code, budi.id
    wrong = facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/hadir/kode", {"code": "ZZZZZZ"})
    assert wrong.status_code == 400 and "Kode itu tidak ada di lokakarya ini" in wrong.get_data(as_text=True)
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/hadir/kode", {"code": budi_code.lower()})
    _registered(app, make_user, login, workshop_id, "cici")
    with app.app_context():
        cici_id = db.session.scalar(select(Registration.id).where(Registration.checked_in_at.is_(None)))
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/hadir/{cici_id}")
    with app.app_context():
        assert db.session.scalar(select(Registration).where(Registration.checked_in_at.is_(None))) is None
    assert code != budi_code and budi_id != cici_id


def test_forged_and_other_workshop_check_in_urls_fail(app, make_workshop, make_user, login, facilitator_client):
    from literacy.workshops import registrations

    own = make_workshop()
    make_user("pak_lain", role="facilitator")
    other = make_workshop(owner_id=None)
    with app.app_context():
        from literacy.accounts.models import User

        other_owner = db.session.scalar(select(User).where(User.username_key == "pak_lain"))
        db.session.get(Workshop, other).owner_id = other_owner.id
        db.session.commit()
    _registered(app, make_user, login, other, "ani")
    with app.test_request_context():
        registration = db.session.scalars(select(Registration)).one()
        token = registrations.check_in_token(registration)
    assert facilitator_client.get(f"/lokakarya/kelola/presensi/{token}").status_code == 404  # not her workshop
    assert facilitator_client.submit(f"/lokakarya/kelola/presensi/{token}").status_code == 404
    forged = token[:-3] + ("AAA" if not token.endswith("AAA") else "BBB")
    assert facilitator_client.get(f"/lokakarya/kelola/presensi/{forged}").status_code == 404
    assert facilitator_client.get("/lokakarya/kelola/presensi/bukan-token").status_code == 404
    # The code of another workshop's registration does not work on her own roster either.
    response = facilitator_client.submit(f"/lokakarya/kelola/{own}/hadir/kode", {"code": registration.code})
    assert response.status_code == 400
    with app.app_context():
        assert db.session.scalars(select(Registration.checked_in_at)).all() == [None]


def test_walk_ins_and_the_csv_that_excel_opens(app, make_workshop, make_user, login, facilitator_client):
    workshop_id = make_workshop(capacity=1)
    _registered(app, make_user, login, workshop_id, "ani")
    make_user("budi")
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/peserta-langsung", {"username": "BUDI"})
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/peserta-langsung", {"name": "=HYPERLINK(\"x\")"})
    unknown = facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/peserta-langsung", {"username": "hantu"})
    assert unknown.status_code == 400 and "Tidak ada akun dengan nama pengguna hantu." in unknown.get_data(as_text=True)
    empty = facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/peserta-langsung", {})
    assert empty.status_code == 400 and "Isi nama pengguna atau nama peserta." in empty.get_data(as_text=True)
    response = facilitator_client.get(f"/lokakarya/kelola/{workshop_id}/peserta.csv")
    body = response.get_data()
    assert response.mimetype == "text/csv" and body.startswith("\ufeff".encode())
    assert b"\r\n" in body and body.count(b"\r\n") == 4
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"), newline="")))
    assert rows[0][:5] == ["No", "Nama", "Nama pengguna", "Status", "Hadir"]
    names = {row[1]: row for row in rows[1:]}
    assert set(names) == {"ani", "budi", "'=HYPERLINK(\"x\")"}
    assert names["budi"][4] == "ya" and names["budi"][7] == "ya" and names["ani"][4] == "tidak"
    with app.app_context():
        assert db.session.get(Workshop, workshop_id).confirmed_count == 3  # walk-ins are in the room
    sheet = facilitator_client.get(f"/lokakarya/kelola/{workshop_id}/daftar-hadir").get_data(as_text=True)
    assert "Tanda tangan" in sheet and "budi" in sheet


def test_schedule_queries_do_not_grow_with_the_number_of_workshops(app, client, make_workshop, count_queries,
                                                                   example_course):
    make_workshop(modules=["kenali-hoaks"])
    with count_queries() as one:
        assert client.get("/lokakarya").status_code == 200
    for n in range(5):
        make_workshop(modules=["kenali-hoaks"], title=f"Lokakarya {n}")
    with count_queries() as six:
        page = client.get("/lokakarya?modul=kenali-hoaks").get_data(as_text=True)
    assert page.count('class="card"') == 6
    assert len(six) == len(one)


def test_calendars_parse_back_with_stable_uid_sequence_and_cancellation(app, client, make_workshop,
                                                                       facilitator_client):
    from icalendar import Calendar

    workshop_id = make_workshop(province="papua-pegunungan")
    first = Calendar.from_ical(client.get(f"/lokakarya/{workshop_id}.ics").get_data())
    assert first["METHOD"] == "PUBLISH"
    event = first.walk("VEVENT")[0]
    assert str(event["UID"]) == f"workshop-{workshop_id}@literasi.test"
    assert event.decoded("DTSTART").hour == 9 and str(event.decoded("DTSTART").tzinfo) == "Asia/Jayapura"
    assert [str(tz["TZID"]) for tz in first.walk("VTIMEZONE")] == ["Asia/Jayapura"]
    facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/batalkan")
    feed = Calendar.from_ical(client.get("/lokakarya/provinsi/papua-pegunungan.ics").get_data())
    cancelled = feed.walk("VEVENT")[0]
    assert str(cancelled["UID"]) == str(event["UID"]) and cancelled["STATUS"] == "CANCELLED"
    assert int(cancelled["SEQUENCE"]) > int(event["SEQUENCE"])
    assert client.get("/lokakarya/provinsi/atlantis.ics").status_code == 404


def test_a_facilitators_private_feed_and_regenerating_its_secret(app, client, make_workshop, facilitator_client):
    from icalendar import Calendar

    make_workshop(publish=False, title="Draf rahasia")
    facilitator_client.submit("/lokakarya/kelola/kalender")
    page = facilitator_client.get("/lokakarya/kelola").get_data(as_text=True)
    url = re.search(r'href="https://literasi.test(/lokakarya/kalender/[^"]+\.ics)"', page).group(1)
    feed = Calendar.from_ical(client.get(url).get_data())
    assert [str(e["SUMMARY"]) for e in feed.walk("VEVENT")] == ["Draf rahasia"]
    facilitator_client.submit("/lokakarya/kelola/kalender")
    assert client.get(url).status_code == 404
    assert client.get("/lokakarya/kalender/tebakan.ics").status_code == 404


def test_rating_after_attending(app, make_workshop, make_user, login, facilitator_client):
    from datetime import timedelta

    workshop_id = make_workshop()
    student, _ = _registered(app, make_user, login, workshop_id, "ani")
    with app.app_context():
        registration = db.session.scalars(select(Registration)).one()
        workshop = db.session.get(Workshop, workshop_id)
        registration.checked_in_at = workshop.starts_at
        workshop.starts_at -= timedelta(days=6)
        workshop.ends_at -= timedelta(days=6)
        workshop.registration_opens_at -= timedelta(days=7)
        workshop.registration_closes_at = workshop.starts_at
        db.session.commit()
    page = student.get(f"/lokakarya/{workshop_id}").get_data(as_text=True)
    assert "Bagaimana lokakaryanya?" in page
    student.submit(f"/lokakarya/{workshop_id}/nilai", {"rating": "5", "comment": "Seru sekali"})
    again = student.submit(f"/lokakarya/{workshop_id}/nilai", {"rating": "1"}, follow_redirects=True)
    assert "hanya sekali" in again.get_data(as_text=True)
    roster = facilitator_client.get(f"/lokakarya/kelola/{workshop_id}").get_data(as_text=True)
    assert "Rata-rata 5.0 dari 5, dari 1 penilaian." in roster and "5/5: Seru sekali" in roster
    schedule = app.test_client().get("/lokakarya").get_data(as_text=True)
    assert "Sudah berlangsung" in schedule and "1 peserta hadir" in schedule
    assert "1 peserta hadir" in app.test_client().get(f"/lokakarya/{workshop_id}").get_data(as_text=True)


def test_my_data_lists_registrations_and_deleting_the_account_gives_the_seat_back(app, make_workshop, make_user,
                                                                                 login):
    from ..conftest import PASSWORD

    workshop_id = make_workshop(capacity=1)
    ani, _ = _registered(app, make_user, login, workshop_id, "ani")
    budi, page = _registered(app, make_user, login, workshop_id, "budi")
    assert "urutan ke-1" in page
    data = ani.get("/akun/data-saya.json").json
    assert [(r["workshop"], r["status"]) for r in data["workshops"]] == [("Kenali Hoaks di Grup WhatsApp", "confirmed")]
    assert ani.submit("/akun/hapus", {"password": PASSWORD}).status_code == 303
    with app.app_context():
        rows = db.session.scalars(select(Registration)).all()
        assert [(r.user.username, r.status) for r in rows] == [("budi", "confirmed")]
        assert db.session.get(Workshop, workshop_id).confirmed_count == 1
    assert "Kamu mendapat kursi dari daftar tunggu." in budi.get(f"/lokakarya/{workshop_id}").get_data(as_text=True)


def test_a_bad_rating_is_refused_with_a_message(app, make_workshop, make_user, login):
    workshop_id = make_workshop()
    student, _ = _registered(app, make_user, login, workshop_id, "ani")
    page = student.submit(f"/lokakarya/{workshop_id}/nilai", {"rating": "9"}, follow_redirects=True)
    assert page.status_code == 200 and "Pilih nilai 1 sampai 5." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Registration.rated_at)).all() == [None]


def test_a_copy_cannot_be_published_while_its_date_is_in_the_past(app, make_workshop, facilitator_client):
    from datetime import timedelta

    workshop_id = make_workshop()
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        workshop.starts_at -= timedelta(days=10)
        workshop.ends_at -= timedelta(days=10)
        db.session.commit()
    location = facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/duplikat").headers["Location"]
    copy_id = int(location.split("/")[-2])
    page = facilitator_client.submit(f"/lokakarya/kelola/{copy_id}/terbitkan", follow_redirects=True)
    assert "Waktu mulai sudah lewat. Ubah tanggalnya dulu, lalu terbitkan." in page.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(Workshop, copy_id).status == "draft"


def test_the_schedule_says_full_closed_and_cancelled_plainly_in_both_languages(app, client, make_workshop,
                                                                               make_user, login, facilitator_client):
    full = make_workshop(capacity=1, title="Lokakarya Penuh")
    make_workshop(title="Lokakarya Tutup", registration_closes_at=local_days_ahead(5, 8),
                  registration_opens_at=local_days_ahead(-1, 8))
    cancelled = make_workshop(title="Lokakarya Batal")
    _registered(app, make_user, login, full, "ani")
    facilitator_client.submit(f"/lokakarya/kelola/{cancelled}/batalkan")
    with app.app_context():
        from datetime import timedelta

        closed = db.session.scalar(select(Workshop).where(Workshop.title == "Lokakarya Tutup"))
        closed.registration_closes_at = closed.registration_opens_at + timedelta(hours=1)
        db.session.commit()
    page = client.get("/lokakarya").get_data(as_text=True)
    cards = {title: page.split(title, 1)[1].split("</li>", 1)[0]
             for title in ("Lokakarya Penuh", "Lokakarya Tutup", "Lokakarya Batal")}
    assert "Penuh: daftar untuk masuk daftar tunggu" in cards["Lokakarya Penuh"]
    assert "Pendaftaran ditutup" in cards["Lokakarya Tutup"]
    assert "Dibatalkan" in cards["Lokakarya Batal"]
    client.set_cookie("lang", "en")
    english = client.get("/lokakarya").get_data(as_text=True)
    assert "Workshop schedule" in english and "Full: register to join the waiting list" in english
    assert re.search(r"\w+day, \w+ \d+, \d{4}, 09:00–12:00 WITA", english)


@pytest.mark.parametrize("url", ["/lokakarya?modul=%00&provinsi=%00&bulan=%00&peserta=%00",
                                 "/lokakarya/kalender/ab%00cd.ics", "/lokakarya/provinsi/%00.ics",
                                 "/lokakarya/kelola/presensi/%00"])
def test_nul_bytes_in_urls_never_reach_the_database(app, facilitator_client, url):
    response = facilitator_client.get(url)  # the app-wide guard (literacy/security.py) answers first
    assert response.status_code == 400 and "karakter tak terlihat" in response.get_data(as_text=True)


def test_a_nul_in_a_workshop_form_is_refused_before_the_form_reads_it(app, facilitator_client):
    response = facilitator_client.submit("/lokakarya/kelola/baru", form(title="Judul\x00"))
    assert response.status_code == 400 and "karakter tak terlihat" in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.scalars(select(Workshop)).all() == []


def test_the_roster_page_runs_the_same_queries_for_3_or_30_people(app, make_workshop, make_user, login,
                                                                  facilitator_client, count_queries):
    from literacy.accounts.models import User
    from literacy.workshops import registrations, services

    workshop_id = make_workshop(capacity=20)
    ids = [make_user(f"murid{n}") for n in range(30)]

    def register(user_ids):
        with app.app_context():
            workshop = services.get_workshop(workshop_id)
            for user_id in user_ids:
                registration = registrations.register(db.session.get(User, user_id), workshop)
                if registration.status == "confirmed" and user_id % 2:
                    registrations.check_in(db.session.get(User, user_id), registration)
            db.session.remove()

    register(ids[:3])
    url = f"/lokakarya/kelola/{workshop_id}"
    with count_queries() as few:
        facilitator_client.get(url)
    register(ids[3:])
    with count_queries() as many:
        page = facilitator_client.get(url).get_data(as_text=True)
    assert page.count("<tr>") == 31 and "murid29" in page
    assert len(many) == len(few)


def test_editing_shows_local_times_and_a_new_time_reaches_registered_people_by_email(
        app, make_workshop, make_user, login, facilitator_client, mailbox):
    workshop_id = make_workshop(province="bali")
    _registered(app, make_user, login, workshop_id, "ani", email="ani@contoh.id")
    page = facilitator_client.get(f"/lokakarya/kelola/{workshop_id}/ubah").get_data(as_text=True)
    day = local_days_ahead(5, 9).strftime("%Y-%m-%d")
    assert f'value="{day}T09:00"' in page and '<option selected value="bali">Bali</option>' in page
    changed = form(province="bali", starts_at=f"{day}T14:00", ends_at=f"{day}T16:30")
    response = facilitator_client.submit(f"/lokakarya/kelola/{workshop_id}/ubah", changed)
    assert response.status_code == 303
    message = mailbox.last_to("ani@contoh.id")
    assert message["Subject"] == "Jadwal lokakarya berubah: Aman di Media Sosial"
    assert "14.00–16.30 WITA" in message.get_body(("plain",)).get_content()
    with app.app_context():
        workshop = db.session.get(Workshop, workshop_id)
        assert (workshop.starts_at.hour, workshop.ends_at.hour, workshop.ends_at.minute) == (6, 8, 30)

"""Every route for every role: who gets in, who is sent to log in, who is refused."""
from __future__ import annotations

import pytest
from sqlalchemy import select

from literacy.accounts.models import User
from literacy.extensions import db
from literacy.utils import utcnow

ROLES = ["anonymous", "student", "facilitator", "partner", "admin"]
LOGIN = 302  # anonymous users are sent to /masuk


@pytest.fixture
def world(app, make_user, snapshot):
    """One account per role, a class owned by the facilitator, and one owned by someone else.

    Built once and restored for each of the table's cases (tests/conftest.py ``snapshot``)."""
    return snapshot("access-world", lambda: _build_world(app, make_user))


def _build_world(app, make_user) -> dict:
    from literacy.classes import services as classes

    from ..conftest import import_example_course, import_site_pages

    import_example_course(app)
    import_site_pages(app)
    ids = {role: make_user(role, role=role) for role in ROLES[1:]}
    ids["other"] = make_user("fasilitator_lain", role="facilitator")
    with app.app_context():
        own = classes.create_class(db.session.get(User, ids["facilitator"]), "Kelas sendiri")
        other = classes.create_class(db.session.get(User, ids["other"]), "Kelas orang lain")
        classes.join(db.session.get(User, ids["student"]), own.code)
        ids["own_class"], ids["other_class"], ids["own_code"] = own.id, other.id, own.code
        from literacy.catalog.models import Module
        from literacy.learning import quiz

        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        ids["attempt"] = quiz.start_attempt(ids["student"], module).token
        ids.update(_workshops(ids))
        ids["certificate"] = _someone_elses_certificate(module, make_user)
        ids.update(_authored_modules(ids, make_user))
        db.session.remove()
    return ids


def _workshops(ids) -> dict:
    """The facilitator's published workshop and draft, someone else's workshop with the student
    registered, and the facilitator's private feed."""
    from literacy.workshops import registrations, services
    from literacy.workshops.models import FeedToken

    from ..workshops.conftest import workshop_data

    facilitator, other = db.session.get(User, ids["facilitator"]), db.session.get(User, ids["other"])
    own = services.save_workshop(facilitator, workshop_data())
    services.publish(own)
    draft = services.save_workshop(facilitator, workshop_data(title="Draf"))
    theirs = services.save_workshop(other, workshop_data(title="Milik orang lain"))
    services.publish(theirs)
    registration = registrations.register(db.session.get(User, ids["student"]), services.get_workshop(theirs.id))
    db.session.add(FeedToken(user_id=facilitator.id, token="rahasia-fasilitator"))
    db.session.commit()
    return {"own_workshop": own.id, "draft_workshop": draft.id, "other_workshop": theirs.id,
            "other_registration": registration.id, "other_token": registrations.check_in_token(registration)}
def _authored_modules(ids, make_user) -> dict:
    """A module of the partner's organisation and one of another organisation, both drafts."""
    from literacy.authoring import services

    other = make_user("mitra_lain", role="partner", partner_name="Organisasi Lain")
    own = services.create_module(db.session.get(User, ids["partner"]), "modul-mitra")
    theirs = services.create_module(db.session.get(User, other), "modul-lain")
    return {"own_authored": own.id, "other_authored": theirs.id}


def _someone_elses_certificate(module, make_user) -> str:
    """Another student passes the module's quiz; the certificates area issues a certificate."""
    from literacy.certificates.models import Certificate
    from literacy.learning import quiz

    from ..learning.conftest import right_answers

    holder = make_user("pemegang")
    attempt = quiz.start_attempt(holder, module)
    quiz.submit(attempt, right_answers(attempt), module)
    return db.session.scalar(select(Certificate.public_id).where(Certificate.user_id == holder))


# (method, url template, expected status for anonymous, student, facilitator, partner, admin)
TABLE = [
    ("GET", "/", 200, 200, 200, 200, 200),
    ("GET", "/modul", 200, 200, 200, 200, 200),
    ("GET", "/modul/kenali-hoaks", 200, 200, 200, 200, 200),
    ("GET", "/modul/kenali-hoaks/apa-itu-hoaks", 200, 200, 200, 200, 200),
    ("GET", "/modul/kenali-hoaks/cetak", LOGIN, 200, 200, 200, 200),
    ("GET", "/modul/kenali-hoaks/cetak/kunci", LOGIN, 404, 200, 404, 200),  # the answer key: facilitators
    ("GET", "/modul/tidak-ada/cetak/kunci", 404, 404, 404, 404, 404),
    ("GET", "/healthz", 200, 200, 200, 200, 200),
    ("GET", "/lapor", 200, 200, 200, 200, 200),  # the reporting map: public
    ("GET", "/sw.js", 200, 200, 200, 200, 200),
    ("GET", "/manifest.webmanifest", 200, 200, 200, 200, 200),
    ("GET", "/luring", 200, 200, 200, 200, 200),
    ("GET", "/tersimpan", 200, 200, 200, 200, 200),
    ("GET", "/dampak", 200, 200, 200, 200, 200),  # public: only suppressed figures
    ("GET", "/dampak.csv", 200, 200, 200, 200, 200),
    ("GET", "/dampak/mitra", LOGIN, 403, 403, 200, 403),  # a partner's own modules only
    ("GET", "/dampak/mitra.csv", LOGIN, 403, 403, 404, 403),  # the world's partner has no published module
    ("GET", "/daftar", 200, 302, 302, 302, 302),
    ("GET", "/masuk", 200, 302, 302, 302, 302),
    ("GET", "/lupa-kata-sandi", 200, 200, 200, 200, 200),
    ("GET", "/akun", LOGIN, 200, 200, 200, 200),
    ("GET", "/akun/data-saya.json", LOGIN, 200, 200, 200, 200),
    ("POST", "/akun/keluar-semua", LOGIN, 303, 303, 303, 303),
    ("GET", "/kelas", LOGIN, 403, 200, 403, 200),
    ("POST", "/kelas", LOGIN, 403, 303, 403, 303),
    ("GET", "/kelas/{own_class}", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/xapi.json", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/xapi.json", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/siswa/{student}/atur-ulang", LOGIN, 404, 200, 404, 200),  # asks first
    ("POST", "/kelas/{own_class}/siswa/{student}/atur-ulang", LOGIN, 404, 303, 404, 303),
    ("GET", "/kelas/{own_class}/siswa/{student}/kata-sandi-sementara", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/siswa/{student}/kata-sandi-sementara", LOGIN, 404, 404, 404, 404),
    ("GET", "/kelas/gabung/{own_code}", 200, 200, 200, 200, 200),
    ("POST", "/kelas/gabung/{own_code}", 200, 303, 403, 403, 403),  # anonymous: log in or sign up first; students only
    ("GET", "/kelas/gabung/TIDAKADA", 404, 404, 404, 404, 404),
    ("GET", "/kelas/{own_class}/siswa/{student}/formulir-persetujuan", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/siswa/{student}/formulir-persetujuan", LOGIN, 404, 404, 404, 404),
    ("POST", "/kelas/{other_class}/siswa/{student}/atur-ulang", LOGIN, 404, 404, 404, 404),
    ("POST", "/kelas/{own_class}/siswa/{student}/keluarkan", LOGIN, 404, 303, 404, 303),
    ("POST", "/kelas/{other_class}/siswa/{student}/keluarkan", LOGIN, 404, 404, 404, 404),
    ("POST", "/kelas/{own_class}/keluar", LOGIN, 303, 404, 404, 404),
    ("POST", "/kelas/{other_class}/keluar", LOGIN, 404, 404, 404, 404),
    ("GET", "/kelas/{own_class}/ubah", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/ubah", LOGIN, 404, 404, 404, 200),
    ("POST", "/kelas/{own_class}/ubah", LOGIN, 404, 303, 404, 303),  # renamed "Kelas baru"
    ("POST", "/kelas/{own_class}/fasilitator", LOGIN, 404, 400, 404, 400),  # no username
    ("POST", "/kelas/{other_class}/fasilitator", LOGIN, 404, 404, 404, 400),
    ("POST", "/kelas/{own_class}/fasilitator/{student}/hapus", LOGIN, 404, 303, 404, 303),
    ("POST", "/kelas/{own_class}/arsip", LOGIN, 404, 303, 404, 303),
    ("POST", "/kelas/{other_class}/arsip", LOGIN, 404, 404, 404, 303),
    ("POST", "/kelas/{own_class}/kode-baru", LOGIN, 404, 303, 404, 303),
    ("POST", "/kelas/{other_class}/kode-baru", LOGIN, 404, 404, 404, 303),
    ("GET", "/kelas/{own_class}/modul", LOGIN, 404, 200, 404, 200),
    ("POST", "/kelas/{own_class}/modul", LOGIN, 404, 400, 404, 400),  # no module chosen
    ("POST", "/kelas/{other_class}/modul", LOGIN, 404, 404, 404, 400),
    ("POST", "/kelas/{own_class}/modul/1/hapus", LOGIN, 404, 303, 404, 303),
    ("GET", "/kelas/{own_class}/akun-siswa", LOGIN, 404, 200, 404, 200),
    ("POST", "/kelas/{own_class}/akun-siswa", LOGIN, 404, 400, 404, 400),  # no names
    ("GET", "/kelas/{other_class}/akun-siswa", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/kartu-masuk", LOGIN, 404, 200, 404, 200),
    ("POST", "/kelas/{own_class}/kartu-masuk/selesai", LOGIN, 404, 303, 404, 303),
    ("GET", "/kelas/{own_class}/persetujuan", LOGIN, 404, 200, 404, 200),
    ("POST", "/kelas/{own_class}/persetujuan", LOGIN, 404, 400, 404, 400),  # nothing filled in
    ("GET", "/kelas/{other_class}/persetujuan", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/laporan", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/laporan", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/laporan.csv", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/laporan.csv", LOGIN, 404, 404, 404, 200),
    ("GET", "/kelas/{own_class}/laporan/siswa/{student}", LOGIN, 404, 200, 404, 200),
    ("GET", "/kelas/{other_class}/laporan/siswa/{student}", LOGIN, 404, 404, 404, 404),  # not a member there
    ("GET", "/kelas/{own_class}/laporan/modul/kenali-hoaks", LOGIN, 404, 404, 404, 404),  # not assigned
    ("POST", "/keluar", 303, 303, 303, 303, 303),
    ("GET", "/bahasa/en?next=/modul", 303, 303, 303, 303, 303),  # a plain link: anyone may switch
    ("GET", "/dasbor", LOGIN, 200, 200, 200, 200),
    ("GET", "/akun/kata-sandi-baru", LOGIN, 303, 303, 303, 303),  # only while a one-time password must go
    ("POST", "/akun/kata-sandi-baru", LOGIN, 303, 303, 303, 303),
    ("POST", "/akun/kata-sandi", LOGIN, 400, 400, 400, 400),  # needs the current password
    ("POST", "/akun/hapus", LOGIN, 400, 400, 400, 400),  # needs the password
    ("POST", "/akun/profil", LOGIN, 400, 400, 400, 400),  # no language chosen
    ("POST", "/akun/kelas", LOGIN, 400, 403, 403, 403),  # students only; then it needs a class code
    ("POST", "/akun/persetujuan", LOGIN, 303, 303, 303, 303),  # adults: "not needed", back to settings
    ("POST", "/akun/persetujuan/tarik", LOGIN, 400, 400, 400, 400),  # no consent to withdraw
    ("GET", "/akun/email/palsu", 410, 410, 410, 410, 410),
    ("GET", "/pulihkan", 200, 200, 200, 200, 200),
    ("GET", "/akun/kode-pemulihan", LOGIN, 200, 200, 200, 200),
    ("POST", "/akun/kode-pemulihan", LOGIN, 400, 400, 400, 400),  # needs the password
    ("GET", "/atur-ulang/palsu", 410, 410, 410, 410, 410),
    ("GET", "/persetujuan/palsu", 410, 410, 410, 410, 410),
    ("GET", "/persetujuan/tarik/palsu", 410, 410, 410, 410, 410),
    ("POST", "/kelas/{own_class}/siswa/{student}/persetujuan", LOGIN, 404, 400, 404, 400),  # adult: nothing to record
    ("POST", "/kelas/{other_class}/siswa/{student}/persetujuan", LOGIN, 404, 404, 404, 404),
    ("POST", "/modul/kenali-hoaks/apa-itu-hoaks/selesai", 303, 303, 303, 303, 303),
    ("GET", "/modul/kenali-hoaks/kuis", LOGIN, 200, 200, 200, 200),
    ("POST", "/modul/kenali-hoaks/kuis/mulai", LOGIN, 303, 303, 303, 303),
    ("GET", "/modul/kenali-hoaks/media/tidak-ada.png", 404, 404, 404, 404, 404),
    ("GET", "/modul/kenali-hoaks/catatan-fasilitator", 404, 404, 200, 404, 200),  # staff only; private: 404
    ("GET", "/kuis/{attempt}", LOGIN, 200, 404, 404, 404),  # only the student who took it
    ("GET", "/kuis/{attempt}/hasil", LOGIN, 302, 404, 404, 404),  # not submitted: back to the attempt
    ("GET", "/lokakarya", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya?provinsi=bali&bulan=2026-12&modul=x&peserta=guru", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya/{own_workshop}", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya/{draft_workshop}", 404, 404, 200, 404, 200),
    ("GET", "/lokakarya/{own_workshop}.ics", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya/{draft_workshop}.ics", 404, 404, 200, 404, 200),
    ("GET", "/lokakarya/provinsi/nusa-tenggara-timur.ics", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya/kalender/rahasia-fasilitator.ics", 200, 200, 200, 200, 200),
    ("GET", "/lokakarya/kalender/tebakan.ics", 404, 404, 404, 404, 404),
    ("POST", "/lokakarya/{own_workshop}/daftar", LOGIN, 303, 403, 403, 403),
    ("POST", "/lokakarya/{draft_workshop}/daftar", 404, 404, 403, 404, 403),
    ("POST", "/lokakarya/{own_workshop}/batal-daftar", LOGIN, 303, 403, 403, 403),
    ("POST", "/lokakarya/{own_workshop}/nilai", LOGIN, 303, 403, 403, 403),
    ("GET", "/lokakarya/kelola", LOGIN, 403, 200, 403, 200),
    ("POST", "/lokakarya/kelola/kalender", LOGIN, 403, 303, 403, 303),
    ("GET", "/lokakarya/kelola/baru", LOGIN, 403, 200, 403, 200),
    ("POST", "/lokakarya/kelola/baru", LOGIN, 403, 400, 403, 400),
    ("GET", "/lokakarya/kelola/{own_workshop}", LOGIN, 404, 200, 404, 200),
    ("GET", "/lokakarya/kelola/{other_workshop}", LOGIN, 404, 404, 404, 200),
    ("GET", "/lokakarya/kelola/{own_workshop}/ubah", LOGIN, 404, 200, 404, 200),
    ("GET", "/lokakarya/kelola/{other_workshop}/ubah", LOGIN, 404, 404, 404, 200),
    ("POST", "/lokakarya/kelola/{other_workshop}/ubah", LOGIN, 404, 404, 404, 400),
    ("POST", "/lokakarya/kelola/{draft_workshop}/terbitkan", LOGIN, 404, 303, 404, 303),
    ("POST", "/lokakarya/kelola/{other_workshop}/terbitkan", LOGIN, 404, 404, 404, 303),
    ("POST", "/lokakarya/kelola/{other_workshop}/duplikat", LOGIN, 404, 404, 404, 303),
    ("POST", "/lokakarya/kelola/{other_workshop}/batalkan", LOGIN, 404, 404, 404, 303),
    ("POST", "/lokakarya/kelola/{other_workshop}/hadir/{other_registration}", LOGIN, 404, 404, 404, 303),
    ("POST", "/lokakarya/kelola/{own_workshop}/hadir/{other_registration}", LOGIN, 404, 404, 404, 404),
    ("POST", "/lokakarya/kelola/{other_workshop}/hadir/kode", LOGIN, 404, 404, 404, 400),
    ("POST", "/lokakarya/kelola/{other_workshop}/peserta-langsung", LOGIN, 404, 404, 404, 303),
    ("GET", "/lokakarya/kelola/{other_workshop}/peserta.csv", LOGIN, 404, 404, 404, 200),
    ("GET", "/lokakarya/kelola/{other_workshop}/daftar-hadir", LOGIN, 404, 404, 404, 200),
    ("GET", "/lokakarya/kelola/presensi/{other_token}", LOGIN, 403, 404, 403, 200),
    ("POST", "/lokakarya/kelola/presensi/{other_token}", LOGIN, 403, 404, 403, 303),
    ("GET", "/lokakarya/kelola/presensi/palsu.token", LOGIN, 403, 404, 403, 404),
    ("GET", "/sertifikat", LOGIN, 200, 200, 200, 200),
    ("GET", "/sertifikat/verifikasi", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/{certificate}", 200, 200, 200, 200, 200),  # public: what the QR opens
    ("GET", "/sertifikat/{certificate}/pdf", LOGIN, 404, 404, 404, 404),  # only its holder
    ("GET", "/sertifikat/{certificate}/ob2.json", 200, 200, 200, 200, 200),  # Open Badges: public, name no one
    ("GET", "/sertifikat/{certificate}/ob3.jwt", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/lencana/penerbit.json", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/lencana/kenali-hoaks.json", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/lencana/kenali-hoaks.png", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/kunci.json", 200, 200, 200, 200, 200),
    ("GET", "/sertifikat/kunci/bukan-kunci-ini.json", 404, 404, 404, 404, 404),
    ("GET", "/sertifikat/status/0", 200, 200, 200, 200, 200),
    ("GET", "/admin/sertifikat", LOGIN, 403, 403, 403, 200),
    ("POST", "/admin/sertifikat/{certificate}/cabut", LOGIN, 403, 403, 403, 303),  # no reason: back to the form
    ("GET", "/admin/pengguna", LOGIN, 403, 403, 403, 200),
    ("GET", "/admin/pengguna/{student}", LOGIN, 403, 403, 403, 200),
    ("POST", "/admin/pengguna/{student}/nonaktif", LOGIN, 403, 403, 403, 200),  # asks first
    ("POST", "/admin/pengguna/{admin}/nonaktif", LOGIN, 403, 403, 403, 403),
    ("POST", "/admin/pengguna/{student}/peran", LOGIN, 403, 403, 403, 200),  # asks first
    ("POST", "/admin/pengguna/{admin}/peran", LOGIN, 403, 403, 403, 403),
    ("GET", "/admin/mitra", LOGIN, 403, 403, 403, 200),
    ("POST", "/admin/mitra", LOGIN, 403, 403, 403, 303),  # the table posts a name: created
    ("GET", "/admin/mitra/999999", LOGIN, 403, 403, 403, 404),
    ("GET", "/mitra", LOGIN, 403, 403, 200, 200),
    ("POST", "/mitra/baru", LOGIN, 403, 403, 303, 403),  # no slug: back with the message
    ("POST", "/mitra/unggah", LOGIN, 403, 403, 303, 403),  # no zip: back with the message
    ("GET", "/mitra/modul/{own_authored}", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{other_authored}", LOGIN, 404, 404, 404, 200),
    ("GET", "/mitra/modul/{own_authored}/berkas/kuis.md", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{other_authored}/berkas/kuis.md", LOGIN, 404, 404, 404, 200),
    ("GET", "/mitra/modul/{own_authored}/berkas/tidak-ada.md", LOGIN, 404, 404, 404, 404),
    ("POST", "/mitra/modul/{own_authored}/berkas/kuis.md", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{other_authored}/berkas/kuis.md", LOGIN, 404, 404, 404, 403),
    ("POST", "/mitra/modul/{own_authored}/berkas-baru", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{other_authored}/berkas-baru", LOGIN, 404, 404, 404, 403),
    ("POST", "/mitra/modul/{own_authored}/gambar", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{own_authored}/hapus", LOGIN, 404, 404, 400, 403),  # no path
    ("POST", "/mitra/modul/{own_authored}/ganti-nama", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{own_authored}/pindah", LOGIN, 404, 404, 400, 403),  # no path
    ("POST", "/mitra/modul/{own_authored}/kunci", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{own_authored}/unggah", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{own_authored}/ajukan", LOGIN, 404, 404, 303, 403),
    ("POST", "/mitra/modul/{other_authored}/ajukan", LOGIN, 404, 404, 404, 403),
    ("POST", "/mitra/modul/{own_authored}/draf-baru", LOGIN, 404, 404, 303, 403),  # already a draft: the message
    ("POST", "/mitra/modul/{own_authored}/kembalikan", LOGIN, 404, 404, 403, 303),
    ("POST", "/mitra/modul/{own_authored}/versi/1/terbitkan", LOGIN, 404, 404, 403, 303),  # a draft: refused
    ("POST", "/mitra/modul/{own_authored}/versi/9/terbitkan", LOGIN, 404, 404, 403, 404),
    ("GET", "/mitra/modul/{own_authored}/versi/1/unduh", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{other_authored}/versi/1/unduh", LOGIN, 404, 404, 404, 200),
    ("GET", "/mitra/modul/{own_authored}/versi/1/pratinjau", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{other_authored}/versi/1/pratinjau", LOGIN, 404, 404, 404, 200),
    ("GET", "/mitra/modul/{own_authored}/versi/1/pratinjau/kuis", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{own_authored}/versi/1/pratinjau/pelajaran-pertama", LOGIN, 404, 404, 200, 200),
    ("GET", "/mitra/modul/{own_authored}/versi/1/media/tidak-ada.png", LOGIN, 404, 404, 404, 404),
    ("GET", "/mitra/peninjau", LOGIN, 403, 403, 403, 200),
    ("POST", "/mitra/peninjau", LOGIN, 403, 403, 403, 400),  # no username
    ("POST", "/mitra/peninjau/{student}/cabut", LOGIN, 403, 403, 403, 404),  # not a reviewer
    ("GET", "/admin/log-modul", LOGIN, 403, 403, 403, 200),
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("method, url, expected", [(r[0], r[1], r[2:]) for r in TABLE],
                         ids=[f"{r[0]} {r[1]}" for r in TABLE])
def test_route_by_role(app, world, login, role, method, url, expected):
    client = app.test_client()
    if role != "anonymous":
        login(client, role)
    url = url.format(**world)
    if method == "GET":
        response = client.get(url)
    else:
        data = {"role": "student", "name": "Kelas baru"}
        response = client.submit(url, data)
    assert response.status_code == expected[ROLES.index(role)], response.get_data(as_text=True)[:300]
    if response.status_code == 302 and expected[ROLES.index(role)] == LOGIN and role == "anonymous":
        assert response.headers["Location"].startswith("/masuk")


def test_every_route_is_in_the_table(app):
    """A new route must be added to TABLE (or, for file serving, to the list below)."""
    adapter = app.url_map.bind("localhost")
    covered = {adapter.match(url.split("?")[0].format_map(_Placeholders()), method=method)[0] for method, url, *_ in TABLE}
    served_files = {"static"}
    every = {rule.endpoint for rule in app.url_map.iter_rules()}
    assert sorted(every - covered - served_files) == []


class _Placeholders(dict):
    def __missing__(self, key):
        return "1"


def test_a_student_cannot_reach_another_students_data(app, world, login):
    """No route takes another user's id for their own data: export and settings are always 'mine'."""
    client = app.test_client()
    login(client, "student")
    data = client.get("/akun/data-saya.json").json
    assert data["profile"]["username"] == "student"


def test_disabled_account_is_logged_out_at_once(app, world, login):
    from literacy.accounts import services

    client = app.test_client()
    login(client, "student")
    with app.app_context():
        services.set_disabled(db.session.get(User, world["student"]), True)
    assert client.get("/akun").status_code == 302


def test_role_change_takes_effect_and_ends_sessions(app, world, login):
    admin, student = app.test_client(), app.test_client()
    login(admin, "admin")
    login(student, "student")
    admin.submit(f"/admin/pengguna/{world['student']}/peran", {"role": "facilitator", "confirm": "1"})
    assert student.get("/akun").status_code == 302
    login(student, "student")
    assert student.get("/kelas").status_code == 200


def test_admin_search(app, world, login):
    client = app.test_client()
    login(client, "admin")
    page = client.get("/admin/pengguna?q=fasilitator").get_data(as_text=True)
    assert ">fasilitator_lain</a></td>" in page and ">student</a></td>" not in page


def test_admins_see_each_minors_consent_without_extra_queries(app, world, login, count_queries, make_user):
    from literacy.accounts import services

    minor = make_user("minor_satu", birth_year=utcnow().year - 14)
    with app.app_context():
        facilitator = db.session.get(User, world["facilitator"])
        services.record_paper_consent(facilitator, db.session.get(User, minor), "Ibu Ani", "F-12")
    client = app.test_client()
    login(client, "admin")
    page = client.get("/admin/pengguna").get_data(as_text=True)
    assert "ada: Ibu Ani, formulir kertas F-12" in page and "versi 2026-11-v1" in page
    with count_queries() as few:
        client.get("/admin/pengguna")
    for n in range(5):
        make_user(f"minor_lagi_{n}", birth_year=utcnow().year - 13)
    with count_queries() as more:
        client.get("/admin/pengguna")
    assert len(more) == len(few)


def test_a_partner_belongs_to_an_organisation_picked_from_the_list(app, world, login):
    from literacy.accounts.models import PartnerOrganisation

    client = app.test_client()
    login(client, "admin")
    refused = client.submit(f"/admin/pengguna/{world['student']}/peran", {"role": "partner", "confirm": "1"},
                            follow_redirects=True)
    assert "Mitra harus terhubung ke organisasi mitra" in refused.get_data(as_text=True)
    assert client.submit("/admin/mitra", {"name": "ICT  Watch"}).status_code == 303
    duplicate = client.submit("/admin/mitra", {"name": "ict watch"})
    assert duplicate.status_code == 400 and "Organisasi dengan nama itu sudah ada." in duplicate.get_data(as_text=True)
    with app.app_context():
        ict = db.session.scalar(select(PartnerOrganisation.id).where(PartnerOrganisation.name == "ICT Watch"))
    user_page = client.get(f"/admin/pengguna/{world['student']}").get_data(as_text=True)
    assert f'<option value="{ict}">ICT Watch</option>' in user_page
    asked = client.submit(f"/admin/pengguna/{world['student']}/peran", {"role": "partner", "partner": str(ict)})
    assert "Ubah peran student menjadi Mitra?" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world["student"]).role == "student"  # not before the confirmation
    client.submit(f"/admin/pengguna/{world['student']}/peran", {"role": "partner", "partner": str(ict), "confirm": "1"})
    with app.app_context():
        student = db.session.get(User, world["student"])
        assert student.role == "partner" and student.partner.name == "ICT Watch"
        assert db.session.scalars(select(PartnerOrganisation.name).order_by(PartnerOrganisation.name)).all() == [
            "ICT Watch", "Mitra Uji", "Organisasi Lain"]  # the last from the world's authored modules
    assert client.submit(f"/admin/mitra/{ict}", {"name": "ICT Watch Indonesia"}).status_code == 303
    assert "ICT Watch Indonesia" in client.get("/admin/mitra").get_data(as_text=True)


def test_a_minor_is_never_made_admin_or_partner(app, world, login, make_user):
    minor = make_user("anak", birth_year=utcnow().year - 15)
    client = app.test_client()
    login(client, "admin")
    for role in ("admin", "partner"):
        response = client.submit(f"/admin/pengguna/{minor}/peran", {"role": role, "partner": "", "confirm": "1"},
                                 follow_redirects=True)
        assert "Akun di bawah 18 tahun tidak bisa menjadi admin atau mitra." in response.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, minor).role == "student"


def test_deactivation_asks_first(app, world, login):
    client = app.test_client()
    login(client, "admin")
    asked = client.submit(f"/admin/pengguna/{world['student']}/nonaktif")
    assert "Nonaktifkan akun student?" in asked.get_data(as_text=True)
    with app.app_context():
        assert db.session.get(User, world["student"]).is_active
    client.submit(f"/admin/pengguna/{world['student']}/nonaktif", {"confirm": "1"})
    with app.app_context():
        assert not db.session.get(User, world["student"]).is_active

def test_cli_creates_a_partner_with_its_organisation(app, runner):
    from ..conftest import PASSWORD

    no_org = runner.invoke(args=["users", "create", "--username", "mitra1", "--role", "partner", "--password-stdin"],
                           input=PASSWORD + "\n")
    assert no_org.exit_code != 0 and "organisasi mitra" in no_org.output
    ok = runner.invoke(args=["users", "create", "--username", "mitra1", "--role", "partner", "--partner", "ICT Watch",
                             "--password-stdin"], input=PASSWORD + "\n")
    assert ok.exit_code == 0, ok.output
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username_key == "mitra1")).partner.name == "ICT Watch"


def test_class_page_queries_do_not_grow_with_the_class(app, world, login, count_queries, make_user):
    from literacy.classes import services as classes

    client = app.test_client()
    login(client, "facilitator")
    url = f"/kelas/{world['own_class']}"
    with count_queries() as one:
        client.get(url)
    new_ids = [make_user(f"murid{n}", birth_year=utcnow().year - 14) for n in range(6)]
    with app.app_context():
        code = classes.get_class(world["own_class"]).code
        for student_id in new_ids:
            classes.join(db.session.get(User, student_id), code)
    with count_queries() as seven:
        page = client.get(url).get_data(as_text=True)
    assert page.count('class="roster"') == 1 and page.count("murid") >= 6
    assert len(seven) == len(one)

"""Every page type of every role (visitor, student, facilitator, partner, admin) as the server
renders it, for the checks that hold on every page: valid HTML (Nu) and page weight."""
from __future__ import annotations

import re

VISITOR = ["/", "/modul", "/modul?pilar=aman", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks",
           "/masuk", "/daftar", "/daftar?tahun=2011", "/daftar?tahun=1990", "/lupa-kata-sandi", "/tidak-ada", "/lapor"]
STUDENT = ["/dasbor", "/akun", "/modul/kenali-hoaks", "/modul/kenali-hoaks/kuis", "/modul/kenali-hoaks/periksa-dulu"]


def admin_pages(app, make_user, login) -> dict:
    """The user list, a user's page, both confirmations and the partner organisations."""
    make_user("admin_html", role="admin")
    target = make_user("target_html")
    admin = app.test_client()
    login(admin, "admin_html")
    admin.submit("/admin/mitra", {"name": "ICT Watch"})
    return {
        "admin-users": admin.get("/admin/pengguna").get_data(as_text=True),
        "admin-user": admin.get(f"/admin/pengguna/{target}").get_data(as_text=True),
        "admin-confirm-role": admin.submit(f"/admin/pengguna/{target}/peran", {"role": "facilitator"}).get_data(as_text=True),
        "admin-confirm-disable": admin.submit(f"/admin/pengguna/{target}/nonaktif").get_data(as_text=True),
        "admin-organisations": admin.get("/admin/mitra").get_data(as_text=True),
        "admin-organisations-error": admin.submit("/admin/mitra", {"name": ""}).get_data(as_text=True),
    }


def impact_pages(app) -> dict:
    """/dampak with figures (hidden cells, charts) in both languages."""
    from literacy.extensions import db
    from literacy.impact import services

    from .impact.conftest import NOW, Builder, known_data_set

    with app.app_context():
        known_data_set(Builder())
        services.rollup(now=NOW)
        db.session.remove()
    visitor, english = app.test_client(), app.test_client()
    english.set_cookie("lang", "en")
    return {"impact": visitor.get("/dampak").get_data(as_text=True),
            "impact-en": english.get("/dampak").get_data(as_text=True)}


def workshop_pages(app, student, facilitator) -> dict:
    """Every workshop page: planning (with errors), schedule, detail with QR, roster, sheet, check-in."""
    from sqlalchemy import select

    from literacy.extensions import db
    from literacy.workshops import registrations
    from literacy.workshops.models import Registration

    from .workshops.test_pages import form

    pages = {"workshop-new": facilitator.get("/lokakarya/kelola/baru").get_data(as_text=True),
             "workshop-errors": facilitator.submit("/lokakarya/kelola/baru", form(capacity="0", province="x"))
             .get_data(as_text=True)}
    location = facilitator.submit("/lokakarya/kelola/baru", form(modules=["kenali-hoaks"])).headers["Location"]
    workshop_id = int(location.rsplit("/", 1)[1])
    facilitator.submit(f"/lokakarya/kelola/{workshop_id}/terbitkan")
    student.submit(f"/lokakarya/{workshop_id}/daftar")
    with app.test_request_context():
        token = registrations.check_in_token(db.session.scalars(select(Registration)).one())
    pages.update({
        "workshop-manage": facilitator.get("/lokakarya/kelola").get_data(as_text=True),
        "workshop-edit": facilitator.get(f"/lokakarya/kelola/{workshop_id}/ubah").get_data(as_text=True),
        "workshop-roster": facilitator.get(f"/lokakarya/kelola/{workshop_id}").get_data(as_text=True),
        "workshop-check-in": facilitator.get(f"/lokakarya/kelola/presensi/{token}").get_data(as_text=True),
        "workshop-sheet": facilitator.get(f"/lokakarya/kelola/{workshop_id}/daftar-hadir").get_data(as_text=True),
        "workshop-schedule": app.test_client().get("/lokakarya?provinsi=sulawesi-selatan").get_data(as_text=True),
        "workshop-detail-visitor": app.test_client().get(f"/lokakarya/{workshop_id}").get_data(as_text=True),
        "workshop-detail-student": student.get(f"/lokakarya/{workshop_id}").get_data(as_text=True),
        "dashboard-with-workshop": student.get("/dasbor").get_data(as_text=True),
    })
    english = '<html lang="en">' in pages["workshop-errors"]
    assert "<svg" in pages["workshop-detail-student"]
    assert ("Capacity must be" if english else "Kapasitas harus") in pages["workshop-errors"]
    return pages


def class_pages(student, facilitator, class_url) -> dict:
    """Editing, assigning, bulk accounts with a mistake and their cards, paper consent, the reports."""
    pages = {"class edit": facilitator.get(f"{class_url}/ubah").get_data(as_text=True)}
    facilitator.submit(f"{class_url}/modul", {"module": "kenali-hoaks", "due_on": "2099-12-31"})
    pages["assigned modules"] = facilitator.get(f"{class_url}/modul").get_data(as_text=True)
    pages["bulk accounts with a mistake"] = facilitator.submit(
        f"{class_url}/akun-siswa", {"names": "Budi\n" + "X" * 90}).get_data(as_text=True)
    facilitator.submit(f"{class_url}/akun-siswa", {"names": "Budi Santoso\nÑoño Pérez, 2012", "birth_year": "2011"})
    pages["login cards"] = facilitator.get(f"{class_url}/kartu-masuk").get_data(as_text=True)
    pages["paper consent for many"] = facilitator.get(f"{class_url}/persetujuan").get_data(as_text=True)
    pages["paper consent with a mistake"] = facilitator.submit(
        f"{class_url}/persetujuan", {"guardian-999": "x"}).get_data(as_text=True)
    report = facilitator.get(f"{class_url}/laporan").get_data(as_text=True)
    pages["class report"] = report
    student_url = re.search(r'href="(/kelas/\d+/laporan/siswa/\d+)"', report).group(1)
    pages["student report"] = facilitator.get(student_url).get_data(as_text=True)
    pages["module report"] = facilitator.get(f"{class_url}/laporan/modul/kenali-hoaks").get_data(as_text=True)
    pages["dashboard with an assignment"] = student.get("/dasbor").get_data(as_text=True)
    return pages


def every_page_type(app, client, make_user, login) -> dict[str, str]:
    """{name: HTML}; needs ``example_course`` and ``site_pages``. The student "siti" logs in on ``client``, and her
    password is reset by her facilitator last (which ends her session)."""
    pages = {}
    for url in VISITOR:
        pages[f"visitor{url}"] = client.get(url).get_data(as_text=True)
    english = app.test_client()
    english.set_cookie("lang", "en")
    pages["visitor/lapor in English"] = english.get("/lapor").get_data(as_text=True)
    make_user("siti", birth_year=2010)
    make_user("bu_guru", role="facilitator")
    login(client, "siti")
    for url in STUDENT:
        pages[f"student{url}"] = client.get(url).get_data(as_text=True)
    token = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"}).headers["Location"].rsplit("/", 1)[1]
    pages["attempt"] = client.get(f"/kuis/{token}").get_data(as_text=True)
    pages["attempt with blanks, asking to confirm"] = client.submit(f"/kuis/{token}", {"aksi": "kirim"}).get_data(as_text=True)
    client.submit(f"/kuis/{token}", {"aksi": "kirim-saja"})
    pages["result"] = client.get(f"/kuis/{token}/hasil").get_data(as_text=True)
    facilitator = app.test_client()
    login(facilitator, "bu_guru")
    pages["classes"] = facilitator.get("/kelas").get_data(as_text=True)
    pages["module with the notes link"] = facilitator.get("/modul/kenali-hoaks").get_data(as_text=True)
    pages["facilitator notes"] = facilitator.get("/modul/kenali-hoaks/catatan-fasilitator").get_data(as_text=True)
    assert "<table>" in pages["facilitator notes"]
    class_url = facilitator.submit("/kelas", {"name": "Kelas 8B"}).headers["Location"]
    code = re.search(r'<p class="code big">(\w+)</p>', facilitator.get(class_url).get_data(as_text=True)).group(1)
    pages["join link"] = client.get(f"/kelas/gabung/{code}").get_data(as_text=True)
    pages["join link, visitor"] = app.test_client().get(f"/kelas/gabung/{code}").get_data(as_text=True)
    pages["recover"] = app.test_client().get("/pulihkan").get_data(as_text=True)
    pages["recovery code"] = client.get("/akun/kode-pemulihan").get_data(as_text=True)
    client.submit("/akun/kelas", {"class_code": code})
    pages["settings with a class and a message"] = client.get("/akun").get_data(as_text=True)
    assert 'class="flash"' in pages["settings with a class and a message"]
    pages["class roster"] = facilitator.get(class_url).get_data(as_text=True)
    pages.update(class_pages(client, facilitator, class_url))
    pages.update(workshop_pages(app, client, facilitator))
    pages.update(admin_pages(app, make_user, login))
    pages.update(impact_pages(app))
    assert "<svg" in pages["impact"] and "×" in pages["impact"]
    pages.update(offline_and_print_pages(app, client, make_user, login))
    # last: a password reset ends the student's sessions
    student_id = re.search(r'/siswa/(\d+)/atur-ulang', pages["class roster"]).group(1)
    pages["consent form"] = facilitator.get(f"{class_url}/siswa/{student_id}/formulir-persetujuan").get_data(as_text=True)
    pages["reset confirmation"] = facilitator.get(f"{class_url}/siswa/{student_id}/atur-ulang").get_data(as_text=True)
    shown = facilitator.submit(f"{class_url}/siswa/{student_id}/atur-ulang").headers["Location"]
    pages["one-time password"] = facilitator.get(shown).get_data(as_text=True)
    return pages


def offline_and_print_pages(app, student, make_user, login) -> dict[str, str]:
    """The handout (worksheet, and the answer key for facilitators), the offline pages, and what a
    partner and a facilitator see of the pages every account has."""
    make_user("mitra_html", role="partner")
    make_user("fasil_html", role="facilitator")
    partner, facilitator, visitor = app.test_client(), app.test_client(), app.test_client()
    login(partner, "mitra_html")
    login(facilitator, "fasil_html")
    pages = {
        "handout, student": student.get("/modul/kenali-hoaks/cetak").get_data(as_text=True),
        "handout with the key, facilitator": facilitator.get("/modul/kenali-hoaks/cetak/kunci").get_data(as_text=True),
        "module, facilitator": facilitator.get("/modul/kenali-hoaks").get_data(as_text=True),
        "quiz home, facilitator": facilitator.get("/modul/kenali-hoaks/kuis").get_data(as_text=True),
        "dashboard, facilitator": facilitator.get("/dasbor").get_data(as_text=True),
        "offline page": visitor.get("/luring").get_data(as_text=True),
        "saved modules": visitor.get("/tersimpan").get_data(as_text=True),
        "saved modules, student": student.get("/tersimpan").get_data(as_text=True),
    }
    for url in ("/", "/modul", "/modul/kenali-hoaks", "/modul/kenali-hoaks/apa-itu-hoaks", "/dasbor", "/akun",
                "/sertifikat", "/lokakarya", "/modul/kenali-hoaks/cetak"):
        pages[f"partner{url}"] = partner.get(url).get_data(as_text=True)
    key = pages["handout with the key, facilitator"]
    assert ("Answer key and explanations" if '<html lang="en">' in key else "Kunci jawaban dan penjelasan") in key
    return pages

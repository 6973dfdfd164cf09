"""Accounts for a whole class at once: awkward names, usernames, cards, first login, paper consent."""
from __future__ import annotations

import re

import pytest
from sqlalchemy import func, select

from literacy.accounts.models import User
from literacy.classes import bulk, services
from literacy.extensions import db

from .conftest import classroom_of

YEARS = range(1926, 2018)


def test_pasted_names_with_years_duplicates_unicode_and_empty_lines():
    text = ("Siti Aminah, 2011\n\n   \nSiti Aminah\t2011\nNi Luh Putu Ayu;2012\nĐặng Thị Hà 2010\n"
            "王小明\nMuhammad Rizky Pratama\n")
    lines, problems = bulk.parse(text, 2011, YEARS)
    assert problems == []
    assert [(line.number, line.name, line.birth_year) for line in lines] == [
        (1, "Siti Aminah", 2011), (4, "Siti Aminah", 2011), (5, "Ni Luh Putu Ayu", 2012),
        (6, "Đặng Thị Hà", 2010), (7, "王小明", 2011), (8, "Muhammad Rizky Pratama", 2011)]


def test_each_line_that_cannot_be_used_is_named_by_its_number():
    long_name = "A" * 81
    text = f"Budi\n{long_name}\n2011\nCitra, 1890\nDedi\u200b\u202e, 2011\n"
    lines, problems = bulk.parse(text, None, YEARS)
    assert [line.name for line in lines] == ["Dedi"]  # invisible and direction characters dropped
    assert problems == [
        'Baris 1: tahun lahir Budi belum ada. Tulis di akhir baris, misalnya "Budi, 2011", atau isi tahun lahir untuk semua siswa.',
        "Baris 2: nama terlalu panjang (81 karakter, paling banyak 80).",
        "Baris 3: tulis nama siswa sebelum tahun lahirnya.",
        "Baris 4: tahun lahir 1890 tidak mungkin; tulis antara 1926 dan 2017.",
    ]


def test_a_batch_has_at_most_40_students_and_at_least_one():
    _, problems = bulk.parse("\n".join(f"Siswa {n}" for n in range(41)), 2011, YEARS)
    assert problems == ["Paling banyak 40 siswa sekaligus; ada 41 nama. Buat dalam beberapa bagian."]
    assert bulk.parse("\n \n", 2011, YEARS)[1] == ["Tulis minimal satu nama siswa, satu nama per baris."]
    assert bulk.parse("\n".join(f"Siswa {n}" for n in range(40)), 2011, YEARS)[1] == []


@pytest.mark.parametrize("name, base", [
    ("Siti Aminah", "siti"), ("Ni Luh Putu Ayu", "niluh"), ("Đặng Thị Hà", "dang"), ("I Made", "imade"),
    ("王小明", "siswa"), ("O", "siswa"), ("Ö'Brien-Å", "obriena"), ("Krisnamurtiwijayakusuma", "krisnamurtiw"),
])
def test_usernames_are_made_of_plain_letters(name, base):
    assert bulk.username_base(name) == base


def test_creating_students_stores_no_childs_name_and_forces_a_new_password(db, taught):
    classroom = classroom_of(taught)
    lines, _ = bulk.parse("Siti Aminah\nSiti Aminah\nPak Guru Tamu, 1980", 2012, YEARS)
    cards = bulk.create_students(classroom, lines)
    assert [c.name for c in cards] == ["Siti Aminah", "Siti Aminah", "Pak Guru Tamu"]
    assert len({c.username for c in cards}) == 3
    assert all(re.fullmatch(r"siti\d{3}", c.username) for c in cards[:2]) and cards[2].username.startswith("pak")
    assert all(re.fullmatch(r"[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}", c.password) for c in cards)
    users = {u.username: u for u in db.session.scalars(select(User).where(User.username.in_([c.username for c in cards])))}
    first, adult = users[cards[0].username], users[cards[2].username]
    assert (first.display_name, first.birth_year, first.must_change_password, first.email) == (None, 2012, True, None)
    assert adult.display_name == "Pak Guru Tamu"  # an adult's name may be kept
    assert {u.id for u in services.roster(classroom)} >= set(u.id for u in users.values())


def test_usernames_never_collide_with_existing_ones(db, taught, monkeypatch):
    """When the random number repeats a taken name, another is drawn; crowded bases grow a digit."""
    draws = iter([100] * 6 + [101])
    monkeypatch.setattr(bulk.secrets, "randbelow", lambda n: next(draws))
    lines, _ = bulk.parse("Ani\nAni", 2011, YEARS)
    db.session.add(User(username="ani200", username_key="ani200", password_hash="x"))
    db.session.commit()
    cards = bulk.create_students(classroom_of(taught), lines)
    # the first line draws "ani200" (taken) five times, then a fourth digit: 1000 + 100
    assert [c.username for c in cards] == ["ani1100", "ani201"]


def test_bulk_page_makes_accounts_and_prints_cards_once(client, taught, login, app):
    login(client, "bu_guru")
    url = f"/kelas/{taught['class']}/akun-siswa"
    bad = client.submit(url, {"names": "Budi\n" + "X" * 90, "birth_year": ""})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Belum ada akun yang dibuat" in page and "Baris 2: nama terlalu panjang" in page
    assert "X" * 90 in page  # what was typed comes back
    with app.app_context():
        before = db.session.scalar(select(func.count(User.id)))
    names = "Budi Santoso\nAyu Lestari, 2012\nÑoño Pérez\nBudi Santoso\nYohana Marlina"
    response = client.submit(url, {"names": names, "birth_year": "2011"})
    assert response.status_code == 303 and response.headers["Location"].endswith("/kartu-masuk")
    cards = client.get(response.headers["Location"])
    html = cards.get_data(as_text=True)
    assert cards.headers["Cache-Control"] == "no-store"
    assert html.count('class="login-card"') == 5 and "Ñoño Pérez" in html and html.count("Budi Santoso") == 2
    passwords = re.findall(r'<dd class="code">([a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4})</dd>', html)
    usernames = re.findall(r'<dd class="code">([a-z]+\d+)</dd>', html)
    assert len(passwords) == len(usernames) == 5
    with app.app_context():
        assert db.session.scalar(select(func.count(User.id))) == before + 5
        assert len(services.roster(classroom_of(taught))) == 8
    assert client.submit(f"/kelas/{taught['class']}/kartu-masuk/selesai").status_code == 303
    gone = client.get(f"/kelas/{taught['class']}/kartu-masuk").get_data(as_text=True)
    assert 'class="login-card"' not in gone and passwords[0] not in gone
    # the student logs in with the card and must choose a password first
    student = app.test_client()
    first = student.submit("/masuk", {"login": usernames[0], "password": passwords[0]})
    assert first.status_code == 303 and first.headers["Location"] == "/akun/kata-sandi-baru"
    assert student.get("/dasbor").headers["Location"] == "/akun/kata-sandi-baru"  # nothing else first
    assert student.submit("/akun/kata-sandi-baru", {"new_password": "layang layang biru"}).status_code == 303
    assert student.get("/dasbor").status_code == 200
    with app.app_context():
        assert db.session.scalar(select(User).where(User.username == usernames[0])).must_change_password is False


def test_the_cards_are_not_shown_for_another_class(client, taught, login, app):
    login(client, "bu_guru")
    client.submit(f"/kelas/{taught['class']}/akun-siswa", {"names": "Eka", "birth_year": "2011"})
    with app.app_context():
        other = services.create_class(db.session.get(User, taught["bu_guru"]), "Kelas 9A")
        other_id = other.id
    page = client.get(f"/kelas/{other_id}/kartu-masuk").get_data(as_text=True)
    assert 'class="login-card"' not in page and "Tidak ada kartu" in page


def test_paper_consent_for_several_students_at_once(client, taught, login, app):
    login(client, "bu_guru")
    url = f"/kelas/{taught['class']}/persetujuan"
    page = client.get(url).get_data(as_text=True)
    assert page.count("<tr>") == 4  # header and the three children
    bad = client.submit(url, {f"guardian-{taught['ani']}": "Ibu Ani", f"reference-{taught['ani']}": "LIT-1",
                              f"guardian-{taught['budi']}": "B" * 130, f"reference-{taught['budi']}": "LIT-2"})
    text = bad.get_data(as_text=True)
    assert bad.status_code == 400 and "Belum ada yang dicatat" in text and 'value="Ibu Ani"' in text
    with app.app_context():
        assert db.session.get(User, taught["ani"]).active_consent is None  # nothing half-recorded
    ok = client.submit(url, {f"guardian-{taught['ani']}": "Ibu Ani", f"reference-{taught['ani']}": "LIT-1",
                             f"guardian-{taught['budi']}": "Pak Budi", f"reference-{taught['budi']}": "LIT-2",
                             f"guardian-{taught['citra']}": "", f"reference-{taught['citra']}": "LIT-3"})
    assert ok.status_code == 303
    with app.app_context():
        consents = {name: db.session.get(User, taught[name]).active_consent for name in ("ani", "budi", "citra")}
        assert consents["ani"].guardian_name == "Ibu Ani" and consents["ani"].paper_reference == "LIT-1"
        assert consents["budi"].recorded_by_id == taught["bu_guru"] and consents["citra"] is None
    assert client.get(url).get_data(as_text=True).count("<tr>") == 2
    nothing = client.submit(url, {f"guardian-{taught['citra']}": ""})
    assert nothing.status_code == 400 and "Isi nama orang tua/wali" in client.get(url).get_data(as_text=True)

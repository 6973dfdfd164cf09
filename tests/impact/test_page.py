"""The public page /dampak and its CSV: the same suppressed figures, a fixed number of queries."""
from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import select

from literacy.extensions import db
from literacy.impact import services
from literacy.impact.models import ImpactRollup
from literacy.impact.suppression import THRESHOLD
from literacy.workshops import provinces

from ..weight import only_the_app_script
from .conftest import NOW, OCT, Builder, known_data_set

METRIC_COLUMNS = ["learners", "lessons_read", "modules_passed", "certificates", "workshops_held", "participants"]
PEOPLE = {"learners": "learners", "lessons_read": "lessons_read_people", "modules_passed": "modules_passed_people",
          "certificates": "certificates_people", "workshops_held": None, "participants": "participants_people"}


@pytest.fixture
def rolled_up(app, example_course):
    with app.app_context():
        known_data_set(Builder())
        services.rollup(now=NOW)
        db.session.remove()


def table_rows(html: str, caption_start: str) -> dict[str, list[str]]:
    table = re.search(r"<caption>" + re.escape(caption_start) + r".*?</table>", html, re.S).group(0)
    rows = {}
    for row in re.findall(r"<tr>(.*?)</tr>", table, re.S):
        cells = [re.sub(r"<[^>]+>", "", c).strip() for c in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        rows[cells[0]] = cells[1:]
    return rows


def test_the_page_shows_the_known_figures(client, rolled_up):
    html = client.get("/dampak").get_data(as_text=True)
    provinces = table_rows(html, "Per provinsi")
    assert provinces["Bali"] == ["11", "22", "×", "11", "1", "×"]
    assert provinces["Aceh"] == ["10", "20", "&lt; 10", "0", "0", "0"]
    assert provinces["Papua"] == ["&lt; 10", "&lt; 10", "0", "0", "1", "&lt; 10"]
    assert provinces["Gorontalo"] == ["&lt; 10", "&lt; 10", "0", "0", "0", "0"]
    assert provinces["Tidak disebutkan"] == ["12", "24", "12", "0", "0", "0"]
    assert provinces["Jumlah"] == ["44", "88", "28", "11", "2", "15"]
    months = table_rows(html, "Per bulan")
    assert months["Oktober 2026"] == ["23", "46", "0", "0", "0", "0"]
    assert months["November 2026"] == ["21", "42", "28", "11", "2", "15"]
    assert html.count("<svg") == 6 and only_the_app_script(html)  # charts drawn on the server


def test_the_page_never_shows_a_group_under_10(app, client, rolled_up):
    """Every province or month whose figure comes from 1 to 9 people reads "< 10", row by row."""
    html = client.get("/dampak").get_data(as_text=True)
    with app.app_context():
        stored = {(r.dimension, r.key): r for r in db.session.scalars(select(ImpactRollup))}
    checked = 0
    for dimension, rows in (("province", table_rows(html, "Per provinsi")), ("month", table_rows(html, "Per bulan"))):
        for (kind, key), row in stored.items():
            if kind != dimension:
                continue
            label = {"-": "Tidak disebutkan", "2026-10": "Oktober 2026", "2026-11": "November 2026"}.get(key) \
                or provinces.name_of(key)
            for metric, shown in zip(METRIC_COLUMNS, rows[label]):
                people = getattr(row, PEOPLE[metric]) if PEOPLE[metric] else None
                if people is not None and 0 < people < THRESHOLD:
                    assert shown == "&lt; 10", (key, metric, shown)
                    checked += 1
                if shown not in ("&lt; 10", "×"):
                    assert int(shown.replace(".", "")) == getattr(row, metric)
    assert checked == 6  # papua x3, gorontalo x2, aceh's passes


def test_the_page_runs_two_queries_whatever_the_data_size(app, client, rolled_up, count_queries):
    client.get("/dampak")
    with count_queries() as small:
        assert client.get("/dampak").status_code == 200
    with app.app_context():
        build = Builder()
        for number, (slug, _name) in enumerate(provinces.choices()):
            build.learners(12 + number, slug, OCT)
        services.rollup(now=NOW)
        db.session.remove()
    with count_queries() as large:
        html = client.get("/dampak").get_data(as_text=True)
    assert table_rows(html, "Per provinsi")["Papua Barat Daya"][0] != "0"
    assert len(small) == len(large) == 2  # the run, its rows


def test_before_any_rollup_the_page_says_so(client, db):
    html = client.get("/dampak").get_data(as_text=True)
    assert "Angka belum dihitung" in html and "<table" not in html


def test_the_csv_opens_in_excel_with_the_same_suppression(client, rolled_up):
    response = client.get("/dampak.csv")
    assert response.mimetype == "text/csv"
    assert response.headers["Content-Disposition"] == 'attachment; filename="dampak-literasi.csv"'
    body = response.get_data()
    assert body.startswith("\ufeff".encode()) and b"\r\n" in body
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    assert rows[0] == ["Bagian", "Kode", "Nama", "Pelajar terjangkau", "Pelajaran dibaca", "Modul lulus", "Sertifikat",
                       "Lokakarya terlaksana", "Peserta lokakarya"]
    by_name = {row[2]: row for row in rows[1:]}
    assert by_name["Semua"][3:] == ["44", "88", "28", "11", "2", "15"]
    assert by_name["Papua"] == ["Provinsi", "papua", "Papua", "< 10", "< 10", "0", "0", "1", "< 10"]
    assert by_name["Bali"][3:] == ["11", "22", "×", "11", "1", "×"]
    assert by_name["Tidak disebutkan"][:2] == ["Provinsi", ""]
    assert by_name["Oktober 2026"][:2] == ["Bulan", "2026-10"]
    assert len(rows) == 1 + 1 + 39 + 2
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_page_in_english(client, rolled_up):
    client.set_cookie("lang", "en")
    html = client.get("/dampak").get_data(as_text=True)
    assert "<h1>Impact in numbers</h1>" in html and 'lang="en"' in html
    provinces = table_rows(html, "By province")
    assert provinces["Not stated"][0] == "12" and provinces["Total"][0] == "44"
    assert "October 2026" in table_rows(html, "By month")
    assert "fewer than 10 people" in html
    csv_head = client.get("/dampak.csv").get_data().decode("utf-8-sig").splitlines()[0]
    assert csv_head == "Section,Code,Name,Learners reached,Lessons read,Modules passed,Certificates,Workshops held,Workshop participants"

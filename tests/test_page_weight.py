"""The student's phone: what a lesson of the bundled course costs over the wire (quality bars)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from literacy.content.services import import_paths
from literacy.extensions import db

CONTENT = Path(__file__).resolve().parent.parent / "content"
BUDGET = 50 * 1024


@pytest.fixture
def bundled_course(app):
    with app.app_context():
        result, report = import_paths([CONTENT])
        assert report.errors == []
        db.session.remove()


def test_every_lesson_fits_the_first_load_budget_and_ships_no_javascript(client, bundled_course):
    catalog = client.get("/modul").get_data(as_text=True)
    module_urls = sorted(set(re.findall(r'href="(/modul/[a-z0-9-]+)"', catalog)))
    assert len(module_urls) >= 12
    css_url = re.search(r'href="(/static/app\.[0-9a-f]+\.css)"', catalog).group(1)
    css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
    favicon = len(client.get(re.search(r'href="(/static/favicon\.[0-9a-f]+\.png)"', catalog).group(1)).get_data())
    heaviest = (0, "")
    for module_url in module_urls:
        page = client.get(module_url).get_data(as_text=True)
        for lesson_url in set(re.findall(rf'href="({module_url}/[a-z0-9-]+)"', page)):
            html = client.get(lesson_url).get_data()
            assert b"<script" not in html, lesson_url
            images = sum(len(client.get(src.decode()).get_data()) for src in set(re.findall(rb'<img src="([^"]+)"', html)))
            total = len(gzip.compress(html)) + css + favicon + images
            heaviest = max(heaviest, (total, lesson_url))
    assert heaviest[0] <= BUDGET, heaviest


def test_stylesheet_is_small(client):
    page = client.get("/").get_data(as_text=True)
    css_url = re.search(r'href="(/static/app\.[0-9a-f]+\.css)"', page).group(1)
    assert len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data()) <= 4 * 1024


def test_workshop_pages_fit_the_budget_and_ship_no_javascript(app, client, make_user, login):
    """The schedule with 30 workshops and a student's registration page with its QR code."""
    from sqlalchemy import select

    from literacy.accounts.models import User
    from literacy.workshops import registrations, services

    from .workshops.conftest import workshop_data

    make_user("bu_fasil", role="facilitator")
    make_user("siti")
    with app.app_context():
        facilitator = db.session.scalar(select(User).where(User.username_key == "bu_fasil"))
        ids = []
        for n in range(30):
            workshop = services.save_workshop(facilitator, workshop_data(title=f"Lokakarya Aman Digital {n}"))
            services.publish(workshop)
            ids.append(workshop.id)
        registrations.register(db.session.scalar(select(User).where(User.username_key == "siti")),
                               services.get_workshop(ids[0]))
    login(client, "siti")
    page = client.get("/lokakarya").get_data(as_text=True)
    css_url = re.search(r'href="(/static/app\.[0-9a-f]+\.css)"', page).group(1)
    css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
    for url in ("/lokakarya", f"/lokakarya/{ids[0]}"):
        html = client.get(url).get_data()
        assert b"<script" not in html, url
        assert len(gzip.compress(html)) + css <= BUDGET, url
    assert b"<svg" in client.get(f"/lokakarya/{ids[0]}").get_data()


def test_javascript_on_student_pages_stays_under_15_kb(client, example_course, make_user, login):
    make_user("siti", birth_year=2010)
    pages = [client.get("/masuk").get_data(as_text=True)]
    login(client, "siti")
    token = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"}).headers["Location"].rsplit("/", 1)[1]
    pages += [client.get(url).get_data(as_text=True) for url in ("/akun", f"/kuis/{token}", "/dasbor", "/modul")]
    for html in pages:
        scripts = re.findall(r'<script src="([^"]+)"', html)
        total = sum(len(client.get(src, headers={"Accept-Encoding": "br"}).get_data()) for src in scripts)
        assert total <= 15 * 1024
    assert any("quiz-autosave" in html for html in pages) and any("password-toggle" in html for html in pages)


def test_facilitator_notes_fit_the_budget_and_ship_no_javascript(client, example_course, make_user, login):
    make_user("bu_guru", role="facilitator")
    login(client, "bu_guru")
    html = client.get("/modul/kenali-hoaks/catatan-fasilitator").get_data()
    css_url = re.search(rb'href="(/static/app\.[0-9a-f]+\.css)"', html).group(1).decode()
    css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
    assert b"<h1>Catatan Fasilitator</h1>" in html and b"<script" not in html
    assert len(gzip.compress(html)) + css <= BUDGET


def test_the_reporting_map_fits_the_budget_and_ships_no_javascript(client, site_pages):
    for language in ("id", "en"):
        client.set_cookie("lang", language)
        html = client.get("/lapor").get_data()
        css_url = re.search(rb'href="(/static/app\.[0-9a-f]+\.css)"', html).group(1).decode()
        css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
        assert b"aduannomor.id" in html and b"<script" not in html
        assert len(gzip.compress(html)) + css <= BUDGET, language

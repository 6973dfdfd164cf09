"""What the service worker is told by the server: which pages it may keep, whose they are, and
its own script and the manifest (the browser side is tests/test_browser_offline.py)."""
from __future__ import annotations

import io
import json
import re

from PIL import Image

LESSON = "/modul/kenali-hoaks/apa-itu-hoaks"


def test_lessons_are_kept_privately_for_a_logged_in_person_and_other_personal_pages_never(
        client, example_course, make_user, login):
    visitor = client.get(LESSON)
    assert visitor.headers["Cache-Control"].startswith("public") and "Literasi-Viewer" not in visitor.headers
    make_user("siti", birth_year=2010)
    login(client, "siti")
    for url in (LESSON, "/modul/kenali-hoaks", "/modul"):
        assert client.get(url).headers["Cache-Control"] == "private, no-cache", url
    for url in ("/akun", "/dasbor", "/", "/modul/kenali-hoaks/kuis"):
        assert client.get(url).headers["Cache-Control"] == "no-store", url


def test_the_viewer_is_the_same_on_every_page_of_a_login_and_changes_with_the_next_login(
        app, client, example_course, make_user, login):
    make_user("siti", birth_year=2010)
    make_user("budi", birth_year=2010)
    login(client, "siti")
    first = {client.get(url).headers["Literasi-Viewer"] for url in (LESSON, "/akun", "/tidak-ada")}
    assert len(first) == 1 and re.fullmatch(r"[0-9a-f]{20}", next(iter(first)))
    logout = client.submit("/keluar")
    assert logout.headers["Clear-Site-Data"] == '"cache"'
    assert "Literasi-Viewer" not in client.get(LESSON).headers
    login(client, "siti")
    again = client.get(LESSON).headers["Literasi-Viewer"]
    other = app.test_client()
    login(other, "budi")
    assert len({*first, again, other.get(LESSON).headers["Literasi-Viewer"]}) == 3


def test_logging_out_everywhere_also_clears_the_browser_cache(client, make_user, login):
    make_user("siti", birth_year=2010)
    login(client, "siti")
    assert client.submit("/akun/keluar-semua").headers["Clear-Site-Data"] == '"cache"'
    assert "Clear-Site-Data" not in client.get("/").headers


def test_the_service_worker_is_served_from_the_root_with_its_shell(client, make_user, login):
    def check():
        response = client.get("/sw.js")
        assert response.mimetype == "text/javascript" and response.headers["Service-Worker-Allowed"] == "/"
        assert response.headers["Cache-Control"] == "no-cache"  # never no-store, even for a logged-in person
        shell = json.loads(re.match(r"var SHELL = (\[.*?\]), VERSION", response.get_data(as_text=True)).group(1))
        assert shell[:2] == ["/luring", "/tersimpan"]
        assert all(re.fullmatch(r"/static/[\w/-]+\.[0-9a-f]{12}\.\w+", url) for url in shell[2:])
        assert all(client.get(url).status_code == 200 for url in shell)

    check()
    make_user("siti", birth_year=2010)
    login(client, "siti")
    check()


def test_the_manifest_names_the_app_in_indonesian_with_png_icons_of_192_and_512(client):
    response = client.get("/manifest.webmanifest")
    assert response.mimetype == "application/manifest+json"
    manifest = response.get_json(force=True)
    assert manifest["short_name"] == "Literasi" and manifest["lang"] == "id" and manifest["start_url"] == "/"
    assert manifest["display"] == "standalone" and manifest["theme_color"] == "#0b5d7a"
    sizes = set()
    for icon in manifest["icons"]:
        with Image.open(io.BytesIO(client.get(icon["src"]).get_data())) as image:
            assert image.format == "PNG" and f"{image.width}x{image.height}" == icon["sizes"]
            sizes.add((image.width, icon["purpose"]))
    assert sizes == {(192, "any"), (512, "any"), (512, "maskable")}
    assert 'rel="manifest" href="/manifest.webmanifest"' in client.get("/").get_data(as_text=True)

"""Static files: fingerprinted URLs, cached for a year, compressed on the wire."""
from __future__ import annotations

import re

from literacy.assets import STATIC


def _css_url(client):
    page = client.get("/").get_data(as_text=True)
    return re.search(r'href="(/static/app\.[0-9a-f]{12}\.css)"', page).group(1)


def test_pages_link_fingerprinted_assets(client):
    assert _css_url(client)


def test_fingerprinted_assets_are_immutable_and_compressed(client):
    url = _css_url(client)
    response = client.get(url, headers={"Accept-Encoding": "gzip"})
    assert response.status_code == 200
    assert "immutable" in response.headers["Cache-Control"]
    assert "max-age=315360000" in response.headers["Cache-Control"]
    assert response.headers["Content-Encoding"] == "gzip"
    assert response.headers["Vary"] == "Accept-Encoding"
    brotli = client.get(url, headers={"Accept-Encoding": "br, gzip"})
    assert brotli.headers["Content-Encoding"] == "br"
    assert int(brotli.headers["Content-Length"]) < (STATIC / "app.css").stat().st_size / 2


def test_unfingerprinted_names_are_not_cached_forever(client):
    response = client.get("/static/app.css")
    assert response.status_code == 200
    assert "immutable" not in response.headers["Cache-Control"]


def test_a_changed_file_never_gets_a_stale_compressed_copy(tmp_path):
    from literacy.assets import build, build_manifest

    source, out = tmp_path / "static", tmp_path / "build"
    source.mkdir()
    (source / "app.css").write_text("body { color: red; }" * 50)
    assert build(source, out) == 1
    first = build_manifest(source)["app.css"]
    assert (out / (first + ".br")).exists() and (out / (first + ".gz")).exists()
    assert build(source, out) == 0  # nothing to do when nothing changed
    (source / "app.css").write_text("body { color: blue; }" * 50)
    second = build_manifest(source)["app.css"]
    assert second != first and build(source, out) == 1
    assert (out / second).read_text().startswith("body { color: blue; }")

"""The application shell: settings, pages, language, errors, headers, health."""
from __future__ import annotations

import pytest
from flask import abort

from literacy import create_app
from literacy.config import Config, TestingConfig, _instance_secret_key
from literacy.security import CONTENT_SECURITY_POLICY


def test_settings_come_from_prefixed_environment(monkeypatch, database_url):
    monkeypatch.setenv("LITERACY_DATABASE_URL", "postgresql://u:p@127.0.0.1/x")
    monkeypatch.setenv("LITERACY_SECRET_KEY", "from-the-environment")
    monkeypatch.setenv("LITERACY_PROXY_FIX", "1")
    app = create_app(Config)
    assert app.config["SQLALCHEMY_DATABASE_URI"] == "postgresql+psycopg://u:p@127.0.0.1/x"
    assert app.config["SECRET_KEY"] == "from-the-environment"
    assert app.config["PROXY_FIX"] == 1


def test_default_database_is_a_sqlite_file_in_instance(monkeypatch):
    monkeypatch.delenv("LITERACY_DATABASE_URL", raising=False)
    app = create_app(TestingConfig)
    uri = app.config["SQLALCHEMY_DATABASE_URI"]
    assert uri.startswith("sqlite:///") and uri.endswith("/instance/literacy.sqlite3")


def test_secret_key_is_generated_once_into_instance(tmp_path):
    first = _instance_secret_key(tmp_path / "instance")
    second = _instance_secret_key(tmp_path / "instance")
    assert first == second and len(first) >= 48
    assert (tmp_path / "instance" / "secret_key").stat().st_mode & 0o077 == 0


def test_workers_starting_together_on_a_fresh_machine_share_one_secret_key(tmp_path, monkeypatch):
    """gunicorn's workers each build the app: every one must sign sessions with the same key, even when
    all of them find no key file and make one at the same moment (the barrier holds each until all have)."""
    import secrets
    import threading

    from literacy import config

    workers, make = 4, secrets.token_urlsafe
    together = threading.Barrier(workers)

    def make_after_everyone_looked(size):
        together.wait(timeout=30)
        return make(size)

    monkeypatch.setattr(config.secrets, "token_urlsafe", make_after_everyone_looked)
    keys = []
    threads = [threading.Thread(target=lambda: keys.append(_instance_secret_key(tmp_path / "instance")))
               for _ in range(workers)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(keys) == workers
    assert set(keys) == {(tmp_path / "instance" / "secret_key").read_text()}
    assert len(keys[0]) >= 48
    assert sorted(p.name for p in (tmp_path / "instance").iterdir()) == ["secret_key"]


def test_home_is_indonesian_by_default(client):
    response = client.get("/")
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert '<html lang="id">' in page
    assert "Empat pilar literasi digital" in page
    for pillar in ("Cakap Digital", "Etika Digital", "Budaya Digital", "Aman Digital"):
        assert pillar in page
    assert 'href="#konten"' in page and 'id="konten"' in page


def test_browser_preference_is_used_without_a_choice(client):
    page = client.get("/", headers={"Accept-Language": "en-US,en;q=0.9"}).get_data(as_text=True)
    assert '<html lang="en">' in page
    assert "Four pillars of digital literacy" in page


def test_language_switch_sets_a_cookie_and_returns(client):
    response = client.get("/bahasa/en?next=/%3Fa%3D1")
    assert response.status_code == 303
    assert response.headers["Location"] == "/?a=1"
    assert response.headers["Cache-Control"] == "no-store"
    cookie = client.get_cookie("lang")
    assert cookie.value == "en" and cookie.http_only and cookie.same_site == "Lax"
    assert "Four pillars of digital literacy" in client.get("/").get_data(as_text=True)
    client.get("/bahasa/id")
    assert "Empat pilar literasi digital" in client.get("/").get_data(as_text=True)


def test_the_language_links_work_without_javascript_and_keep_the_page(client):
    """Plain links in the layout, to the same page in the other language, with no form or token."""
    page = client.get("/modul?pilar=aman").get_data(as_text=True)
    assert 'href="/bahasa/en?next=/modul?pilar%3Daman" hreflang="en" lang="en">English</a>' in page
    assert 'href="/bahasa/id?next=/modul?pilar%3Daman" hreflang="id" lang="id" aria-current="true">Indonesia</a>' in page
    response = client.get("/bahasa/en?next=/modul?pilar%3Daman", follow_redirects=True)
    assert response.request.path == "/modul" and response.request.query_string == b"pilar=aman"
    assert '<html lang="en">' in response.get_data(as_text=True)


@pytest.mark.parametrize("target", ["https://evil.example/", "//evil.example/x", "/\\evil.example", "javascript:alert(1)", ""])
def test_language_switch_never_redirects_off_site(client, target):
    response = client.get("/bahasa/en", query_string={"next": target})
    assert response.status_code == 303 and response.headers["Location"] == "/"
    assert client.get_cookie("lang").value == "en"


def test_language_switch_rejects_unknown_language(client):
    response = client.get("/bahasa/fr?next=/modul")
    assert response.status_code == 404
    assert client.get_cookie("lang") is None


def test_post_without_csrf_token_is_refused_in_indonesian(client, make_user, login):
    make_user("nadia")
    login(client, "nadia")
    response = client.post("/keluar")
    assert response.status_code == 400
    assert "Formulir sudah kedaluwarsa" in response.get_data(as_text=True)


def test_missing_page_is_an_indonesian_404(client):
    response = client.get("/tidak-ada")
    assert response.status_code == 404
    assert "Halaman tidak ditemukan" in response.get_data(as_text=True)


def test_wrong_method_is_a_405_page(client):
    response = client.get("/keluar")
    assert response.status_code == 405
    assert "POST" in response.headers["Allow"]
    assert "tidak didukung" in response.get_data(as_text=True)


def test_errors_are_translated(client):
    client.set_cookie("lang", "en")
    assert "Page not found" in client.get("/nope").get_data(as_text=True)


def test_forbidden_and_server_errors_show_no_traceback(app_factory):
    app = app_factory(PROPAGATE_EXCEPTIONS=False)

    @app.get("/_boom")
    def boom():
        raise RuntimeError("secret internals")

    @app.get("/_forbidden")
    def forbidden():
        abort(403)

    client = app.test_client()
    response = client.get("/_boom")
    body = response.get_data(as_text=True)
    assert response.status_code == 500
    assert "Terjadi kesalahan di server kami" in body
    assert "secret internals" not in body and "Traceback" not in body
    response = client.get("/_forbidden")
    assert response.status_code == 403 and "Akses ditolak" in response.get_data(as_text=True)


def test_security_headers_on_every_response(client):
    for url in ("/", "/tidak-ada", "/healthz"):
        headers = client.get(url).headers
        assert headers["Content-Security-Policy"] == CONTENT_SECURITY_POLICY
        assert headers["X-Content-Type-Options"] == "nosniff"
        assert headers["Referrer-Policy"] == "same-origin"
    for directive in ("object-src 'none'", "base-uri 'none'", "frame-ancestors 'none'", "script-src 'self'"):
        assert directive in CONTENT_SECURITY_POLICY
    assert "unsafe-inline" not in CONTENT_SECURITY_POLICY


def test_session_cookie_flags_follow_the_scheme(client):
    client.get("/masuk")  # the login form's CSRF token starts a session
    plain = client.get_cookie("literasi_session")
    assert plain.http_only and plain.same_site == "Lax" and not plain.secure

    secure_client = client.application.test_client()
    secure_client.get("/masuk", base_url="https://literasi.test")
    cookie = secure_client.get_cookie("literasi_session", domain="literasi.test")
    assert cookie.secure and cookie.http_only


def test_secure_cookies_can_be_forced(app_factory):
    client = app_factory(SECURE_COOKIES=True).test_client()
    client.get("/masuk")
    assert client.get_cookie("literasi_session").secure


def test_healthz_round_trips_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json == {"status": "ok"}


def test_healthz_fails_when_the_database_is_unreachable():
    app = create_app(
        TestingConfig, DATABASE_URL="postgresql://nobody@127.0.0.1:1/none", PROPAGATE_EXCEPTIONS=False
    )
    assert app.test_client().get("/healthz").status_code == 500

"""Anonymous pages are the same for everyone: no cookie, no token, public caching headers, ETags,
and each process keeps them rendered by content version (literacy/caching.py, issue 17)."""
from __future__ import annotations

import shutil

import pytest

from sqlalchemy.exc import OperationalError

from literacy.caching import BoundedCache, KeptPages

LESSON = "/modul/kenali-hoaks/apa-itu-hoaks"
PUBLIC_PAGES = ["/", "/modul", "/modul?pilar=cakap", "/modul/kenali-hoaks", LESSON, "/lapor"]


@pytest.fixture
def course(example_course, site_pages):
    return example_course


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_an_anonymous_page_is_shareable_and_revalidates_with_its_etag(client, course, url):
    response = client.get(url)
    page = response.get_data(as_text=True)
    assert response.status_code == 200
    assert "Set-Cookie" not in response.headers and client.get_cookie("literasi_session") is None
    assert "csrf_token" not in page and 'method="post"' not in page.replace('method="post" action="/modul/kenali-hoaks/apa-itu-hoaks/selesai"', "")
    assert response.headers["Cache-Control"] == "public, max-age=120"
    assert set(response.headers["Vary"].split(", ")) == {"Cookie", "Accept-Language"}
    etag = response.headers["ETag"]
    again = client.get(url, headers={"If-None-Match": etag})
    assert again.status_code == 304 and again.get_data() == b""
    assert again.headers["ETag"] == etag and again.headers["Cache-Control"] == "public, max-age=120"
    assert client.get(url, headers={"If-None-Match": '"something-else"'}).status_code == 200
    assert client.get(url).headers["ETag"] == etag  # the kept copy answers the same


@pytest.mark.parametrize("url", PUBLIC_PAGES)
def test_the_etag_differs_between_languages_whichever_way_the_language_is_chosen(app, course, url):
    indonesian = app.test_client().get(url)
    by_browser = app.test_client().get(url, headers={"Accept-Language": "en-GB,en;q=0.9"})
    chosen = app.test_client()
    chosen.set_cookie("lang", "en")
    by_cookie = chosen.get(url)
    assert '<html lang="en">' in by_browser.get_data(as_text=True) and '<html lang="id">' in indonesian.get_data(as_text=True)
    assert by_browser.headers["ETag"] == by_cookie.headers["ETag"] != indonesian.headers["ETag"]
    assert chosen.get(url, headers={"If-None-Match": indonesian.headers["ETag"]}).status_code == 200


def test_a_re_import_changes_the_etag_and_the_page_at_once(app, client, example_course, tmp_path):
    from literacy.content.services import import_paths
    from literacy.extensions import db

    before = {url: client.get(url) for url in ("/modul", "/modul/kenali-hoaks", LESSON)}
    folder = tmp_path / "kenali-hoaks"
    shutil.copytree(example_course / "kenali-hoaks", folder)
    lesson = folder / "01-apa-itu-hoaks.md"
    lesson.write_text(lesson.read_text().replace("title: Apa Itu Hoaks?", "title: Apa Itu Hoaks, Sebenarnya?"))
    with app.app_context():
        result, report = import_paths([tmp_path])
        assert report.errors == [] and result.updated == ["kenali-hoaks"]
        db.session.remove()
    for url, old in before.items():
        response = client.get(url, headers={"If-None-Match": old.headers["ETag"]})
        assert response.status_code == 200 and response.headers["ETag"] != old.headers["ETag"], url
    assert "<h1>Apa Itu Hoaks, Sebenarnya?</h1>" in client.get(LESSON).get_data(as_text=True)


def test_a_retired_module_is_gone_from_the_kept_pages_at_once(app, client, example_course):
    from literacy.content.services import retire_modules
    from literacy.extensions import db

    for url in ("/", "/modul", "/modul/kenali-hoaks", LESSON):
        assert client.get(url).status_code == 200
    assert "kenali-hoaks" in client.get("/modul").get_data(as_text=True)
    with app.app_context():
        assert retire_modules(["kenali-hoaks"]) == ["kenali-hoaks"]
        db.session.remove()
    assert "kenali-hoaks" not in client.get("/modul").get_data(as_text=True)
    assert "kenali-hoaks" not in client.get("/").get_data(as_text=True)
    assert client.get("/modul/kenali-hoaks").status_code == 404 and client.get(LESSON).status_code == 404


def test_pages_of_a_logged_in_person_stay_personal_and_carry_csrf(client, course, make_user, login):
    make_user("siti", birth_year=2010)
    public = client.get(LESSON).headers["ETag"]
    login(client, "siti")
    for url in PUBLIC_PAGES:
        response = client.get(url, headers={"If-None-Match": public})
        assert response.status_code == 200, url
        expected = "private, no-cache" if url.startswith("/modul") else "no-store"
        assert response.headers["Cache-Control"] == expected, url
        assert "ETag" not in response.headers and "Cookie" in response.headers["Vary"]
        assert 'name="csrf_token"' in response.get_data(as_text=True)  # the logout form, at least


def test_a_visitor_who_keeps_progress_in_this_browser_gets_their_own_page(client, course):
    assert client.submit(LESSON + "/selesai").status_code == 303
    response = client.get(LESSON)
    page = response.get_data(as_text=True)
    assert "Pelajaran ini sudah selesai." in page
    assert response.headers.get("Cache-Control") is None and "ETag" not in response.headers
    assert "Pelajaran ini sudah selesai." not in client.application.test_client().get(LESSON).get_data(as_text=True)


def test_an_anonymous_visitor_marks_a_lesson_done_without_a_token_from_our_own_page(app, course):
    page = app.test_client().get(LESSON).get_data(as_text=True)
    assert '<form method="post" action="/modul/kenali-hoaks/apa-itu-hoaks/selesai"' in page
    for headers in ({"Sec-Fetch-Site": "same-origin"}, {"Origin": "http://localhost"},
                    {"Referer": "http://localhost" + LESSON}):
        visitor = app.test_client()
        response = visitor.post(LESSON + "/selesai", headers=headers)
        assert response.status_code == 303, headers
        assert "Pelajaran ini sudah selesai." in visitor.get(LESSON).get_data(as_text=True)


@pytest.mark.parametrize("headers", [{}, {"Sec-Fetch-Site": "cross-site"}, {"Sec-Fetch-Site": "same-site"},
                                     {"Origin": "https://evil.example"}, {"Origin": "null"},
                                     {"Referer": "https://evil.example/x"}, {"Referer": "https://localhost/x"}])
def test_a_lesson_marked_done_from_elsewhere_is_refused(client, course, headers):
    response = client.post(LESSON + "/selesai", headers=headers)
    assert response.status_code == 400 and "Formulir sudah kedaluwarsa" in response.get_data(as_text=True)
    assert client.get_cookie("literasi_session") is None


def test_a_logged_in_person_still_needs_the_token_to_mark_a_lesson_done(client, course, make_user, login):
    make_user("siti", birth_year=2010)
    login(client, "siti")
    assert client.post(LESSON + "/selesai", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 400
    assert client.submit(LESSON + "/selesai").status_code == 303


def test_the_language_link_saves_a_logged_in_persons_choice(app, client, course, make_user, login):
    from literacy.accounts.models import User
    from literacy.extensions import db

    make_user("siti", birth_year=2010)
    login(client, "siti")
    response = client.get("/bahasa/en?next=/akun")
    assert response.status_code == 303 and response.headers["Location"] == "/akun"
    with app.app_context():
        assert db.session.scalar(db.select(User.locale).where(User.username == "siti")) == "en"
    assert '<html lang="en">' in client.get("/akun").get_data(as_text=True)


def test_an_anonymous_lesson_page_from_the_kept_copy_runs_one_query(client, course, count_queries):
    client.get(LESSON)
    client.get("/modul")
    with count_queries() as queries:
        assert client.get(LESSON).status_code == 200
    assert len(queries) == 1, queries  # the module's version, which keys the kept copy
    with count_queries() as queries:
        assert client.get("/modul").status_code == 200
    assert len(queries) == 1, queries


def test_a_logged_in_lesson_page_reads_outline_and_text_from_the_kept_copy(client, course, make_user, login,
                                                                         count_queries):
    make_user("siti", birth_year=2010)
    login(client, "siti")
    client.get(LESSON)
    with count_queries() as queries:
        assert client.get(LESSON).status_code == 200
    assert len(queries) == 3, queries  # the login, the module, the lessons done


def test_nothing_is_kept_with_a_cache_size_of_zero_and_pages_are_still_public(app_factory, example_course):
    app = app_factory(PAGE_CACHE_SIZE=0)
    client = app.test_client()
    first = client.get(LESSON)
    assert first.headers["Cache-Control"] == "public, max-age=120"
    assert client.get(LESSON, headers={"If-None-Match": first.headers["ETag"]}).status_code == 304
    assert len(app.extensions["literacy_kept_pages"].pages) == 0


def test_the_kept_pages_are_bounded_and_the_least_recent_goes_first():
    kept = BoundedCache(2)
    kept.put("a", 1)
    kept.put("b", 2)
    assert kept.get("a") == 1
    kept.put("c", 3)
    assert (kept.get("a"), kept.get("b"), kept.get("c"), len(kept)) == (1, None, 3, 2)
    assert kept.get_or_make("d", lambda: 4) == 4 and kept.get("a") is None


class Clock:
    """The kept pages' clock, moved by hand."""

    def __init__(self):
        self.now = 1000.0

    def __call__(self):
        return self.now


def _flask_requests(app) -> list:
    """Every request that reaches Flask (a kept page answered in front of it adds nothing)."""
    seen = []
    app.before_request_funcs.setdefault(None, []).insert(0, lambda: seen.append(1))
    return seen


def recheck_every_second(app) -> Clock:
    kept = app.extensions["literacy_kept_pages"]
    kept.recheck, kept.clock = 1.0, Clock()
    return kept.clock


@pytest.mark.usefixtures("course")
def test_a_kept_page_is_answered_before_flask_with_no_query_until_the_recheck(app, count_queries):
    clock = recheck_every_second(app)
    reached = _flask_requests(app)
    client = app.test_client()
    first = client.get(LESSON)
    assert first.status_code == 200 and len(reached) == 1
    with count_queries() as queries:
        again = client.get(LESSON)
        not_modified = client.get(LESSON, headers={"If-None-Match": first.headers["ETag"]})
        head = client.head(LESSON)
    assert queries == [] and len(reached) == 1
    assert again.get_data() == first.get_data() and "Date" not in again.headers  # the server writes a fresh one
    assert [h for h in again.headers if h[0] != "Date"] == [h for h in first.headers if h[0] != "Date"]
    assert not_modified.status_code == 304 and not_modified.get_data() == b""
    assert not_modified.headers["ETag"] == first.headers["ETag"] and "Content-Length" not in not_modified.headers
    assert head.status_code == 200 and head.get_data() == b"" and head.headers["ETag"] == first.headers["ETag"]
    clock.now += 1
    with count_queries() as queries:
        assert client.get(LESSON).get_data() == first.get_data()
    assert len(queries) == 1 and len(reached) == 1  # the site's stamp, read again; unchanged


def test_an_import_reaches_the_kept_pages_within_the_recheck_time(app, example_course, tmp_path):
    from literacy.content.services import import_paths
    from literacy.extensions import db

    clock = recheck_every_second(app)
    client = app.test_client()
    assert "<h1>Apa Itu Hoaks?</h1>" in client.get(LESSON).get_data(as_text=True)
    folder = tmp_path / "kenali-hoaks"
    shutil.copytree(example_course / "kenali-hoaks", folder)
    lesson = folder / "01-apa-itu-hoaks.md"
    lesson.write_text(lesson.read_text().replace("title: Apa Itu Hoaks?", "title: Apa Itu Hoaks, Sebenarnya?"))
    with app.app_context():
        assert import_paths([tmp_path])[0].updated == ["kenali-hoaks"]
        db.session.remove()
    clock.now += 0.5
    assert "<h1>Apa Itu Hoaks?</h1>" in client.get(LESSON).get_data(as_text=True)  # within the second
    clock.now += 0.5
    assert "<h1>Apa Itu Hoaks, Sebenarnya?</h1>" in client.get(LESSON).get_data(as_text=True)


@pytest.mark.usefixtures("course")
def test_each_language_scheme_and_visitor_kind_gets_its_own_page(app):
    indonesian = app.test_client().get(LESSON)
    english = app.test_client().get(LESSON, headers={"Accept-Language": "en"})
    assert '<html lang="id">' in indonesian.get_data(as_text=True) and '<html lang="en">' in english.get_data(as_text=True)
    assert '<html lang="id">' in app.test_client().get(LESSON).get_data(as_text=True)  # both kept, neither mixed up
    secure = app.test_client().get(LESSON, base_url="https://localhost")
    plain = app.test_client().get(LESSON)
    assert "Strict-Transport-Security" in secure.headers and "Strict-Transport-Security" not in plain.headers
    visitor = app.test_client()
    assert visitor.submit(LESSON + "/selesai", headers={"Sec-Fetch-Site": "same-origin"}).status_code == 303
    assert "Pelajaran ini sudah selesai." in visitor.get(LESSON).get_data(as_text=True)
    assert "Pelajaran ini sudah selesai." not in app.test_client().get(LESSON).get_data(as_text=True)


@pytest.mark.usefixtures("course")
def test_only_pages_marked_shareable_are_kept(app):
    kept = app.extensions["literacy_kept_pages"]
    for url in ("/masuk", "/dampak", "/lokakarya", "/modul/tidak-ada", LESSON + "?x=%00"):
        assert app.test_client().get(url).status_code == {"/modul/tidak-ada": 404, LESSON + "?x=%00": 400}.get(url, 200), url
    assert len(kept.pages) == 0
    assert app.test_client().get(LESSON).status_code == 200
    assert len(kept.pages) == 1


@pytest.mark.usefixtures("course")
def test_without_the_stamp_flask_answers_and_the_log_says_so_once_a_while(app, caplog):
    reads = []

    def broken_stamp():
        reads.append(1)
        raise OperationalError("SELECT", {}, Exception("the database is away"))

    clock = recheck_every_second(app)
    kept = app.extensions["literacy_kept_pages"]
    kept.read_stamp = broken_stamp
    reached = _flask_requests(app)
    with caplog.at_level("WARNING", logger="literacy.caching"):
        for _ in range(3):
            response = app.test_client().get(LESSON)
            assert response.status_code == 200 and "<h1>Apa Itu Hoaks?</h1>" in response.get_data(as_text=True)
    assert len(reached) == 3 and len(reads) == 1 and len(kept.pages) == 0
    assert [r.getMessage() for r in caplog.records] == [
        "kept pages: could not read the content stamp ((builtins.Exception) the database is away); Flask answers for now"]
    clock.now += 1
    kept.read_stamp = lambda: ("back",)
    app.test_client().get(LESSON)
    assert len(kept.pages) == 1 and len(reads) == 1


def test_a_slower_older_read_of_the_stamp_never_replaces_a_newer_one(app):
    kept = KeptPages(app, app.wsgi_app, stamp=None, clock=Clock())
    kept.recheck = 1.0

    def slow_read():  # meanwhile another thread read the newer stamp, later
        kept._last = (kept.clock.now + 0.5, "newer")
        return "older"

    kept.read_stamp = slow_read
    assert kept.site_stamp() == "older"
    assert kept._last[1] == "newer"


@pytest.mark.usefixtures("course")
def test_a_head_or_a_304_first_keeps_nothing_and_the_next_visitor_gets_the_whole_page(app):
    kept = app.extensions["literacy_kept_pages"]
    etag = app.test_client().get(LESSON).headers["ETag"]
    kept.pages._items.clear()
    head = app.test_client().head(LESSON)
    assert head.status_code == 200 and head.get_data() == b"" and len(kept.pages) == 0
    assert app.test_client().get(LESSON, headers={"If-None-Match": etag}).status_code == 304
    assert len(kept.pages) == 0
    page = app.test_client().get(LESSON)
    assert "<h1>Apa Itu Hoaks?</h1>" in page.get_data(as_text=True)
    assert int(page.headers["Content-Length"]) == len(page.get_data()) and len(kept.pages) == 1


@pytest.mark.usefixtures("course")
def test_a_page_under_another_script_name_is_kept_apart(app):
    mounted = app.test_client().get(LESSON, environ_overrides={"SCRIPT_NAME": "/literasi"}).get_data(as_text=True)
    plain = app.test_client().get(LESSON).get_data(as_text=True)
    assert 'href="/literasi/modul"' in mounted and 'href="/literasi/modul"' not in plain


@pytest.mark.usefixtures("course")
def test_a_page_that_sets_a_cookie_on_the_way_out_is_not_kept(app):
    @app.after_request
    def set_a_cookie(response):
        response.set_cookie("pelacak", "1")
        return response

    assert "Set-Cookie" in app.test_client().get(LESSON).headers
    assert len(app.extensions["literacy_kept_pages"].pages) == 0


@pytest.mark.usefixtures("course")
def test_a_remembered_login_never_gets_a_kept_page(app):
    app.test_client().get(LESSON)
    reached = _flask_requests(app)
    remembered = app.test_client()
    remembered.set_cookie(app.config["REMEMBER_COOKIE_NAME"], "something")
    remembered.get(LESSON)
    app.test_client().get(LESSON)
    assert len(reached) == 1  # the remembered browser went to Flask; the plain visitor got the kept page


@pytest.mark.usefixtures("course")
def test_behind_a_proxy_https_and_http_pages_are_kept_apart(app_factory):
    app = app_factory(PROXY_FIX=1)
    secure = app.test_client().get(LESSON, headers={"X-Forwarded-Proto": "https"})
    plain = app.test_client().get(LESSON)
    secure_again = app.test_client().get(LESSON, headers={"X-Forwarded-Proto": "https"})
    assert "Strict-Transport-Security" in secure.headers and "Strict-Transport-Security" in secure_again.headers
    assert "Strict-Transport-Security" not in plain.headers
    assert len(app.extensions["literacy_kept_pages"].pages) == 2


@pytest.mark.usefixtures("course")
def test_made_up_query_arguments_are_answered_but_not_kept(app):
    kept = app.extensions["literacy_kept_pages"]
    for url in ("/modul?x=1", "/modul?pilar=cakap&utm=2", LESSON + "?x=1", "/?a=b"):
        response = app.test_client().get(url)
        assert response.status_code == 200 and response.headers["Cache-Control"] == "public, max-age=120", url
    assert len(kept.pages) == 0
    app.test_client().get("/modul?pilar=cakap&tingkat=pemula")
    assert len(kept.pages) == 1


@pytest.mark.usefixtures("course")
def test_the_stamp_is_read_only_for_pages_that_can_be_kept(app):
    kept = app.extensions["literacy_kept_pages"]
    reads = []
    real = kept.read_stamp
    kept.read_stamp = lambda: reads.append(1) or real()
    for url in ("/masuk", "/dampak", "/lokakarya", "/tidak-ada", "/modul/"):
        app.test_client().get(url)
    assert reads == []
    app.test_client().get(LESSON)
    app.test_client().get(LESSON)
    assert len(reads) == 2  # the miss reads it before rendering; the hit checks it (PUBLIC_PAGE_RECHECK=0 here)
